"""The end of a workout: what was done, cut short or skipped, and how long it took."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from kneecoach.engine import Workout
from kneecoach.engine.summary import summarize
from kneecoach.text import EXERCISE_OUTCOME_MARK, clock_text, pain_score
from kneecoach.ui.literal import line, lines, literal


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "app.quit", "Done"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(
        self,
        workout: Workout,
        *,
        pain: tuple[int | None, int | None] | None = None,
        note: str = "",
    ) -> None:
        super().__init__()
        self.workout = workout
        self.pain = pain  # before and after, when asked (None: skipped)
        self.note = note
        self.summary = summarize(workout.plan.session.exercises, workout.records)

    def compose(self) -> ComposeResult:
        summary = self.summary
        headline = (
            "Session complete — well done." if summary.complete else "Session finished early."
        )
        rehearsal = f"  (rehearsal at ×{self.workout.speed:g})" if self.workout.speed != 1 else ""
        with VerticalScroll(id="summary-body"):
            yield Static(f"[b]{headline}[/b]{rehearsal}", id="summary-title")
            yield Static(self._time_text(), id="summary-time")
            yield DataTable(id="summary-table", cursor_type="none", show_cursor=False)
        yield Footer()

    def _time_text(self) -> Text:
        """The session's title, the time taken, and the pain answers with the note."""
        time = clock_text(self.summary.active_seconds)
        rows = [
            literal(self.workout.plan.session.title),
            line("Workout time (rests included, pauses not): ", (time, "b")),
        ]
        if self.pain is not None:
            before, after = (pain_score(p) for p in self.pain)
            saved = " after — saved in your log"
            rows.append(line("Knee pain: ", (before, "b"), " before, ", (after, "b"), saved))
            if self.note:
                rows.append(literal(f"Note: {self.note}"))
        return lines(rows)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Exercise", "Result", "Done", "Cut short", "Skipped")
        for row in self.summary.exercises:
            table.add_row(
                literal(row.exercise.name),
                EXERCISE_OUTCOME_MARK[row.status],
                f"{row.done} / {row.planned}",
                row.cut_short or "",
                row.skipped or "",
            )
