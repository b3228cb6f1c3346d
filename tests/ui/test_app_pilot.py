"""The app driven like a user would, with a fake clock and manual ticks."""

from __future__ import annotations

import pytest
from rich.console import Group

from kneecoach.engine import EventKind
from kneecoach.services.acknowledgements import FileAcknowledgements, MemoryAcknowledgements
from kneecoach.services.catalog import resolve, session_dirs
from kneecoach.ui.ready_made import make_app
from kneecoach.ui.screens.confirm_quit import ConfirmQuit
from kneecoach.ui.screens.picker import SessionPicker
from kneecoach.ui.screens.safety import SafetyNotice
from kneecoach.ui.screens.summary import SummaryScreen
from kneecoach.ui.screens.workout import WorkoutScreen
from kneecoach.ui.widgets.countdown import Countdown
from tests.conftest import FakeClock, session_from_yaml
from tests.ui.rendered import plain

SHORT = """
id: short
title: Short test session
source: test
rests: {prepare: 2, between_reps: 1, between_sets: 2, switch_sides: 2, between_exercises: 0}
exercises:
  - id: clam
    name: Clamshell
    kind: strength
    steps: [Lie on your side., Open the top knee and hold., Lower it.]
    cautions: [Keep your hips still.]
    hold_seconds: 3
    reps: 2
    per_side: true
  - id: bridge
    name: Bridge
    kind: strength
    steps: [Lie on your back., Lift your hips.]
    reps: 3
    self_paced: true
"""


class Recorder:
    """A listener double: remembers every event it is handed."""

    def __init__(self) -> None:
        self.events = []
        self.flushes = 0
        self.prepared: list[list[str]] = []
        self.stops = 0
        self.closes = 0

    def prepare(self, sessions):
        self.prepared.append([session.id for session in sessions])

    def handle(self, event, workout, *, muted):
        self.events.append((event.kind, event.step.index if event.step else None, muted))

    def flush(self, workout, *, muted):
        self.flushes += 1

    def stop(self):
        self.stops += 1

    def close(self):
        self.closes += 1


@pytest.fixture
def short():
    return session_from_yaml(SHORT)


def build(sessions, start=None, acknowledged=("short", "goodrx-runners-knee"), **kwargs):
    clock = kwargs.pop("clock", FakeClock())
    recorder = Recorder()
    app = make_app(
        sessions,
        start=start,
        clock=clock,
        live_ticker=False,
        acknowledgements=MemoryAcknowledgements(set(acknowledged)),
        listeners=[recorder],
        **kwargs,
    )
    return app, clock, recorder


async def advance(pilot, clock, seconds):
    clock.advance(seconds)
    pilot.app.screen.tick()
    await pilot.pause()


def shown(app, selector):
    widget = app.screen.query_one(selector)
    if isinstance(widget.content, Group):  # points that wrap under their own text
        return plain(widget)
    return str(widget.render())


def countdown(app) -> Countdown:
    return app.screen.query_one(Countdown)


async def test_picker_enter_safety_notice_then_workout(short, tmp_path):
    store = FileAcknowledgements(tmp_path)
    app, clock, _ = build(
        [short],
        acknowledged=(),
    )
    app.coach.acknowledgements = store
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, SessionPicker)
        await pilot.press("enter")
        assert isinstance(app.screen, SafetyNotice)
        assert "Stop at once if you feel a sharp pain" in shown(app, "#notice")
        await pilot.press("enter")
        assert isinstance(app.screen, WorkoutScreen)
        assert store.is_acknowledged("short")
        await pilot.press("q", "y")
    # the second time, no notice
    app, clock, _ = build([short], acknowledged=())
    app.coach.acknowledgements = store
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, WorkoutScreen)


async def test_declining_the_notice_goes_back_to_the_picker(short):
    app, _, _ = build([short], acknowledged=())
    async with app.run_test() as pilot:
        await pilot.press("enter", "escape")
        assert isinstance(app.screen, SessionPicker)
        assert not app.coach.acknowledgements.is_acknowledged("short")


async def test_run_straight_into_a_session_and_declining_exits(short):
    app, _, _ = build([short], start=short, acknowledged=())
    async with app.run_test() as pilot:
        assert isinstance(app.screen, SafetyNotice)
        await pilot.press("escape")
    assert app.return_value == 0


async def test_a_whole_session_to_the_summary(short):
    app, clock, recorder = build([short], start=short)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        assert countdown(app).phase == "GET READY LEFT"
        await advance(pilot, clock, 2)
        assert countdown(app).phase == "HOLD LEFT" and screen.has_class("-phase-hold")
        assert "rep 1 / 2" in shown(app, "#counters") and "LEFT → right" in shown(app, "#counters")
        await advance(pilot, clock, 3)
        assert "REST" in countdown(app).phase and screen.has_class("-phase-rest")
        await advance(pilot, clock, 1 + 3)
        assert countdown(app).phase == "SWITCH TO RIGHT" and screen.has_class("-phase-switch")
        assert "left → RIGHT" in shown(app, "#counters")
        await advance(pilot, clock, 2 + 3 + 1 + 3)
        # the bridge: self-paced reps wait for Enter however long it takes
        assert screen.snapshot.step.exercise == "bridge"
        await advance(pilot, clock, 2)
        assert screen.snapshot.step.kind == "rep"
        await advance(pilot, clock, 60)
        assert screen.snapshot.step.rep == 1
        assert "press Enter when rep 1 is done" in countdown(app).pace
        for _ in range(3):
            await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Session complete" in shown(app, "#summary-title")
    kinds = [kind for kind, _, _ in recorder.events]
    assert kinds.count(EventKind.SESSION_DONE) == 1 and kinds[-1] is EventKind.SESSION_DONE
    assert EventKind.SIDE_SWITCH in kinds and EventKind.SET_DONE in kinds


