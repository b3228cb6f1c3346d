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
rests: {prepare: 2, between_exercises: 0}
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
        (33.5, 1, 0.5),  # getting ready for the step-up: the next whole second
        (35.7, 1, 0.3),  # a 4 s tempo rep: its figure and pace marker move every 0.5 s
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


def test_a_tempo_rep_wakes_the_screen_eight_times_and_a_hold_once_a_second():
    def wakes(start: float, end: float) -> int:
        count, at = 0, start
        while at < end:
            at += seconds_to_next_change(snapshot_at(at)) or 1.0
            count += 1
        return count

    assert snapshot_at(34.5).step.kind == "rep"
    assert wakes(34.01, 38.0) == 8  # one 4 s rep
    assert wakes(3.01, 13.0) == 10  # ten seconds of a hold


async def test_the_countdown_repaints_only_what_changes():
    """Same content: nothing repainted; a new second: only the cells that changed."""
    from textual.app import App

    from kneecoach.ui.widgets.countdown import Countdown

    class One(App):
        def compose(self):
            yield Countdown()

    app = One()
    async with app.run_test(size=(60, 24)) as pilot:
        countdown = app.query_one(Countdown)
        countdown.show(snapshot_at(2.3))
        await pilot.pause()
        painted = []
        original = countdown.refresh

        def counting(*regions, **kwargs):
            painted.append(regions)
            return original(*regions, **kwargs)

        countdown.refresh = counting
        countdown.show(snapshot_at(2.6))  # still 28 s: the same picture
        assert painted == []
        countdown.show(snapshot_at(3.1))  # 27 s: the second digit changes
        assert len(painted) == 1 and len(painted[0]) == 1
        region = painted[0][0]
        assert 0 < region.width < countdown.size.width
        assert region.height <= countdown.digit_rows
