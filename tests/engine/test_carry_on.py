"""Carrying on an interrupted workout part-way: it begins with a get-ready before
the step it carries on, never mid-rep, and the get-ready is not a step of the plan."""

from __future__ import annotations

from kneecoach.engine import EventKind, Outcome, Workout, build_plan
from kneecoach.engine.machine import RESUME_GET_READY, get_ready_seconds
from tests.conftest import FakeClock, session_from_yaml
from tests.engine.test_machine import SESSION, kinds

# SESSION's steps: 0 timed 60 | clam: 1 prepare 10, 2 hold 5, 3 rest 3, 4 hold, ...
# 9 switch 5, 10 hold (right side) ... | step-up: 17 prepare 10, 18 rep, 19 rep, 20 rep


def carried_on(clock: FakeClock, first: int) -> Workout:
    workout = Workout(build_plan(session_from_yaml(SESSION)), clock=clock)
    workout.start(first_step=first)
    return workout


def test_it_starts_with_the_exercises_get_ready_then_the_step_carried_on(clock):
    workout = carried_on(clock, 10)  # the first hold on the right side
    tick = workout.tick()
    assert kinds(tick.events) == [EventKind.STEP_STARTED]  # no "switch sides" said
    snap = tick.snapshot
    assert (snap.step.kind, snap.step.index, snap.remaining) == ("prepare", 10, 10)
    assert (snap.step.exercise, snap.step.side, snap.step.rep) == ("clam", "right", 1)
    assert snap.next_step is not None and snap.next_step.index == 10  # up next: the hold
    position = snap.position
    clock.advance(9.5)
    assert workout.tick().snapshot.position == position  # the plan's time has not moved
    clock.advance(0.5)
    tick = workout.tick()
    assert [e.kind for e in tick.events if e.kind is not EventKind.COUNTDOWN] == [
        EventKind.STEP_STARTED
    ]  # the get-ready ends without being logged as a step
    assert (tick.snapshot.step.kind, tick.snapshot.step.index) == ("hold", 10)
    clock.advance(5)
    ended = [e for e in workout.tick().events if e.kind is EventKind.STEP_ENDED]
    assert [(e.step.index, e.outcome, e.active_seconds) for e in ended] == [(10, Outcome.DONE, 5.0)]


def test_a_get_ready_step_needs_no_get_ready_of_its_own(clock):
    workout = carried_on(clock, 17)
    assert workout.tick().snapshot.step.index == 17 and workout.step.seconds == 10
    clock.advance(10)
    assert workout.tick().snapshot.step.index == 18  # straight on: no second get-ready


def test_skip_in_the_get_ready_starts_the_step_now(clock):
    workout = carried_on(clock, 4)
    clock.advance(2)
    workout.skip_step()
    tick = workout.tick()
    assert (tick.snapshot.step.kind, tick.snapshot.step.index) == ("hold", 4)
    assert not [e for e in tick.events if e.kind is EventKind.STEP_ENDED]


def test_leaving_the_exercise_in_its_get_ready_skips_the_step_carried_on(clock):
    workout = carried_on(clock, 4)
    clock.advance(2)
    workout.next_exercise()
    ended = [e for e in workout.tick().events if e.kind is EventKind.STEP_ENDED]
    assert ended[0].step.index == 4 and ended[0].step.kind == "hold"
    assert (ended[0].outcome, ended[0].active_seconds) == (Outcome.SKIPPED, 0.0)
    assert workout.step.index == 17


def test_the_get_ready_lasts_as_the_exercises_own_or_ten_seconds(clock):
    plan = build_plan(session_from_yaml(SESSION.replace("prepare: 10", "prepare: 0")))
    assert get_ready_seconds(plan, plan.steps[3].index) == RESUME_GET_READY
    plan = build_plan(session_from_yaml(SESSION.replace("prepare: 10", "prepare: 25")))
    assert get_ready_seconds(plan, 4) == 25


def test_a_workout_started_from_the_top_has_no_extra_get_ready(clock):
    workout = carried_on(clock, 0)
    assert workout.step.kind == "timed" and workout.step.index == 0


def test_done_counts_the_steps_carried_over_and_not_the_get_ready(clock):
    from kneecoach.engine import StepRecord

    workout = Workout(build_plan(session_from_yaml(SESSION)), clock=clock)
    for index, seconds in ((0, 60.0), (1, 10.0), (2, 5.0)):  # as carry_over fills them
        workout.set_record(index, StepRecord(workout.plan.steps[index], Outcome.DONE, seconds))
    workout.start(first_step=3)
    clock.advance(2)  # in the get-ready before step 3: not a step of the plan
    assert workout.tick().snapshot.done_seconds == 75
