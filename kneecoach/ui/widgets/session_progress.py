"""The whole session's progress, with the time done and the time left.

"Done" is the time actually spent in steps (pauses and skipped steps count for
nothing); "left" is what remains of the plan, so the two need not add up.

A plain text bar rather than Textual's ProgressBar: that one recomputes an ETA
and repaints on every update and on a timer of its own, while this one repaints
only when a cell fills or the minutes and seconds shown change.
"""

from __future__ import annotations

import math

from textual.app import ComposeResult, RenderResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from kneecoach.engine import Snapshot
from kneecoach.text import clock_text
from kneecoach.ui.widgets.changes import show_text


class FillBar(Widget):
    """A one-line bar: ``fraction`` of it filled."""

    DEFAULT_CSS = """
    FillBar { height: 1; width: 1fr; color: $primary; background: $panel; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fraction = 0.0
        self._cells = -1

    def set_fraction(self, fraction: float) -> None:
        self.fraction = min(1.0, max(0.0, fraction))
        cells = int(self.fraction * max(1, self.size.width))
        if cells != self._cells:
            self._cells = cells
            self.refresh()

    def on_resize(self) -> None:
        self._cells = -1
        self.set_fraction(self.fraction)

    def render(self) -> RenderResult:
        width = max(1, self.size.width)
        cells = int(self.fraction * width)
        return Content("█" * cells + "░" * (width - cells))


class SessionProgress(Horizontal):
    DEFAULT_CSS = """
    SessionProgress { height: 1; padding: 0 1; }
    SessionProgress > #times { width: auto; padding-left: 1; }
    """

    def compose(self) -> ComposeResult:
        yield FillBar(id="bar")
        yield Static(id="times")

    def show(self, snapshot: Snapshot) -> None:
        self.query_one(FillBar).set_fraction(snapshot.progress)
        # done: the time actually spent (a skipped step adds none); left: the plan's rest
        done = clock_text(math.floor(snapshot.done_seconds))
        left = clock_text(snapshot.remaining_total)
        show_text(self.query_one("#times", Static), f"{done} done · {left} left")
