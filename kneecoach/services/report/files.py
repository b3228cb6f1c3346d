"""Where the report goes, and writing it: the page is the user's health data.

* It is readable by its owner only (mode 0600), however it was written.
* An existing file is never written over unless asked (``force``); then the new
  page replaces it whole (written beside it, then renamed), so the old file's
  mode and any link it was do not carry over.
* Never onto the log: not ``kneecoach.db``, its ``-wal``/``-shm``/``-journal``
  files, nor a copy kept aside (``kneecoach.db.*``), by name or through a link.
* Without a name it goes to ``kneecoach-report-DATE.html`` in the folder given
  (the current one), or ``-2``, ``-3``… beside an earlier one of the same day.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from kneecoach.engine.errors import UserError

LOG_NAME = "kneecoach.db"  # as kneecoach.store.schema.FILE_NAME, without importing SQLite
LOG_SUFFIXES = ("", "-wal", "-shm", "-journal")


class ReportError(UserError):
    """The report cannot be made or written; one line for the person."""


def default_path(folder: Path, today: date) -> Path:
    """``kneecoach-report-2024-05-15.html`` in ``folder``, numbered past any taken."""
    stem = f"kneecoach-report-{today.isoformat()}"
    path = folder / f"{stem}.html"
    number = 1
    while path.exists() or path.is_symlink():
        number += 1
        path = folder / f"{stem}-{number}.html"
    return path


def is_log_file(path: Path, log_folder: Path | None = None) -> bool:
    """Whether ``path`` is (or links to) the workout log, its journal files or a
    copy of it kept aside, wherever it is."""
    candidates = [path]
    try:
        candidates.append(path.resolve())
    except OSError:
        pass
    for candidate in candidates:
        name = candidate.name
        if name in {LOG_NAME + suffix for suffix in LOG_SUFFIXES} or name.startswith(
            LOG_NAME + "."
        ):
            return True
    if log_folder is not None and path.exists():
        for suffix in LOG_SUFFIXES:
            log_file = log_folder / (LOG_NAME + suffix)
            try:
                if log_file.exists() and path.samefile(log_file):
                    return True
            except OSError:
                continue
    return False


def check_output(path: Path, *, force: bool, log_folder: Path | None = None) -> None:
    """Refuse, in one line, a path the report must not be written to; called
    before any work so that a mistake costs nothing."""
    if is_log_file(path, log_folder):
        raise ReportError(f"{path} is the workout log (or a copy of it): choose another file")
    if path.is_dir():
        raise ReportError(f"{path} is a folder: give a file name, e.g. {path / 'report.html'}")
    if not path.parent.is_dir():
        raise ReportError(f"cannot write {path}: there is no folder {path.parent}")
    if not force and (path.exists() or path.is_symlink()):
        raise ReportError(f"{path} already exists: use --force to write over it")


def write_private(path: Path, text: str, *, force: bool) -> None:
    """Write ``text`` to ``path`` with mode 0600. Without ``force`` the file must
    not exist (checked by the system call itself, so nothing slips in between)."""
    data = text.encode("utf-8")
    try:
        if not force:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(data)
            except BaseException:
                path.unlink(missing_ok=True)  # ours: made a moment ago, half written
                raise
            return
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )  # mkstemp makes it 0600
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except FileExistsError:
        raise ReportError(f"{path} already exists: use --force to write over it") from None
    except OSError as error:
        raise ReportError(f"cannot write {path}: {error.strerror or error}") from None


def open_in_browser(path: Path) -> bool:
    """Open the page in the user's browser; False if no browser could be started."""
    import webbrowser

    try:
        return webbrowser.open(path.resolve().as_uri())
    except webbrowser.Error:
        return False
