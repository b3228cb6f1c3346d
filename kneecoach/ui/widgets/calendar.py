"""The last weeks at a glance: a row per weekday, a column per week, a mark per
day by how much was done. The marks (· ▪ ■) carry the meaning without colour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from kneecoach.services.history import CalendarDay

WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
LEGEND = ("  · none", "  ▪ some", "  ■ most")
CELL = 2  # a mark and a space


def mark(day: CalendarDay) -> str:
    if day.future:
        return " "
    if day.intensity == 0:
        return "·"
    return "▪" if day.intensity <= 2 else "■"


def month_row(weeks: Sequence[Sequence[CalendarDay]]) -> str:
    """Month names over the week in which each month starts (and over the first
    week, if no month starts in the next one)."""
    row = [" "] * (len(WEEKDAYS[0]) + 1 + CELL * len(weeks) + 1)
    for column, week in enumerate(weeks):
        first = next((day.day for day in week if day.day.day == 1), None)
        if first is None and column == 0:
            soon = len(weeks) > 1 and any(day.day.day == 1 for day in weeks[1])
            first = None if soon else week[0].day
        if first is not None:
            start = len(WEEKDAYS[0]) + 1 + CELL * column
            row[start : start + 3] = f"{first:%b}"
    return "".join(row).rstrip()


class TrainingCalendar(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "calendar--level-0",
        "calendar--level-1",
        "calendar--level-2",
        "calendar--level-3",
        "calendar--level-4",
        "calendar--label",
    }
    DEFAULT_CSS = """
    TrainingCalendar { height: 8; width: 34; }
    TrainingCalendar > .calendar--level-0 { color: $text-muted; }
    TrainingCalendar > .calendar--level-1 { color: $success 55%; }
    TrainingCalendar > .calendar--level-2 { color: $success 70%; }
    TrainingCalendar > .calendar--level-3 { color: $success 85%; }
    TrainingCalendar > .calendar--level-4 { color: $success; }
    TrainingCalendar > .calendar--label { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.weeks: Sequence[Sequence[CalendarDay]] = ()

    def update(self, weeks: Sequence[Sequence[CalendarDay]]) -> None:
        self.weeks = weeks
        self.refresh()

    def render(self) -> RenderResult:
        label = self.get_component_rich_style("calendar--label")
        text = Text(month_row(self.weeks), label, no_wrap=True, overflow="crop")
        for weekday, name in enumerate(WEEKDAYS):
            text.append(f"\n{name} ", label)
            for column, week in enumerate(self.weeks):
                day = week[weekday]
                style = self.get_component_rich_style(f"calendar--level-{day.intensity}")
                text.append(mark(day), style)
                if column < len(self.weeks) - 1:
                    text.append(" ")
            if weekday < len(LEGEND):
                text.append(LEGEND[weekday], label)
        return text
