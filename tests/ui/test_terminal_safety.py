"""The screens show a file's text as it is written, and nothing more: no control
character or escape sequence reaches what is drawn, and markup in a name ("[b]",
"[$accent]", a stray "[/x]") is shown as text, not obeyed or choked on. A terminal
too small for the countdown says so instead of hiding it.

What is checked is the text of every cell the screen draws (the compositor's
strips), screen by screen: the picker with a file it cannot use, the safety
notice, the pain question, each kind of step, help, the quit dialog, the summary
with a note, the offer to resume and the history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import Input

from kneecoach.engine.printable import unsafe_characters
from kneecoach.services.acknowledgements import MemoryAcknowledgements
from kneecoach.services.catalog import Unusable
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedStep
from kneecoach.ui.ready_made import make_app
from kneecoach.ui.screens.confirm_quit import ConfirmQuit
from kneecoach.ui.screens.history import HistoryScreen
from kneecoach.ui.screens.pain import PainPrompt
from kneecoach.ui.screens.picker import SessionPicker
from kneecoach.ui.screens.resume import ResumePrompt
from kneecoach.ui.screens.safety import SafetyNotice
from kneecoach.ui.screens.summary import SummaryScreen
from kneecoach.ui.screens.workout import WorkoutScreen
from kneecoach.ui.widgets.countdown import Countdown
from kneecoach.ui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH
from tests.conftest import FakeClock, session_from_yaml
from tests.ui.waiting import history_drawn

NAME = "Wall [b]sit[/b] [/x] [$accent]"  # markup-looking text, shown as it is
HOSTILE = f"""
id: hostile
title: "Evil\\e]0;PWNED\\a [B]title[/B]"
source: "src\\e]52;c;aGVsbG8=\\a"
summary: "Red \\e[31malert\\e[0m"
safety: ["Careful\\e[2J now [reverse]"]
avoid: ["Stairs\\x07 [$text-muted]"]
warm_up: {{minutes: 1, what: "Walk\\e[H [b]briskly"}}
exercises:
  - id: sit
    name: "{NAME}"
    kind: strength
    equipment: ["wall\\e]8;;http://x\\e\\\\"]
    steps: ["Slide\\x07 down \\e[10;10H[/]", "Hold [i]still"]
    cautions: ["\\u202edrawkcab [/b]"]
    hold_seconds: 2
    reps: 2
    per_side: true
    rests: {{prepare: 1, between_reps: 1, switch_sides: 1}}
  - id: reps
    name: "Squat [@click=app.quit]now[/]"
    kind: strength
    steps: [Up, Down]
    reps: 2
    tempo_seconds: 2
"""
LOG_TITLE = "Logged\x1b]0;PWNED\x07 [b]title\x9b2J"


def drawn(app) -> str:
    """Every character the current screen draws, line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def assert_clean(app, *literal: str) -> str:
    text = drawn(app)
    assert set(unsafe_characters(text)) <= {"\n"}, repr(text)
    assert "PWNED" not in text and "aGVsbG8" not in text
    for words in literal:
        assert words in text, (words, text)
    return text


def hostile():
    return session_from_yaml(HOSTILE)


def next_step(screen: WorkoutScreen) -> float:
    """Clock seconds to just inside the next step: each step is drawn once."""
    snapshot = screen.workout.snapshot(screen.clock())
    return snapshot.remaining / snapshot.speed + 0.05


async def test_every_screen_of_a_workout_shows_hostile_text_literally():
    session = hostile()
    clock = FakeClock()
    app = make_app(
        [session], clock=clock, live_ticker=False, audio="off",
        acknowledgements=MemoryAcknowledgements(set()),
    )  # fmt: skip
    app.coach.unusable = [Unusable("/x/bad.yaml", ("/x/bad.yaml:1:1: is a named pipe",))]
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, SessionPicker)
        assert_clean(app, "Evil [B]title[/B]", "bad.yaml: cannot be used", NAME, "Red alert")
        await pilot.press("down")
        assert_clean(app, "This file cannot be used", "/x/bad.yaml:1:1: is a named pipe")
        await pilot.press("up", "enter")
        assert isinstance(app.screen, SafetyNotice)
        assert_clean(app, "Careful now [reverse]", "Stairs [$text-muted]")
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        kinds = set()
        while screen.workout.state != "finished":
            step = screen.workout.plan.steps[screen.workout.index]
            kinds.add(step.kind)
            assert_clean(app, "[B]title[/B]")
            clock.advance(next_step(screen))
            screen.tick()
            await pilot.pause()
            if step.kind == "hold" and "help" not in kinds:
                kinds.add("help")
                await pilot.press("question_mark")
                assert_clean(app, "Careful now [reverse]")
                await pilot.press("escape")
            if step.kind == "rep":
                assert_clean(app, "Squat [@click=app.quit]now[/]")
        assert {"timed", "prepare", "hold", "rest", "switch", "rep"} <= kinds
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert_clean(app, "Evil [B]title[/B]", NAME)


def running(session):
    """The app straight into ``session`` (its notice already read), ticked by hand."""
    clock = FakeClock()
    app = make_app(
        [session], start=session, clock=clock, live_ticker=False, audio="off",
        acknowledgements=MemoryAcknowledgements({session.id}),
    )  # fmt: skip
    return app, clock


