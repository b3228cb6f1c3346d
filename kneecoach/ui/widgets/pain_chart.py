"""Pain before and after each workout, as two lines of bars on a fixed 0–10 scale,
with the latest answers in words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import RenderResult
from textual.events import Resize
from textual.widget import Widget

from kneecoach.services.history import PainPoint
from kneecoach.ui.widgets.bars import bars

LABEL = 7  # "before "
TAIL = 14  # "  latest 10/10"


def latest(values: Sequence[int | None]) -> int | None:
    return next((value for value in reversed(values) if value is not None), None)


class PainChart(Widget):
    """One column per workout (the most recent that fit), the latest on the right."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pain-chart--before",
        "pain-chart--after",
        "pain-chart--label",
    }
    DEFAULT_CSS = """
    PainChart { height: 2; }
    PainChart > .pain-chart--before { color: $warning; }
    PainChart > .pain-chart--after { color: $primary; }
    PainChart > .pain-chart--label { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.points: Sequence[PainPoint] = ()

    def update(self, points: Sequence[PainPoint]) -> None:
        self.points = points
        self._title()
        self.refresh()

    def _columns(self) -> int:
        return max(0, self.content_size.width - LABEL - TAIL)

    def _shown(self) -> Sequence[PainPoint]:
        columns = self._columns()
        return self.points[-columns:] if columns else ()

    def _title(self) -> None:
        shown = self._shown()
        if not shown:
            self.border_title = "Pain 0–10: no answers yet"
            return
        span = f"{shown[0].day:%-d %b %Y} – {shown[-1].day:%-d %b %Y}"
        count = "the one workout" if len(shown) == 1 else f"last {len(shown)} workouts"
        self.border_title = f"Pain 0–10, {count}: {span}"

    def on_resize(self, event: Resize) -> None:
        self._title()

    def render(self) -> RenderResult:
        shown = self._shown()
        label = self.get_component_rich_style("pain-chart--label")
        text = Text(no_wrap=True, overflow="crop")
        for row, (name, values) in enumerate(
            (
                ("before", [point.pain_before for point in shown]),
                ("after", [point.pain_after for point in shown]),
            )
        ):
            if row:
                text.append("\n")
            text.append(f"{name:<{LABEL}}", label)
            line = bars(values, self._columns(), top=10)
            text.append(" " * (self._columns() - len(line)))  # the latest next to its words
            text.append(line, self.get_component_rich_style(f"pain-chart--{name}"))
            last = latest(values)
            words = "–" if last is None else f"{last}/10"
            text.append(f"  latest {words}".ljust(TAIL), label)
        return text
