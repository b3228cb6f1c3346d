"""Sharp pain during a workout: one key ("o"), logged on the exercise, the rest of
it skipped, shown in the summary and the history, and a step back next time."""

from __future__ import annotations

import json

from kneecoach.cli import main
from kneecoach.engine import EventKind
from kneecoach.engine.outcomes import ExerciseOutcome
from kneecoach.store.log import WorkoutLog
from kneecoach.ui.screens.history import HistoryScreen
from kneecoach.ui.screens.safety import KEYS
from kneecoach.ui.screens.summary import SummaryScreen
from kneecoach.ui.screens.workout import WORKOUT_BINDINGS, WorkoutScreen
from tests.ui.test_app_pilot import build
from tests.ui.test_logged_workouts import answer, run_to_end
from tests.ui.test_when_to_stop import app_with_log, seed_log
from tests.ui.waiting import history_drawn


def test_the_ouch_key_is_in_the_footer_and_in_the_help():
    ouch = next(b for b in WORKOUT_BINDINGS if b.key == "o")
    assert ouch.show and ouch.description == "Ouch"
    assert any(key == "o" and "sharp pain" in what for key, what in KEYS)


async def test_ouch_notes_sharp_pain_skips_the_rest_and_steps_the_dose_back(tmp_path, capsys):
    seed_log(tmp_path, hours_ago=2)  # 6 s holds done at pain 1: today's dose is 6 s
    app, clock, session = app_with_log(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await answer(pilot, "1", "enter")
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        clock.advance(3)  # the get-ready (2 s), then a second into the first hold
        screen.tick()
        assert (screen.workout.step.kind, screen.workout.step.exercise) == ("hold", "clam")
        await pilot.press("o")
        assert screen.workout.step.exercise == "bridge"  # the rest of the clamshell skipped
        assert [s.exercise for s in screen.workout.sharp_pain] == ["clam"]
        assert any("Sharp pain noted on Clamshell" in n.message for n in app._notifications)
        await run_to_end(pilot, clock)
        await answer(pilot, "3", "enter")
        await answer(pilot, "enter")
        assert isinstance(app.screen, SummaryScreen)
        [clam, bridge] = app.screen.summary.exercises
        assert clam.status is ExerciseOutcome.SHARP_PAIN
        assert bridge.status is ExerciseOutcome.DONE
        text = str(app.screen.query_one("#summary-time").render())
        assert "Sharp pain: Clamshell. Next time its dose steps back" in text
        app.coach.logbook.writer.flush()
        # the next plan steps it back, and says why
        reasons = app.coach.plan_for(session).reasons
        assert reasons["clam"] == "Back to 4 s holds: sharp pain during the last workout"
    workouts = [w for w in WorkoutLog(tmp_path).workouts() if w.sharp_pain]
    [pain] = workouts[0].sharp_pain
    assert (pain.exercise, pain.side, pain.step_index) == ("clam", "left", 1)
    # the history shows it, as text and as JSON
    assert main(["--data-dir", str(tmp_path), "history"]) == 0
    out = capsys.readouterr().out
    assert "sharp pain: Clam" in out
    assert main(["--data-dir", str(tmp_path), "history", "--json"]) == 0
    logged = json.loads(capsys.readouterr().out)[-1]
    assert [(p["exercise"], p["side"]) for p in logged["sharp_pain"]] == [("clam", "left")]


async def test_ouch_on_the_last_exercise_ends_the_workout_early():
    from tests.conftest import session_from_yaml
    from tests.ui.test_app_pilot import SHORT

    short = session_from_yaml(SHORT)
    app, clock, recorder = build([short], start=short)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")  # to the bridge, the last exercise
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    kinds = [kind for kind, _, _ in recorder.events]
    assert kinds.count(EventKind.SHARP_PAIN) == 1
    assert kinds[-1] is EventKind.SESSION_DONE


async def test_the_history_screen_marks_a_workout_with_sharp_pain(tmp_path):
    seed_log(tmp_path, hours_ago=2)
    app, clock, _ = app_with_log(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await answer(pilot, "1", "enter")
        clock.advance(3)
        app.screen.tick()
        await pilot.press("o")
        app.coach.logbook.writer.flush()
        app.show_history()
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        await history_drawn(pilot, history)
        table = history.query_one("#workouts")
        newest = [str(cell) for cell in table.get_row_at(0)]
        assert any("sharp pain" in cell for cell in newest)
