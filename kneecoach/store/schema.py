"""Opening the workout log safely: owner-only files, WAL, a versioned schema.

The log is health data and the user's only copy of it, so opening it never deletes
or recreates a file. A damaged file, or one written by a newer kneecoach, is copied
aside first (``kneecoach.db.corrupt-YYYYmmddTHHMMSS``, ``.newer-...``, mode 0600)
and then refused with a ``LogError`` whose message names the file.

The schema version is ``PRAGMA user_version``. ``MIGRATIONS[n]`` takes a database
from version n to n + 1, inside one ``BEGIN IMMEDIATE`` transaction that also sets
the new version, so two processes opening a new log at once migrate it once. Adding
a table later is one more function at the end of the list.
"""

from __future__ import annotations

import glob
import hashlib
import os
import sqlite3
import stat
import time
import urllib.parse
from datetime import datetime
from pathlib import Path
from typing import Self

from kneecoach.engine.files import make_private_folder
from kneecoach.store.migrations import ALL_MIGRATIONS, Migration
from kneecoach.store.records import LogError, LogRefused

FILE_NAME = "kneecoach.db"
BUSY_TIMEOUT = 5.0  # seconds a write waits for another process's transaction
# Each step commits ~3 pages (13 KB) to the WAL. The logbook copies the WAL back into
# the log after each set and each workout (a PASSIVE checkpoint, off the UI
# thread); SQLite's own checkpoint at 1000 pages stays as a safety net. After a
# checkpoint the WAL file is cut back to this size (without it, it stays as large
# as it ever grew).
WAL_SIZE_LIMIT = 256 * 1024
SQLITE_MAGIC = b"SQLite format 3\x00"

MIGRATIONS: list[Migration] = list(ALL_MIGRATIONS)


def latest_version() -> int:
    return len(MIGRATIONS)


def migrate(connection: sqlite3.Connection, target: int | None = None) -> int:
    """Bring the schema up to ``target`` (default: the latest); returns the version."""
    target = latest_version() if target is None else target
    while True:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            if version >= target:
                connection.execute("COMMIT")
                return version
            MIGRATIONS[version](connection)
            connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise


