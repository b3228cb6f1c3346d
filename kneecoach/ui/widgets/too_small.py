"""What the workout screen shows in a terminal too small for it.

Below ``MIN_WIDTH`` × ``MIN_HEIGHT`` the large countdown no longer fits (the
up-next line wraps, the body shrinks, the digits are cut off), and Textual would
hide it without a word. Instead the screen says how big the terminal must be,
and keeps the phase and the seconds left on one plain line, so a hold is never
timed unseen.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Static

from kneecoach.engine import Snapshot
from kneecoach.text import countdown_text, printable
from kneecoach.ui.widgets.changes import show_text
from kneecoach.ui.wording import phase_word, status_marks

# The smallest terminal in which the countdown is whole whatever the names (the
# up-next line, which they lengthen, is at most three lines).
MIN_WIDTH = 50
MIN_HEIGHT = 14


def too_small(size: Size) -> bool:
    return size.width < MIN_WIDTH or size.height < MIN_HEIGHT


def too_small_text(size: Size, snapshot: Snapshot | None) -> str:
    lines = [
        "Terminal too small:",
        f"make it at least {MIN_WIDTH}×{MIN_HEIGHT}",
        f"(now {size.width}×{size.height})",
    ]
    if snapshot is not None:
        phase = f"{printable(phase_word(snapshot))}  {countdown_text(snapshot.remaining)}"
        lines += ["", f"{phase}  {status_marks(snapshot)}".rstrip()]
    return "\n".join(lines)


class TooSmall(Static):
    """Shown instead of the workout's panels while the terminal is too small."""

    DEFAULT_CSS = """
    TooSmall { display: none; width: 100%; height: 100%; padding: 0 1;
               content-align: center middle; text-align: center; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.terminal = Size(0, 0)
        self.snapshot: Snapshot | None = None

    def show(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        if self.display:
            show_text(self, too_small_text(self.terminal, snapshot))

    def fit(self, size: Size) -> bool:
        """Take the terminal's size; True when it is too small (then this shows)."""
        self.terminal = size
        small = too_small(size)
        self.display = small
        if small:
            show_text(self, too_small_text(size, self.snapshot))
        return small
