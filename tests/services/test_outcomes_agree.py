"""The summary screen and the progression rule classify each exercise with the same
rule (kneecoach.engine.outcomes.classify_exercise): whatever the person does, what
the summary says of an exercise is what the rule acts on."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kneecoach.engine import Workout, build_plan
from kneecoach.engine.outcomes import ExerciseOutcome, classify_exercise
from kneecoach.engine.summary import summarize
from kneecoach.services.doses import unit_result
from kneecoach.services.logbook import Logbook
from kneecoach.store.log import WorkoutLog
from tests.conftest import FakeClock, session_from_yaml

SESSION = """
id: agree
title: Agree
source: test
rests: {prepare: 2, between_reps: 1, between_sets: 3, switch_sides: 2}
exercises:
  - id: wall-sit
    name: Wall sit
    kind: strength
    steps: [Hold.]
    hold_seconds: 4
    reps: 10
  - id: clamshell
    name: Clamshell
    kind: strength
    steps: [Lift.]
    tempo_seconds: 2
    reps: 3
    sets: 2
    per_side: true
"""

class Run:
    """A workout on a fake clock whose every event reaches a real logbook."""

    def __init__(self, workout: Workout, clock: FakeClock, logbook: Logbook) -> None:
        self.workout, self.clock, self.logbook = workout, clock, logbook

    def tick(self) -> None:
        for event in self.workout.tick(self.clock()).events:
            self.logbook.handle(event, self.workout, muted=False)

    def control(self, name: str) -> None:
        getattr(self.workout, name)(self.clock())
        self.tick()

    def to(self, kind: str, nth: int, into: float) -> None:
        """On until the ``nth`` step of ``kind`` (1-based) has run ``into`` seconds."""
        steps = self.workout.plan.steps
        target = [s.index for s in steps if s.kind == kind][nth - 1]
        for _ in range(100_000):
            snapshot = self.workout.snapshot(self.clock())
            if self.workout.index == target and snapshot.elapsed >= into:
                return
            self.clock.advance(0.25)  # exact in binary: steps start on a tick
            self.tick()
        raise AssertionError(f"never reached {kind} {nth}")

    def to_the_end(self) -> None:
        self.clock.advance(10_000)
        self.tick()


def all_done(run: Run) -> None:
    run.to_the_end()


def issue_example(run: Run) -> None:
    """5 holds done, the 6th cut short by `n`, the other 4 skipped."""
    run.to("hold", 6, 1.0)
    run.control("next_exercise")
    run.to_the_end()


def finished_in_a_rest(run: Run) -> None:
    """Finished early in the rest before hold 6: nothing cut short, half done."""
    run.to("rest", 5, 0.5)
    run.control("finish")


def steps_skipped(run: Run) -> None:
    """`s` over three holds, the rest done."""
    for nth in (2, 4, 6):
        run.to("hold", nth, 0.0)
        run.control("skip_step")
    run.to_the_end()


def restarted(run: Run) -> None:
    """Cut short mid-hold by `r`, then the whole wall sit done again."""
    run.to("hold", 3, 2.0)
    run.control("restart_exercise")
    run.to_the_end()


def second_side_never_reached(run: Run) -> None:
    """Finished early during the side switch of the clamshell."""
    run.to("switch", 1, 0.5)
    run.control("finish")


DONE, PARTLY, CUT, SKIPPED = (
    ExerciseOutcome.DONE, ExerciseOutcome.PARTLY_DONE, ExerciseOutcome.CUT_SHORT,
    ExerciseOutcome.SKIPPED,
)  # fmt: skip


@pytest.mark.parametrize(
    ("drive", "expected"),
    [
        (all_done, (DONE, DONE)),
        (issue_example, (CUT, DONE)),
        (finished_in_a_rest, (PARTLY, SKIPPED)),
        (steps_skipped, (PARTLY, DONE)),
        (restarted, (DONE, DONE)),
        (second_side_never_reached, (DONE, PARTLY)),
    ],
)
def test_the_summary_and_the_rule_read_the_same_outcome(
    tmp_path, drive: Callable[[Run], None], expected: tuple[ExerciseOutcome, ExerciseOutcome]
):
    session = session_from_yaml(SESSION)
    clock = FakeClock()
    workout = Workout(build_plan(session), clock=clock)
    logbook = Logbook(tmp_path)
    logbook.begin(workout)
    workout.start(clock())
    drive(Run(workout, clock, logbook))
    logbook.close()
    rows = summarize(session.exercises, workout.records).exercises
    summary = {row.exercise.id: row.status for row in rows}
    with WorkoutLog(tmp_path) as log:
        rule = {tally.unit: unit_result(tally).outcome for tally in log.unit_tallies("agree")}
    assert (summary["wall-sit"], summary["clamshell"]) == expected
    assert {key: rule.get(key, SKIPPED) for key in summary} == summary


def test_the_issue_example_is_cut_short_in_both():
    # 10 holds planned: 5 done, 1 cut short, 4 skipped
    assert classify_exercise(10, 5, 1) is ExerciseOutcome.CUT_SHORT
    assert classify_exercise(10, 10, 0) is ExerciseOutcome.DONE
    assert classify_exercise(10, 0, 0) is ExerciseOutcome.SKIPPED
    assert classify_exercise(10, 5, 0) is ExerciseOutcome.PARTLY_DONE
