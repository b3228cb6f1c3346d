"""The end of a workout: what was done, cut short or skipped, where sharp pain was
reported, and how long it took. Done goes back to the picker when the workout was
started from it, and quits when it was started with `run SESSION`."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from kneecoach.engine import Workout
from kneecoach.engine.summary import summarize
from kneecoach.text import EXERCISE_OUTCOME_MARK, clock_text, pain_score
from kneecoach.ui.literal import line, lines, literal

GENTLER_NOTE = (
    "A gentler workout: every exercise at its lowest dose. It does not set your doses, "
    "nor count towards stepping them up."
)


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "done", "Done"),
        Binding("q", "app.quit", "Quit"),
    ]

    class Done(Message):
        """Enter: the app goes back to the picker, or quits if there is none."""

    def __init__(
        self,
        workout: Workout,
        *,
        pain: tuple[int | None, int | None] | None = None,
        note: str = "",
        gentler: bool = False,
    ) -> None:
        super().__init__()
        self.workout = workout
        self.gentler = gentler  # at the lowest doses, this once: the summary says so
        self.pain = pain  # before and after, when asked (None: skipped)
        self.note = note
        self.summary = summarize(
            workout.plan.session.exercises, workout.records, workout.sharp_pain
        )

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
        if self.gentler:
            rows.append(literal(GENTLER_NOTE))
        if self.pain is not None:
            before, after = (pain_score(p) for p in self.pain)
            saved = " after — saved in your log"
            rows.append(line("Knee pain: ", (before, "b"), " before, ", (after, "b"), saved))
            if self.note:
                rows.append(literal(f"Note: {self.note}"))
        painful = ", ".join(exercise.name for exercise in self.summary.sharp_pain)
        if painful:
            rows.append(
                line(
                    ("Sharp pain: ", "b"),
                    (painful, "b"),
                    ". Next time its dose steps back, unless it is already the lowest;"
                    " if the pain stays, get advice before you do it again.",
                )
            )
        return lines(rows)

    def action_done(self) -> None:
        self.post_message(self.Done())

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
