"""Keeping the log alarm (``widgets.log_alarm``) on whatever screen shows, for as
long as the workout log is not being saved: screens and dialogs come and go, so
once a second it is put on the one showing if it is not there yet."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.timer import Timer

if TYPE_CHECKING:  # the app draws its first frame before the log is even imported
    from kneecoach.store.writer import SaveStatus


class SaveAlarm:
    def __init__(self, app: App[Any], on_ui: Callable[[Callable[[], object]], None]) -> None:
        """``on_ui(action)`` runs ``action`` on the UI thread, from any thread."""
        self.app = app
        self.on_ui = on_ui
        self.status: SaveStatus | None = None  # the log's writer, as last heard
        self._timer: Timer | None = None

    def heard(self, status: SaveStatus) -> None:
        """From the log's writer thread: saving stopped, or started again."""
        self.on_ui(lambda: self.show(status))

    def show(self, status: SaveStatus) -> None:
        from kneecoach.ui.widgets.log_alarm import LogAlarm

        self.status = status
        if status.saving:
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            for screen in self.app.screen_stack:
                for alarm in screen.query(LogAlarm):
                    alarm.remove()
            self.app.notify("Your workout log is being saved again.", timeout=6)
            return
        self.keep_shown()
        if self._timer is None:
            self._timer = self.app.set_interval(1.0, self.keep_shown)

    def keep_shown(self) -> None:
        from kneecoach.ui.widgets.log_alarm import LogAlarm

        status = self.status
        if status is None or status.saving:
            return
        screen = self.app.screen
        shown = list(screen.query(LogAlarm))
        if shown:
            shown[0].show(status)
        elif screen.is_attached:
            screen.mount(LogAlarm(status))
