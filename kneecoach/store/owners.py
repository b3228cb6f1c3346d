"""Which process is running a workout, so that start-up can tell a workout whose
process was killed (to be marked interrupted) from one another kneecoach is running.

A workout records its owner as "host pid token"; the token is made once per process,
so a later process that happens to get the same pid is not mistaken for the owner.
"""

from __future__ import annotations

import os
import socket
import uuid

_PROCESS_TOKEN = uuid.uuid4().hex[:12]


def new_workout_id() -> str:
    """Ids are made here, not by the database, so nothing waits for an INSERT."""
    return uuid.uuid4().hex


def owner_tag() -> str:
    return f"{socket.gethostname()} {os.getpid()} {_PROCESS_TOKEN}"


def owner_gone(owner: str) -> bool:
    """Whether the process that started a workout has ended.

    Another host's workout is left alone: its process cannot be checked from here.
    On Windows any other process counts as gone (``os.kill(pid, 0)`` would end it).
    """
    try:
        host, pid_text, token = owner.rsplit(" ", 2)
        pid = int(pid_text)
    except ValueError:
        return True  # no owner recorded: nobody can be running it
    if host != socket.gethostname():
        return False
    if pid == os.getpid():
        return token != _PROCESS_TOKEN
    if os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # it exists, as another user's process
    return False
