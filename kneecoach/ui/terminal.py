"""Noticing a terminal that vanished without a SIGHUP.

When its pty closes under it, Textual's input thread spins on the dead terminal
and its shutdown can wait forever on output nobody will read. The app checks its
terminal every ``interval`` seconds; once it is gone, ``on_lost`` saves the
workout, and a watchdog ends the process ``grace`` seconds later if Textual's own
shutdown has not. Both times are injectable so that a test does not wait on them.
"""

from __future__ import annotations

import os
import sys
import termios
import threading
from collections.abc import Callable

from textual.app import App

CHECK_EVERY = 5.0  # seconds: a vanished terminal is noticed quickly, with few wake-ups
GRACE = 3.0  # seconds Textual's shutdown gets before the process leaves anyway


def terminal_works() -> bool:
    """Whether stdin is a terminal that still answers (False: none, or hung up)."""
    stdin = sys.__stdin__
    if stdin is None:
        return False
    try:
        termios.tcgetattr(stdin.fileno())
    except (OSError, ValueError, termios.error):
        return False
    return True


class TerminalWatch:
    def __init__(
        self,
        interval: float | None = None,
        grace: float | None = None,
        works: Callable[[], bool] = terminal_works,
        leave: Callable[[int], object] = os._exit,
    ) -> None:
        """``interval`` and ``grace`` default to ``CHECK_EVERY`` and ``GRACE`` as
        they are when the app is made, so a test can set them for a real process."""
        self.interval = CHECK_EVERY if interval is None else interval
        self.grace = GRACE if grace is None else grace
        self.works = works
        self.leave = leave
        self.watchdog: threading.Timer | None = None

    def start(self, app: App[int], on_lost: Callable[[], None]) -> None:
        """Check every ``interval`` seconds (only when there is a terminal to lose)."""
        if not self.works():
            return

        def check() -> None:
            if self.watchdog is None and not self.works():
                on_lost()
                self.watchdog = threading.Timer(self.grace, self.leave, args=(0,))
                self.watchdog.daemon = True
                self.watchdog.start()

        app.set_interval(self.interval, check, name="terminal watch")
