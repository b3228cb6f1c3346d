"""The Textual app: screens in, screens out; everything else is delegated.

Screens send messages up (a session chosen, help, quit, the workout finished) and
the handlers here decide what comes next. What kneecoach knows below the screen
(sessions, today's plan, the log) is the ``Coach``; engine events go to the
``Listeners``; the questions around a workout are the ``WorkoutFlows``; help,
the quit question and the command palette over a workout are the
``WorkoutDialogs``; every way out saves the log through the ``ExitGuard``; what
other threads show or ring goes through the ``ScreenCues``.

It draws first: launched from the command line, its first frame is on the
terminal before a session file is read or the log opened (``StartingScreen``);
a worker thread then prepares everything (``services.startup``), and a problem
the person must fix ends the app with its lines and exit status 1. So this module
imports Textual and little else; the rest is imported on the worker's thread.
``make_app`` (in ``ready_made``) builds it with everything read already, for the
tests and the benchmarks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from kneecoach.engine.errors import UserError
from kneecoach.ui.alarm import SaveAlarm
from kneecoach.ui.exit_guard import ExitGuard, TerminalLost
from kneecoach.ui.screen_cues import ScreenCues, cue_listener
from kneecoach.ui.screens.starting import StartingScreen
from kneecoach.ui.terminal import TerminalWatch
from kneecoach.ui.workout_dialogs import WorkoutDialogs

if TYPE_CHECKING:
    from kneecoach.engine.listeners import Listeners
    from kneecoach.engine.machine import Clock
    from kneecoach.services.coach import Coach
    from kneecoach.services.display import DisplayChoice
    from kneecoach.services.logbook import Logbook
    from kneecoach.services.startup import Prepared
    from kneecoach.settings.launch import LaunchOptions
    from kneecoach.ui.flows import WorkoutFlows
    from kneecoach.ui.screens.picker import SessionPicker
    from kneecoach.ui.screens.workout import WorkoutScreen

CSS_PATH = Path(__file__).with_name("kneecoach.tcss")


class KneecoachApp(App[int]):
    TITLE = "kneecoach"
    CSS_PATH = CSS_PATH
    BINDINGS = [
        Binding("ctrl+c", "request_quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        *,
        launch: LaunchOptions | None = None,
        clock: Clock = time.monotonic,
        live_ticker: bool = True,
        theme: str | None = None,
        terminal_watch: TerminalWatch | None = None,
    ) -> None:
        super().__init__()
        self.launch = launch  # None: ``ready`` is called before the app runs
        self.clock = clock
        self.live_ticker = live_ticker  # False in tests: they tick by hand
        self.terminal_watch = terminal_watch or TerminalWatch()
        self.exit_guard = ExitGuard(self, self.terminal_watch, self._logbook)
        self.user_error: UserError | None = None  # what stopped the app, for the CLI
        self.unsaved: str | None = None  # after it ran: what the log could not take, and where
        self._coach: Coach | None = None
        self._listeners: Listeners | None = None
        self._flows: WorkoutFlows | None = None
        self._notices: list[str] = []
        self._first_screen: Screen[Any] | None = None
        self.report_opener: Callable[[Path], bool] | None = None  # None: the browser
        self.cues = ScreenCues(self)  # the bell, a flash, a notice: from any thread
        self.save_alarm = SaveAlarm(self, self.cues.from_any_thread)
        self._display_choice: DisplayChoice | None = None
        self.dialogs = WorkoutDialogs(self, self._logbook)
        if theme:
            self.theme = theme

    # -- what is there once it is ready ------------------------------------------------

    def ready(
        self,
        coach: Coach,
        listeners: Listeners,
        notices: Sequence[str] = (),
        display: DisplayChoice | None = None,
    ) -> None:
        """Everything read and opened: from here on the app can run workouts."""
        from kneecoach.services.display import DisplayChoice
        from kneecoach.ui.flows import WorkoutFlows

        self._coach, self._listeners = coach, listeners
        self._notices = list(notices)
        self._display_choice = display or DisplayChoice()
        self._flows = WorkoutFlows(
            self,
            coach,
            clock=self.clock,
            listeners=listeners,
            live_ticker=self.live_ticker,
            display=self._display_choice,
        )

    @property
    def coach(self) -> Coach:
        assert self._coach is not None, "the app is not ready yet"
        return self._coach

    @property
    def listeners(self) -> Listeners:
        assert self._listeners is not None, "the app is not ready yet"
        return self._listeners

    @property
    def flows(self) -> WorkoutFlows:
        assert self._flows is not None, "the app is not ready yet"
        return self._flows

    @property
    def display_choice(self) -> DisplayChoice:
        """The workout screen's layout, and where it is remembered."""
        assert self._display_choice is not None, "the app is not ready yet"
        return self._display_choice

    @property
    def muted(self) -> bool:
        return self._listeners is not None and self._listeners.muted

    def _logbook(self) -> Logbook | None:
        """The log, for the exit guard and the quit question: None before the app is
        ready, or without one."""
        return self._coach.logbook if self._coach is not None else None

    # -- start and stop --------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The first screen, drawn straight away (no blank frame first).

        Made once: Textual may ask again (the snapshot tester does).
        """
        if self._first_screen is None:
            if self.launch is not None:
                self._first_screen = StartingScreen(self.launch.session or "your sessions")
            else:
                self._first_screen = self._screen_when_ready()
        return self._first_screen

    def _screen_when_ready(self) -> Screen[Any]:
        """The picker; the workout when there is nothing to ask first; else a blank
        screen under the questions that the start-up flow asks."""
        from kneecoach.ui.screens.picker import SessionPicker

        coach = self.coach
        if coach.start is None:
            return SessionPicker(coach.sessions, today=coach.plan_for, unusable=coach.unusable)
        if coach.logbook is None and coach.acknowledgements.is_acknowledged(coach.start.id):
            return self.flows.workout_screen(coach.start)
        return Screen(id="_default")

    def on_mount(self) -> None:
        self.exit_guard.start()  # signals caught, a terminal that goes away noticed
        if self.launch is not None:
            self.call_after_refresh(self._prepare)  # the first frame first
        else:
            self._begin()

    def on_terminal_lost(self, message: TerminalLost) -> None:
        """A terminal that vanished without a SIGHUP (its pty closed under us) is a
        hang-up too."""
        self.exit_guard.terminal_lost()

    def _prepare(self) -> None:
        self.run_worker(self._prepared, thread=True, group="prepare", exit_on_error=False)

    def _prepared(self) -> Prepared | UserError:
        """On a worker thread: read, check and open everything (services.startup)."""
        from kneecoach.services.startup import prepare
        from kneecoach.ui import flows  # noqa: F401  (imported here, off the UI thread)

        assert self.launch is not None
        try:
            return prepare(self.launch)
        except UserError as error:
            return error

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "prepare" or event.state != WorkerState.SUCCESS:
            return
        result = event.worker.result
        if isinstance(result, UserError):
            self.user_error = result
            self.exit(1)
            return
        from kneecoach.engine.listeners import Listeners
        from kneecoach.services.startup import Prepared

        assert isinstance(result, Prepared) and self.launch is not None
        listeners = Listeners([result.coach.logbook] if result.coach.logbook else [])
        if result.audio.backend != "off":
            listeners.add(
                cue_listener(
                    self.cues, result.audio.backend, result.audio.volume, result.audio.voice
                )
            )
        self.ready(result.coach, listeners, result.notices, result.display)
        if result.coach.start is None:
            self.push_screen(self._screen_when_ready())
        self._begin()

    def _begin(self) -> None:
        """Ready: sounds read off the UI thread, notices shown, the questions asked."""
        sessions = [self.coach.start] if self.coach.start else self.coach.sessions
        self.run_worker(lambda: self.listeners.prepare(sessions), thread=True)
        logbook = self.coach.logbook
        if logbook is not None:
            logbook.writer.on_error = self.say
            logbook.writer.on_status = self.save_alarm.heard
            if not logbook.writer.status.saving:
                self.save_alarm.heard(logbook.writer.status)
            self._notices[:0] = logbook.import_notices()
        from kneecoach.ui.literal import as_markup

        for notice in self._notices:  # they quote file names and settings
            self.notify(as_markup(notice), severity="warning", timeout=15)
        if self.coach.logbook is not None or self.coach.start is not None:
            self.startup_flow()

    def startup_flow(self) -> None:
        self.run_worker(self.flows.startup(), exclusive=True, group="flow")

    def interrupted(self) -> None:
        """SIGTERM or SIGHUP: the workout in progress is saved as interrupted first."""
        self.exit_guard.interrupted()

    def on_unmount(self) -> None:
        self.exit_guard.stop()
        if self._listeners is not None:
            self._listeners.close()  # the log saves anything unfinished as interrupted
        if self._coach is not None and self._coach.logbook is not None:
            self.unsaved = self._coach.logbook.unsaved

    def _handle_exception(self, error: Exception) -> None:
        """A problem the person can fix, met after start-up (a log found damaged
        mid-session, say): the app ends with its line and exit status 1, as at
        start-up, never a traceback."""
        from textual.worker import WorkerFailed

        cause = error.error if isinstance(error, WorkerFailed) else error
        if isinstance(cause, UserError):
            self.user_error = cause
            self.exit(1)
            return
        super()._handle_exception(error)

    # -- what screens ask for ----------------------------------------------------------

    def on_session_picker_chosen(self, message: SessionPicker.Chosen) -> None:
        self.run_worker(self.flows.start(message.session), exclusive=True, group="flow")

    def on_session_picker_history_requested(self) -> None:
        self.show_history()

    def show_history(self) -> None:
        if self.coach.logbook is None:
            self.notify("No workout log here (tests and --data-dir-less runs keep none).")
            return
        from kneecoach.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.coach.logbook.log, names=self.coach.unit_names()))

    def on_history_screen_report_requested(self) -> None:
        from kneecoach.ui.reporting import write_report

        extra = self.launch.extra_dirs if self.launch else ()
        self.run_worker(
            lambda: write_report(self, self.coach, Path.cwd(), extra, self.report_opener),
            thread=True, group="report", exclusive=True,
        )  # fmt: skip

    def on_summary_screen_done(self) -> None:
        """Done on the summary: back to the picker the workout was started from, or
        out (a workout started with `run SESSION`)."""
        from kneecoach.ui.screens.picker import SessionPicker

        pickers = [s for s in self.screen_stack if isinstance(s, SessionPicker)]
        if not pickers:
            self.exit(0)
            return
        while self.screen is not pickers[-1]:
            self.pop_screen()
        pickers[-1].replan()

    def on_workout_screen_finished(self, message: WorkoutScreen.Finished) -> None:
        if message.summary:
            finish = self.flows.finish(message.workout, gentler=message.gentler)
            self.run_worker(finish, exclusive=True, group="flow")

    def on_workout_screen_layout_chosen(self, message: WorkoutScreen.LayoutChosen) -> None:
        """`l` on the workout screen: the layout from now on, remembered off this thread."""
        choice = self.display_choice

        def remember() -> None:
            problem = choice.choose(message.layout)
            if problem:
                self.say(problem)

        self.run_worker(remember, thread=True, group="display")

    # -- dialogs over a workout: each pauses it while open -----------------------------

    def on_workout_screen_help_requested(self, message: WorkoutScreen.HelpRequested) -> None:
        self.dialogs.help(message.screen, message.session)

    def on_workout_screen_quit_requested(self, message: WorkoutScreen.QuitRequested) -> None:
        self.dialogs.ask_quit(message.screen)

    def action_request_quit(self) -> None:
        """Ctrl+C: a workout asks first (see ``action_quit``)."""
        self.dialogs.quit_asking_first()

    async def action_quit(self) -> None:
        """The command palette's Quit, and `q` where it quits: a workout running (or
        under the palette) asks first, as `q` does, pain-after question included."""
        self.dialogs.quit_asking_first()

    def on_command_palette_opened(self) -> None:
        self.dialogs.palette_opened()

    def on_command_palette_closed(self) -> None:
        self.dialogs.palette_closed()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from self.dialogs.palette_commands(screen)

    # -- for listeners, from any thread ------------------------------------------------

    def say(self, message: str) -> None:
        """A notification for the person, from any thread (a sound backend failing)."""
        self.cues.say(message)

    def action_toggle_mute(self) -> None:
        """Sound off or on; a workout shows it beside the phase for as long as it lasts."""
        from kneecoach.ui.screens.workout import WorkoutScreen

        muted = self.listeners.toggle_mute()
        workouts = [s for s in self.screen_stack if isinstance(s, WorkoutScreen)]
        for screen in workouts:
            screen.show_muted(muted)
        if not workouts:
            self.notify("Sound off" if muted else "Sound on", timeout=2)


def launch_app(launch: LaunchOptions, *, theme: str | None = None) -> KneecoachApp:
    """The app the command line runs: it draws, then reads (see the module's notes)."""
    return KneecoachApp(launch=launch, theme=theme)
