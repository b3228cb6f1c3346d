"""Every way out saves the log first, for the app (``terminal`` does the watching).

SIGTERM and SIGHUP save the workout in progress as interrupted, then the app
exits cleanly. A terminal that vanished without a SIGHUP (its pty closed under
us) is a hang-up too: its watch's thread posts ``TerminalLost`` to the app, which
hands it back here. If the app has not finished in time, the watchdog saves and
closes the log itself before the process leaves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.message import Message

from kneecoach.ui.terminal import TerminalWatch, catch_signals, restore_signals

if TYPE_CHECKING:
    from kneecoach.services.logbook import Logbook


class TerminalLost(Message):
    """The terminal hung up (posted by the terminal watch's thread)."""


class ExitGuard:
    def __init__(
        self, app: App[int], watch: TerminalWatch, logbook: Callable[[], Logbook | None]
    ) -> None:
        """``logbook()``: the app's log once it is ready, None before or without one."""
        self.app = app
        self.watch = watch
        self.logbook = logbook
        self._old_handlers: dict[int, Any] = {}

    def start(self) -> None:
        """When the app is mounted: signals caught, and (in a real terminal) watched."""
        app = self.app
        self._old_handlers = catch_signals(self.interrupted, self.watch, app.is_headless)
        if not app.is_headless:  # from now on, a terminal that goes away ends the app
            self.watch.start(on_lost=lambda: app.post_message(TerminalLost()), save=self.save_now)

    def stop(self) -> None:
        """When the app is unmounted: the signal handlers it replaced, back."""
        restore_signals(self._old_handlers)

    def interrupted(self) -> None:
        """SIGTERM or SIGHUP: the workout in progress is saved as interrupted first."""
        logbook = self.logbook()
        if logbook is not None:
            logbook.interrupt_open()
            logbook.writer.flush(timeout=3)
        self.app.exit(0)

    def terminal_lost(self) -> None:
        """On the UI thread: the log is saved and closed before Textual's own
        shutdown, which may wait forever on output nobody will read."""
        self.interrupted()
        self.save_now()

    def save_now(self) -> None:
        """From the watchdog's thread, when the app did not finish in time."""
        logbook = self.logbook()
        if logbook is not None:
            from kneecoach.ui.terminal import SAVE_TIMEOUT

            logbook.close(timeout=SAVE_TIMEOUT)
