"""Workouts run through the app with a real log in a temporary folder.

The full record of a session (pain, every step, status), SIGTERM/SIGHUP saving an
interrupted workout, resuming it, the morning-after question, rehearsals.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kneecoach.engine import build_plan
from kneecoach.services.acknowledgements import MemoryAcknowledgements
from kneecoach.services.logbook import Logbook
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedStep
from kneecoach.ui.ready_made import make_app
from kneecoach.ui.screens.pain import PainPrompt
from kneecoach.ui.screens.resume import ResumePrompt
from kneecoach.ui.screens.summary import SummaryScreen
from kneecoach.ui.screens.when_to_stop import WhenToStop
from kneecoach.ui.screens.workout import WorkoutScreen
from tests.conftest import FakeClock, session_from_yaml
from tests.ui.test_app_pilot import SHORT

TIMED = SHORT.replace("    self_paced: true\n", "    tempo_seconds: 2\n")


def app_with_log(folder, *, speed=1.0, clock=None):
    session = session_from_yaml(TIMED)
    clock = clock or FakeClock()
    app = make_app(
        [session],
        start=session,
        clock=clock,
        speed=speed,
        live_ticker=False,
        acknowledgements=MemoryAcknowledgements({"short"}),
        listeners=[],
        logbook=Logbook(folder),
    )
    return app, clock, session


async def run_to_end(pilot, clock, step=0.5, limit=400):
    for _ in range(limit):
        screen = pilot.app.screen
        if not isinstance(screen, WorkoutScreen):
            return
        clock.advance(step)
        screen.tick()
        await pilot.pause()
    raise AssertionError("the workout did not end")


async def answer(pilot, *keys):
    assert isinstance(pilot.app.screen, PainPrompt)
    await pilot.press(*keys)
    await pilot.pause()


def read(folder):
    with WorkoutLog(folder) as log:
        return log.workouts()


async def test_a_whole_workout_is_logged_with_pain_and_note(tmp_path):
    app, clock, session = app_with_log(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Knee pain right now" in str(app.screen.query_one("#dialog-title").render())
        await answer(pilot, "2", "enter")
        assert isinstance(app.screen, WorkoutScreen)
        await run_to_end(pilot, clock)
        await answer(pilot, "1", "enter")  # the score, then on to the note
        await answer(pilot, *"sore, then fine", "enter")
        assert isinstance(app.screen, SummaryScreen)
        summary = str(app.screen.query_one("#summary-time").render())
        assert "Knee pain: 2/10 before, 1/10 after" in summary and "sore, then fine" in summary
        app.coach.logbook.writer.flush()
        [workout] = read(tmp_path)
    assert (workout.status, workout.pain_before, workout.pain_after) == ("completed", 2, 1)
    assert workout.note == "sore, then fine" and workout.speed == 1
    plan = build_plan(session)
    assert [s.index for s in workout.steps] == [s.index for s in plan.steps]
    assert {s.outcome for s in workout.steps} == {"done"}
    assert [s.planned_seconds for s in workout.steps] == [s.seconds for s in plan.steps]
    assert all(abs(s.actual_seconds - s.planned_seconds) < 1e-6 for s in workout.steps)


async def test_reaching_the_end_with_a_hold_skipped_is_finished_early_on_screen_and_in_the_log(
    tmp_path,
):
    app, clock, session = app_with_log(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await answer(pilot, "2", "enter")
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        while screen.workout.step.kind != "hold":  # past the get-ready
            clock.advance(0.5)
            screen.tick()
        await pilot.press("s")  # one hold skipped; everything else runs to the end
        await run_to_end(pilot, clock)
        await answer(pilot, "1", "enter")
        await answer(pilot, "enter")
        assert isinstance(app.screen, SummaryScreen)
        assert "Session finished early" in str(app.screen.query_one("#summary-title").render())
        app.coach.logbook.writer.flush()
        [workout] = read(tmp_path)
    assert workout.status == "finished early"
    assert [s.outcome for s in workout.steps].count("skipped") == 1


async def test_a_skipped_pain_question_is_not_a_zero(tmp_path):
    app, clock, _ = app_with_log(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await answer(pilot, "escape")
        await pilot.press("q", "y")  # quit at once: interrupted, to be carried on today
    [workout] = read(tmp_path)
    assert workout.pain_before is None and workout.status == "interrupted"
    assert workout.resumable


async def test_a_bad_pain_answer_is_asked_again(tmp_path):
    app, _, _ = app_with_log(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await answer(pilot, "1", "2", "enter")
        assert isinstance(app.screen, PainPrompt)
        assert "0 to 10" in str(app.screen.query_one("#pain-error").render())


async def test_sigterm_saves_an_interrupted_workout_that_resumes_the_same_day(tmp_path):
    app, clock, session = app_with_log(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await answer(pilot, "3", "enter")
        screen = app.screen
        for _ in range(14):  # into the clamshell: get ready 2 s, holds of 3 s
            clock.advance(0.5)
            screen.tick()
        await pilot.pause()
        reached = screen.workout.index
        app.interrupted()  # what SIGTERM and SIGHUP do
        await pilot.pause()
    [stopped] = read(tmp_path)
    assert stopped.status == "interrupted" and stopped.pain_before == 3
    assert [s.index for s in stopped.steps] == list(range(reached))

    app, clock, _ = app_with_log(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumePrompt)
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        assert screen.workout.index == reached  # the step that was in progress
        assert screen.workout.state == "paused"  # until the person is back in position
        await pilot.press("space")
        await run_to_end(pilot, clock)
        await answer(pilot, "escape")
        assert isinstance(app.screen, SummaryScreen)
        assert "Session complete" in str(app.screen.query_one("#summary-title").render())
    [carried_on] = read(tmp_path)  # one workout, one row
    assert carried_on.id == stopped.id and carried_on.status == "completed"
    assert carried_on.pain_before == 3  # asked once, when it started
    indexes = [s.index for s in carried_on.steps]
    assert indexes == list(range(len(build_plan(session).steps)))  # each step once, in order
    assert [s.seq for s in carried_on.steps] == list(range(len(indexes)))


async def test_closing_an_interrupted_workout_offers_it_no_more(tmp_path):
    app, clock, _ = app_with_log(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await answer(pilot, "enter")
        app.interrupted()
    for expected in (ResumePrompt, PainPrompt):
        app, _, _ = app_with_log(tmp_path)
        async with app.run_test() as pilot:
            await pilot.pause()
            assert isinstance(app.screen, expected)
            if expected is ResumePrompt:
                await pilot.press("c")
            else:
                app.exit()


async def test_the_morning_after_question_comes_once_and_warns_when_high(tmp_path):
    with WorkoutLog(tmp_path) as log:
        start = datetime.now(UTC) - timedelta(hours=30)
        wid = log.start_workout("short", "Short test session", started_at=start)
        log.record_step(wid, LoggedStep(0, "hold", "clam", 3, 3, "done"))
        log.finish_workout(wid, "completed", ended_at=start + timedelta(minutes=20))
    app, _, _ = app_with_log(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "morning after" in str(app.screen.query_one("#dialog-title").render())
        await answer(pilot, "7", "enter")
        assert isinstance(app.screen, WhenToStop)  # a dialog, not a toast
        await pilot.press("a")  # go on anyway
        await pilot.pause()
        assert isinstance(app.screen, PainPrompt)  # then: knee pain right now
        app.coach.logbook.writer.flush()
    with WorkoutLog(tmp_path) as log:
        assert log.workout(wid).morning_after_pain == 7
        assert log.workout(wid).morning_after_choice == "go on"
        assert log.pending_morning_after() is None


async def test_a_rehearsal_is_logged_as_such_and_asks_nothing(tmp_path):
    app, clock, _ = app_with_log(tmp_path, speed=10)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WorkoutScreen)
        await run_to_end(pilot, clock, step=0.05, limit=2000)
        assert isinstance(app.screen, SummaryScreen)
    [workout] = read(tmp_path)
    assert workout.speed == 10 and workout.is_rehearsal and workout.status == "completed"
    assert workout.pain_before is None and workout.pain_after is None


async def test_h_in_the_picker_shows_the_history_with_exercise_names(tmp_path):
    from kneecoach.ui.screens.history import HistoryScreen
    from kneecoach.ui.screens.picker import SessionPicker

    session = session_from_yaml(TIMED)
    with WorkoutLog(tmp_path) as log:
        wid = log.start_workout("short", session.title)
        log.record_step(wid, LoggedStep(1, "hold", "clam", 3, 3, "done", side="left", set=1, rep=1))
        log.finish_workout(wid, "completed")
    app = make_app(
        [session], clock=FakeClock(), live_ticker=False, listeners=[], logbook=Logbook(tmp_path)
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionPicker)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.names["clam"] == "Clamshell"
        await pilot.press("escape")
        assert isinstance(app.screen, SessionPicker)


async def test_run_session_offers_to_resume_only_that_session(tmp_path):
    app, _, _ = app_with_log(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await answer(pilot, "enter")
        app.interrupted()
    other = session_from_yaml(TIMED.replace("id: short", "id: other"))
    app = make_app(
        [other], start=other, clock=FakeClock(), live_ticker=False, listeners=[],
        acknowledgements=MemoryAcknowledgements({"other"}), logbook=Logbook(tmp_path),
    )  # fmt: skip
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PainPrompt)  # not the other session's resume offer
