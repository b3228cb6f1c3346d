"""The live workout: one ticker feeds engine snapshots to the widgets.

The screen owns the only timer. Each tick asks the engine for a snapshot at the
injected clock's time; widgets only render it. Every engine event goes to the
listeners (audio cues, the workout log) at once, in order, and is posted as an
``EngineEvent``. What the app must decide (help, quitting, the summary) goes up as
a message: the screen never calls the app.

The ticker is re-armed after every tick for the moment the display next changes
(the next whole second, or the next of a tempo rep's eight frames of the figure
and pace marker): never more than 10 times a second, never less than once.
Between those moments nothing on screen could change, so nothing is drawn, and the
cues that fall on whole seconds are heard on time instead of up to a tick late.

Two layouts: the standard one (instructions and the figure beside the countdown)
and the mat layout, to follow from the floor (the figure and the countdown, big;
the instructions one key away). `l` switches between them and the app remembers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar, Protocol

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from kneecoach.engine import Event, EventKind, Session, Snapshot, Workout
from kneecoach.engine.figures.motion import seconds_to_next_frame
from kneecoach.engine.listeners import Listeners
from kneecoach.engine.machine import Clock
from kneecoach.engine.model import main_exercise_numbers
from kneecoach.text import printable
from kneecoach.ui.literal import as_markup, literal
from kneecoach.ui.widgets.changes import show_text
from kneecoach.ui.widgets.countdown import Countdown
from kneecoach.ui.widgets.counters import Counters
from kneecoach.ui.widgets.figure import FigureView
from kneecoach.ui.widgets.instructions import Instructions
from kneecoach.ui.widgets.session_progress import SessionProgress
from kneecoach.ui.widgets.too_small import TooSmall
from kneecoach.ui.widgets.up_next import UpNext
from kneecoach.ui.wording import exercise_title, phase_class

TICK_HZ = 10  # at most
SLOWEST_TICK = 1.0  # seconds, at least one tick a second whatever happens
PAST_THE_MARK = 0.002  # wake just after a boundary, not just before it


class Panel(Protocol):
    """A widget that draws one part of the snapshot, and only that."""

    def show(self, snapshot: Snapshot) -> None: ...


def seconds_to_next_change(snapshot: Snapshot) -> float | None:
    """Clock seconds until anything shown changes; None while nothing can."""
    if snapshot.state != "running" or snapshot.step is None:
        return None
    ahead = [_to_next_whole(snapshot.remaining), _to_next_whole(-snapshot.position)]
    frame = seconds_to_next_frame(snapshot)  # a tempo rep's figure and pace marker
    if frame is not None:
        ahead.append(frame)
    wait = min(ahead) / snapshot.speed + PAST_THE_MARK
    return min(SLOWEST_TICK, max(1 / TICK_HZ, wait))


def _to_next_whole(value: float) -> float:
    """How far ``value`` falls before it crosses the next whole number below it."""
    step = value - math.floor(value)
    return step if step > 1e-9 else 1.0


# The footer shows only what fits in 80 columns, Help and Quit included; `?` and
# the command palette list every key (by its tooltip, where the footer's word is short).
WORKOUT_BINDINGS: Sequence[Binding] = [
    Binding("space", "toggle_pause", "Pause", tooltip="Pause/resume"),
    Binding("n,right", "next_exercise", "Next exercise", key_display="n/→"),
    Binding("p,left", "previous_exercise", "Previous", key_display="p/←", show=False),
    Binding("s", "skip_step", "Skip step"),
    Binding("o", "sharp_pain", "Ouch"),
    Binding("plus,equals_sign", "extend", "+10 s", key_display="+", show=False),
    Binding("r", "restart_exercise", "Restart exercise", show=False),
    Binding("enter", "count_rep", "Count rep", show=False),
    Binding("m", "app.toggle_mute", "Mute", show=False),
    Binding("l", "toggle_layout", "Layout"),
    Binding("i", "toggle_instructions", "Steps"),
    Binding("question_mark", "help", "Help", key_display="?"),
    Binding("q", "request_quit", "Quit"),
]


class WorkoutScreen(Screen[None]):
    """Runs one workout from its first step to the summary."""

    BINDINGS: ClassVar[list[BindingType]] = list(WORKOUT_BINDINGS)

    class EngineEvent(Message):
        """One engine event, in order, with the workout it came from."""

        def __init__(self, event: Event, workout: Workout) -> None:
            super().__init__()
            self.event = event
            self.workout = workout

    class Finished(Message):
        """The session ended; ``summary``: show the summary (False: the person quit)."""

        def __init__(self, workout: Workout, summary: bool, gentler: bool = False) -> None:
            super().__init__()
            self.workout = workout
            self.summary = summary
            self.gentler = gentler  # it was the gentler workout, at the lowest doses

    class LayoutChosen(Message):
        """`l`: the layout from now on ("standard" or "mat"), for the app to remember."""

        def __init__(self, layout: str) -> None:
            super().__init__()
            self.layout = layout

    class HelpRequested(Message):
        """`?`: the workout is paused; ``screen.resume_after_dialog`` when help closes."""

        def __init__(self, screen: WorkoutScreen, session: Session) -> None:
            super().__init__()
            self.screen = screen
            self.session = session

    class QuitRequested(Message):
        """`q`: the workout is paused; ask whether to keep going, finish or quit."""

        def __init__(self, screen: WorkoutScreen) -> None:
            super().__init__()
            self.screen = screen

    def __init__(
        self,
        workout: Workout,
        *,
        clock: Clock,
        listeners: Listeners | None = None,
        live_ticker: bool = True,
        first_step: int = 0,
        reasons: Mapping[str, str] | None = None,
        layout: str = "standard",
        muted: bool = False,
        gentler: bool = False,
    ) -> None:
        super().__init__()
        self.gentler = gentler  # every exercise at its lowest dose, this once
        self.muted = muted  # shown beside the phase; the app says when it changes
        self.workout = workout
        self.clock = clock
        self.listeners = listeners or Listeners()
        self.first_step = first_step  # not 0 when carrying on an interrupted workout
        self.reasons = reasons or {}
        self.live_ticker = live_ticker
        self.summary_on_finish = True
        self._paused_by_dialog = False
        self.ticker: Timer | None = None
        self.snapshot: Snapshot | None = None
        self._phase = ""
        self._numbers = main_exercise_numbers(workout.plan.session.exercises)
        self.layout_name = layout  # "standard" or "mat"
        self._panels: list[Panel] = []
        self._title: Static | None = None
        self.set_class(layout == "mat", "-mat")

    def compose(self) -> ComposeResult:
        session = self.workout.plan.session
        banner = session.title
        if self.gentler:
            banner = f"Gentler today, every exercise at its lowest dose · {banner}"
        if self.workout.speed != 1:  # first, so that a narrow terminal still shows it
            banner = f"⏩ REHEARSAL ×{self.workout.speed:g} (not a real workout) · {banner}"
        yield Static(literal(banner), id="banner")
        yield TooSmall(id="too-small")  # instead of everything, in a tiny terminal
        # the mat layout's, where instructions are hidden (text from the file: no markup)
        yield Static(id="exercise-title", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="side-column"):
                yield Instructions(self.reasons, id="instructions")
                yield FigureView(id="figure")
            with Vertical(id="clock-column"):
                countdown = Countdown(id="countdown")
                countdown.muted = self.muted
                yield countdown
                yield Counters(self._numbers, id="counters")
        yield UpNext(id="up-next")
        yield SessionProgress(id="progress")
        # every key shown fits 80 columns in both layouts (Ctrl+P still opens the palette)
        footer = Footer(show_command_palette=False)
        footer.compact = True  # a reactive; not an argument before Textual 3
        yield footer

    def on_mount(self) -> None:
        now = self.clock()
        self._fit(self.app.size)
        self.workout.start(now, self.first_step)
        if self.first_step:  # carrying on: wait until the person is back in position
            self.workout.pause(now)
            self.notify("Carrying on where you stopped: press space when you are ready.")
        self.tick()

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size)

    def _fit(self, size: Size) -> None:
        """Below the smallest usable size, say so (and keep the seconds in words)
        rather than let the countdown be cut off unseen."""
        self.set_class(self.query_one(TooSmall).fit(size), "-too-small")

    def tick(self) -> None:
        """Bring the engine up to now; render; pass its events on."""
        tick = self.workout.tick(self.clock())
        self.render_snapshot(tick.snapshot)
        self._rearm(tick.snapshot)
        for event in tick.events:
            # Listeners (cues, the log) hear each event now, in order, even when the
            # app is about to exit; the message is for anything else on screen.
            self.listeners.handle(event, self.workout)
            self.post_message(self.EngineEvent(event, self.workout))
            if event.kind is EventKind.SESSION_DONE:
                self.post_message(
                    self.Finished(self.workout, self.summary_on_finish, self.gentler)
                )
        if tick.events:
            self.listeners.flush(self.workout)

    def _rearm(self, snapshot: Snapshot) -> None:
        """Replace the pending tick with one at the next change (one ticker, always)."""
        if self.ticker is not None:
            self.ticker.stop()
            self.ticker = None
        wait = seconds_to_next_change(snapshot)
        if self.live_ticker and wait is not None:
            self.ticker = self.set_timer(wait, self.tick)

    def render_snapshot(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        phase = phase_class(snapshot)
        if phase != self._phase:
            if self._phase:
                self.remove_class(self._phase)
            self.add_class(phase)
            self._phase = phase
        if not self._panels:
            try:  # found once: a tick only draws
                self._panels = [
                    self.query_one(Countdown),
                    self.query_one(FigureView),
                    self.query_one(Instructions),
                    self.query_one(Counters),
                    self.query_one(UpNext),
                    self.query_one(SessionProgress),
                    self.query_one(TooSmall),
                ]
                self._title = self.query_one("#exercise-title", Static)
            except NoMatches:  # ticked before the first compose: the next tick draws
                return
        for panel in self._panels:
            panel.show(snapshot)
        if self._title is not None:
            show_text(self._title, printable(exercise_title(snapshot)))

    def show_muted(self, muted: bool) -> None:
        """Sound went off or on (`m`): say so beside the phase until it changes back."""
        self.muted = muted
        try:
            self.query_one(Countdown).muted = muted
        except NoMatches:  # not composed yet: compose takes ``self.muted``
            return
        if self.snapshot is not None:
            self.render_snapshot(self.snapshot)

    def _control(self, control: Callable[[float], object]) -> None:
        control(self.clock())
        self.tick()

    def action_toggle_pause(self) -> None:
        self._control(self.workout.toggle_pause)

    def action_next_exercise(self) -> None:
        self._control(self.workout.next_exercise)

    def action_previous_exercise(self) -> None:
        self._control(self.workout.previous_exercise)

    def action_skip_step(self) -> None:
        self._control(self.workout.skip_step)

    def action_restart_exercise(self) -> None:
        self._control(self.workout.restart_exercise)

    def action_extend(self) -> None:
        if not self.workout.extend(now=self.clock()):
            self.notify("Only a hold, rest or timed step can be made longer.", timeout=3)
        self.tick()

    def action_sharp_pain(self) -> None:
        """`o` (ouch): sharp pain now. It is logged on this exercise, the rest of the
        exercise is skipped, and its dose steps back next time (if it can)."""
        step = self.workout.report_sharp_pain(self.clock())
        self.tick()
        if step is not None:
            name = self.workout.plan.session.exercises[step.exercise_index].name
            self.notify(
                as_markup(
                    f"Sharp pain noted on {name}: skipped. Next time its dose steps back,"
                    " unless it is already the lowest. If the pain stays, stop for today"
                    " (q, then f)."
                ),
                severity="warning",
                timeout=10,
            )

    def action_count_rep(self) -> None:
        if not self.workout.count_rep(self.clock()):
            self.notify("Enter counts reps in self-paced exercises only.", timeout=3)
        self.tick()

    def action_finish(self) -> None:
        self._control(self.workout.finish)

    def action_quit_now(self) -> None:
        """Finish without a summary: the listeners still hear the session end."""
        self.summary_on_finish = False
        self._control(self.workout.finish)

    def action_toggle_layout(self) -> None:
        self.layout_name = "standard" if self.layout_name == "mat" else "mat"
        self.set_class(self.layout_name == "mat", "-mat")
        self.remove_class("-instructions")
        self.refresh_bindings()
        self.post_message(self.LayoutChosen(self.layout_name))

    def action_toggle_instructions(self) -> None:
        """In the mat layout: the instructions in place of the figure, and back."""
        self.toggle_class("-instructions")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_instructions":
            return self.layout_name == "mat"  # the standard layout shows them already
        return True

    def action_help(self) -> None:
        self.pause_for_dialog()
        self.post_message(self.HelpRequested(self, self.workout.plan.session))

    def action_request_quit(self) -> None:
        self.pause_for_dialog()
        self.post_message(self.QuitRequested(self))

    def pause_for_dialog(self) -> None:
        """A dialog over a running workout pauses it, so that no hold runs unseen."""
        self._paused_by_dialog = self.workout.state == "running"
        if self._paused_by_dialog:
            self._control(self.workout.pause)

    def resume_after_dialog(self) -> None:
        if self._paused_by_dialog and self.workout.state == "paused":
            self._control(self.workout.resume)
        self._paused_by_dialog = False
