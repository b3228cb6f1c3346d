"""The Textual app: screens in, screens out; everything else is delegated.

Screens send messages up (a session chosen, help, quit, the workout finished) and
the handlers here decide what comes next. What kneecoach knows below the screen
(sessions, today's plan, the log) is the ``Coach``; engine events go to the
``Listeners``. ``make_app`` builds the app for the command line and for the tests
alike, with the clock, the stores and the listeners injected.
"""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from textual import on
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from kneecoach.engine import Session
from kneecoach.engine.listeners import EventListener, Listeners
from kneecoach.engine.machine import Clock
from kneecoach.services.acknowledgements import (
    Acknowledgements,
    FileAcknowledgements,
    MemoryAcknowledgements,
)
from kneecoach.services.coach import Coach
from kneecoach.services.logbook import Logbook
from kneecoach.ui.flows import WorkoutFlows
from kneecoach.ui.screens.confirm_quit import ConfirmQuit, QuitChoice
from kneecoach.ui.screens.picker import SessionPicker
from kneecoach.ui.screens.safety import SafetyNotice
from kneecoach.ui.screens.workout import WORKOUT_BINDINGS, WorkoutScreen
from kneecoach.ui.terminal import TerminalWatch

CSS_PATH = Path(__file__).with_name("kneecoach.tcss")


