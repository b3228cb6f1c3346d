"""WorkoutLog against a real database in tmp_path: writing, reading, resuming,
morning-after questions, and what a killed process leaves behind."""

from __future__ import annotations

import os
import random
import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kneecoach.engine import StepRecord, build_plan
from kneecoach.engine.events import Outcome
from kneecoach.services.history import dose_records
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LogError, LoggedStep
from tests.conftest import session_from_yaml

from .helpers import T0, step

WORKOUT_KEYS = [
    "id", "session", "title", "started_at", "ended_at", "status", "speed", "pain_before",
    "pain_after", "morning_after_pain", "pain_choice", "morning_after_choice", "sharp_pain",
    "note", "steps",
]  # fmt: skip
STEP_KEYS = [
    "index", "kind", "exercise", "part", "side", "set", "rep", "planned_seconds",
    "actual_seconds", "outcome", "pauses",
]  # fmt: skip


def test_a_workout_and_its_steps_read_back_as_written(log: WorkoutLog):
    steps = [
        step(0, "prepare", set=1, rep=1, seconds=5),
        step(1, "hold", side="left", actual=10.0, pauses=2),
        step(2, "rest", outcome="skipped", actual=0.0),
        step(3, "rep", "clamshell", "cut short", part="band", actual=1.5, set=2, rep=3),
    ]
    workout_id = log.start_workout("demo", "Démo", "abc123", started_at=T0, pain_before=3)
    for item in steps:
        log.record_step(workout_id, item)
    log.finish_workout(workout_id, "finished early", ended_at=T0 + timedelta(minutes=12))
    log.annotate(workout_id, pain_after=4, note='sore, "a bit"\nnext line ✓')
    [read] = log.workouts()
    assert read.steps == tuple(steps)
    assert read.session_hash == "abc123" and read.steps_done == 1
    data = read.to_json()
    assert list(data) == WORKOUT_KEYS
    assert list(data["steps"][0]) == STEP_KEYS  # type: ignore[index]
    assert {k: v for k, v in data.items() if k != "steps"} == {
        "id": workout_id,
        "session": "demo",
        "title": "Démo",
        "started_at": "2024-05-06T07:30:00Z",
        "ended_at": "2024-05-06T07:42:00Z",
        "status": "finished early",
        "speed": 1.0,
        "pain_before": 3,
        "pain_after": 4,
        "morning_after_pain": None,
        "pain_choice": None,
        "morning_after_choice": None,
        "sharp_pain": [],
        "note": 'sore, "a bit"\nnext line ✓',
    }


def test_steps_come_from_the_engines_records():
    session = session_from_yaml(
        """
        id: tiny
        title: Tiny
        source: test
        exercises:
          - id: wall-sit
            name: Wall sit
            kind: strength
            steps: [Sit.]
            hold_seconds: 10
            reps: 2
        """
    )
    plan = build_plan(session)
    hold = next(s for s in plan.steps if s.kind == "hold")
    logged = LoggedStep.from_record(StepRecord(hold, Outcome.EXTENDED, 20.0, 1))
    assert (logged.kind, logged.outcome, logged.actual_seconds, logged.pauses) == (
        "hold", "extended", 20.0, 1,
    )  # fmt: skip
    with pytest.raises(ValueError, match="never reached"):
        LoggedStep.from_record(StepRecord(hold))


def test_bad_values_are_refused_before_they_reach_the_database(log: WorkoutLog):
    with pytest.raises(ValueError, match="0 to 10"):
        log.start_workout("demo", "Demo", pain_before=11)
    with pytest.raises(ValueError, match="timezone-aware"):
        log.start_workout("demo", "Demo", started_at=datetime(2024, 5, 6, 7, 30))
    with pytest.raises(ValueError, match="outcome"):
        step(outcome="finished")
    workout_id = log.start_workout("demo", "Demo", started_at=T0)
    with pytest.raises(ValueError, match="a workout ends"):
        log.finish_workout(workout_id, "in progress")
    with pytest.raises(LogError, match="FOREIGN KEY"):  # a step for no workout
        log.record_step("nobody", step())


