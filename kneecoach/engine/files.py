"""Reading the files a person names, and making the folders kneecoach keeps.

Reading: only a regular file, never more than a set size, and never waiting. A
named pipe (FIFO) called ``x.yaml`` in a sessions folder, or a device, would
otherwise block ``kneecoach list`` forever at ``open`` or at ``read``; so the path
is checked before it is opened, opened without blocking, and checked again.

Folders: created readable by their owner only (0700), parents included, whatever
the umask; the workout log is health data.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


class NotARegularFile(OSError):
    """The path is a pipe, a device or a socket: nothing kneecoach reads."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"is {kind}, not a regular file")
        self.kind = kind


class FileTooLarge(OSError):
    """The file holds more than the reader allows."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"is larger than {limit:,} bytes")
        self.limit = limit


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _check(mode: int, path: str | Path) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(21, "Is a directory", str(path))
    if not stat.S_ISREG(mode):
        raise NotARegularFile(_kind(mode))


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """The whole of a regular file of at most ``limit`` bytes.

    Raises FileNotFoundError, IsADirectoryError, NotARegularFile, FileTooLarge, or
    another OSError; never blocks on a pipe or a device.
    """
    _check(os.stat(path).st_mode, path)  # a pipe is not even opened
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        _check(os.fstat(descriptor).st_mode, path)  # what was opened, not what was looked at
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # st_size can be 0 for a file that is not (/proc)
            chunk = os.read(descriptor, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(descriptor)
    if size > limit:
        raise FileTooLarge(limit)
    return b"".join(chunks)


def make_private_folder(folder: Path) -> None:
    """``folder``, and each missing parent, created with mode 0700 (owner only),
    whatever the umask. Folders already there are left as they are."""
    if folder.is_dir():
        return
    if folder.parent != folder:
        make_private_folder(folder.parent)
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        if not folder.is_dir():
            raise
        return  # made meanwhile (another kneecoach): not ours to change
    os.chmod(folder, 0o700)  # mkdir's mode passes through the umask
