"""Opening the log: owner-only files, WAL, migrations, and every kind of bad database."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from kneecoach.store import schema
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LogError

from .helpers import T0, step


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def backups(folder: Path, reason: str) -> list[Path]:
    names = folder.iterdir()
    return sorted(
        p for p in names if p.name.startswith(f"kneecoach.db.{reason}-") and "-wal" not in p.name
    )


def test_a_new_log_is_owner_only_and_in_wal_mode(folder: Path):
    log = WorkoutLog(folder)
    workout_id = log.start_workout("demo", "Demo", started_at=T0)
    log.record_step(workout_id, step())
    db = folder / "kneecoach.db"
    assert mode(folder) == 0o700
    for path in (db, folder / "kneecoach.db-wal", folder / "kneecoach.db-shm"):
        assert path.exists(), path
        assert mode(path) == 0o600, path
    assert log.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert log.connection.execute("PRAGMA user_version").fetchone()[0] == schema.latest_version()
    log.close()


def test_an_existing_loose_database_file_is_made_owner_only(folder: Path):
    WorkoutLog(folder).close()
    (folder / "kneecoach.db").chmod(0o644)
    WorkoutLog(folder).close()
    assert mode(folder / "kneecoach.db") == 0o600


def test_files_are_owner_only_even_with_a_permissive_umask(folder: Path):
    old = os.umask(0)
    try:
        log = WorkoutLog(folder)
        log.start_workout("demo", "Demo", started_at=T0)
    finally:
        os.umask(old)
    assert mode(folder) == 0o700
    for name in ("kneecoach.db", "kneecoach.db-wal", "kneecoach.db-shm"):
        assert mode(folder / name) == 0o600, name
    log.close()


def test_an_empty_file_is_taken_as_a_new_log(folder: Path):
    folder.mkdir(mode=0o700)
    (folder / "kneecoach.db").touch(mode=0o600)
    with WorkoutLog(folder) as log:
        assert log.workouts() == []


def v1_database(folder: Path) -> None:
    """A log as the first version of kneecoach wrote it: migration 1 only, with data,
    written with the SQL of that version (not with today's WorkoutLog)."""
    folder.mkdir(mode=0o700)
    connection = sqlite3.connect(folder / "kneecoach.db", isolation_level=None)
    assert schema.migrate(connection, target=1) == 1
    connection.execute(
        "INSERT INTO workouts (id, session, title, session_hash, started_at, ended_at, speed,"
        " status, pain_before, pain_after, note) VALUES"
        " ('old', 'demo', 'Demo', 'abc', '2024-05-06T07:30:00Z', '2024-05-06T07:50:00Z', 1,"
        " 'completed', 3, 2, 'fine')"
    )
    connection.execute(
        "INSERT INTO steps (workout_id, step_index, kind, exercise, part, side, set_number, rep,"
        " planned_seconds, actual_seconds, outcome, pauses) VALUES"
        " ('old', 0, 'hold', 'wall-sit', NULL, 'left', 1, 1, 10, 10, 'done', 0)"
    )
    connection.close()


def test_a_version_1_log_with_data_migrates_to_the_latest(folder: Path):
    v1_database(folder)
    with WorkoutLog(folder) as log:
        version = log.connection.execute("PRAGMA user_version").fetchone()[0]
        assert version == schema.latest_version()
        [old] = log.workouts()
    assert (old.id, old.pain_before, old.pain_after, old.note) == ("old", 3, 2, "fine")
    assert old.steps == (step(side="left"),)
    assert old.steps_done == 1
    # version 2 added the table of hand-set doses, and it works on the old log
    from kneecoach.store.doses import ManualDoseRow
    from kneecoach.store.records import utc_now

    with WorkoutLog(folder) as log:
        log.add_manual_dose(ManualDoseRow("s", "wall-sit", utc_now(), hold_seconds=20))
        assert [(row.unit, row.hold_seconds) for row in log.manual_doses("s")] == [("wall-sit", 20)]


def test_adding_a_migration_later_keeps_the_data(folder: Path, monkeypatch: pytest.MonkeyPatch):
    v1_database(folder)

    def add_dose_settings(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE dose_settings (key TEXT PRIMARY KEY, reps INTEGER)")
        connection.execute("ALTER TABLE workouts ADD COLUMN mood TEXT")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_dose_settings])
    with WorkoutLog(folder) as log:
        c = log.connection
        assert c.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
        assert c.execute("SELECT count(*) FROM dose_settings").fetchone()[0] == 0
        assert [w.id for w in log.workouts()] == ["old"]


