"""Choose a session: a table of every session found and a preview of the one under
the cursor: its exercises, today's doses, and each exercise's figure in the
position it is held or moves to (the figures say at a glance what "clamshell" or
"fire hydrant" means before a session is chosen). Files that could not be used
are listed too, greyed, with what is wrong: one bad file costs one row, not the
app."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from kneecoach.engine import Session
from kneecoach.engine.figures.render import Picture, draw
from kneecoach.engine.model import main_exercise_numbers
from kneecoach.services.catalog import Unusable, summarize_session
from kneecoach.services.doses import TodaysPlan
from kneecoach.text import clock_text, dose_text, short
from kneecoach.ui.literal import line, lines, literal

PlanToday = Callable[[Session], TodaysPlan]
UNUSABLE = "unusable:"  # the start of an unusable file's row key: no session id has a colon
SHOWN_PROBLEMS = 5


FIGURE_WIDTH = (20, 40)  # the preview's figures, in columns: at least, at most
FIGURE_STYLES = {"w": "b", "p": "dim"}  # the working leg bold (it is heavier too), props dim


def figure_rows(picture: Picture) -> list[Text]:
    """A figure's rows as text, each run of cells in the style of its mark."""
    out = []
    for row, marks in zip(picture.rows, picture.marks, strict=True):
        if not row.strip():
            continue
        text, start = Text("   ", end=""), 0
        for end in range(1, len(row) + 1):
            if end == len(row) or marks[end] != marks[start]:
                text.append(row[start:end], FIGURE_STYLES.get(marks[start], ""))
                start = end
        text.rstrip()
        out.append(text)
    return out


