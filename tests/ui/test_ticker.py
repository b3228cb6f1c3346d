"""The workout ticker wakes when the display next changes, at most 10 times a second."""

from __future__ import annotations

import pytest

from kneecoach.engine import Workout, build_plan
from kneecoach.ui.screens.workout import PAST_THE_MARK, seconds_to_next_change
from tests.conftest import FakeClock, session_from_yaml

SESSION = """
id: t
title: T
source: test
rests: {prepare: 2}
exercises:
  - {id: sit, name: Wall sit, kind: strength, steps: [Hold.], hold_seconds: 30}
  - {id: up, name: Step-up, kind: strength, steps: [Step.], reps: 2, tempo_seconds: 4}
"""


def snapshot_at(seconds: float, speed: float = 1.0, paused: bool = False):
    clock = FakeClock(0.0)
    workout = Workout(build_plan(session_from_yaml(SESSION)), clock=clock, speed=speed)
    workout.start()
    clock.advance(seconds)
    if paused:
        workout.pause()
    return workout.tick().snapshot


@pytest.mark.parametrize(
    ("seconds", "speed", "wait"),
    [
        (2.3, 1, 0.7),  # 27.7 s left in the hold: the display says 28 until 27.0
        (2.75, 1, 0.25),
        (2.0, 1, 1.0),  # exactly on a second: the next change is a second away
        (2.95, 1, 0.05),  # never more often than 10 times a second
        (2.3, 2, 0.35),  # rehearsal: session seconds pass twice as fast
        (2.3, 100, 0.007),
        (33.5, 1, 0.5),  # a 4 s tempo rep, 1.5 s in: "up" turns to "down" at 2 s
    ],
)
def test_wakes_at_the_next_change(seconds, speed, wait):
    expected = min(1.0, max(0.1, wait + PAST_THE_MARK))
    assert seconds_to_next_change(snapshot_at(seconds / speed, speed)) == pytest.approx(
        expected, abs=1e-6
    )


def test_never_sleeps_longer_than_a_second_and_not_at_all_when_paused():
    assert seconds_to_next_change(snapshot_at(2.0)) <= 1.0
    assert seconds_to_next_change(snapshot_at(5.0, paused=True)) is None


async def test_text_that_grows_gets_room_for_it():
    """ "9:59 done" -> "10:00 done": a width-auto Static must be laid out again, or the
    end of the line ("left") falls off the screen."""
    from textual.app import App
    from textual.containers import Horizontal
    from textual.widgets import Static

    from kneecoach.ui.widgets.changes import show_text

    class Line(App):
        def compose(self):
            with Horizontal():
                yield Static(id="bar")
                yield Static(id="times")

        CSS = "#bar { width: 1fr; } #times { width: auto; } Horizontal { height: 1; }"

    app = Line()
    async with app.run_test(size=(40, 3)) as pilot:
        times = app.query_one("#times", Static)
        show_text(times, "9:59 done · 9:01 left")
        await pilot.pause()
        show_text(times, "10:00 done · 9:00 left")
        await pilot.pause()
        assert times.size.width == len("10:00 done · 9:00 left")
