"""The command palette over a workout pauses it, and its own Quit asks first; the
summary's Done goes back to the picker the workout was started from."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette

from kneecoach.ui.screens.confirm_quit import ConfirmQuit
from kneecoach.ui.screens.pain import PainPrompt
from kneecoach.ui.screens.picker import SessionPicker
from kneecoach.ui.screens.summary import SummaryScreen
from kneecoach.ui.screens.workout import WorkoutScreen
from tests.conftest import session_from_yaml
from tests.ui.test_app_pilot import SHORT, build
from tests.ui.test_logged_workouts import answer, run_to_end
from tests.ui.test_when_to_stop import app_with_log
from tests.ui.waiting import until


@pytest.fixture
def short():
    return session_from_yaml(SHORT)


async def open_palette(pilot) -> None:
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the palette")


async def test_the_palette_pauses_the_workout_while_it_is_open(short):
    app, clock, _ = build([short], start=short)
    async with app.run_test(size=(100, 30)) as pilot:
        workout = app.screen.workout
        await open_palette(pilot)
        await until(pilot, lambda: workout.state == "paused", "the workout paused")
        clock.advance(30)  # time passes while it is open: nothing runs unseen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkoutScreen) and workout.state == "running"
        assert workout.snapshot().remaining == 2  # the get-ready lost none of its 2 s


async def test_the_palettes_own_quit_goes_through_the_quit_dialog(short):
    app, clock, _ = build([short], start=short)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        workout = screen.workout
        await open_palette(pilot)
        quit_command = next(
            command
            for command in app.get_system_commands(screen)
            if command.title == "Quit" and "as soon as possible" in command.help
        )
        await pilot.press(*"quit")
        found = app.screen.query_one(CommandList)
        # the palette searches on a worker
        await until(pilot, lambda: found.highlighted is not None, "a command highlighted")
        chosen = str(found.get_option_at_index(found.highlighted).prompt)
        assert "Quit the application as soon as possible" in chosen  # Textual's own Quit
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmQuit), "the quit dialog")
        assert workout.state == "paused"
        await pilot.press("n")  # keep going
        await pilot.pause()
        assert isinstance(app.screen, WorkoutScreen) and workout.state == "running"
        await quit_command.callback()  # the same, called as the palette calls it
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit) and workout.state == "paused"


async def test_quit_from_the_palette_can_finish_and_ask_the_pain_after(tmp_path):
    app, clock, _ = app_with_log(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await answer(pilot, "2", "enter")
        await open_palette(pilot)
        await app.action_quit()  # what the palette's Quit runs
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("f")  # finish early
        # the pain-after question, as with `q`
        await until(pilot, lambda: isinstance(app.screen, PainPrompt), "the pain question")


async def test_done_goes_back_to_the_picker_it_was_started_from(tmp_path):
    app, clock, _ = app_with_log(tmp_path, from_picker=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await answer(pilot, "1", "enter")
        await run_to_end(pilot, clock)
        await answer(pilot, "1", "enter")
        await answer(pilot, "enter")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")  # Done
        await pilot.pause()
        assert isinstance(app.screen, SessionPicker)
        assert app.return_code is None  # still running: another session, the history…
        assert app.screen_stack == [app.screen]  # the workout and summary are gone


async def test_done_quits_a_workout_started_with_run(short):
    app, clock, _ = build([short], start=short)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q", "f")  # finish early: the summary
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0
