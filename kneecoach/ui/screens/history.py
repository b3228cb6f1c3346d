"""The history screen: streaks, the last 12 weeks, pain over time, doses over time
and the workouts themselves, newest first; ``r`` asks the app for the report for
the physiotherapist.

Ten years of workouts are about 400,000 steps, so nothing here reads a step: the
log's summaries and per-workout doses are read and turned into a ``HistoryView``
on a worker thread, and the screen only draws it. Rehearsals are listed (dimmed,
marked R) but never count towards streaks, the calendar or the charts. What the
log says (a session's title, an exercise's name) is shown literally: cells are
Text, never markup, and ``short`` makes them printable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, tzinfo
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import Worker, WorkerState

from kneecoach.services.history import DosePoint, HistoryView, build_view
from kneecoach.store.log import WorkoutLog
from kneecoach.text import (
    REHEARSAL_MARK,
    WORKOUT_STATUS_MARK,
    duration_text,
    pain_text,
    plural,
    short,
    streak_text,
    unit_name,
    workout_notes,
)
from kneecoach.ui.literal import literal
from kneecoach.ui.widgets.bars import bars
from kneecoach.ui.widgets.calendar import TrainingCalendar
from kneecoach.ui.widgets.pain_chart import PainChart

LIMIT = 200  # workouts listed; the counts and charts cover them all
NOTES_WIDTH = 40  # R for a rehearsal; what was chosen when pain said to stop; sharp pain
EMPTY = "No workouts yet — your first one will show up here."
CALENDAR_WIDTH = 36  # as in kneecoach.tcss
DOSES_HEIGHT = 8  # inside its border
DOSE_NUMBERS = 3 * 6  # hold, reps and sets columns, padding included


def dose_cells(points: Sequence[DosePoint]) -> tuple[str, str, str]:
    latest = points[-1]
    hold = "–" if latest.hold_seconds is None else f"{latest.hold_seconds:.0f}s"
    return hold, str(latest.reps), str(latest.sets)


def dose_trend(points: Sequence[DosePoint], width: int) -> str:
    """Hold seconds over time if the exercise has holds, else reps; from zero."""
    if any(point.hold_seconds is not None for point in points):
        return bars([point.hold_seconds for point in points], width)
    return bars([point.reps for point in points], width)


class HistoryScreen(Screen[None]):
    AUTO_FOCUS = "#workouts"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
        Binding("h", "back", "Back", show=False),
        Binding("r", "report", "Report for your physio"),
    ]

    class ReportRequested(Message):
        """The person asked for the report (the app writes it, then says where)."""

    def __init__(
        self,
        log: WorkoutLog,
        today: date | None = None,
        tz: tzinfo | None = None,
        *,
        names: Mapping[str, str] | None = None,
        limit: int = LIMIT,
    ) -> None:
        """``names`` maps dose keys ("wall-sit", "three-way-leg-raise/front") to
        the names the sessions give them; without it, ids are made readable."""
        super().__init__()
        self.workout_log = log
        self.tz = tz
        self.today = today or datetime.now(tz).date()
        self.names = names
        self.limit = limit
        self.view: HistoryView | None = None
        self.drawn = False  # the loaded history is on screen (tests and benchmarks)

    def compose(self) -> ComposeResult:
        yield Static("History — reading the log…", id="history-header")
        yield PainChart(id="pain-chart")
        with Horizontal(id="history-top"):
            yield TrainingCalendar(id="calendar")
            yield DataTable(id="doses", cursor_type="none", show_cursor=False)
        yield DataTable(id="workouts", cursor_type="row", zebra_stripes=True)
        yield Static(EMPTY, id="history-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.add_class("-loading")
        self.query_one("#calendar").border_title = "Last 12 weeks"
        self.query_one("#doses").border_title = "Doses done: latest, and over time"
        self.query_one("#workouts", DataTable).add_columns(
            "Date", "Session", "Status", "Duration", "Pain", ""
        )
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="history")
    def _load(self) -> HistoryView:
        return build_view(self.workout_log, self.today, tz=self.tz, limit=self.limit)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "history":
            return
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, HistoryView):
            self._show(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.remove_class("-loading")
            self.add_class("-empty")
            error = event.worker.error
            self.query_one("#history-header", Static).update("History")
            self.query_one("#history-empty", Static).update(
                literal(f"The workout log could not be read: {error}")
            )

    def _show(self, view: HistoryView) -> None:
        self.view = view
        self.remove_class("-loading")
        header = self.query_one("#history-header", Static)
        if view.empty:
            self.add_class("-empty")
            header.update("History")
        else:
            counted = plural(view.total - view.rehearsals, "workout")
            streaks = streak_text(view.current_streak, view.longest_streak)
            header.update(f"[b]History[/b] — {streaks} · {counted}")
            self.query_one(PainChart).update(view.pain)
            self.query_one(TrainingCalendar).update(view.calendar)
            self._fill_workouts(view)
            self._fill_doses(view)
        self.call_after_refresh(self._drawn)

    def _drawn(self) -> None:
        self.drawn = True

    def _fill_workouts(self, view: HistoryView) -> None:
        table = self.query_one("#workouts", DataTable)
        shown = len(view.recent)
        which = f"last {shown:,} of {view.total:,}" if shown < view.total else f"all {shown:,}"
        table.border_title = (
            f"Workouts, newest first: {which} · {REHEARSAL_MARK} rehearsal, not counted"
        )
        rows = []
        for workout in view.recent:
            keys = [pain.key for pain in workout.sharp_pain]
            notes = workout_notes(workout.pain_choice, keys, self.names)
            mark = REHEARSAL_MARK if workout.is_rehearsal else ""
            cells = [
                f"{workout.started_at.astimezone(self.tz):%Y-%m-%d}",
                short(workout.title, 24, keep_part=False),  # a title: its start
                WORKOUT_STATUS_MARK[workout.status],
                duration_text(workout.started_at, workout.ended_at, workout.away_seconds),
                pain_text(workout.pain_before, workout.pain_after),
                short(" ".join(piece for piece in (mark, notes) if piece), NOTES_WIDTH),
            ]
            style = "dim" if workout.is_rehearsal else ""
            rows.append([literal(cell, style) for cell in cells])
        table.add_rows(rows)

    def _fill_doses(self, view: HistoryView) -> None:
        """Column widths follow the screen: the trend gets a third of what is left."""
        table = self.query_one("#doses", DataTable)
        table.clear(columns=True)
        # before the first layout the table has no size yet: use what the CSS gives it
        width = table.size.width or self.size.width - CALENDAR_WIDTH
        rows = (table.size.height or DOSES_HEIGHT) - 1
        scrollbar = 2 if len(view.doses) > rows else 0
        free = max(16, width - DOSE_NUMBERS - 4 - scrollbar)
        trend = max(6, min(24, free // 3))
        name_width = free - trend
        table.add_columns("Exercise", "Hold", "Reps", "Sets", "Trend")
        colour = self.app.theme_variables.get("success", "")  # dropped under NO_COLOR
        for key, points in view.doses.items():
            table.add_row(
                Text(short(unit_name(key, self.names), name_width)),
                *dose_cells(points),
                Text(dose_trend(points, trend), style=colour),
                key=key,
            )

    def on_resize(self, event: Resize) -> None:
        if self.view is not None and not self.view.empty:
            self.call_after_refresh(self._fill_doses, self.view)

    def action_back(self) -> None:
        self.dismiss()

    def action_report(self) -> None:
        self.post_message(self.ReportRequested())