async def test_the_quit_dialog_and_the_note_after_a_workout():
    app, _ = running(hostile())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmQuit)
        assert_clean(app)
        app.screen.dismiss(None)
        await pilot.pause()
        workout = app.screen.workout
        await app.push_screen(
            SummaryScreen(workout, pain=(2, 3), note="stairs\x1b]0;PWNED\x07 [b]fine")
        )
        await pilot.pause()
        assert_clean(app, "Note: stairs [b]fine", "Knee pain: 2/10 before")


async def test_a_pasted_note_is_kept_without_its_control_characters():
    prompt = PainPrompt("Knee pain now?", with_note=True)
    answers = []
    app = make_app([hostile()], audio="off")
    async with app.run_test() as pilot:
        await app.push_screen(prompt, answers.append)
        prompt.query_one("#pain", Input).value = "2"
        prompt.query_one("#note", Input).value = "ok\x1b]0;PWNED\x07 then\x1b[2J sore"
        prompt.query_one("#note", Input).focus()
        await pilot.press("enter")
    assert answers[0].note == "ok then sore"


async def test_the_offer_to_resume_shows_the_logs_title_literally():
    app = make_app([hostile()], audio="off")
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ResumePrompt(LOG_TITLE, "07:30", NAME))
        await pilot.pause()
        assert_clean(app, "Logged [b]title2J stopped at 07:30", NAME)


async def test_the_history_of_a_hostile_log(tmp_path):
    start = datetime.now(UTC) - timedelta(days=1)
    log = WorkoutLog(tmp_path)
    workout_id = log.start_workout("sit\x1b[31m", LOG_TITLE, started_at=start)
    log.record_steps(
        workout_id,
        [LoggedStep(0, "hold", "s\x1b]0;PWNED\x07it", 5.0, 5.0, "done", None, None, 1, 1)],
    )
    log.finish_workout(workout_id, "completed", ended_at=start + timedelta(minutes=5))
    app = make_app([hostile()], audio="off")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = HistoryScreen(log, names={"sit": "[b]Sit[/b] \x1b[2J"})
        await app.push_screen(screen)
        await history_drawn(pilot, screen)
        assert_clean(app, "Logged [b]title2J")
    log.close()


async def test_a_terminal_too_small_says_so_and_keeps_the_seconds():
    app, clock = running(hostile())
    async with app.run_test(size=(40, 10)) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        clock.advance(10)
        screen.tick()
        await pilot.pause()
        text = assert_clean(
            app, "Terminal too small:", f"make it at least {MIN_WIDTH}×{MIN_HEIGHT}", "(now 40×10)"
        )
        assert "WARM-UP  50" in text  # the phase and the seconds left, in words
        await pilot.resize_terminal(MIN_WIDTH, MIN_HEIGHT)
        await pilot.pause()
        assert "too small" not in drawn(app)
        countdown = screen.query_one(Countdown)
        assert countdown.digit_rows >= 3 and screen.region.contains_region(countdown.region)
        await pilot.resize_terminal(MIN_WIDTH - 1, 30)
        await pilot.pause()
        assert "(now 49×30)" in drawn(app)


async def test_the_smallest_size_fits_the_countdown_whatever_the_names():
    """At MIN_WIDTH × MIN_HEIGHT, with names and steps as long as a file may give,
    the digits are whole at every step."""
    long = session_from_yaml(
        "id: long\ntitle: " + "T" * 100 + "\nsource: s\nexercises:\n"
        + "".join(
            f"  - {{id: e{n}, name: {'N' * 100}, kind: strength, steps: [{'s' * 1000}],"
            " hold_seconds: 1, reps: 2, per_side: true}\n"
            for n in range(3)
        )
    )  # fmt: skip
    app, clock = running(long)
    async with app.run_test(size=(MIN_WIDTH, MIN_HEIGHT)) as pilot:
        screen = app.screen
        column = screen.query_one("#clock-column")
        while screen.workout.state != "finished":
            countdown = screen.query_one(Countdown)
            assert countdown.number  # whole: in block digits, or in plain text when
            assert countdown.digit_rows >= 3 or countdown.number in drawn(app)  # squeezed
            assert column.content_region.contains_region(countdown.region)
            clock.advance(next_step(screen))
            screen.tick()
            await pilot.pause()


async def test_the_picker_lists_and_previews_the_shipped_sessions_cleanly():
    from kneecoach.services.catalog import resolve, session_dirs

    sessions = [
        resolve(name, session_dirs())
        for name in ("goodrx-runners-knee", "cleveland-clinic-runners-knee")
    ]
    app = make_app(sessions, audio="off")
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, SessionPicker)
        await pilot.press("down", "up", "down")
        assert_clean(app, "About 25:34 at today's dose", " 38   8    GoodRx Health")


async def test_a_notification_quoting_a_file_shows_it_literally():
    app = make_app(
        [hostile()], audio="off", notices=["x.yaml [$accent]: \x1b]0;PWNED\x07[/] [B]no"]
    )
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.say("sound failed: [b]device\x07 [/x]")
        await pilot.pause()
        assert_clean(app, "x.yaml [$accent]: [/] [B]no", "sound failed: [b]device [/x]")
