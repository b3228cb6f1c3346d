"""The workout state machine: controls, pauses, counters and events, on a fake clock."""

from __future__ import annotations

import pytest

from kneecoach.engine import EventKind, Outcome, Workout, build_plan
from tests.conftest import FakeClock, session_from_yaml

SESSION = """
id: t
title: T
source: test
rests: {prepare: 10, between_reps: 3, between_sets: 20, switch_sides: 5, between_exercises: 0}
warm_up: {minutes: 1, what: Walk}
exercises:
  - id: clam
    name: Clamshell
    kind: strength
    steps: [Open the knee.]
    hold_seconds: 5
    reps: 2
    sets: 2
    per_side: true
  - id: step-up
    name: Step-up
    kind: strength
    steps: [Step up.]
    reps: 3
    tempo_seconds: 4
"""
# Steps: 0 timed 60 | clam: 1 prepare 10, 2 hold, 3 rest 3, 4 hold, 5 rest 20, 6 hold,
# 7 rest 3, 8 hold, 9 switch 5, 10 hold, 11 rest, 12 hold, 13 rest 20, 14 hold,
# 15 rest, 16 hold | step-up: 17 prepare 10, 18 rep, 19 rep, 20 rep


@pytest.fixture
def workout(clock: FakeClock) -> Workout:
    w = Workout(build_plan(session_from_yaml(SESSION)), clock=clock)
    w.start()
    return w


def kinds(events):
    return [e.kind for e in events]


def go_to(workout: Workout, clock: FakeClock, index: int) -> None:
    """Run the clock until step ``index`` has just started."""
    while workout.index < index:
        clock.advance(workout.snapshot().remaining)
        workout.tick()


def test_start_reports_the_first_step_and_the_counters(workout, clock):
    tick = workout.tick()
    assert kinds(tick.events) == [EventKind.STEP_STARTED]
    snap = tick.snapshot
    assert (snap.state, snap.step.kind, snap.remaining, snap.exercise_number) == (
        "running",
        "timed",
        60,
        1,
    )
    assert snap.exercise_count == 3 and snap.next_exercise.id == "clam"
    assert snap.total == workout.plan.total_seconds and snap.progress == 0


def test_remaining_time_comes_from_the_clock(workout, clock):
    clock.advance(12.25)
    snap = workout.tick().snapshot
    assert snap.remaining == pytest.approx(47.75)
    assert snap.position == pytest.approx(12.25)


def test_step_boundaries_emit_countdown_end_and_start_in_order(workout, clock):
    workout.tick()
    clock.advance(57.5)
    assert kinds(workout.tick().events) == [EventKind.COUNTDOWN]
    clock.advance(2.5)
    tick = workout.tick()
    assert kinds(tick.events) == [
        EventKind.COUNTDOWN,
        EventKind.COUNTDOWN,
        EventKind.STEP_ENDED,
        EventKind.EXERCISE_DONE,
        EventKind.STEP_STARTED,
    ]
    assert [e.at for e in tick.events] == [1058.0, 1059.0, 1060.0, 1060.0, 1060.0]
    assert tick.events[2].outcome is Outcome.DONE
    assert tick.snapshot.step.kind == "prepare"


def test_countdown_says_three_two_one(workout, clock):
    go_to(workout, clock, 2)  # a 5 s hold
    workout.tick()
    clock.advance(5)
    events = [e for e in workout.tick().events if e.kind is EventKind.COUNTDOWN]
    assert [(e.seconds_left, e.at - (clock.now - 5)) for e in events] == [
        (3, 2.0),
        (2, 3.0),
        (1, 4.0),
    ]


def test_set_done_and_side_switch_events_arrive_with_the_boundaries(clock):
    w = Workout(build_plan(session_from_yaml(SESSION)), clock=clock)
    w.start()
    seen = []
    while w.index < 10:
        clock.advance(1)
        seen += w.tick().events
    done = [
        (e.kind, e.step.index)
        for e in seen
        if e.kind in (EventKind.SET_DONE, EventKind.SIDE_SWITCH)
    ]
    assert done == [(EventKind.SET_DONE, 4), (EventKind.SET_DONE, 8), (EventKind.SIDE_SWITCH, 9)]
    assert w.snapshot().step.side == "right"


def test_pause_freezes_the_countdown_and_pushes_the_end_back(workout, clock):
    clock.advance(10)
    workout.pause()
    assert kinds(workout.tick().events) == [EventKind.STEP_STARTED, EventKind.PAUSED]
    clock.advance(300)
    snap = workout.tick().snapshot
    assert (snap.state, snap.remaining) == ("paused", 50)
    workout.resume()
    clock.advance(49.999)
    assert workout.tick().snapshot.step.kind == "timed"
    clock.advance(0.001)
    tick = workout.tick()
    assert tick.snapshot.step.kind == "prepare"
    ended = next(e for e in tick.events if e.kind is EventKind.STEP_ENDED)
    assert ended.at == pytest.approx(1000 + 360)
    assert ended.active_seconds == pytest.approx(60)
    assert workout.records[0].pauses == 1


