"""Version 4 of the log: what a person chose when pain said to stop, and the sharp
pain reported during a workout. Older logs read as before and take the new
writes; every new write can be made twice with the effect of once."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from kneecoach.engine.outcomes import ExerciseOutcome, PainChoice
from kneecoach.store import schema
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import SharpPain
from kneecoach.store.writes import Write

from .helpers import T0, step


def version_3_log(folder: Path) -> None:
    """A log as kneecoach wrote it before version 4, with SQL of that time."""
    folder.mkdir(mode=0o700)
    c = sqlite3.connect(folder / "kneecoach.db", isolation_level=None)
    assert schema.migrate(c, target=3) == 3
    c.execute(
        "INSERT INTO workouts (id, session, title, started_at, ended_at, status, pain_before,"
        " pain_after, morning_after_pain, morning_after_asked) VALUES ('old', 'demo', 'Demo',"
        " '2024-05-06T07:30:00Z', '2024-05-06T07:50:00Z', 'completed', 3, 2, 1, 1)"
    )
    c.execute(
        "INSERT INTO steps (workout_id, step_index, kind, exercise, part, side, set_number, rep,"
        " planned_seconds, actual_seconds, outcome, pauses, seq, ended_at) VALUES"
        " ('old', 0, 'hold', 'wall-sit', NULL, NULL, 1, 1, 10, 10, 'done', 0, 0,"
        " '2024-05-06T07:31:00Z')"
    )
    c.close()


def test_a_version_3_log_migrates_keeps_its_workouts_and_takes_the_new_writes(folder: Path):
    version_3_log(folder)
    with WorkoutLog(folder) as log:
        assert log.connection.execute("PRAGMA user_version").fetchone()[0] == schema.latest_version()
        [old] = log.workouts()
        assert (old.pain_before, old.pain_after, old.morning_after_pain) == (3, 2, 1)
        assert old.pain_choice is None and old.morning_after_choice is None
        assert old.sharp_pain == () and old.steps_done == 1
        log.set_morning_after_choice("old", PainChoice.GENTLER)
        new = log.start_workout(
            "demo", "Demo", started_at=T0 + timedelta(days=1), pain_before=7,
            pain_choice=PainChoice.GENTLER,
        )  # fmt: skip
        log.record_step(new, step(0, side="left"))
        pain = SharpPain("wall-sit", T0 + timedelta(days=1, minutes=3), 0, None, "left")
        log.record_sharp_pain(new, pain)
        log.finish_workout(new, "completed", ended_at=T0 + timedelta(days=1, minutes=9))
        old, again = log.workouts()
        [summary] = [w for w in log.summaries() if w.id == new]  # the history screen's read
    assert old.morning_after_choice is PainChoice.GENTLER
    assert again.pain_choice is PainChoice.GENTLER and again.gentler
    assert again.sharp_pain == (pain,) and summary.sharp_pain == (pain,)
    data = again.to_json()
    assert data["pain_choice"] == "gentler"
    assert data["sharp_pain"] == [
        {
            "exercise": "wall-sit", "part": None, "side": "left",
            "at": "2024-05-07T07:33:00Z", "step_index": 0,
        }
    ]  # fmt: skip


def test_a_version_3_log_read_only_is_not_migrated_and_reads_as_version_4(folder: Path):
    version_3_log(folder)
    with WorkoutLog(folder, read_only=True) as log:
        [old] = log.workouts()
        assert old.pain_choice is None and old.sharp_pain == ()
    c = sqlite3.connect(folder / "kneecoach.db")
    assert c.execute("PRAGMA user_version").fetchone()[0] == 3
    c.close()


def test_a_choice_the_log_does_not_know_is_refused(log: WorkoutLog):
    wid = log.start_workout("demo", "Demo", started_at=T0)
    with pytest.raises(ValueError, match="must be one of gentler, stop, go on"):
        log.set_morning_after_choice(wid, "maybe")  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):  # and the database refuses it too
        log.connection.execute("UPDATE workouts SET pain_choice = 'maybe' WHERE id = ?", (wid,))


def test_the_new_writes_survive_a_recovery_file_and_count_once(log: WorkoutLog):
    wid = log.start_workout("demo", "Demo", started_at=T0)
    pain = SharpPain("clamshell", T0 + timedelta(minutes=2), 4, "band", "right")
    writes = [
        Write("sharp_pain", wid, pain.to_json()),
        Write("morning_after_choice", wid, {"choice": "stop"}),
    ]
    for write in writes * 2:  # retried, or imported after a crash
        Write.from_json(write.to_json()).apply(log)
    [workout] = log.workouts()
    assert workout.sharp_pain == (pain,)
    assert workout.morning_after_choice is PainChoice.STOP


def test_a_start_saved_by_an_older_kneecoach_still_imports(log: WorkoutLog):
    values = {
        "session": "demo",
        "title": "Demo",
        "session_hash": "",
        "speed": 1.0,
        "started_at": "2024-05-06T07:30:00Z",
        "pain_before": 2,
        "owner": "",
    }  # fmt: skip  (no pain_choice: written before version 4)
    Write("start", "w1", values).apply(log)
    [workout] = log.workouts()
    assert workout.pain_before == 2 and workout.pain_choice is None


def test_the_tallies_carry_the_sharp_pain_for_the_rule(log: WorkoutLog):
    wid = log.start_workout("demo", "Demo", started_at=T0)
    log.record_step(wid, step(0, "hold", "clamshell", "cut short", part="band", actual=2))
    log.record_step(wid, step(1, "hold", "clamshell", "skipped", part="band", actual=0))
    log.record_step(wid, step(2, "hold", "wall-sit"))
    log.record_sharp_pain(wid, SharpPain("clamshell", T0, 0, "band", "left"))
    log.finish_workout(wid, "completed", ended_at=T0 + timedelta(minutes=5))
    outcomes = {t.unit: t.outcome for t in log.unit_tallies("demo")}
    assert outcomes == {
        "clamshell/band": ExerciseOutcome.SHARP_PAIN,
        "wall-sit": ExerciseOutcome.DONE,
    }
