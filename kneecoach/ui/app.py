"""The Textual app: screens in, screens out; everything else is delegated.

``make_app`` builds it for the command line and for the tests alike, with the clock,
the acknowledgement store and the event listeners injected.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from kneecoach.acknowledgements import (
    Acknowledgements,
    FileAcknowledgements,
    MemoryAcknowledgements,
)
from kneecoach.engine import Event, Plan, Session, Workout, build_plan
from kneecoach.engine.model import ProgressionRule
from kneecoach.engine.progression import DoseDecision
from kneecoach.engine.progression_rule import merge_rule
from kneecoach.logbook import Logbook
from kneecoach.progress import doses_for, overrides
from kneecoach.store.records import LoggedWorkout
from kneecoach.ui.flows import WorkoutFlows, carry_over
from kneecoach.ui.listeners import EventListener
from kneecoach.ui.screens.confirm_quit import ConfirmQuit, QuitChoice
from kneecoach.ui.screens.picker import SessionPicker
from kneecoach.ui.screens.safety import SafetyNotice
from kneecoach.ui.screens.workout import WORKOUT_BINDINGS, WorkoutScreen

CSS_PATH = Path(__file__).with_name("kneecoach.tcss")


class KneecoachApp(WorkoutFlows, App[int]):
    TITLE = "kneecoach"
    CSS_PATH = CSS_PATH
    BINDINGS = [
        Binding("ctrl+c", "request_quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        sessions: Sequence[Session],
        *,
        start: Session | None = None,
        clock: Callable[[], float] = time.monotonic,
        speed: float = 1.0,
        acknowledgements: Acknowledgements | None = None,
        listeners: Iterable[EventListener] = (),
        live_ticker: bool = True,
        theme: str | None = None,
        logbook: Logbook | None = None,
        progression: Mapping[str, Any] | None = None,
        notices: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.notices = list(notices)  # e.g. session files that could not be read
        self.logbook = logbook
        self.progression = dict(progression or {})  # the config file's [progression]
        self.sessions = list(sessions)
        self.start_session = start
        self.clock = clock
        self.speed = speed
        self.acknowledgements = acknowledgements or MemoryAcknowledgements()
        self.listeners = list(listeners)
        self.live_ticker = live_ticker
        self.muted = False
        self._first_screen: Screen | None = None
        if theme:
            self.theme = theme

    # -- start and stop --------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """The first screen, drawn straight away (no blank frame first).

        Made once: Textual may ask again (the snapshot tester does).
        """
        if self._first_screen is None:
            start = self.start_session
            if start is None:
                self._first_screen = SessionPicker(self.sessions, today=self.plan_for)
            elif self.logbook is None and self.acknowledgements.is_acknowledged(start.id):
                self._first_screen = self.workout_screen(start)
            else:  # a blank screen under the questions that startup_flow asks
                self._first_screen = Screen(id="_default")
        return self._first_screen

    def on_mount(self) -> None:
        prepare = [getattr(listener, "prepare", None) for listener in self.listeners]
        if any(prepare):  # sounds read and missing names rendered, off the UI thread
            sessions = [self.start_session] if self.start_session else self.sessions
            self.run_worker(lambda: [p(sessions) for p in prepare if p], thread=True)
        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGHUP):
            try:  # a kill, or the terminal closed: save, exit cleanly, terminal restored
                loop.add_signal_handler(number, self.interrupted)
            except (NotImplementedError, RuntimeError, ValueError):
                pass
        if not self.is_headless and _terminal_works():
            self.set_interval(5.0, self._check_terminal, name="terminal watch")
        if self.logbook is not None:
            self.logbook.writer.on_error = self.say
        for notice in self.notices:
            self.notify(notice, severity="warning", timeout=15)
        if self.logbook is not None or self.get_default_screen().id == "_default":
            self.startup_flow()

    def _check_terminal(self) -> None:
        """A terminal that vanished without a SIGHUP (its pty closed under us) is a
        hang-up too: Textual's input thread would otherwise spin on the dead tty."""
        if _terminal_works():
            return
        self.interrupted()
        # With its terminal gone, Textual's own shutdown can wait forever on output
        # nobody will read. The log is saved by now: leave anyway if it does.
        if self.logbook is not None:
            self.logbook.close()
        watchdog = threading.Timer(3.0, os._exit, args=(0,))
        watchdog.daemon = True
        watchdog.start()

    def interrupted(self) -> None:
        """SIGTERM or SIGHUP: the workout in progress is saved as interrupted first."""
        if self.logbook is not None:
            self.logbook.interrupt_open()
            self.logbook.writer.flush(timeout=3)
        self.exit(0)

    def begin(self, session: Session) -> None:
        """Start ``session`` from the picker, after its safety notice the first time."""
        self.start_flow(session)

    @property
    def known_sessions(self) -> list[Session]:
        """The picker's sessions and the one named on the command line."""
        return [*self.sessions, *([self.start_session] if self.start_session else [])]

    def find_session(self, session_id: str) -> Session | None:
        return next((s for s in self.known_sessions if s.id == session_id), None)

    def plan_for(self, session: Session) -> tuple[Plan, dict[str, DoseDecision]]:
        """Today's plan of ``session``: each exercise at the dose the log points to."""
        log = None
        if self.logbook is not None:
            self.logbook.writer.flush(timeout=1)  # a morning-after answer just given counts
            log = self.logbook.log
        decisions = doses_for(session, log, self.progression)
        return build_plan(session, overrides=overrides(decisions)), decisions

    def progression_limit(self) -> int:
        """The pain above which the rule steps back (the user's setting or 5)."""
        return merge_rule(
            ProgressionRule(), self.progression, prefix="progression."
        ).acceptable_pain

    def workout_screen(
        self,
        session: Session,
        *,
        resume: LoggedWorkout | None = None,
        planned: tuple[Plan, dict[str, DoseDecision]] | None = None,
    ) -> WorkoutScreen:
        """``planned``: ``plan_for(session)`` when the caller has just worked it out."""
        plan, decisions = planned or self.plan_for(session)
        workout = Workout(plan, clock=self.clock, speed=self.speed)
        first = carry_over(workout, resume) if resume is not None else 0
        reasons = {key: decision.reason for key, decision in decisions.items()}
        return WorkoutScreen(workout, self.live_ticker, first_step=first, reasons=reasons)

    def show_history(self) -> None:
        if self.logbook is None:
            self.notify("No workout log here (tests and --data-dir-less runs keep none).")
            return
        from kneecoach.ui.screens.history import HistoryScreen

        names = {
            exercise.unit_key(part): f"{exercise.name}: {part.name}" if part.name else exercise.name
            for session in self.known_sessions
            for exercise in session.exercises
            for part in exercise.units()
        }
        self.push_screen(HistoryScreen(self.logbook.log, names=names))

    def show_summary(self, workout: Workout) -> None:
        self.finish_flow(workout)

    def show_help(self, session: Session, on_close: Callable[[], None] | None = None) -> None:
        self.push_screen(SafetyNotice(session, first_time=False), lambda _: on_close and on_close())

    def confirm_quit(self, screen: WorkoutScreen) -> None:
        def chosen(choice: QuitChoice | None) -> None:
            if choice == "finish":
                screen.action_finish()
            elif choice == "quit":
                screen.summary_on_finish = False  # straight out: no summary screen
                screen.action_finish()  # listeners still hear the session end
                self.exit(0)
            else:
                screen.resume_after_dialog()

        self.push_screen(ConfirmQuit(), chosen)

    def on_unmount(self) -> None:
        if self.logbook is not None:
            self.logbook.close()  # anything unfinished is saved as interrupted
        for listener in self.listeners:
            close = getattr(listener, "close", None)
            if close is not None:
                close()

    def action_request_quit(self) -> None:
        if isinstance(self.screen, WorkoutScreen):
            self.screen.action_request_quit()
        else:  # nothing is running, or the quit dialog itself is asking
            self.exit(0)

    # -- engine events: the seam for cues and the log ------------------------------

    def deliver(self, event: Event, workout: Workout) -> None:
        """Hand one engine event to every listener, in order."""
        for listener in self.listeners:
            listener.handle(event, workout, muted=self.muted)

    def delivered(self, workout: Workout) -> None:
        """The tick's events have all been handed over: listeners may act on them."""
        for listener in self.listeners:
            listener.flush(workout, muted=self.muted)

    def from_any_thread(self, action: Callable[[], object]) -> Callable[[], None]:
        """``action`` made safe to call from a player's watcher thread too."""

        def run() -> None:
            if threading.get_ident() == self._thread_id:
                action()
            else:
                self.call_from_thread(action)

        return run

    def say(self, message: str) -> None:
        """A notification for the person, from any thread (a sound backend failing)."""
        self.from_any_thread(lambda: self.notify(message, severity="warning", timeout=6))()

    def flash(self) -> None:
        """A visual cue: the screen lights up briefly (the bell's partner)."""
        screen = self.screen
        screen.add_class("-cue-flash")
        self.set_timer(0.25, lambda: screen.remove_class("-cue-flash"))

    def action_toggle_mute(self) -> None:
        self.muted = not self.muted
        if self.muted:
            for listener in self.listeners:
                stop = getattr(listener, "stop", None)
                if stop is not None:
                    stop()
        self.notify("Sound off" if self.muted else "Sound on", timeout=2)

    # -- command palette -------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, WorkoutScreen):
            for binding in WORKOUT_BINDINGS:
                action = binding.action
                target = self if action.startswith("app.") else screen
                method = getattr(target, f"action_{action.removeprefix('app.')}")
                keys = binding.key_display or binding.key
                yield SystemCommand(binding.description, f"Key: {keys}", method)