def test_toggle_pause(workout, clock):
    workout.toggle_pause()
    assert workout.state == "paused"
    workout.toggle_pause()
    assert workout.state == "running"


@pytest.mark.parametrize("index", [0, 1, 2, 3, 9, 18])
def test_skip_step_ends_the_step_now_whatever_its_kind(workout, clock, index):
    go_to(workout, clock, index)
    workout.tick()
    clock.advance(1)
    kind = workout.step.kind
    workout.skip_step()
    events = workout.tick().events
    ended = next(e for e in events if e.kind is EventKind.STEP_ENDED)
    assert (ended.step.index, ended.step.kind, ended.outcome) == (index, kind, Outcome.CUT_SHORT)
    assert workout.index == index + 1
    assert workout.snapshot().remaining == workout.step.seconds
    assert workout.records[index].outcome is Outcome.CUT_SHORT


def test_skip_at_once_is_recorded_as_skipped(workout, clock):
    workout.skip_step()
    assert workout.records[0].outcome is Outcome.SKIPPED
    assert workout.records[0].active_seconds == 0


@pytest.mark.parametrize("index", [0, 1, 2, 3, 9, 18])
def test_next_exercise_jumps_to_the_next_exercises_first_step(workout, clock, index):
    go_to(workout, clock, index)
    workout.next_exercise()
    expected = {0: 1, 1: 17, 2: 17, 3: 17, 9: 17}
    if index in expected:
        assert workout.index == expected[index]
        assert workout.state == "running"
    else:  # the last exercise: next means the session is over
        assert workout.state == "finished"
        assert kinds(workout.tick().events)[-1] is EventKind.SESSION_DONE


@pytest.mark.parametrize(("index", "target"), [(0, 0), (1, 0), (9, 0), (18, 1)])
def test_previous_exercise(workout, clock, index, target):
    go_to(workout, clock, index)
    workout.previous_exercise()
    assert workout.index == target


@pytest.mark.parametrize(("index", "target"), [(0, 0), (4, 1), (12, 1), (19, 17)])
def test_restart_exercise_goes_back_to_its_first_step(workout, clock, index, target):
    go_to(workout, clock, index)
    clock.advance(0.5)
    workout.restart_exercise()
    assert workout.index == target
    assert workout.snapshot().remaining == workout.step.seconds


@pytest.mark.parametrize(
    ("index", "extends"), [(0, True), (1, True), (2, True), (3, True), (9, True), (18, False)]
)
def test_extend_adds_ten_seconds_to_holds_rests_and_timed_steps(workout, clock, index, extends):
    go_to(workout, clock, index)
    clock.advance(1)
    before = workout.snapshot()
    assert workout.extend() is extends
    after = workout.snapshot()
    assert after.remaining - before.remaining == (10 if extends else 0)
    assert after.total - before.total == (10 if extends else 0)
    clock.advance(after.remaining)
    ended = next(e for e in workout.tick().events if e.kind is EventKind.STEP_ENDED)
    assert ended.outcome is (Outcome.EXTENDED if extends else Outcome.DONE)


def test_countdown_repeats_after_an_extension(workout, clock):
    go_to(workout, clock, 2)
    clock.advance(4.5)  # countdown 3, 2, 1 has fired
    workout.tick()
    workout.extend()
    clock.advance(10.5)
    tick = workout.tick()
    assert [e.seconds_left for e in tick.events if e.kind is EventKind.COUNTDOWN] == [3, 2, 1]


def test_finish_early_cuts_the_step_short_and_ends_the_session(workout, clock):
    go_to(workout, clock, 2)
    clock.advance(2)
    workout.finish()
    events = workout.tick().events
    assert kinds(events)[-2:] == [EventKind.STEP_ENDED, EventKind.SESSION_DONE]
    assert events[-1].early is True
    assert workout.state == "finished"
    outcomes = [r.outcome for r in workout.records]
    assert outcomes[:3] == [Outcome.DONE, Outcome.DONE, Outcome.CUT_SHORT]
    assert set(outcomes[3:]) == {None}
    # controls after the end do nothing and never raise
    for control in (workout.skip_step, workout.next_exercise, workout.pause, workout.finish):
        control()
    assert workout.extend() is False and workout.tick().events == []