def test_workouts_are_filtered_by_local_day_and_session_and_ordered_by_start(log: WorkoutLog):
    tz = timezone(timedelta(hours=-5))
    starts = [T0 + timedelta(days=d, hours=h) for d, h in [(2, 0), (0, 0), (1, 20), (1, 0)]]
    for index, start in enumerate(starts):
        log.start_workout("a" if index % 2 else "b", "T", started_at=start)
    assert [w.started_at for w in log.workouts()] == sorted(starts)
    # May 7 begins at 05:00 UTC in UTC-5: the 07:30 UTC workout of May 7 is in, so is
    # 2024-05-08T03:30Z (still May 7 there); May 6's is out.
    since = log.workouts(since=date(2024, 5, 7), tz=tz)
    assert [w.started_at for w in since] == sorted(starts)[1:]
    assert {w.session for w in log.workouts(session="a")} == {"a"}
    assert [w.id for w in log.summaries()] == [w.id for w in log.workouts()]


def test_unit_tallies_can_start_on_a_local_day(log: WorkoutLog):
    """A report on the last weeks counts only their steps, by the user's day."""
    tz = timezone(timedelta(hours=-5))
    for days in (0, 1, 2):  # 07:30 UTC is 02:30 in UTC-5: the same day there
        workout_id = log.start_workout("demo", "Demo", started_at=T0 + timedelta(days=days))
        log.record_steps(workout_id, [step(0, "hold"), step(1, "hold", outcome="cut short", rep=2)])
    rehearsal = log.start_workout("demo", "Demo", speed=2, started_at=T0 + timedelta(days=2))
    log.record_steps(rehearsal, [step(0, "hold")])
    assert len(log.unit_tallies("demo")) == 3
    recent = log.unit_tallies("demo", since=date(2024, 5, 7), tz=tz)
    assert [(t.unit, t.done, t.cut_short) for t in recent] == [("wall-sit", 1, 1)] * 2
    assert log.unit_tallies("demo", since=date(2024, 5, 9), tz=tz) == []
    assert log.unit_tallies("other") == []


def test_summaries_leave_the_steps_out_but_know_whether_any_work_was_done(log: WorkoutLog):
    empty = log.start_workout("demo", "Demo", started_at=T0)
    log.record_step(empty, step(0, "prepare"))
    log.record_step(empty, step(1, "hold", outcome="skipped", actual=0))
    real = log.start_workout("demo", "Demo", started_at=T0 + timedelta(hours=1))
    log.record_steps(real, [step(0, "timed"), step(1, "rep", outcome="extended")])
    by_id = {w.id: w for w in log.summaries()}
    assert by_id[empty].steps == () and by_id[empty].steps_done == 0
    assert by_id[real].steps == () and by_id[real].steps_done == 2
    assert log.workout(real).steps_done == 2  # type: ignore[union-attr]
    assert log.workout("nobody") is None


def test_the_databases_doses_agree_with_the_pure_python_ones(log: WorkoutLog):
    rng = random.Random(7)
    for day in range(30):
        workout_id = log.start_workout(
            "demo", "Demo", started_at=T0 + timedelta(days=day), speed=rng.choice([1, 1, 1, 4])
        )
        steps = []
        for index in range(60):
            steps.append(
                LoggedStep(
                    index=rng.randrange(40),  # restarts repeat indexes
                    kind=rng.choice(["hold", "rep", "rest", "timed", "prepare"]),
                    exercise=rng.choice(["wall-sit", "clamshell", "bridge"]),
                    part=rng.choice([None, "band"]),
                    side=rng.choice([None, "left", "right"]),
                    set=rng.choice([1, 2, 3]),
                    rep=rng.choice([1, 2, 3, 4]),
                    planned_seconds=10.0,
                    actual_seconds=rng.choice([5.0, 10.0, 12.5]),
                    outcome=rng.choice(["done", "skipped", "cut short", "extended"]),
                )
            )
        for item in steps[:30]:
            log.record_step(workout_id, item)
        log.record_steps(workout_id, steps[30:])
    expected = sorted(dose_records(log.workouts()))
    assert expected and sorted(log.dose_records()) == expected