def preview_text(session: Session, today: PlanToday | None = None, width: int = 30) -> Text:
    planned = today(session) if today is not None else TodaysPlan(session, {})
    decisions = planned.decisions
    rows: list[Text | str] = [
        literal(session.title, "b"),
        literal(f"Source: {'; '.join(session.source_texts)}", "dim"),
    ]
    if session.summary:
        rows += ["", session.summary]
    where = (
        "from your log"
        if any(d.change != "start" for d in decisions.values())
        else ("the low end of each range")
    )
    about = f"About {clock_text(planned.seconds)}"
    rows += ["", line((about, "b"), f" at today's dose ({where})")]
    if session.equipment:
        rows += [line(("You need:", "b"), " " + ", ".join(session.equipment))]
    rows += [""]
    numbers = main_exercise_numbers(session.exercises)  # as the workout counts them
    for index, exercise in enumerate(session.exercises):
        number = f"{numbers[index][0]}. " if index in numbers else ""
        rows.append(line(number, (exercise.name, "b")))
        for part in exercise.units():
            label = f"{part.name}: " if part.name else ""
            decision = decisions.get(exercise.unit_key(part))
            override = decision.dose if decision is not None else None
            rows.append(f"   {label}{dose_text(part, 'low', override, exercise.progression)}")
            if decision is not None and decision.change != "start":
                rows.append(literal(f"   {decision.reason}", "dim"))
            if part.figure is not None:
                columns = min(max(width - 3, FIGURE_WIDTH[0]), FIGURE_WIDTH[1])
                side = part.first_side if part.per_side else None
                picture = draw(part.figure, 1.0, columns, max(5, columns // 4), side)
                rows += figure_rows(picture)
    return lines(rows)


def unusable_text(file: Unusable) -> Text:
    """What is wrong with a file the picker could not use, for its preview."""
    rows: list[Text | str] = [
        literal("This file cannot be used", "b"),
        literal(file.path, "dim"),
        "",
        *file.errors[:SHOWN_PROBLEMS],
    ]
    more = len(file.errors) - SHOWN_PROBLEMS
    if more > 0:
        rows.append(f"… and {more:,} more")
    rows += ["", f"`kneecoach validate {file.path}` lists every problem."]
    return lines(rows)


def _once_per_session(today: PlanToday) -> PlanToday:
    """Today's plan of each session, worked out once: it replays the whole log, and
    the preview asks again every time the cursor moves."""
    known: dict[str, TodaysPlan] = {}

    def cached(session: Session) -> TodaysPlan:
        if session.id not in known:
            known[session.id] = today(session)
        return known[session.id]

    return cached


class SessionPicker(Screen[None]):
    class Chosen(Message):
        """Enter (or a click) on a session: start it."""

        def __init__(self, session: Session) -> None:
            super().__init__()
            self.session = session

    class HistoryRequested(Message):
        """`h`: show the workouts logged."""

    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
        Binding("q", "app.quit", "Quit"),
        Binding("h", "history", "History"),
    ]

    def __init__(
        self,
        sessions: Sequence[Session],
        today: PlanToday | None = None,
        unusable: Sequence[Unusable] = (),
    ) -> None:
        super().__init__()
        self.sessions = list(sessions)
        self._plan_today = today
        self.today = _once_per_session(today) if today is not None else None
        self.unusable = {f"{UNUSABLE}{n}": file for n, file in enumerate(unusable)}

    def compose(self) -> ComposeResult:
        yield Static("Choose a session — ↑/↓ to look, Enter to start", id="picker-title")
        with Horizontal(id="picker-body"):
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="preview-pane"):
                yield Static(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # The short numbers first: a long title would push them out of sight.
        self._minutes_column = table.add_columns("Min", "Ex.", "Session", "Source")[0]
        for session in self.sessions:
            seconds = self.today(session).seconds if self.today else None
            row = summarize_session(session, seconds)  # as `kneecoach list`, at today's dose
            cells = (literal(session.title), literal(short(session.source.short, 28)))
            table.add_row(row.minutes, row.exercises, *cells, key=session.id)
        for key, file in self.unusable.items():
            name = literal(f"⚠ {Path(file.path).name}: cannot be used", "dim")
            table.add_row(literal("–", "dim"), literal("–", "dim"), name, "", key=key)
        if not self.sessions and not self.unusable:
            self.query_one("#preview", Static).update(
                "No sessions found. See docs/sessions.md to write one."
            )
        elif self.sessions:
            self._preview(self.sessions[0])
        else:
            self._show_unusable(next(iter(self.unusable)))
        table.focus()

    def replan(self) -> None:
        """Back from a workout: today's doses (and so the minutes) may have moved."""
        if self._plan_today is None:
            return
        self.today = _once_per_session(self._plan_today)
        table = self.query_one(DataTable)
        for session in self.sessions:
            minutes = summarize_session(session, self.today(session).seconds).minutes
            table.update_cell(session.id, self._minutes_column, minutes)
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        shown = self._session(key)
        if shown is not None:
            self._preview(shown)

    def _session(self, key: str | None) -> Session | None:
        return next((s for s in self.sessions if s.id == key), None)

    def _preview(self, session: Session) -> None:
        preview = self.query_one("#preview", Static)
        width = preview.size.width or self.size.width * 2 // 5 - 3
        preview.update(preview_text(session, self.today, width))

    def _show_unusable(self, key: str) -> None:
        self.query_one("#preview", Static).update(unusable_text(self.unusable[key]))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value
        session = self._session(key)
        if session is not None:
            self._preview(session)
        elif key in self.unusable:
            self._show_unusable(key)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:  # a click on a row
        self._start(event.row_key.value)

    def action_start(self) -> None:  # Enter
        if self.sessions or self.unusable:
            table = self.query_one(DataTable)
            self._start(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_history(self) -> None:
        self.post_message(self.HistoryRequested())

    def _start(self, key: str | None) -> None:
        session = self._session(key)
        if session is not None:
            self.post_message(self.Chosen(session))
        elif key in self.unusable:
            self.notify(
                "This file cannot be used: the preview says why.",
                severity="warning",
                timeout=4,
            )
