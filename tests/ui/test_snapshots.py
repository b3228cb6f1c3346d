"""Snapshot tests: what each screen looks like, at 100×30 and at 80×24; the
workout's hold, tempo rep, rest and side switch also at 200×60, in both layouts.

Every picture is taken with a fake clock and the live ticker off: the tests move
the clock and call ``WorkoutScreen.tick()`` themselves, so the digits on screen are
always the same. The accepted pictures live in ``__snapshots__/``; after a
deliberate change to the look, regenerate them with
``pytest tests/ui/test_snapshots.py --snapshot-update`` and look at every one.
"""

from __future__ import annotations

import pytest

from kneecoach.services.acknowledgements import MemoryAcknowledgements
from kneecoach.services.catalog import resolve, session_dirs
from kneecoach.ui.ready_made import make_app
from kneecoach.ui.screens.summary import SummaryScreen
from kneecoach.ui.screens.workout import WorkoutScreen
from tests.conftest import FakeClock

GOODRX = "goodrx-runners-knee"
CLEVELAND = "cleveland-clinic-runners-knee"

SIZES = pytest.mark.parametrize("terminal_size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
WORKOUT_SIZES = pytest.mark.parametrize(
    "terminal_size", [(80, 24), (100, 30), (200, 60)], ids=["80x24", "100x30", "200x60"]
)
LAYOUTS = pytest.mark.parametrize("layout", ["standard", "mat"])


def goodrx():
    return resolve(GOODRX, session_dirs())


def workout_app(session=None, acknowledged=(GOODRX,), layout="standard"):
    """The app started straight into ``session`` (GoodRx by default), no sound."""
    session = session or goodrx()
    clock = FakeClock()
    app = make_app(
        [session],
        start=session,
        clock=clock,
        live_ticker=False,
        acknowledgements=MemoryAcknowledgements(set(acknowledged)),
        audio="off",
        layout=layout,
    )
    return app, clock


async def advance(pilot, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    pilot.app.screen.tick()
    await pilot.pause()


async def run_into(pilot, clock: FakeClock, kind: str, into: float = 1.0, nth: int = 1) -> None:
    """Let time run, as it would for the user, until ``into`` seconds into the
    ``nth`` step of ``kind`` from the current one on."""
    screen = pilot.app.screen
    assert isinstance(screen, WorkoutScreen)
    steps = screen.workout.plan.steps
    current = screen.workout.index
    matches = [s.index for s in steps[current + 1 :] if s.kind == kind]
    assert len(matches) >= nth, f"no {kind} step ahead"
    target = matches[nth - 1]
    seconds = screen.snapshot.remaining + sum(s.seconds for s in steps[current + 1 : target])
    await advance(pilot, clock, seconds + into)
    assert screen.workout.index == target, (screen.workout.index, target)


async def press_next(pilot, times: int) -> None:
    for _ in range(times):
        await pilot.press("n")
    await pilot.pause()


# -- the picker ----------------------------------------------------------------------


@SIZES
def test_picker(snap_compare, terminal_size):
    sessions = [resolve(CLEVELAND, session_dirs()), goodrx()]
    sessions.sort(key=lambda s: s.title.lower())
    app = make_app(sessions, clock=FakeClock(), live_ticker=False, audio="off")
    assert snap_compare(app, terminal_size=terminal_size)


@SIZES
def test_safety_notice(snap_compare, terminal_size):
    app, _ = workout_app(acknowledged=())
    assert snap_compare(app, terminal_size=terminal_size)


# -- the workout -----------------------------------------------------------------------


@WORKOUT_SIZES
@LAYOUTS
def test_hold(snap_compare, terminal_size, layout):
    """Three-way leg raise, on the back, left leg: 2 s into the first 5 s hold."""
    app, clock = workout_app(layout=layout)

    async def run_before(pilot):
        await press_next(pilot, 1)  # past the warm-up
        await run_into(pilot, clock, "hold", into=2.0)
        assert pilot.app.screen.snapshot.step.kind == "hold"

    assert snap_compare(app, terminal_size=terminal_size, run_before=run_before)


@WORKOUT_SIZES
@LAYOUTS
def test_rest(snap_compare, terminal_size, layout):
    """The 3 s rest after the first hold, 1 s in."""
    app, clock = workout_app(layout=layout)

    async def run_before(pilot):
        await press_next(pilot, 1)
        await run_into(pilot, clock, "rest", into=1.0)
        assert pilot.app.screen.snapshot.step.kind == "rest"

    assert snap_compare(app, terminal_size=terminal_size, run_before=run_before)


@WORKOUT_SIZES
@LAYOUTS
def test_side_switch(snap_compare, terminal_size, layout):
    """Ten holds on the left leg done: switch to the right, 1 s into the switch."""
    app, clock = workout_app(layout=layout)

    async def run_before(pilot):
        await press_next(pilot, 1)
        await run_into(pilot, clock, "switch", into=1.0)
        step = pilot.app.screen.snapshot.step
        assert (step.kind, step.side) == ("switch", "right")

    assert snap_compare(app, terminal_size=terminal_size, run_before=run_before)


@SIZES
def test_paused(snap_compare, terminal_size):
    """Paused 2 s into the first hold; the clock runs on, the countdown does not."""
    app, clock = workout_app()

    async def run_before(pilot):
        await press_next(pilot, 1)
        await run_into(pilot, clock, "hold", into=2.0)
        await pilot.press("space")
        await advance(pilot, clock, 30.0)
        assert pilot.app.screen.snapshot.state == "paused"

    assert snap_compare(app, terminal_size=terminal_size, run_before=run_before)


@WORKOUT_SIZES
@LAYOUTS
def test_tempo_reps(snap_compare, terminal_size, layout):
    """Step-up plus (exercise 4, tempo 4 s): 3 s into rep 2, on the way down."""
    app, clock = workout_app(layout=layout)

    async def run_before(pilot):
        await press_next(pilot, 4)  # warm-up, leg raise, wall sit, clamshell
        await run_into(pilot, clock, "rep", into=3.0, nth=2)
        snapshot = pilot.app.screen.snapshot
        assert snapshot.exercise.id == "step-up-plus"
        assert (snapshot.step.kind, snapshot.step.rep) == ("rep", 2)

    assert snap_compare(app, terminal_size=terminal_size, run_before=run_before)


# -- the summary -------------------------------------------------------------------------


@SIZES
def test_summary(snap_compare, terminal_size):
    """The warm-up done, the leg raise cut short on its third hold, then finished
    early from the quit dialog: done, cut short and skipped rows all show."""
    app, clock = workout_app()

    async def run_before(pilot):
        await advance(pilot, clock, 300.0)  # the whole warm-up
        await run_into(pilot, clock, "hold", into=2.0, nth=3)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SummaryScreen)

    assert snap_compare(app, terminal_size=terminal_size, run_before=run_before)
