"""The whole session's progress, with the time done and the time left."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from kneecoach.engine import Snapshot
from kneecoach.report import clock_text


class SessionProgress(Horizontal):
    DEFAULT_CSS = """
    SessionProgress { height: 1; padding: 0 1; }
    SessionProgress > ProgressBar { width: 1fr; }
    SessionProgress Bar { width: 1fr; }
    SessionProgress > #times { width: auto; padding-left: 1; }
    """

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="bar")
        yield Static(id="times")

    def show(self, snapshot: Snapshot) -> None:
        bar = self.query_one(ProgressBar)
        bar.update(total=max(snapshot.total, 1), progress=snapshot.position)
        self.query_one("#times", Static).update(
            f"{clock_text(snapshot.position)} done · {clock_text(snapshot.remaining_total)} left"
        )
