"""The workout from the mat: the countdown's size, the mat layout and its keys,
the layout remembered, every size from 60×20 to 250×70 (and a resize mid-hold),
and a whole workout of each shipped session run to its summary untouched."""

from __future__ import annotations

import stat

import pytest

from kneecoach.services.acknowledgements import MemoryAcknowledgements
from kneecoach.services.catalog import resolve, session_dirs
from kneecoach.services.display import FileLayout, MemoryLayout
from kneecoach.ui.ready_made import make_app
from kneecoach.ui.screens.summary import SummaryScreen
from kneecoach.ui.screens.workout import WorkoutScreen
from kneecoach.ui.widgets.countdown import Countdown
from kneecoach.ui.widgets.figure import FigureView
from tests.conftest import FakeClock

GOODRX = "goodrx-runners-knee"
CLEVELAND = "cleveland-clinic-runners-knee"


def build(session_id=GOODRX, layout="standard", memory=None):
    session = resolve(session_id, session_dirs())
    clock = FakeClock()
    app = make_app(
        [session],
        start=session,
        clock=clock,
        live_ticker=False,
        acknowledgements=MemoryAcknowledgements({session_id}),
        audio="off",
        layout=layout,
        layout_memory=memory,
    )
    return app, clock


async def into_first_hold(pilot, clock, seconds_in: float = 2.0) -> WorkoutScreen:
    """Past the warm-up, into the first hold of the leg raise on the back."""
    await pilot.press("n")
    screen = pilot.app.screen
    assert isinstance(screen, WorkoutScreen)
    clock.advance(screen.snapshot.remaining + seconds_in)  # past getting ready
    screen.tick()
    await pilot.pause()
    assert screen.snapshot.step.kind == "hold"
    return screen


@pytest.mark.parametrize(
    ("size", "rows"), [((80, 24), 5), ((100, 30), 9), ((200, 60), 20)], ids=str
)
async def test_the_countdown_is_as_tall_as_the_issue_asks(size, rows):
    app, clock = build()
    async with app.run_test(size=size) as pilot:
        await into_first_hold(pilot, clock)
        countdown = app.screen.query_one(Countdown)
        assert countdown.content[:2] == ("HOLD LEFT", "3")  # the side, big too
        assert countdown.digit_rows >= rows


async def test_l_switches_to_the_mat_layout_and_i_shows_the_steps():
    memory = MemoryLayout()
    app, clock = build(memory=memory)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await into_first_hold(pilot, clock)
        instructions = screen.query_one("#instructions")
        figure = screen.query_one(FigureView)
        assert instructions.display and figure.display and not screen.has_class("-mat")
        await pilot.press("i")  # no instructions key in the standard layout: they show
        assert not screen.has_class("-instructions")
        await pilot.press("l")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert screen.has_class("-mat") and not instructions.display
        assert "Three-way leg raise" in str(screen.query_one("#exercise-title").render())
        assert memory.layout == "mat" and app.display_choice.layout == "mat"
        await pilot.press("i")
        assert instructions.display and not figure.display
        await pilot.press("i")
        assert figure.display and not instructions.display
        assert screen.workout.state == "running"  # no key stops the clock
        await pilot.press("l")
        await app.workers.wait_for_complete()
        assert not screen.has_class("-mat") and memory.layout == "standard"


async def test_the_footer_names_the_layout_key_and_in_the_mat_layout_the_steps_key():
    app, clock = build(layout="mat")
    async with app.run_test(size=(80, 24)) as pilot:
        await into_first_hold(pilot, clock)
        keys = {
            active.binding.key
            for active in app.screen.active_bindings.values()
            if active.binding.show and active.enabled
        }
        assert {"l", "i", "question_mark", "q", "space"} <= keys


async def test_a_new_workout_starts_in_the_layout_last_chosen():
    app, clock = build(layout="mat")
    async with app.run_test(size=(100, 30)):
        assert app.screen.has_class("-mat")
        screen = app.flows.workout_screen(app.coach.start)
        assert screen.layout_name == "mat"


def test_the_chosen_layout_is_kept_in_the_data_folder_owner_only(tmp_path):
    memory = FileLayout(tmp_path / "data")
    assert memory.recall() is None
    memory.remember("mat")
    assert FileLayout(tmp_path / "data").recall() == "mat"
    mode = stat.S_IMODE((tmp_path / "data" / "display.json").stat().st_mode)
    assert mode == 0o600
    (tmp_path / "data" / "display.json").write_text("{not json")
    assert memory.recall() is None  # unreadable: as if nothing were remembered
    (tmp_path / "data" / "display.json").write_text('{"layout": "sideways"}')
    assert memory.recall() is None


SIZES = [(60, 20), (80, 24), (100, 30), (120, 40), (200, 60), (250, 70)]


@pytest.mark.parametrize("layout", ["standard", "mat"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_size_and_a_resize_mid_hold(layout, size):
    app, clock = build(layout=layout)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await into_first_hold(pilot, clock)
        await pilot.resize_terminal(*size)
        clock.advance(1.0)
        screen.tick()
        await pilot.pause()
        countdown = screen.query_one(Countdown)
        assert countdown.content[0] == "HOLD LEFT" and countdown.digit_rows >= 3
        assert countdown.region.height >= countdown.digit_rows
        assert screen.query_one("#counters").region.height >= 1
        figure = screen.query_one(FigureView)
        assert figure.region.height >= 4 and figure.picture() is not None
        # everything the countdown drew fits inside its region
        assert len(countdown._lines) <= countdown.region.height


@pytest.mark.parametrize(("session_id", "layout"), [(GOODRX, "mat"), (CLEVELAND, "standard")])
async def test_a_whole_workout_runs_to_the_summary_without_a_key(session_id, layout):
    """No key pressed from the first step to the summary (a log-less app asks no
    pain questions): the clock moves step by step and the screen keeps up."""
    app, clock = build(session_id, layout)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        steps = len(screen.workout.plan.steps)
        for count in range(steps + 5):
            if isinstance(app.screen, SummaryScreen):
                break
            clock.advance(screen.snapshot.remaining + 0.01)
            screen.tick()
            if count % 25 == 0:
                await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Session complete" in str(app.screen.query_one("#summary-title").render())
        assert all(record.outcome is not None for record in screen.workout.records)
