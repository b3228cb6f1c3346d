"""Time is derived from the clock: ticks may be regular, irregular or late, and the
session still ends where the plan says and reports the same events at the same
times."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kneecoach.services.catalog import resolve, session_dirs
from kneecoach.engine import EventKind, Workout, build_plan
from tests.conftest import FakeClock

START = 5000.0


@pytest.fixture(scope="module")
def plan():
    plan = build_plan(resolve("goodrx-runners-knee", session_dirs()))
    assert plan.total_seconds >= 30 * 60  # a real 30-minute session
    return plan


def run(plan, gaps, speed=1.0, *, snapshots=True):
    """Run to the end with ticks ``gaps`` apart (cycled); return every event.
    ``snapshots=False`` advances without building what the screen would show."""
    clock = FakeClock(START)
    workout = Workout(plan, clock=clock, speed=speed)
    workout.start()
    events = []
    i = 0
    while workout.state != "finished":
        clock.advance(gaps[i % len(gaps)])
        i += 1
        events += workout.tick().events if snapshots else workout.advance()
    return events


@pytest.fixture(scope="module")
def one_late_tick(plan):
    """The reference run: a single tick after the end reports everything."""
    return [(e.kind, e.step.index, e.seconds_left) for e in run(plan, [plan.total_seconds + 1])]


def signature(events):
    return [
        (e.kind, e.step.index if e.step else None, e.seconds_left, round(e.at, 6)) for e in events
    ]


def test_a_10hz_ticker_ends_within_a_millisecond_of_plan(plan):
    events = run(plan, [0.1])
    done = events[-1]
    assert done.kind is EventKind.SESSION_DONE
    assert abs(done.at - (START + plan.total_seconds)) < 0.001


def test_one_tick_at_the_very_end_reports_every_event_in_order(plan):
    regular = run(plan, [0.1])
    single = run(plan, [plan.total_seconds + 1])
    assert signature(single) == signature(regular)
    times = [e.at for e in single]
    assert times == sorted(times)


def test_a_tick_five_seconds_late_loses_nothing(plan):
    regular = run(plan, [0.1])
    late = run(plan, [0.1] * 300 + [5.0] + [0.1] * 50)
    assert signature(late) == signature(regular)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=0.001, max_value=7.0), min_size=1, max_size=50))
def test_irregular_ticks_end_on_plan_with_the_same_events(plan, one_late_tick, gaps):
    events = run(plan, gaps, snapshots=False)
    assert abs(events[-1].at - (START + plan.total_seconds)) < 0.001
    assert [(e.kind, e.step.index, e.seconds_left) for e in events] == one_late_tick


def test_advancing_without_snapshots_reports_what_ticks_report(plan):
    assert signature(run(plan, [0.7, 0.05], snapshots=False)) == signature(run(plan, [0.7, 0.05]))


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(min_value=0, max_value=300), st.floats(min_value=0.01, max_value=120)),
        max_size=8,
    ),
    st.sampled_from([1.0, 4.0, 60.0]),
)
def test_pauses_push_the_end_back_by_exactly_their_length(plan, pauses, speed):
    """Pause at clock offsets (absolute, sorted) for given lengths; the session ends
    at start + total / speed + the time spent paused."""
    clock = FakeClock(START)
    workout = Workout(plan, clock=clock, speed=speed)
    workout.start()
    events, paused = [], 0.0
    for offset, length in sorted(pauses):
        target = START + offset + paused
        if target > clock.now:
            clock.now = target
        events += workout.tick().events
        if workout.state == "finished":
            break
        workout.pause()
        clock.advance(length)
        assert workout.tick().snapshot.state == "paused"
        workout.resume()
        paused += length
    while workout.state != "finished":
        clock.advance(0.5)
        events += workout.tick().events
    done = events[-1]
    assert done.kind is EventKind.SESSION_DONE
    assert abs(done.at - (START + plan.total_seconds / speed + paused)) < 0.001


def test_remaining_never_grows_within_a_step(plan):
    clock = FakeClock(START)
    workout = Workout(plan, clock=clock, speed=30)
    workout.start()
    last = (0, float("inf"))
    while workout.state != "finished":
        clock.advance(0.037)
        snap = workout.tick().snapshot
        if snap.step.index == last[0]:
            assert snap.remaining <= last[1]
        last = (snap.step.index, snap.remaining)
        assert 0 <= snap.remaining <= snap.step_seconds
        assert 0 <= snap.progress <= 1
