"""The line across the top of every screen while the workout log is not being
saved: what went wrong, that nothing is lost yet, and what to do. It stays until
saving works again (a toast would be gone before the person looked up)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

if TYPE_CHECKING:
    from kneecoach.store.writer import SaveStatus

ALARM_ID = "log-alarm"


def alarm_text(status: SaveStatus) -> str:
    """Plain words for a log that is not being saved (``status.saving`` is False):
    short enough for three lines of an 80-column terminal."""
    count = f"{status.waiting} entr{'y' if status.waiting == 1 else 'ies'}"
    return (
        f"⚠ YOUR WORKOUT LOG IS NOT BEING SAVED ({status.reason}). Nothing is lost: "
        f"{count} kept and tried again; what is left at the end goes into the log at "
        f"the next start. To fix it: {status.advice}."
    )


class LogAlarm(Static):
    DEFAULT_CSS = """
    LogAlarm {
        dock: top;
        width: 100%;
        height: auto;
        padding: 0 1;
        background: $error;
        color: $text;
        text-style: bold;
    }
    """

    def __init__(self, status: SaveStatus) -> None:
        super().__init__(alarm_text(status), id=ALARM_ID, markup=False)

    def show(self, status: SaveStatus) -> None:
        self.update(alarm_text(status))