def _terminal_works() -> bool:
    """Whether stdin is a terminal that still answers (False: none, or hung up)."""
    try:
        termios.tcgetattr(sys.__stdin__.fileno())  # type: ignore[union-attr]
    except (OSError, ValueError, AttributeError, termios.error):
        return False
    return True


def make_app(
    sessions: Sequence[Session],
    *,
    start: Session | None = None,
    data_dir: Path | None = None,
    clock: Callable[[], float] = time.monotonic,
    speed: float = 1.0,
    audio: str = "auto",
    volume: int = 100,
    voice: bool = True,
    live_ticker: bool = True,
    acknowledgements: Acknowledgements | None = None,
    listeners: Iterable[EventListener] | None = None,
    theme: str | None = None,
    logbook: Logbook | None = None,
    progression: Mapping[str, Any] | None = None,
    notices: Sequence[str] = (),
) -> KneecoachApp:
    """Build the app the user runs; tests pass a fake clock, stores and listeners."""
    if acknowledgements is None:
        acknowledgements = FileAcknowledgements(data_dir) if data_dir else MemoryAcknowledgements()
    app = KneecoachApp(
        sessions,
        start=start,
        clock=clock,
        speed=speed,
        acknowledgements=acknowledgements,
        listeners=listeners or (),
        live_ticker=live_ticker,
        theme=theme,
        logbook=logbook,
        progression=progression,
        notices=notices,
    )
    if logbook is not None:
        app.listeners.append(logbook)
    if listeners is None and audio != "off":
        app.listeners.append(_cue_listener(app, audio, volume, voice))
    return app


def _cue_listener(app: KneecoachApp, mode: str, volume: int, voice: bool) -> EventListener:
    from kneecoach.audio import CueListener, SoundBank, make_player, sound_folders
    from kneecoach.paths import voices_cache_dir

    player = make_player(
        mode,
        ring=app.from_any_thread(app.bell),
        flash=app.from_any_thread(app.flash),
        notify=app.say,
    )
    cache = voices_cache_dir()
    bank = SoundBank(sound_folders(cache), volume=volume)
    return CueListener(bank, player, voice=voice, voices_cache=cache)