def test_resuming_offers_the_latest_interrupted_workout_of_that_day_once(log: WorkoutLog):
    tz = UTC
    first = log.start_workout("demo", "Demo", started_at=T0)
    log.record_step(first, step(0))
    log.finish_workout(first, "interrupted")
    later = log.start_workout("demo", "Demo", started_at=T0 + timedelta(hours=2))
    log.record_steps(later, [step(0), step(1, rep=2)])
    log.finish_workout(later, "interrupted")
    other = log.start_workout("other", "Other", started_at=T0 + timedelta(hours=3))
    log.finish_workout(other, "interrupted")
    found = log.last_interrupted("demo", T0.date(), tz=tz)
    assert found is not None and found.id == later and len(found.steps) == 2
    assert log.last_interrupted(None, T0.date(), tz=tz).id == other  # type: ignore[union-attr]
    assert log.last_interrupted("demo", T0.date() + timedelta(days=1), tz=tz) is None
    log.close_interrupted(later)
    closed = log.workout(later)
    assert closed is not None and closed.status == "interrupted" and not closed.resumable
    assert log.last_interrupted("demo", T0.date(), tz=tz).id == first  # type: ignore[union-attr]
    stopped = log.workout(first)
    assert stopped is not None and stopped.ended_at is not None
    back = stopped.ended_at + timedelta(minutes=30)
    assert log.reopen_workout(first, interrupted_at=stopped.ended_at, at=back)
    assert not log.reopen_workout(first, interrupted_at=stopped.ended_at, at=back)  # once
    assert log.last_interrupted("demo", T0.date(), tz=tz) is None  # it is running again
    log.record_step(first, step(1, rep=2))
    log.finish_workout(first, "completed", ended_at=back + timedelta(minutes=10))
    [carried_on] = [w for w in log.workouts(session="demo") if w.id == first]
    assert carried_on.status == "completed" and [s.index for s in carried_on.steps] == [0, 1]
    assert carried_on.away_seconds == 30 * 60  # the time it stood interrupted
    assert (
        carried_on.active_seconds
        == (
            carried_on.ended_at - carried_on.started_at  # type: ignore[operator]
        ).total_seconds()
        - 30 * 60
    )


def test_a_rehearsal_is_offered_to_a_rehearsal_and_a_real_workout_to_a_real_run(
    log: WorkoutLog,
):
    real = log.start_workout("demo", "Demo", started_at=T0)
    log.finish_workout(real, "interrupted")
    rehearsal = log.start_workout("demo", "Demo", started_at=T0 + timedelta(hours=1), speed=4)
    log.finish_workout(rehearsal, "interrupted")
    assert log.last_interrupted("demo", T0.date(), tz=UTC).id == real  # type: ignore[union-attr]
    found = log.last_interrupted("demo", T0.date(), tz=UTC, rehearsal=True)
    assert found is not None and found.id == rehearsal and found.speed == 4


def test_only_workouts_of_processes_that_are_gone_become_interrupted(log: WorkoutLog):
    mine = log.start_workout("demo", "Demo", started_at=T0)
    dead = log.start_workout("demo", "Demo", started_at=T0)
    reused_pid = log.start_workout("demo", "Demo", started_at=T0)
    elsewhere = log.start_workout("demo", "Demo", started_at=T0)
    host = socket.gethostname()
    c = log.connection
    c.execute("UPDATE workouts SET owner = ? WHERE id = ?", (f"{host} 2147483646 x", dead))
    c.execute("UPDATE workouts SET owner = ? WHERE id = ?", (f"{host} {os.getpid()} x", reused_pid))
    c.execute("UPDATE workouts SET owner = 'another-host 1 x' WHERE id = ?", (elsewhere,))
    assert sorted(log.mark_interrupted_stale()) == sorted([dead, reused_pid])
    status = {w.id: w.status for w in log.workouts()}
    assert status == {
        mine: "in progress",
        dead: "interrupted",
        reused_pid: "interrupted",
        elsewhere: "in progress",
    }
    assert log.workout(dead).ended_at == T0  # type: ignore[union-attr]  (no step: its start)


def test_a_workout_another_running_process_owns_is_left_alone(log: WorkoutLog):
    other = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                             stdin=subprocess.PIPE)  # fmt: skip
    workout_id = log.start_workout("demo", "Demo", started_at=T0)
    owner = f"{socket.gethostname()} {other.pid} token-of-the-other-process"
    log.connection.execute("UPDATE workouts SET owner = ? WHERE id = ?", (owner, workout_id))
    try:
        assert log.mark_interrupted_stale() == []
    finally:
        other.communicate(b"")
    assert log.mark_interrupted_stale() == [workout_id]