def connect(path: Path, busy_timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """A connection with the log's settings; no checks (see ``open_database``).

    Autocommit mode: every statement outside an explicit ``BEGIN`` is committed at
    once. WAL with ``synchronous=NORMAL`` survives a killed process without losing a
    committed step, and a commit costs no fsync.
    """
    connection = sqlite3.connect(
        path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
    return connection


def connect_read_only(path: Path, busy_timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """A connection that cannot change the log (SQLite's ``mode=ro``). Reading a WAL
    database needs its ``-shm`` file, which SQLite makes as for any reader; in a
    folder where it cannot, a log with no ``-wal`` (closed cleanly: all of it is in
    the file) is read as it is (``immutable``)."""
    uri = "file:" + urllib.parse.quote(str(path.absolute())) + "?mode=ro"
    try:
        connection = _connect_uri(uri, busy_timeout)
        connection.execute("PRAGMA user_version").fetchone()
    except sqlite3.OperationalError as error:
        wal = path.with_name(path.name + "-wal")
        if "unable to open" not in str(error) or wal.exists():
            raise
        connection = _connect_uri(uri + "&immutable=1", busy_timeout)
    return connection


def _connect_uri(uri: str, busy_timeout: float) -> sqlite3.Connection:
    connection = sqlite3.connect(
        uri, uri=True, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    return connection


class _Opening:
    """A log being opened: if opening fails, the connection made so far is closed
    and an SQLite error becomes a ``LogError`` that says what to do."""

    def __init__(self, path: Path, busy_timeout: float) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self.connection: sqlite3.Connection | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, _: object
    ) -> None:
        if error is None:
            return
        if self.connection is not None:
            self.connection.close()
        if isinstance(error, sqlite3.Error):
            raise describe(error, self.path, busy_timeout=self.busy_timeout) from error


def open_read_only(folder: Path, busy_timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """Open ``folder/kneecoach.db`` to read it and change nothing: no file or folder
    made, no mode changed, no migration. A log of an older version is read through
    a copy in memory brought up to date; a damaged or newer one is refused (and
    copied aside once, as when opening it to write)."""
    path = folder / FILE_NAME
    _check_header(path)
    with _Opening(path, busy_timeout) as opening:
        connection = opening.connection = connect_read_only(path, busy_timeout)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > latest_version():
            raise _newer(path, version)
        if version < latest_version():
            copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            connection.backup(copy)
            connection.close()
            connection = opening.connection = copy
            migrate(connection)
        connection.execute("SELECT count(*) FROM workouts").fetchone()
    return connection


def _newer(path: Path, version: int) -> LogError:
    copy = backup(path, "newer")
    return LogError(
        f"{path} was written by a newer kneecoach (log version {version}, this one "
        f"reads up to {latest_version()}); upgrade kneecoach. A copy is in {copy.name}"
    )


def check_writable(connection: sqlite3.Connection, path: Path, busy_timeout: float) -> None:
    """Write to the log and commit (the schema version, rewritten as it is), so that a
    log that cannot be written (a read-only file, a full disk, a lock held) is found
    before a workout starts rather than after it."""
    try:
        connection.execute("BEGIN IMMEDIATE")
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        connection.execute(f"PRAGMA user_version = {version}")
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        problem = describe(error, path, busy_timeout=busy_timeout)
        if is_locked(error):
            raise problem from error
        raise LogError(
            f"{problem}: nothing could be saved, so no workout was started; "
            f"{fault_advice(error, path)}"
        ) from error


def fault_advice(error: BaseException, path: Path) -> str:
    """What the person can do about a write that failed."""
    text = str(error).lower()
    if "readonly" in text or "read-only" in text or "permission" in text:
        return f"make {path} and its folder writable by you (or use --data-dir)"
    if "full" in text or "no space" in text or "quota" in text:
        return f"free some space on the disk that holds {path.parent}"
    if "locked" in text or "busy" in text:
        return "close the other program that is using the log"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return f"the log is damaged; keep a copy of {path} and start another with --data-dir"
    return f"check the disk that holds {path.parent}"


def open_database(folder: Path, busy_timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """Open (creating if need be) ``folder/kneecoach.db`` and bring its schema up to date.

    Raises ``LogError`` for an unusable folder, a damaged or newer database (after
    copying it aside), or a database another program keeps locked.
    """
    path = folder / FILE_NAME
    _prepare_folder(folder)
    _create_owner_only(path)
    _check_header(path)
    with _Opening(path, busy_timeout) as opening:
        connection = opening.connection = connect(path, busy_timeout)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > latest_version():
            raise _newer(path, version)
        _use_wal(connection, busy_timeout)
        migrate(connection)
        connection.execute("SELECT count(*) FROM workouts").fetchone()
    _owner_only_files(path)
    return connection


def _use_wal(connection: sqlite3.Connection, busy_timeout: float) -> None:
    """Switch to WAL, retrying while another process holds the database: SQLite
    returns "locked" at once here, without waiting (its busy handler is not called
    when waiting could deadlock, as when two processes open a new log together)."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if not is_locked(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def describe(
    error: sqlite3.Error,
    path: Path,
    *,
    busy_timeout: float = BUSY_TIMEOUT,
) -> LogError:
    """A one-line ``LogError`` for an SQLite error; a damaged file is copied aside
    first (once: see ``backup``), whenever the damage is found."""
    text = " ".join(str(error).split())
    if is_locked(error):
        return LogError(
            f"{path} is locked by another program (waited {busy_timeout:g} s); "
            "close the other kneecoach and try again"
        )
    if isinstance(error, sqlite3.IntegrityError):
        return LogRefused(f"{path}: {text}")
    if is_damage(error):
        try:
            copy = backup(path, "corrupt")
        except LogError as failed:
            return failed
        return LogError(
            f"{path} is damaged ({text}); it was left as it is, a copy is in {copy.name}"
        )
    return LogError(f"{path}: {text}")


def is_damage(error: sqlite3.Error) -> bool:
    text = str(error)
    return type(error) is sqlite3.DatabaseError or "malformed" in text or "not a database" in text


def is_locked(error: sqlite3.Error) -> bool:
    text = str(error)
    return isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def backup(path: Path, reason: str) -> Path:
    """Copy ``path`` (and any ``-wal`` beside it) to ``path.reason-YYYYmmddTHHMMSS``, 0600.

    Once per damage: when a copy made earlier holds the same bytes, that copy is
    the answer, so starting again and again against one damaged log fills no disk.
    """
    wal = path.with_name(path.name + "-wal")
    try:
        same = _same_copy(path, wal, reason)
    except OSError:
        same = None
    if same is not None:
        return same
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    for attempt in range(1, 1000):
        suffix = "" if attempt == 1 else f"-{attempt}"
        target = path.with_name(f"{path.name}.{reason}-{stamp}{suffix}")
        try:
            _copy_owner_only(path, target)
            if wal.exists() and wal.stat().st_size > 0:
                _copy_owner_only(wal, target.with_name(target.name + "-wal"))
        except FileExistsError:
            continue
        except OSError as error:
            raise LogError(
                f"{path} cannot be used ({reason}) and no copy of it could be made"
                f" ({error.strerror}); it was left as it is"
            ) from error
        return target
    raise LogError(f"{path}: could not find a free name for a backup copy")


def _same_copy(path: Path, wal: Path, reason: str) -> Path | None:
    """An earlier copy of ``path`` (and its ``-wal``) with the very same content."""
    size = path.stat().st_size
    wal_size = wal.stat().st_size if wal.exists() else 0
    digest: str | None = None
    wal_digest: str | None = None
    for copy in sorted(path.parent.glob(f"{glob.escape(path.name)}.{reason}-*")):
        if copy.name.endswith("-wal") or copy.stat().st_size != size:
            continue
        copy_wal = copy.with_name(copy.name + "-wal")
        if (copy_wal.stat().st_size if copy_wal.exists() else 0) != wal_size:
            continue
        digest = digest or _digest(path)
        if _digest(copy) != digest:
            continue
        if wal_size:
            wal_digest = wal_digest or _digest(wal)
            if _digest(copy_wal) != wal_digest:
                continue
        return copy
    return None


def _digest(path: Path) -> str:
    with open(path, "rb") as data:
        return hashlib.file_digest(data, "sha256").hexdigest()


def _copy_owner_only(source: Path, target: Path) -> None:
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(handle, "wb") as out, open(source, "rb") as data:
        while chunk := data.read(1 << 20):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())


def _prepare_folder(folder: Path) -> None:
    try:
        make_private_folder(folder)  # its parents too (~/.local/share): 0700, any umask
    except OSError as error:
        raise LogError(f"cannot create the data folder {folder}: {error.strerror}") from error
    if not folder.is_dir():
        raise LogError(f"the data folder {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise LogError(f"cannot write to the data folder {folder}: permission denied")


def _create_owner_only(path: Path) -> None:
    """An empty file is a valid empty database: creating it ourselves sets its mode,
    and SQLite gives the -wal and -shm files the database file's mode."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError as error:
        raise LogError(f"cannot create {path}: {error.strerror}") from error


def _owner_only_files(path: Path) -> None:
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            mode = stat.S_IMODE(file.stat().st_mode)
            if mode & 0o077:  # others' bits off; a file made read-only stays so
                file.chmod(mode & 0o700)
        except FileNotFoundError:
            pass
        except OSError:
            pass  # not ours to change (another user's file): SQLite will say if it matters


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite, or shorter than its header says, before SQLite
    touches it. A ``-wal`` file may legitimately hold the rest, so then SQLite decides."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as data:
            header = data.read(100)
    except OSError as error:
        raise LogError(f"cannot read {path}: {error.strerror}") from error
    if size == 0:
        return
    problem = ""
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        problem = "file is not a database"
    else:
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        header_valid = header[24:28] == header[92:96] and pages > 0
        wal = path.with_name(path.name + "-wal")
        has_wal = wal.exists() and wal.stat().st_size > 0
        if header_valid and not has_wal and size < pages * page_size:
            problem = f"file is truncated: {size} bytes, the header says {pages * page_size}"
    if problem:
        copy = backup(path, "corrupt")
        raise LogError(
            f"{path} is damaged ({problem}); it was left as it is, a copy is in {copy.name}"
        )
