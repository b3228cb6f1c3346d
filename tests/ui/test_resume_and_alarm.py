"""Carrying on a workout (one row, the right kind, the right questions) and the
alarm that stays on screen while the log is not being saved. Real logs in temp
folders, the app driven by Pilot on a fake clock."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime

from kneecoach.services.acknowledgements import MemoryAcknowledgements
from kneecoach.services.logbook import Logbook
from kneecoach.store.records import LogError, local_midnight, to_text
from kneecoach.store.schema import describe
from kneecoach.ui.ready_made import make_app
from kneecoach.ui.screens.confirm_quit import ConfirmQuit
from kneecoach.ui.screens.pain import PainPrompt
from kneecoach.ui.screens.resume import ResumePrompt
from kneecoach.ui.screens.safety import SafetyNotice
from kneecoach.ui.screens.summary import SummaryScreen
from kneecoach.ui.screens.workout import WorkoutScreen
from kneecoach.ui.widgets.log_alarm import LogAlarm
from tests.conftest import FakeClock, session_from_yaml
from tests.ui.test_logged_workouts import TIMED, answer, app_with_log, read, run_to_end


def app_for(folder, *, speed=1.0, acknowledged=("short",), logbook=None):
    session = session_from_yaml(TIMED)
    clock = FakeClock()
    app = make_app(
        [session], start=session, clock=clock, speed=speed, live_ticker=False,
        acknowledgements=MemoryAcknowledgements(set(acknowledged)), listeners=[],
        logbook=logbook or Logbook(folder, elsewhere=[]),
    )  # fmt: skip
    return app, clock


async def run_for(pilot, clock, seconds, step=0.5):
    screen = pilot.app.screen
    for _ in range(int(seconds / step)):
        clock.advance(step)
        screen.tick()
    await pilot.pause()


async def test_quit_leaves_the_workout_to_be_carried_on_without_asking_pain_again(tmp_path):
    app, clock = app_for(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await answer(pilot, "4", "enter")
        await run_for(pilot, clock, 7)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("y")  # quit: interrupted, not finished early
    [stopped] = read(tmp_path)
    assert (stopped.status, stopped.resumable, stopped.pain_before) == ("interrupted", True, 4)
    # it stood still since 00:01 today by its start time; its last step says when it stopped
    start = local_midnight(datetime.now().astimezone().date()).replace(minute=1)
    connection = sqlite3.connect(tmp_path / "kneecoach.db")
    connection.execute("UPDATE workouts SET started_at = ?", (to_text(start),))
    connection.commit()
    connection.close()
    last = stopped.stopped_at.astimezone().strftime("%H:%M")

    app, clock = app_for(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumePrompt)  # no pain question first
        notice = str(app.screen.query_one("#notice").render())
        assert f"stopped at {last}" in notice and last != "00:01"
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, WorkoutScreen)
        assert app.screen.workout.step.kind == "prepare"  # a get-ready, not mid-rep
        await pilot.press("space")
        await run_to_end(pilot, clock)
        assert isinstance(app.screen, PainPrompt)  # the question after is asked
        await answer(pilot, "2", "enter")
        await answer(pilot, "enter")
        assert isinstance(app.screen, SummaryScreen)
    [workout] = read(tmp_path)
    assert workout.id == stopped.id and workout.status == "completed"
    assert (workout.pain_before, workout.pain_after) == (4, 2)


async def test_a_rehearsal_is_never_offered_to_a_real_run_and_carries_on_at_its_speed(
    tmp_path,
):
    app, clock = app_for(tmp_path, speed=10)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WorkoutScreen)
        await run_for(pilot, clock, 1, step=0.1)
        app.interrupted()  # SIGTERM
    [rehearsal] = read(tmp_path)
    assert rehearsal.status == "interrupted" and rehearsal.speed == 10

    app, clock = app_for(tmp_path)  # a real run: not offered, and asked about pain
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PainPrompt)
        app.exit()

    app, clock = app_for(tmp_path, speed=3)  # another rehearsal: offered, at its speed
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumePrompt)
        assert "rehearsal ×10" in str(app.screen.query_one("#notice").render())
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, WorkoutScreen) and app.screen.workout.speed == 10
        await pilot.press("space")
        await run_to_end(pilot, clock, step=0.05, limit=2000)
        assert isinstance(app.screen, SummaryScreen)  # no pain questions in a rehearsal
    [workout] = read(tmp_path)
    assert (workout.id, workout.speed, workout.status) == (rehearsal.id, 10, "completed")
    assert workout.pain_before is None and workout.pain_after is None


async def test_carrying_on_still_shows_a_safety_notice_never_acknowledged(tmp_path):
    app, clock, _ = app_with_log(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await answer(pilot, "enter")
        app.interrupted()
    app, clock = app_for(tmp_path, acknowledged=())  # the acknowledgements were lost
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, SafetyNotice)


async def test_the_log_alarm_stays_on_every_screen_until_saving_works_again(tmp_path):
    book = Logbook(tmp_path, elsewhere=[], sleep=lambda seconds: threading.Event().wait(0.01))
    full = threading.Event()
    real = book.log.record_step

    def record_step(*args, **kwargs):
        if full.is_set():
            raise describe(sqlite3.OperationalError("database or disk is full"), book.log.path)
        return real(*args, **kwargs)

    book.log.record_step = record_step  # type: ignore[method-assign]
    app, clock = app_for(tmp_path, logbook=book)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await answer(pilot, "enter")
        full.set()
        await run_for(pilot, clock, 3)  # the get-ready ends: its step cannot be saved
        for _ in range(200):  # bounded: until the writer's thread has said so
            await pilot.pause()
            if app.screen.query(LogAlarm):
                break
            threading.Event().wait(0.01)
        [alarm] = app.screen.query(LogAlarm)
        text = str(alarm.render())
        assert "NOT BEING SAVED" in text and "disk is full" in text
        assert "free some space" in text and "1 entry kept" in text
        await pilot.press("q")  # a dialog comes over the workout: the alarm follows
        assert isinstance(app.screen, ConfirmQuit)
        app.save_alarm.keep_shown()  # what its one-second timer does
        await pilot.pause()
        assert app.screen.query(LogAlarm)
        await pilot.press("n")
        full.clear()  # room again: the step lands, the alarm goes
        for _ in range(500):
            await pilot.pause()
            if not any(s.query(LogAlarm) for s in app.screen_stack):
                break
            threading.Event().wait(0.01)
        assert not any(s.query(LogAlarm) for s in app.screen_stack)
        assert book.writer.flush(10)
    [workout] = read(tmp_path)
    assert [s.index for s in workout.steps] == [0]  # the step that ended meanwhile


async def test_a_failure_after_start_up_ends_the_app_with_its_line(tmp_path):
    app, clock = app_for(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()

        def broken() -> None:
            raise LogError(f"{tmp_path / 'kneecoach.db'} is damaged (malformed)")

        app.call_later(broken)  # as a handler meeting a damaged log would
    assert app.return_value == 1
    assert app.user_error is not None and "is damaged" in str(app.user_error)