KILLED = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kneecoach.store.log import WorkoutLog
    from tests.store.helpers import step
    log = WorkoutLog(Path(sys.argv[1]))
    workout_id = log.start_workout("demo", "Demo")
    for index in range(25):
        log.record_step(workout_id, step(index, rep=index + 1))
    print(workout_id, flush=True)
    sys.stdin.read()
    """
)


def test_a_killed_process_loses_no_committed_step(folder: Path):
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
    )
    assert child.stdout is not None
    workout_id = child.stdout.readline().strip()
    child.kill()  # SIGKILL: no clean-up, no checkpoint; the -wal file stays behind
    child.wait()
    assert (folder / "kneecoach.db-wal").exists()
    with WorkoutLog(folder) as log:
        assert log.workout(workout_id).status == "in progress"  # type: ignore[union-attr]
        assert log.mark_interrupted_stale() == [workout_id]
        found = log.last_interrupted("demo", datetime.now(UTC).astimezone().date())
        assert found is not None and found.id == workout_id
        assert [s.index for s in found.steps] == list(range(25))
        assert found.ended_at is not None and found.ended_at >= found.started_at


def test_the_morning_after_question_is_asked_once_about_the_latest_real_workout(
    log: WorkoutLog,
):
    def done(start: datetime, *, speed: float = 1.0, status: str = "completed") -> str:
        workout_id = log.start_workout("demo", "Demo", started_at=start, speed=speed)
        log.finish_workout(workout_id, status, ended_at=start + timedelta(minutes=30))
        return workout_id

    assert log.pending_morning_after(T0) is None
    monday = done(T0)
    ended = T0 + timedelta(minutes=30)
    assert log.pending_morning_after(ended + timedelta(hours=23)) is None
    assert log.pending_morning_after(ended + timedelta(hours=24)).id == monday  # type: ignore[union-attr]
    done(T0 + timedelta(hours=3), speed=4)  # a rehearsal is never asked about
    done(T0 + timedelta(hours=4), status="interrupted")  # nor an interrupted workout
    assert log.pending_morning_after(ended + timedelta(hours=30)).id == monday  # type: ignore[union-attr]
    log.set_morning_after(monday, 2)
    assert log.workout(monday).morning_after_pain == 2  # type: ignore[union-attr]
    assert log.pending_morning_after(ended + timedelta(hours=30)) is None
    tuesday = done(T0 + timedelta(days=1))
    wednesday = T0 + timedelta(days=2, hours=1)
    assert log.pending_morning_after(wednesday).id == tuesday  # type: ignore[union-attr]
    log.set_morning_after(tuesday, None)  # skipped: not asked again
    skipped = log.workout(tuesday)
    assert skipped.morning_after_asked and skipped.morning_after_pain is None  # type: ignore[union-attr]
    assert log.pending_morning_after(wednesday) is None
    done(T0 + timedelta(days=2, minutes=50), status="finished early")  # too recent to ask
    monday_2 = done(T0 + timedelta(days=1, hours=2))  # older than the latest
    assert log.pending_morning_after(wednesday + timedelta(hours=12)) is None
    assert log.workout(monday_2).morning_after_asked is False  # type: ignore[union-attr]


def test_each_thread_gets_its_own_connection_closed_after_the_thread_ends(log: WorkoutLog):
    workout_id = log.start_workout("demo", "Demo", started_at=T0)
    seen: list[sqlite3.Connection] = []

    def in_a_worker_thread() -> None:
        log.record_step(workout_id, step())
        seen.append(log.connection)

    for _ in range(3):
        thread = threading.Thread(target=in_a_worker_thread)
        thread.start()
        thread.join()
    assert len(set(map(id, seen))) == 3 and log.connection not in seen
    assert log.workout(workout_id).steps_done == 3  # type: ignore[union-attr]
    with pytest.raises(sqlite3.ProgrammingError):  # the first two threads' were closed
        seen[0].execute("SELECT 1")
    assert seen[-1].execute("SELECT 1").fetchone() == (1,)
