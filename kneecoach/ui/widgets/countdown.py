"""The big countdown: the phase in words, the seconds left (or the rep number) in
large block digits sized to the space it has, and a line under them for the pace
of a tempo rep or a hint; above the phase, while they last, "paused" and "sound off".

What it shows comes from ``wording.countdown_content`` and how it is laid out
from ``bigtext.countdown_layout``, both plain functions; this widget only picks
the size from its region and draws the lines. It repaints only the cells that
changed: in a hold, one digit a second.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from kneecoach.engine import Snapshot
from kneecoach.ui.bigtext import countdown_layout
from kneecoach.ui.wording import Content, countdown_content

# (left padding, text, role: "status", "phase", "digits", "pace" or "gap")
Placed = tuple[int, str, str]


class Countdown(Widget):
    COMPONENT_CLASSES = {
        "countdown--status", "countdown--phase", "countdown--digits", "countdown--pace",
    }  # fmt: skip
    DEFAULT_CSS = """
    Countdown { height: 1fr; width: 100%; }
    Countdown > .countdown--status { text-style: bold reverse; }
    Countdown > .countdown--phase { text-style: bold; }
    Countdown > .countdown--pace { text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content: Content = ("", "", "", "")  # phase word, number, pace line, status
        self.muted = False  # set by the screen: shown beside the phase for as long as it lasts
        self.digit_rows = 0  # how tall the number is drawn, in rows
        self._lines: list[Placed] = []
        self._strips: dict[tuple[Placed, int], Strip] = {}

    @property
    def phase(self) -> str:
        return self.content[0]

    @property
    def number(self) -> str:
        return self.content[1]

    @property
    def pace(self) -> str:
        return self.content[2]

    @property
    def status(self) -> str:
        return self.content[3]

    def show(self, snapshot: Snapshot) -> None:
        content = countdown_content(snapshot, self.muted)
        if content == self.content:
            return  # nothing shown changes: nothing drawn
        # a new phase, or paused (its colours change too) or muted: every cell anew
        new_phase = content[0] != self.content[0] or content[3] != self.content[3]
        self.content = content
        before = self._lines
        self._lay_out()
        if new_phase:
            self._strips.clear()
            self.refresh()
        else:
            self._refresh_changes(before)

    def on_resize(self) -> None:
        self._lay_out()
        self.refresh()

    def _lay_out(self) -> None:
        width, height = self.size
        phase, number, pace, status = self.content
        layout = countdown_layout(phase, number, pace, width, height, status)
        lines = [(line, block.role) for block in layout.blocks for line in block.lines]
        top = max(0, (height - len(lines)) // 2)
        self._lines = [(0, "", "gap")] * top + [
            (max(0, (width - cell_len(text)) // 2), text, role) for text, role in lines
        ]
        self.digit_rows = layout.digit_rows

    def _refresh_changes(self, before: list[Placed]) -> None:
        """Repaint the box around the cells that changed, not the whole widget."""
        blank: Placed = (0, "", "gap")
        left, right, rows = self.size.width, -1, []
        for y in range(max(len(before), len(self._lines))):
            old = before[y] if y < len(before) else blank
            new = self._lines[y] if y < len(self._lines) else blank
            if old == new:
                continue
            rows.append(y)
            for pad, text, _ in (old, new):
                if text:
                    left, right = min(left, pad), max(right, pad + len(text))
        if rows:
            if right < 0:
                left, right = 0, self.size.width
            self.refresh(Region(left, rows[0], right - left, rows[-1] - rows[0] + 1))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        placed = self._lines[y] if y < len(self._lines) else (0, "", "gap")
        strip = self._strips.get((placed, width))
        if strip is None:  # one strip per distinct line, drawn once
            if len(self._strips) > 256:
                self._strips.clear()
            strip = self._strips[(placed, width)] = self._strip(placed, width)
        return strip

    def _strip(self, placed: Placed, width: int) -> Strip:
        base = self.rich_style
        pad, text, role = placed
        if not text:
            return Strip.blank(width, base)
        style = base + self.get_component_rich_style(f"countdown--{role}")
        segments = [Segment(" " * pad, base), Segment(text, style)]
        rest = width - pad - cell_len(text)
        if rest > 0:
            segments.append(Segment(" " * rest, base))
        return Strip(segments, width).crop(0, width)

    def notify_style_update(self) -> None:
        self._strips.clear()  # a new theme, or a new phase's colours
        super().notify_style_update()
