"""When pain says to stop: the dialog before a workout and the morning after, what
it says (each article's own advice), and what each choice does and logs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kneecoach.engine import build_plan
from kneecoach.engine.outcomes import PainChoice
from kneecoach.services.acknowledgements import MemoryAcknowledgements
from kneecoach.services.logbook import Logbook
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedStep
from kneecoach.ui.ready_made import make_app
from kneecoach.ui.screens.pain import PainPrompt
from kneecoach.ui.screens.picker import SessionPicker
from kneecoach.ui.screens.summary import SummaryScreen
from kneecoach.ui.screens.when_to_stop import WhenToStop, when_to_stop_advice
from kneecoach.ui.screens.workout import WorkoutScreen
from tests.conftest import FakeClock, session_from_yaml
from tests.ui.test_logged_workouts import TIMED, answer, read, run_to_end

# the clamshell ranges, so that a gentler workout is shorter than today's dose
RANGED = TIMED.replace(
    "    hold_seconds: 3\n    reps: 2\n", "    hold_seconds: [3, 6]\n    reps: 2\n"
)


def app_with_log(folder, *, from_picker=False):
    session = session_from_yaml(RANGED)
    clock = FakeClock()
    app = make_app(
        [session],
        start=None if from_picker else session,
        clock=clock,
        live_ticker=False,
        acknowledgements=MemoryAcknowledgements({"short"}),
        listeners=[],
        logbook=Logbook(folder),
        progression={"workouts_to_progress": 1},
    )
    return app, clock, session


def seed_log(folder, *, hours_ago=30, pain_before=1, pain_after=1):
    """One workout at the top of the clamshell's hold (6 s), ended ``hours_ago``."""
    with WorkoutLog(folder) as log:
        start = datetime.now(UTC) - timedelta(hours=hours_ago)
        wid = log.start_workout("short", "Short test session", started_at=start, pain_before=1)
        for index in range(2):
            log.record_step(wid, LoggedStep(index, "hold", "clam", 6, 6, "done", None, "left"))
        log.finish_workout(wid, "completed", ended_at=start + timedelta(minutes=20))
        log.annotate(wid, pain_before=pain_before, pain_after=pain_after)
    return wid


def test_the_dialog_says_what_each_article_says_and_no_more():
    advice = when_to_stop_advice()
    goodrx, cleveland = advice
    # GoodRx Health: approval first, avoid what makes it worse; no 24 hours there
    assert goodrx.startswith("GoodRx Health:")
    assert "physical therapist" in goodrx and "worse" in goodrx and "24" not in goodrx
    # the 24 hours are the Cleveland Clinic's alone
    assert cleveland.startswith("Cleveland Clinic:") and "more than 24 hours" in cleveland


