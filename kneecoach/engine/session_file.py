"""One session file, from its path to a checked Session: only a regular file is
read, up to 1 MB and without ever waiting, then composed (``yamlnodes``) and read
(``loader``). Every problem is a SessionFileError; warnings (text with control
characters, which is shown without them) come with the session.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from kneecoach.engine.files import FileTooLarge, NotARegularFile, read_regular_file
from kneecoach.engine.loader import read_session
from kneecoach.engine.model import Session
from kneecoach.engine.yamlnodes import (
    MAX_BYTES,
    NodeReader,
    SessionError,
    SessionFileError,
    compose,
)


@dataclass(frozen=True)
class CheckedSession:
    """A session that loaded, and what `kneecoach validate` warns about in it."""

    session: Session
    warnings: tuple[SessionError, ...] = ()


def load_session(path: str | Path) -> Session:
    """Read and validate one session file; raises SessionFileError listing every problem."""
    return check_session(path).session


def check_session(path: str | Path) -> CheckedSession:
    """``load_session``, with the warnings. Only a regular file is read, and only
    up to the size limit: a named pipe or a device is one line, never a hang."""
    name = str(path)

    def fail(message: str) -> SessionFileError:
        return SessionFileError([SessionError(name, 1, 1, message)])

    try:
        data = read_regular_file(path, MAX_BYTES)
    except FileNotFoundError:
        raise fail("no such file") from None
    except IsADirectoryError:
        raise fail("is a folder, not a session file") from None
    except NotARegularFile as exc:
        raise fail(f"is {exc.kind}, not a session file") from None
    except FileTooLarge:
        raise fail(
            f"file is too large (over {MAX_BYTES:,} bytes; a session file is at most 1 MB)"
        ) from None
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror or exc}") from None
    return check_bytes(data, name)


def parse_session(data: bytes, file: str) -> Session:
    return check_bytes(data, file).session


def check_bytes(data: bytes, file: str) -> CheckedSession:
    root = compose(data, file)
    if root is None:
        raise SessionFileError([SessionError(file, 1, 1, "file has no content, only comments")])
    reader = NodeReader(file)
    session = read_session(root, reader)
    warnings = sorted(reader.warnings, key=lambda e: (e.line, e.column))
    if reader.errors or session is None:
        raise SessionFileError(sorted(reader.errors, key=lambda e: (e.line, e.column)), warnings)
    session = replace(session, path=file, content_hash=hashlib.sha256(data).hexdigest())
    return CheckedSession(session, tuple(warnings))