class KneecoachApp(WorkoutFlows):
    TITLE = "kneecoach"
    CSS_PATH = CSS_PATH
    BINDINGS = [
        Binding("ctrl+c", "request_quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        coach: Coach,
        *,
        clock: Clock = time.monotonic,
        listeners: Iterable[EventListener] = (),
        live_ticker: bool = True,
        theme: str | None = None,
        notices: Sequence[str] = (),
        terminal_watch: TerminalWatch | None = None,
    ) -> None:
        super().__init__(
            coach, clock=clock, listeners=Listeners(listeners), live_ticker=live_ticker
        )
        self.notices = list(notices)  # e.g. session files that could not be read
        self.terminal_watch = terminal_watch or TerminalWatch()
        self._first_screen: Screen[Any] | None = None
        if theme:
            self.theme = theme

    @property
    def muted(self) -> bool:
        return self.listeners.muted

    # -- start and stop --------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The first screen, drawn straight away (no blank frame first).

        Made once: Textual may ask again (the snapshot tester does).
        """
        if self._first_screen is None:
            coach, start = self.coach, self.coach.start
            if start is None:
                self._first_screen = SessionPicker(coach.sessions, today=coach.plan_for)
            elif coach.logbook is None and coach.acknowledgements.is_acknowledged(start.id):
                self._first_screen = self.workout_screen(start)
            else:  # a blank screen under the questions that startup_flow asks
                self._first_screen = Screen(id="_default")
        return self._first_screen

    def on_mount(self) -> None:
        sessions = [self.coach.start] if self.coach.start else self.coach.sessions
        # sounds read and missing names rendered, off the UI thread
        self.run_worker(lambda: self.listeners.prepare(sessions), thread=True)
        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGHUP):
            try:  # a kill, or the terminal closed: save, exit cleanly, terminal restored
                loop.add_signal_handler(number, self.interrupted)
            except (NotImplementedError, RuntimeError, ValueError):
                pass
        if not self.is_headless:
            self.terminal_watch.start(self, on_lost=self._terminal_lost)
        if self.coach.logbook is not None:
            self.coach.logbook.writer.on_error = self.say
        for notice in self.notices:
            self.notify(notice, severity="warning", timeout=15)
        if self.coach.logbook is not None or self.get_default_screen().id == "_default":
            self.startup_flow()

    def _terminal_lost(self) -> None:
        """A terminal that vanished without a SIGHUP (its pty closed under us) is a
        hang-up too; the log is saved and closed before Textual's own shutdown,
        which may wait forever on output nobody will read."""
        self.interrupted()
        if self.coach.logbook is not None:
            self.coach.logbook.close()

    def interrupted(self) -> None:
        """SIGTERM or SIGHUP: the workout in progress is saved as interrupted first."""
        if self.coach.logbook is not None:
            self.coach.logbook.interrupt_open()
            self.coach.logbook.writer.flush(timeout=3)
        self.exit(0)

    def on_unmount(self) -> None:
        self.listeners.close()  # the log saves anything unfinished as interrupted

    # -- what screens ask for ----------------------------------------------------------

    @on(SessionPicker.Chosen)
    def _session_chosen(self, message: SessionPicker.Chosen) -> None:
        self.start_flow(message.session)

    @on(SessionPicker.HistoryRequested)
    def show_history(self) -> None:
        if self.coach.logbook is None:
            self.notify("No workout log here (tests and --data-dir-less runs keep none).")
            return
        from kneecoach.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.coach.logbook.log, names=self.coach.unit_names()))

    @on(WorkoutScreen.Finished)
    def _workout_finished(self, message: WorkoutScreen.Finished) -> None:
        if message.summary:
            self.finish_flow(message.workout)

    @on(WorkoutScreen.HelpRequested)
    def _help(self, message: WorkoutScreen.HelpRequested) -> None:
        screen = message.screen
        self.push_screen(
            SafetyNotice(message.session, first_time=False),
            lambda _: screen.resume_after_dialog(),
        )

    @on(WorkoutScreen.QuitRequested)
    def _confirm_quit(self, message: WorkoutScreen.QuitRequested) -> None:
        screen = message.screen

        def chosen(choice: QuitChoice | None) -> None:
            if choice == "finish":
                screen.action_finish()
            elif choice == "quit":
                screen.action_quit_now()  # straight out: no summary screen
                self.exit(0)
            else:
                screen.resume_after_dialog()

        self.push_screen(ConfirmQuit(), chosen)

    def action_request_quit(self) -> None:
        if isinstance(self.screen, WorkoutScreen):
            self.screen.action_request_quit()
        else:  # nothing is running, or the quit dialog itself is asking
            self.exit(0)

    # -- for listeners, from any thread ------------------------------------------------

    def say(self, message: str) -> None:
        """A notification for the person, from any thread (a sound backend failing)."""
        self.from_any_thread(lambda: self.notify(message, severity="warning", timeout=6))

    def ring(self) -> None:
        self.from_any_thread(self.bell)

    def flash(self) -> None:
        """A visual cue: the screen lights up briefly (the bell's partner)."""

        def light() -> None:
            screen = self.screen
            screen.add_class("-cue-flash")
            self.set_timer(0.25, lambda: screen.remove_class("-cue-flash"))

        self.from_any_thread(light)

    def from_any_thread(self, action: Callable[[], object]) -> None:
        """Run ``action`` now on the UI thread, or hand it there from a player's
        watcher thread or the log's writer."""
        if self._thread_id == threading.get_ident():
            action()
        else:
            self.call_from_thread(action)

    def action_toggle_mute(self) -> None:
        muted = self.listeners.toggle_mute()
        self.notify("Sound off" if muted else "Sound on", timeout=2)

    # -- command palette -------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, WorkoutScreen):
            for binding in WORKOUT_BINDINGS:
                action = binding.action
                target = self if action.startswith("app.") else screen
                method = getattr(target, f"action_{action.removeprefix('app.')}")
                keys = binding.key_display or binding.key
                yield SystemCommand(binding.description, f"Key: {keys}", method)


def make_app(
    sessions: Sequence[Session],
    *,
    start: Session | None = None,
    data_dir: Path | None = None,
    clock: Clock = time.monotonic,
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
    terminal_watch: TerminalWatch | None = None,
) -> KneecoachApp:
    """Build the app the user runs; tests pass a fake clock, stores and listeners."""
    if acknowledgements is None:
        acknowledgements = FileAcknowledgements(data_dir) if data_dir else MemoryAcknowledgements()
    coach = Coach(
        sessions,
        start=start,
        speed=speed,
        logbook=logbook,
        acknowledgements=acknowledgements,
        progression=progression,
    )
    app = KneecoachApp(
        coach,
        clock=clock,
        listeners=listeners or (),
        live_ticker=live_ticker,
        theme=theme,
        notices=notices,
        terminal_watch=terminal_watch,
    )
    if logbook is not None:
        app.listeners.add(logbook)
    if listeners is None and audio != "off":
        app.listeners.add(_cue_listener(app, audio, volume, voice))
    return app


def _cue_listener(app: KneecoachApp, mode: str, volume: int, voice: bool) -> EventListener:
    from kneecoach.audio import CueListener, SoundBank, make_player, sound_folders
    from kneecoach.settings.paths import voices_cache_dir

    player = make_player(mode, ring=app.ring, flash=app.flash, notify=app.say)
    cache = voices_cache_dir()
    bank = SoundBank(sound_folders(cache), volume=volume)
    return CueListener(bank, player, voice=voice, voices_cache=cache)
