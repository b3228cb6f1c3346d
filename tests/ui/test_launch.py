"""The app as the command line launches it: the starting screen is the first
frame, and the session, settings and log arrive after it from a worker thread."""

from __future__ import annotations

import asyncio
import time

from kneecoach.settings.launch import LaunchOptions
from kneecoach.ui.app import launch_app
from kneecoach.ui.screens.pain import PainPrompt
from kneecoach.ui.screens.picker import SessionPicker
from kneecoach.ui.screens.starting import StartingScreen
from tests.ui.test_app_pilot import SHORT


async def ready(pilot) -> None:
    """Until the worker that prepares the app has done (it starts after the first
    frame, on a thread: a bounded wait, not a timer)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        app = pilot.app
        if app._coach is not None or app.user_error is not None or not app.is_running:
            await pilot.pause()
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the app was not ready in 20 s")


async def test_the_first_frame_comes_before_anything_is_read(tmp_path):
    path = tmp_path / "short.yaml"
    path.write_text(SHORT)
    data = tmp_path / "data"
    (data).mkdir()
    (data / "acknowledged.json").write_text('{"sessions": ["short"]}')
    app = launch_app(LaunchOptions(session=str(path), data_dir=data, audio="off"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StartingScreen)
        assert app._coach is None  # nothing read yet
        await ready(pilot)
        assert app.coach.start is not None and app.coach.start.id == "short"
        assert isinstance(app.screen, PainPrompt)  # the log is open: it asks first
        assert (data / "kneecoach.db").exists()


async def test_without_a_session_the_picker_comes_over_the_starting_screen(tmp_path):
    app = launch_app(LaunchOptions(session=None, data_dir=tmp_path, audio="off"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StartingScreen)
        await ready(pilot)
        assert isinstance(app.screen, SessionPicker)
        assert {s.id for s in app.coach.sessions} >= {"goodrx-runners-knee"}


async def test_a_bad_session_file_ends_the_app_with_its_lines(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\ntitle: [\n")
    app = launch_app(LaunchOptions(session=str(path), data_dir=tmp_path, audio="off"))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
    assert app.return_value == 1
    assert app.user_error is not None
    assert [line.split(": ")[0] for line in app.user_error.lines] == [f"{path}:3:1"]
    assert not (tmp_path / "kneecoach.db").exists()  # stopped before the log was opened