def test_a_failing_migration_changes_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch):
    v1_database(folder)

    def half_done(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE half (x)")
        connection.execute("INSERT INTO no_such_table VALUES (1)")

    real = len(schema.MIGRATIONS)
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, half_done])
    with pytest.raises(LogError):
        WorkoutLog(folder)
    connection = sqlite3.connect(folder / "kneecoach.db")
    # the real migrations each committed on their own; the failing one left no trace
    assert connection.execute("PRAGMA user_version").fetchone()[0] == real
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "half" not in tables
    connection.close()


def damaged(folder: Path, content: bytes) -> bytes:
    folder.mkdir(mode=0o700, exist_ok=True)
    (folder / "kneecoach.db").write_bytes(content)
    return content


def a_real_log(folder: Path) -> bytes:
    log = WorkoutLog(folder)
    for _ in range(20):
        workout_id = log.start_workout("demo", "Demo " + "x" * 500, started_at=T0)
        log.record_steps(workout_id, [step(i) for i in range(50)])
    log.close()  # the last connection checkpoints and removes the -wal file
    assert not (folder / "kneecoach.db-wal").exists()
    return (folder / "kneecoach.db").read_bytes()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda folder: damaged(folder, os.urandom(8192)), id="random-bytes"),
        pytest.param(lambda folder: damaged(folder, b"SQLite format 3"), id="too-short"),
        pytest.param(lambda folder: damaged(folder, a_real_log(folder)[:12288]), id="truncated"),
        pytest.param(
            lambda folder: damaged(folder, b"SQLite format 3\x00" + os.urandom(4080)),
            id="garbage-after-the-magic",
        ),
    ],
)
def test_a_damaged_log_is_copied_aside_and_refused_but_never_replaced(folder: Path, make):
    content = make(folder)
    with pytest.raises(LogError) as caught:
        WorkoutLog(folder)
    message = str(caught.value)
    assert "\n" not in message
    assert str(folder / "kneecoach.db") in message and "damaged" in message
    [copy] = backups(folder, "corrupt")
    assert copy.name in message
    assert copy.read_bytes() == content
    assert mode(copy) == 0o600
    assert (folder / "kneecoach.db").read_bytes() == content  # untouched
    for _ in range(3):  # still refused, start after start; one copy per damage, not per start
        with pytest.raises(LogError) as again:
            WorkoutLog(folder)
        assert copy.name in str(again.value)
    assert backups(folder, "corrupt") == [copy]
    assert (folder / "kneecoach.db").read_bytes() == content
    (folder / "kneecoach.db").write_bytes(content + b"more damage")  # another damage: a copy
    with pytest.raises(LogError):
        WorkoutLog(folder)
    assert len(backups(folder, "corrupt")) == 2


def test_a_log_from_a_newer_kneecoach_is_copied_aside_and_refused(folder: Path):
    a_real_log(folder)
    connection = sqlite3.connect(folder / "kneecoach.db")
    connection.execute(f"PRAGMA user_version = {schema.latest_version() + 1}")
    connection.close()
    content = (folder / "kneecoach.db").read_bytes()
    with pytest.raises(LogError, match="newer kneecoach") as caught:
        WorkoutLog(folder)
    [copy] = backups(folder, "newer")
    assert str(folder / "kneecoach.db") in str(caught.value) and copy.name in str(caught.value)
    assert copy.read_bytes() == content and mode(copy) == 0o600
    assert (folder / "kneecoach.db").read_bytes() == content


