"""One workout is one row (version 3 merges the pairs older logs hold); a log read
by the commands that only read is not changed at all."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from kneecoach.services.history import dose_records
from kneecoach.store import schema
from kneecoach.store.log import WorkoutLog
from kneecoach.store.owners import owner_tag

from .helpers import T0

V2_STEP = (
    "INSERT INTO steps (workout_id, step_index, kind, exercise, part, side, set_number, rep,"
    " planned_seconds, actual_seconds, outcome, pauses) VALUES (?, ?, 'hold', 'wall-sit', NULL,"
    " NULL, ?, ?, 10, 10, 'done', 0)"
)


def version_2_log(folder: Path) -> None:
    """A log as kneecoach wrote it before version 3, with SQL of that time: a workout
    interrupted after two sets of reps, and the row that resumed it."""
    folder.mkdir(mode=0o700)
    c = sqlite3.connect(folder / "kneecoach.db", isolation_level=None)
    assert schema.migrate(c, target=2) == 2
    c.execute(
        "INSERT INTO workouts (id, session, title, started_at, ended_at, status, pain_before,"
        " resumable) VALUES ('first', 'demo', 'Demo', '2024-05-06T07:30:00Z',"
        " '2024-05-06T07:40:00Z', 'interrupted', 3, 0)"
    )
    for index, (set_number, rep) in enumerate([(1, 1), (1, 2), (2, 1)]):
        c.execute(V2_STEP, ("first", index, set_number, rep))
    c.execute(
        "INSERT INTO workouts (id, session, title, started_at, ended_at, status, pain_after,"
        " note, resumes) VALUES ('second', 'demo', 'Demo', '2024-05-06T09:00:00Z',"
        " '2024-05-06T09:05:00Z', 'completed', 2, 'fine', 'first')"
    )
    for index, (set_number, rep) in enumerate([(2, 2), (3, 1), (3, 2)], start=3):
        c.execute(V2_STEP, ("second", index, set_number, rep))
    c.execute(
        "INSERT INTO workouts (id, session, title, started_at, status)"
        " VALUES ('alone', 'demo', 'Demo', '2024-05-07T07:30:00Z', 'completed')"
    )
    c.close()


def test_a_resumed_pair_of_rows_becomes_one_workout(folder: Path):
    version_2_log(folder)
    with WorkoutLog(folder) as log:
        first, alone = log.workouts()
        assert alone.id == "alone"
        doses = log.dose_records()
    assert first.id == "first" and first.status == "completed"
    assert (first.pain_before, first.pain_after, first.note) == (3, 2, "fine")
    assert [s.index for s in first.steps] == [0, 1, 2, 3, 4, 5]
    assert first.steps_done == 6 and first.done_steps == 6
    assert first.ended_at is not None and first.ended_at.hour == 9
    assert first.away_seconds == 80 * 60  # 07:40 to 09:00, out of its length
    assert first.active_seconds == 15 * 60
    # the dose kept by the database is the merged workout's: 3 sets of 2 reps
    assert sorted(doses) == sorted(dose_records([first, alone]))
    assert [(d.reps, d.sets) for d in doses if d.workout_id == "first"] == [(2, 3)]


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file's content and mode (the -wal and -shm SQLite makes for a reader aside)."""
    found = {}
    for path in sorted(folder.iterdir()):
        if path.name.endswith(("-wal", "-shm")):
            continue
        found[path.name] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mode)
    return found


def test_reading_an_older_log_changes_nothing_and_shows_it_as_version_3_would(folder: Path):
    version_2_log(folder)
    (folder / "kneecoach.db").chmod(0o644)
    before = fingerprint(folder)
    with WorkoutLog(folder, read_only=True) as log:
        first, _ = log.workouts()
        assert [s.index for s in first.steps] == list(range(6))
    assert fingerprint(folder) == before  # not migrated, not chmodded
    c = sqlite3.connect(folder / "kneecoach.db")
    assert c.execute("PRAGMA user_version").fetchone()[0] == 2
    c.close()


def test_reading_marks_nothing_and_writing_is_refused(folder: Path):
    with WorkoutLog(folder) as log:
        gone = log.start_workout("demo", "Demo", started_at=T0)
        log.connection.execute(
            "UPDATE workouts SET owner = ? WHERE id = ?",
            (owner_tag().rsplit(" ", 2)[0] + " 2147483646 x", gone),
        )
        running = log.start_workout("demo", "Demo", started_at=T0 + timedelta(hours=1))
    before = fingerprint(folder)
    with WorkoutLog(folder, read_only=True) as log:
        shown = {w.id: w.status for w in log.summaries()}
        try:
            log.mark_interrupted_stale()
        except Exception as error:  # noqa: BLE001
            refused = str(error)
        else:
            refused = ""
    # shown as the next start will mark it, but left as it is
    assert shown == {gone: "interrupted", running: "in progress"}
    assert "read only" in refused
    assert fingerprint(folder) == before
    with WorkoutLog(folder) as log:
        assert {w.id: w.status for w in log.summaries()}[gone] == "in progress"


def test_a_log_in_a_folder_that_cannot_take_a_shm_file_is_still_read(
    folder: Path, monkeypatch: pytest.MonkeyPatch
):
    """A clean log (no -wal) on read-only media: read as it is."""
    with WorkoutLog(folder) as log:
        log.start_workout("demo", "Demo", started_at=T0)
    assert not (folder / "kneecoach.db-wal").exists()
    real = schema._connect_uri

    def no_shm(uri: str, busy_timeout: float) -> sqlite3.Connection:
        if "immutable" not in uri:  # root writes anywhere: the folder's refusal, made
            raise sqlite3.OperationalError("unable to open database file")
        return real(uri, busy_timeout)

    monkeypatch.setattr(schema, "_connect_uri", no_shm)
    with WorkoutLog(folder, read_only=True) as log:
        assert len(log.workouts()) == 1
