"""The tallies the log keeps as steps are written (``workout_tallies``) say what
counting every step would say: the latest row of each step index, per exercise and
part. The reference below is the query kneecoach ran over the steps themselves
before the tallies were kept; it is what the summary screen counts."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kneecoach.store import schema
from kneecoach.store.doses import select_unit_tallies
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedStep

COUNTED_FROM_THE_STEPS = """
    WITH latest AS (
        SELECT max(s.id) AS id FROM steps s JOIN workouts w ON w.id = s.workout_id
        WHERE w.session = ? AND w.speed = 1 AND w.started_at >= ?
        GROUP BY s.workout_id, s.step_index
    )
    SELECT s.workout_id, s.exercise, coalesce(s.part, ''),
           sum(s.kind IN ('timed', 'hold', 'rep') AND s.outcome IN ('done', 'extended')),
           sum(s.kind IN ('timed', 'hold', 'rep') AND s.outcome = 'cut short'),
           sum(s.kind IN ('timed', 'hold', 'rep') AND s.outcome = 'skipped'),
           max(CASE WHEN s.kind = 'hold' THEN s.planned_seconds END),
           max(s.rep), max(s.set_number), count(DISTINCT coalesce(s.side, ''))
    FROM steps s JOIN latest ON latest.id = s.id
    WHERE s.kind != 'timed'
    GROUP BY s.workout_id, s.exercise, s.part
"""
KEPT = """
    SELECT workout_id, exercise, part, done, cut_short, skipped, hold_seconds, reps, sets,
           sides
    FROM workout_tallies
"""
T0 = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)

# A plan's step index always names the same exercise, part, side, set and rep; what
# changes when a step is logged again (the exercise restarted) is how it went.
PLAN = [
    ("prepare", "clam", None, "left", 1, 1, 5.0),
    ("hold", "clam", None, "left", 1, 1, 5.0),
    ("rest", "clam", None, "left", 1, 2, 3.0),
    ("hold", "clam", None, "left", 1, 2, 5.0),
    ("switch", "clam", None, "right", None, None, 5.0),
    ("hold", "clam", None, "right", 1, 1, 5.0),
    ("timed", "walk", None, None, None, None, 300.0),
    ("rep", "raise", "front", "left", 1, 1, 4.0),
    ("rep", "raise", "front", "left", 2, 1, 4.0),
    ("rep", "raise", "side", "left", 1, 1, 4.0),
    ("hold", "sit", None, None, 1, 1, 20.0),
    ("hold", "sit", None, None, 2, 1, 30.0),
]
OUTCOMES = st.sampled_from(["done", "skipped", "cut short", "extended"])
STEP = st.tuples(st.integers(0, len(PLAN) - 1), OUTCOMES)
WORKOUTS = st.lists(st.lists(STEP, max_size=25), min_size=1, max_size=4)


def logged(index: int, outcome: str) -> LoggedStep:
    kind, exercise, part, side, set_number, rep, seconds = PLAN[index]
    return LoggedStep(index, kind, exercise, seconds, seconds, outcome, part, side,
                      set_number, rep)  # fmt: skip


def write(log: WorkoutLog, workouts: list[list[tuple[int, str]]]) -> None:
    for number, steps in enumerate(workouts):
        start = T0 + timedelta(days=number)
        wid = log.start_workout("demo", "Demo", started_at=start)
        log.record_steps(wid, [logged(index, outcome) for index, outcome in steps])
        log.finish_workout(wid, "completed", ended_at=start + timedelta(minutes=20))


def both(connection: sqlite3.Connection) -> tuple[list[tuple], list[tuple]]:
    counted = sorted(connection.execute(COUNTED_FROM_THE_STEPS, ("demo", "")).fetchall())
    kept = sorted(connection.execute(KEPT).fetchall())
    return counted, kept


@settings(max_examples=60, deadline=None)
@given(workouts=WORKOUTS)
def test_the_tallies_kept_agree_with_counting_every_step(tmp_path_factory, workouts):
    folder = tmp_path_factory.mktemp("log")
    with WorkoutLog(folder) as log:
        write(log, workouts)
        counted, kept = both(log.connection)
        assert kept == counted
        # and the tallies the rule and the report read are those
        read = {(t.workout_id, t.unit): (t.done, t.cut_short, t.skipped)
                for t in select_unit_tallies(log.connection, "demo")}  # fmt: skip
        assert read == {
            (wid, f"{ex}/{part}" if part else ex): (done, cut, skipped)
            for wid, ex, part, done, cut, skipped, *_ in counted
        }


def test_a_log_from_before_the_tallies_gets_them_when_it_migrates(tmp_path: Path):
    restarted = [(1, "cut short"), (3, "skipped"), (1, "done"), (3, "done"), (5, "done")]
    workouts = [restarted, [(7, "done"), (8, "skipped"), (9, "extended"), (10, "done")]]
    with WorkoutLog(tmp_path) as log:
        write(log, workouts)
        expected, _ = both(log.connection)
    connection = sqlite3.connect(tmp_path / schema.FILE_NAME)
    connection.execute("DROP TRIGGER steps_update_tally")  # as version 4 had it
    connection.execute("DROP TABLE workout_tallies")
    connection.execute("PRAGMA user_version = 4")
    connection.commit()
    connection.close()
    with WorkoutLog(tmp_path) as log:
        counted, kept = both(log.connection)
    assert counted == expected and kept == expected
    clam = [row for row in kept if row[1] == "clam"]
    assert [row[3:6] for row in clam] == [(3, 0, 0)]  # the restarted holds count as done
