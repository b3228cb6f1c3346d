"""The exercise's figure, drawn in braille: the position the engine's snapshot is
in (engine.figures.motion), at the size of the widget's region.

The drawing itself is a plain function (engine.figures.render); this widget picks
the frame, draws it when the frame or its size changes, and colours what each
cell shows: the working leg (already drawn heavier), the rest of the body, props.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from kneecoach.engine import Snapshot
from kneecoach.engine.figures.motion import FigureFrame, figure_frame
from kneecoach.engine.figures.render import Picture, draw

ROLES = {"w": "figure--working", "b": "figure--body", "p": "figure--prop", " ": "figure--body"}
NO_FIGURE = "(no figure for this exercise)"


class FigureView(Widget):
    COMPONENT_CLASSES = {"figure--working", "figure--body", "figure--prop", "figure--none"}
    DEFAULT_CSS = """
    FigureView { height: 1fr; width: 100%; }
    FigureView > .figure--working { color: $accent; text-style: bold; }
    FigureView > .figure--body { color: $text; }
    FigureView > .figure--prop { color: $text-muted; }
    FigureView > .figure--none { color: $text-muted; text-style: italic; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.frame: FigureFrame | None = None
        self._shown = False

    def show(self, snapshot: Snapshot) -> None:
        frame = figure_frame(snapshot)
        if frame == self.frame and self._shown:
            return
        self.frame, self._shown = frame, True
        self.refresh()

    def picture(self) -> Picture | None:
        width, height = self.size
        if self.frame is None or width < 4 or height < 2:
            return None
        frame = self.frame
        return draw(frame.figure, frame.t, width, height, frame.side)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        picture = self.picture()
        if picture is None:
            if self.frame is None and y == self.size.height // 2 and width >= len(NO_FIGURE):
                pad = (width - len(NO_FIGURE)) // 2
                style = base + self.get_component_rich_style("figure--none")
                rest = " " * (width - pad - len(NO_FIGURE))
                segments = [
                    Segment(" " * pad, base),
                    Segment(NO_FIGURE, style),
                    Segment(rest, base),
                ]
                return Strip(segments, width)
            return Strip.blank(width, base)
        row, marks = picture.rows[y], picture.marks[y]
        segments = []
        start = 0
        for end in range(1, len(row) + 1):
            if end == len(row) or marks[end] != marks[start]:
                style = base + self.get_component_rich_style(ROLES[marks[start]])
                segments.append(Segment(row[start:end], style))
                start = end
        return Strip(segments, width)