async def test_every_control_key(short):
    app, clock, recorder = build([short], start=short)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        workout = screen.workout
        await pilot.press("space")
        assert workout.state == "paused" and screen.has_class("-phase-paused")
        # shown beside the phase, not instead of it
        assert countdown(app).phase.startswith("GET READY") and countdown(app).status == "‖ PAUSED"
        await advance(pilot, clock, 100)
        assert workout.snapshot().remaining == 2
        await pilot.press("space")
        assert workout.state == "running"
        await pilot.press("s")
        assert workout.step.kind == "hold"
        await pilot.press("plus")
        assert workout.snapshot().remaining == 13
        await pilot.press("r")
        assert workout.index == 0
        await pilot.press("n")
        assert workout.step.exercise == "bridge"
        await pilot.press("p")
        assert workout.step.exercise == "clam"
        await pilot.press("right")
        assert workout.step.exercise == "bridge"
        await pilot.press("left")
        assert workout.step.exercise == "clam"
        await pilot.press("enter")  # not a self-paced step: says so, changes nothing
        assert workout.index == 0
        await pilot.press("m")
        assert app.muted
        assert recorder.stops == 1  # muting silences what is playing
        assert countdown(app).status == "✕ sound off"  # for as long as it lasts
        await advance(pilot, clock, 2)
        assert recorder.events[-1][2] is True  # listeners are told it is muted
        assert "sound off" in countdown(app).status
        await pilot.press("space")
        assert countdown(app).status == "‖ PAUSED  ✕ sound off"
        await pilot.press("space", "m")
        assert not app.muted and countdown(app).status == ""
        assert recorder.stops == 1
    assert recorder.prepared == [["short"]]  # once, for the session to be run
    assert recorder.closes == 1


async def test_help_shows_safety_and_keys_and_pauses_meanwhile(short):
    app, clock, _ = build([short], start=short)
    async with app.run_test(size=(100, 30)) as pilot:
        workout = app.screen.workout
        await pilot.press("question_mark")
        assert isinstance(app.screen, SafetyNotice)
        assert "Keys" in shown(app, "#notice") and "Keep your" not in shown(app, "#notice")
        assert workout.state == "paused"
        await pilot.press("escape")
        assert isinstance(app.screen, WorkoutScreen) and workout.state == "running"


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
async def test_quit_asks_first_and_can_keep_going(short, key):
    app, clock, _ = build([short], start=short)
    async with app.run_test(size=(100, 30)) as pilot:
        workout = app.screen.workout
        await pilot.press(key)
        assert isinstance(app.screen, ConfirmQuit) and workout.state == "paused"
        await pilot.press("n")
        assert isinstance(app.screen, WorkoutScreen) and workout.state == "running"


async def test_quit_finish_early_shows_the_summary(short):
    app, clock, recorder = build([short], start=short)
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, clock, 3)
        await pilot.press("q", "f")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "finished early" in shown(app, "#summary-title")
    assert recorder.events[-1][0] is EventKind.SESSION_DONE


async def test_quit_now_ends_the_app_and_reports_the_end(short):
    app, clock, recorder = build([short], start=short)
    async with app.run_test() as pilot:
        await pilot.press("q", "y")
    assert app.return_value == 0
    assert recorder.events[-1][0] is EventKind.SESSION_DONE


async def test_rehearsal_says_so_on_screen(short):
    app, clock, _ = build([short], start=short, speed=10)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "REHEARSAL ×10" in shown(app, "#banner")
        await advance(pilot, clock, 0.2)  # 2 s of session time: getting ready is over
        snapshot = app.screen.workout.snapshot()
        assert (snapshot.step.kind, snapshot.remaining) == ("hold", 3)


async def test_tempo_reps_show_the_pace():
    session = resolve("goodrx-runners-knee", session_dirs())
    app, clock, _ = build([session], start=session)
    async with app.run_test(size=(100, 30)) as pilot:
        workout = app.screen.workout
        while workout.step.exercise != "step-up-plus":
            await pilot.press("n")
        await pilot.press("s")  # past getting ready
        await advance(pilot, clock, 0.5)
        assert "UP" in countdown(app).pace and "rep 1 / 10" in shown(app, "#counters")
        await advance(pilot, clock, 2)
        assert "DOWN" in countdown(app).pace


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)])
async def test_small_terminals_and_resizing_mid_hold(short, size):
    app, clock, _ = build([short], start=short)
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, clock, 2.5)
        await pilot.resize_terminal(*size)
        await advance(pilot, clock, 0.1)
        assert "HOLD" in countdown(app).phase
        assert countdown(app).digit_rows >= 3
        assert app.screen.query_one("#counters").region.height >= 1


async def test_command_palette_offers_the_workout_controls(short):
    app, clock, _ = build([short], start=short)
    async with app.run_test(size=(100, 30)):
        names = [command.title for command in app.get_system_commands(app.screen)]
        for name in (
            "Pause/resume",
            "Next exercise",
            "Skip step",
            "+10 s",
            "Restart exercise",
            "Mute",
            "Quit",
        ):
            assert name in names
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        await commands["Pause/resume"].callback()
        assert app.screen.workout.state == "paused"  # the command does what the key does
        await commands["Mute"].callback()  # an app action, reached from the screen
        assert app.muted