async def test_pain_of_6_before_a_workout_asks_and_a_gentler_one_runs_at_the_lowest_dose(
    tmp_path,
):
    app, clock, session = app_with_log(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await answer(pilot, "6", "enter")
        assert isinstance(app.screen, WhenToStop)
        title = str(app.screen.query_one("#dialog-title").render())
        assert title == "Knee pain of 6/10 before this workout"
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        holds = {s.seconds for s in screen.workout.plan.steps if s.kind == "hold"}
        assert holds == {3}  # the lowest dose the session allows
        assert "Gentler today" in str(screen.query_one("#banner").render())
        await run_to_end(pilot, clock)
        await answer(pilot, "2", "enter")
        await answer(pilot, "enter")
        assert isinstance(app.screen, SummaryScreen)
        said = str(app.screen.query_one("#summary-time").render())
        assert "A gentler workout: every exercise at its lowest dose" in said
        app.coach.logbook.writer.flush()
    [workout] = read(tmp_path)
    assert (workout.pain_before, workout.pain_choice) == (6, PainChoice.GENTLER)


async def test_the_summary_of_a_workout_at_todays_dose_says_nothing_of_gentler(tmp_path):
    app, clock, session = app_with_log(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await answer(pilot, "1", "enter")
        await run_to_end(pilot, clock)
        await answer(pilot, "1", "enter")
        await answer(pilot, "enter")
        assert isinstance(app.screen, SummaryScreen)
        assert "gentler" not in str(app.screen.query_one("#summary-time").render())


async def test_pain_of_5_before_a_workout_asks_nothing(tmp_path):
    app, _, _ = app_with_log(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await answer(pilot, "5", "enter")
        assert isinstance(app.screen, WorkoutScreen)


async def test_stop_for_today_logs_the_pain_and_the_choice_and_ends_a_run(tmp_path):
    app, _, _ = app_with_log(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await answer(pilot, "8", "enter")
        await pilot.press("escape")  # the cautious answer
        await pilot.pause()
    assert app.return_code == 0  # `run SESSION`: nothing else to show
    [workout] = read(tmp_path)
    assert (workout.pain_before, workout.pain_choice) == (8, PainChoice.STOP)
    assert workout.status == "finished early" and workout.steps == ()
    assert workout.stopped_for_pain and not workout.counts
    with WorkoutLog(tmp_path) as log:  # no morning-after question about a day off
        assert log.pending_morning_after(datetime.now(UTC) + timedelta(days=2)) is None


async def test_stop_from_the_picker_goes_back_to_the_picker(tmp_path):
    app, _, _ = app_with_log(tmp_path, from_picker=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await answer(pilot, "7", "enter")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SessionPicker)
        assert any("No workout today" in n.message for n in app._notifications)


async def test_go_on_anyway_runs_todays_dose_and_logs_the_choice(tmp_path):
    seed_log(tmp_path, hours_ago=2)  # 6 s holds done at pain 1: today's dose is 6 s
    app, _, _ = app_with_log(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await answer(pilot, "9", "enter")
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        assert {s.seconds for s in screen.workout.plan.steps if s.kind == "hold"} == {6}
        app.coach.logbook.writer.flush()
    assert read(tmp_path)[-1].pain_choice == PainChoice.GO_ON


async def test_the_morning_after_above_5_asks_and_gentler_applies_to_the_next_workout(tmp_path):
    wid = seed_log(tmp_path)
    app, _, session = app_with_log(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await answer(pilot, "6", "enter")
        assert isinstance(app.screen, WhenToStop)
        title = str(app.screen.query_one("#dialog-title").render())
        assert title.startswith("Knee pain of 6/10 the morning after your workout on")
        await pilot.press("g")
        await pilot.pause()
        await answer(pilot, "2", "enter")  # knee pain right now: fine
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        assert {s.seconds for s in screen.workout.plan.steps if s.kind == "hold"} == {3}
        app.coach.logbook.writer.flush()
    first, second = read(tmp_path)
    assert first.id == wid and first.morning_after_choice == PainChoice.GENTLER
    assert second.pain_choice == PainChoice.GENTLER and second.pain_before == 2


async def test_the_morning_after_stop_ends_a_run_before_any_question(tmp_path):
    wid = seed_log(tmp_path)
    app, _, _ = app_with_log(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await answer(pilot, "7", "enter")
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, PainPrompt)
    [workout] = read(tmp_path)
    assert workout.id == wid and workout.morning_after_choice == PainChoice.STOP


async def test_a_gentler_workout_carried_on_keeps_its_lowest_dose(tmp_path):
    seed_log(tmp_path, hours_ago=2)
    app, clock, session = app_with_log(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await answer(pilot, "6", "enter")
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        for _ in range(8):  # into the clamshell's holds
            clock.advance(0.5)
            screen.tick()
        await pilot.pause()
        reached = screen.workout.index
        app.interrupted()
        await pilot.pause()
    app, _, _ = app_with_log(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("r")  # resume
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkoutScreen) and screen.workout.index == reached
        assert {s.seconds for s in screen.workout.plan.steps if s.kind == "hold"} == {3}
        assert len(screen.workout.plan.steps) == len(build_plan(session).steps)
