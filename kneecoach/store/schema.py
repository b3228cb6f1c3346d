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

import os
import sqlite3
import stat
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kneecoach.engine.files import make_private_folder
from kneecoach.store.records import LogError

FILE_NAME = "kneecoach.db"
BUSY_TIMEOUT = 5.0  # seconds a write waits for another process's transaction
SQLITE_MAGIC = b"SQLite format 3\x00"

Migration = Callable[[sqlite3.Connection], None]


def _statements(*sql: str) -> Migration:
    def run(connection: sqlite3.Connection) -> None:
        for statement in sql:
            connection.execute(statement)

    return run


# Version 1: workouts and their steps. ``done_steps`` is kept by a trigger so that
# the history screen can tell an empty workout from a real one without reading
# 400,000 steps; ``workout_doses`` is kept by another, for the same reason (charting
# doses from the steps themselves takes ~0.5 s over ten years of workouts).
# ``last_step_at`` (same trigger) dates a workout whose process was killed.
_V1 = _statements(
    """
    CREATE TABLE workouts (
        id TEXT PRIMARY KEY,
        session TEXT NOT NULL,
        title TEXT NOT NULL,
        session_hash TEXT NOT NULL DEFAULT '',
        started_at TEXT NOT NULL,
        ended_at TEXT,
        speed REAL NOT NULL DEFAULT 1 CHECK (speed > 0),
        status TEXT NOT NULL DEFAULT 'in progress' CHECK (status IN
            ('in progress', 'completed', 'finished early', 'interrupted')),
        pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
        pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
        note TEXT NOT NULL DEFAULT '',
        morning_after_pain INTEGER CHECK (morning_after_pain BETWEEN 0 AND 10),
        morning_after_asked INTEGER NOT NULL DEFAULT 0,
        resumable INTEGER NOT NULL DEFAULT 1,
        resumes TEXT REFERENCES workouts (id),
        owner TEXT NOT NULL DEFAULT '',
        done_steps INTEGER NOT NULL DEFAULT 0,
        last_step_at TEXT
    )
    """,
    "CREATE INDEX workouts_by_start ON workouts (started_at)",
    "CREATE INDEX workouts_by_session ON workouts (session, started_at)",
    """
    CREATE TABLE steps (
        id INTEGER PRIMARY KEY,
        workout_id TEXT NOT NULL REFERENCES workouts (id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        kind TEXT NOT NULL,
        exercise TEXT NOT NULL,
        part TEXT,
        side TEXT,
        set_number INTEGER,
        rep INTEGER,
        planned_seconds REAL NOT NULL,
        actual_seconds REAL NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('done', 'skipped', 'cut short', 'extended')),
        pauses INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX steps_by_workout ON steps (workout_id)",
    """
    CREATE TRIGGER steps_count_done AFTER INSERT ON steps
    BEGIN
        UPDATE workouts SET
            last_step_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
            done_steps = done_steps + (NEW.kind IN ('timed', 'hold', 'rep')
                                       AND NEW.outcome IN ('done', 'extended'))
        WHERE id = NEW.workout_id;
    END
    """,
    """
    CREATE TABLE workout_doses (
        workout_id TEXT NOT NULL REFERENCES workouts (id) ON DELETE CASCADE,
        exercise TEXT NOT NULL,
        part TEXT NOT NULL DEFAULT '',
        hold_seconds REAL,
        reps INTEGER NOT NULL,
        sets INTEGER NOT NULL,
        PRIMARY KEY (workout_id, exercise, part)
    ) WITHOUT ROWID
    """,
    # The dose one exercise (or part) reached in one workout, recomputed from that
    # workout's steps of that exercise whenever one is done: the longest hold done,
    # the most distinct reps done in one set (of one side), and how many distinct
    # set numbers had a rep done. kneecoach.services.history.dose_records says the same in Python.
    """
    CREATE TRIGGER steps_update_dose AFTER INSERT ON steps
    WHEN NEW.kind IN ('hold', 'rep') AND NEW.outcome IN ('done', 'extended')
    BEGIN
        INSERT OR REPLACE INTO workout_doses
            (workout_id, exercise, part, hold_seconds, reps, sets)
        SELECT NEW.workout_id, NEW.exercise, coalesce(NEW.part, ''),
               max(hold), max(reps), count(DISTINCT set_number)
        FROM (
            SELECT set_number, count(DISTINCT rep) AS reps,
                   max(CASE WHEN kind = 'hold' THEN actual_seconds END) AS hold
            FROM steps
            WHERE workout_id = NEW.workout_id AND exercise = NEW.exercise
              AND part IS NEW.part AND kind IN ('hold', 'rep')
              AND outcome IN ('done', 'extended')
            GROUP BY side, set_number
        );
    END
    """,
)

# Version 2: doses set by hand (`kneecoach dose`), one row per change; a reset row
# (all numbers NULL, reset = 1) hands the exercise back to the progression rule.
_V2 = _statements(
    """
    CREATE TABLE manual_doses (
        id INTEGER PRIMARY KEY,
        session TEXT NOT NULL,
        unit TEXT NOT NULL,
        set_at TEXT NOT NULL,
        hold_seconds REAL,
        reps INTEGER,
        sets INTEGER,
        reset INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX manual_doses_by_session ON manual_doses (session, set_at)",
)

MIGRATIONS: list[Migration] = [_V1, _V2]


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
    return connection


def open_database(folder: Path, busy_timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """Open (creating if need be) ``folder/kneecoach.db`` and bring its schema up to date.

    Raises ``LogError`` for an unusable folder, a damaged or newer database (after
    copying it aside), or a database another program keeps locked.
    """
    path = folder / FILE_NAME
    _prepare_folder(folder)
    _create_owner_only(path)
    _check_header(path)
    connection: sqlite3.Connection | None = None
    try:
        connection = connect(path, busy_timeout)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > latest_version():
            copy = backup(path, "newer")
            raise LogError(
                f"{path} was written by a newer kneecoach (log version {version}, this one "
                f"reads up to {latest_version()}); upgrade kneecoach. A copy is in {copy.name}"
            )
        _use_wal(connection, busy_timeout)
        migrate(connection)
        connection.execute("SELECT count(*) FROM workouts").fetchone()
    except BaseException as error:
        if connection is not None:
            connection.close()
        if isinstance(error, sqlite3.Error):
            raise describe(error, path, opening=True, busy_timeout=busy_timeout) from error
        raise
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
    opening: bool = False,
    busy_timeout: float = BUSY_TIMEOUT,
) -> LogError:
    """A one-line ``LogError`` for an SQLite error; a damaged file found while opening
    is copied aside first."""
    text = " ".join(str(error).split())
    if is_locked(error):
        return LogError(
            f"{path} is locked by another program (waited {busy_timeout:g} s); "
            "close the other kneecoach and try again"
        )
    if type(error) is sqlite3.DatabaseError or "malformed" in text or "not a database" in text:
        if opening:
            copy = backup(path, "corrupt")
            return LogError(
                f"{path} is damaged ({text}); it was left as it is, a copy is in {copy.name}"
            )
        return LogError(f"{path} is damaged ({text}); it was left as it is")
    return LogError(f"{path}: {text}")


def is_locked(error: sqlite3.Error) -> bool:
    text = str(error)
    return isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def backup(path: Path, reason: str) -> Path:
    """Copy ``path`` (and any ``-wal`` beside it) to ``path.reason-YYYYmmddTHHMMSS``, 0600."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    for attempt in range(1, 1000):
        suffix = "" if attempt == 1 else f"-{attempt}"
        target = path.with_name(f"{path.name}.{reason}-{stamp}{suffix}")
        try:
            _copy_owner_only(path, target)
            wal = path.with_name(path.name + "-wal")
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
            if stat.S_IMODE(file.stat().st_mode) & 0o077:
                file.chmod(0o600)
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