HOLD_LOCK = textwrap.dedent(
    """
    import sqlite3, sys
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    if sys.argv[2] == "wal":
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
    connection.execute("BEGIN EXCLUSIVE")
    connection.execute("CREATE TABLE IF NOT EXISTS held (x)")
    print("locked", flush=True)
    sys.stdin.read()
    """
)


@pytest.mark.parametrize("journal", ["wal", "rollback"])
def test_a_log_locked_by_another_process_is_refused_with_a_clear_message(
    folder: Path, journal: str
):
    if journal == "wal":
        WorkoutLog(folder).close()
    else:
        folder.mkdir(mode=0o700)
    db = folder / "kneecoach.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db), journal],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(LogError) as caught:
            WorkoutLog(folder, busy_timeout=0.2)
    finally:
        holder.communicate("")
    message = str(caught.value)
    assert message == (
        f"{db} is locked by another program (waited 0.2 s); close the other kneecoach and try again"
    )
    assert backups(folder, "corrupt") == []
    with WorkoutLog(folder) as log:  # the lock is gone: the log opens
        assert log.workouts() == []


def test_a_folder_that_cannot_be_written_is_refused(folder: Path):
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere: see the next test")
    folder.mkdir(mode=0o500)
    try:
        with pytest.raises(LogError, match="cannot write to the data folder"):
            WorkoutLog(folder)
    finally:
        folder.chmod(0o700)


AS_NOBODY = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kneecoach.store.log import WorkoutLog
    from kneecoach.store.records import LogError
    for folder in sys.argv[1:]:
        try:
            WorkoutLog(Path(folder))
        except LogError as error:
            print(error)
    """
)


def test_a_folder_that_cannot_be_written_is_refused_when_running_as_root():
    """Root ignores folder permissions, so this runs the check as user ``nobody``."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv")
    nobody = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable]
    if subprocess.run([*nobody, "-c", "import kneecoach.store.log"], check=False).returncode:
        pytest.skip("user nobody cannot run this Python")
    # pytest's tmp_path is private to root, so nobody could not even look inside it
    with tempfile.TemporaryDirectory() as public:
        os.chmod(public, 0o755)
        out = subprocess.run(
            [*nobody, "-c", AS_NOBODY, public, f"{public}/inside"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    assert out == [
        f"cannot write to the data folder {public}: permission denied",
        f"cannot create the data folder {public}/inside: Permission denied",
    ]


def test_a_data_folder_that_is_a_file_is_refused(folder: Path):
    folder.write_text("not a folder")
    with pytest.raises(LogError) as caught:
        WorkoutLog(folder)
    assert str(folder) in str(caught.value)
    with pytest.raises(LogError, match="cannot create the data folder"):
        WorkoutLog(folder / "inside")


def test_damage_found_while_reading_is_a_log_error_and_the_file_is_kept(folder: Path):
    content = a_real_log(folder)
    connection = sqlite3.connect(folder / "kneecoach.db")
    try:
        pages = [row[0] for row in connection.execute(
            "SELECT pageno FROM dbstat WHERE name = 'steps' AND pagetype = 'leaf'")]  # fmt: skip
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to find the steps' pages with")
    finally:
        connection.close()
    page_size = int.from_bytes(content[16:18], "big")
    broken = bytearray(content)
    rng = random.Random(1)
    for page in pages:  # spoil the steps only: the log opens, reading steps fails
        broken[(page - 1) * page_size : page * page_size] = rng.randbytes(page_size)
    damaged(folder, bytes(broken))
    log = WorkoutLog(folder)
    for _ in range(2):
        with pytest.raises(LogError) as caught:
            log.workouts()
    log.close()
    message = str(caught.value)
    db = folder / "kneecoach.db"
    [copy] = backups(folder, "corrupt")  # set aside once, however often it is found
    assert message == (
        f"{db} is damaged (database disk image is malformed); it was left as it is,"
        f" a copy is in {copy.name}"
    )
    assert (folder / "kneecoach.db").read_bytes() == bytes(broken)
    assert copy.read_bytes() == bytes(broken)