def test_controls_while_paused_keep_the_new_step_paused(workout, clock):
    workout.pause()
    clock.advance(30)
    workout.next_exercise()
    clock.advance(100)
    snap = workout.tick().snapshot
    assert (snap.state, snap.step.index, snap.remaining) == ("paused", 1, 10)
    workout.resume()
    clock.advance(10)
    assert workout.tick().snapshot.step.index == 2


def test_speed_runs_the_session_faster_but_counts_session_seconds(clock):
    plan = build_plan(session_from_yaml(SESSION))
    w = Workout(plan, clock=clock, speed=10)
    w.start()
    clock.advance(3)
    snap = w.tick().snapshot
    assert snap.remaining == pytest.approx(30) and snap.speed == 10
    clock.advance(plan.total_seconds / 10)
    tick = w.tick()
    assert tick.events[-1].kind is EventKind.SESSION_DONE
    assert tick.events[-1].at == pytest.approx(1000 + plan.total_seconds / 10)


def test_a_whole_session_run_to_the_end(workout, clock):
    clock.advance(workout.plan.total_seconds)
    tick = workout.tick()
    assert tick.events[-1].kind is EventKind.SESSION_DONE and tick.events[-1].early is False
    assert all(r.outcome is Outcome.DONE for r in workout.records)
    assert tick.snapshot.progress == 1 and tick.snapshot.remaining_total == 0


def test_bad_arguments_are_refused():
    plan = build_plan(session_from_yaml(SESSION))
    with pytest.raises(ValueError):
        Workout(plan, clock=lambda: 0.0, speed=0)


def test_steps_jumped_over_are_reported_skipped(workout, clock):
    """`n` past the rest of an exercise: each step passed over ends, skipped, so that
    the log has a row for every step of the plan that the workout went past."""
    workout.start()
    first = workout.index
    workout.next_exercise()
    tick = workout.tick()
    ended = [e for e in tick.events if e.kind is EventKind.STEP_ENDED]
    assert [e.step.index for e in ended] == list(range(first, workout.index))
    assert {e.outcome for e in ended} == {Outcome.SKIPPED}
    assert all(workout.records[i].outcome is Outcome.SKIPPED for i in range(workout.index))


def test_done_counts_only_the_time_spent_and_left_keeps_to_the_plan(workout, clock):
    total = workout.snapshot().total
    clock.advance(20)  # 20 s of the warm-up
    workout.pause()
    clock.advance(30)  # a pause counts for nothing
    workout.resume()
    workout.skip_step()  # the other 40 s of it are skipped, not done
    snap = workout.tick().snapshot
    assert snap.done_seconds == pytest.approx(20)
    assert snap.remaining_total == pytest.approx(total - 60)  # left: the plan's rest
    clock.advance(4)
    snap = workout.tick().snapshot
    assert snap.done_seconds == pytest.approx(24)
    workout.next_exercise()  # jumped over: none of it counts
    clock.advance(1)
    assert workout.tick().snapshot.done_seconds == pytest.approx(25)


def test_done_is_in_the_session_seconds_of_a_rehearsal(clock):
    fast = Workout(build_plan(session_from_yaml(SESSION)), clock=clock, speed=10)
    fast.start()
    clock.advance(3)  # 30 session seconds of the warm-up
    fast.skip_step()
    clock.advance(0.5)
    assert fast.tick().snapshot.done_seconds == pytest.approx(35)


def test_sharp_pain_is_reported_cuts_the_step_short_and_skips_the_rest_of_the_exercise(
    workout, clock
):
    go_to(workout, clock, 2)  # the clamshell's first hold
    clock.advance(2)
    workout.tick()
    step = workout.report_sharp_pain()
    assert step is not None and (step.exercise, step.index, step.side) == ("clam", 2, "left")
    events = workout.tick().events
    assert [e.kind for e in events[:2]] == [EventKind.SHARP_PAIN, EventKind.STEP_ENDED]
    assert events[-1].kind is EventKind.STEP_STARTED and events[-1].step.index == 17
    assert workout.step.exercise == "step-up" and workout.index == 17
    assert workout.records[2].outcome is Outcome.CUT_SHORT
    assert all(workout.records[i].outcome is Outcome.SKIPPED for i in range(3, 17))
    assert [s.index for s in workout.sharp_pain] == [2]


def test_sharp_pain_comes_first_among_its_events_and_on_the_last_exercise_ends_it(clock):
    w = Workout(build_plan(session_from_yaml(SESSION)), clock=clock)
    w.start()
    w.tick()
    go_to(w, clock, 18)  # the step-up's first rep: the last exercise
    w.pause()
    w.tick()
    w.report_sharp_pain()
    events = w.advance()
    assert events[0].kind is EventKind.SHARP_PAIN and events[0].step.index == 18
    assert events[-1].kind is EventKind.SESSION_DONE and events[-1].early
    assert w.state == "finished" and w.report_sharp_pain() is None
