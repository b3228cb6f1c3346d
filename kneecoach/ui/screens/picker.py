"""Choose a session: a table of every session found and a preview of the one under
the cursor: its exercises, today's doses, and each exercise's figure in the
position it is held or moves to (the figures say at a glance what "clamshell" or
"fire hydrant" means before a session is chosen)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from kneecoach.engine import Session, build_plan
from kneecoach.engine.figures.render import Picture, draw
from kneecoach.services.catalog import summarize_session
from kneecoach.services.doses import TodaysPlan
from kneecoach.text import clock_text, dose_text

PlanToday = Callable[[Session], TodaysPlan]


FIGURE_WIDTH = (20, 40)  # the preview's figures, in columns: at least, at most


def figure_markup(picture: Picture) -> list[str]:
    """A figure's rows as markup: the working leg bold (it is heavier as well), props dim."""
    out = []
    for row, marks in zip(picture.rows, picture.marks, strict=True):
        if not row.strip():
            continue
        text, start = "", 0
        for end in range(1, len(row) + 1):
            if end == len(row) or marks[end] != marks[start]:
                run = row[start:end]
                style = {"w": "b", "p": "dim"}.get(marks[start])
                text += f"[{style}]{run}[/{style}]" if style else run
                start = end
        out.append(text.rstrip())
    return out


def preview_text(session: Session, today: PlanToday | None = None, width: int = 30) -> str:
    planned = today(session) if today is not None else TodaysPlan(build_plan(session), {})
    plan, decisions = planned.plan, planned.decisions
    lines = [
        f"[b]{escape(session.title)}[/b]",
        f"[dim]Source: {escape(', '.join(session.sources))}[/dim]",
    ]
    if session.summary:
        lines += ["", escape(session.summary)]
    where = (
        "from your log"
        if any(d.change != "start" for d in decisions.values())
        else ("the low end of each range")
    )
    lines += [
        "",
        f"[b]About {clock_text(plan.total_seconds)}[/b] at today's dose ({where})",
    ]
    if session.equipment:
        lines += [f"[b]You need:[/b] {escape(', '.join(session.equipment))}"]
    lines += [""]
    for number, exercise in enumerate(session.exercises, start=1):
        lines.append(f"{number}. [b]{escape(exercise.name)}[/b]")
        for part in exercise.units():
            label = f"{escape(part.name)}: " if part.name else ""
            decision = decisions.get(exercise.unit_key(part))
            override = decision.dose if decision is not None else None
            text = dose_text(part, "low", override, exercise.progression)
            lines.append(f"   {label}{escape(text)}")
            if decision is not None and decision.change != "start":
                lines.append(f"   [dim]{escape(decision.reason)}[/dim]")
            if part.figure is not None:
                columns = min(max(width - 3, FIGURE_WIDTH[0]), FIGURE_WIDTH[1])
                side = part.first_side if part.per_side else None
                picture = draw(part.figure, 1.0, columns, max(5, columns // 4), side)
                lines += [f"   {row}" for row in figure_markup(picture)]
    return "\n".join(lines)


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

    def __init__(self, sessions: Sequence[Session], today: PlanToday | None = None) -> None:
        super().__init__()
        self.sessions = list(sessions)
        self.today = _once_per_session(today) if today is not None else None

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
        table.add_columns("Min", "Ex.", "Session", "Source")
        for session in self.sessions:
            plan = self.today(session).plan if self.today else build_plan(session)
            row = summarize_session(session, plan)  # as `kneecoach list`, at today's dose
            source = session.source if len(session.source) <= 28 else session.source[:27] + "…"
            table.add_row(row.minutes, row.exercises, session.title, source, key=session.id)
        if not self.sessions:
            self.query_one("#preview", Static).update(
                "No sessions found. See docs/sessions.md to write one."
            )
        else:
            self._preview(self.sessions[0])
        table.focus()

    def _session(self, key: str | None) -> Session | None:
        return next((s for s in self.sessions if s.id == key), None)

    def _preview(self, session: Session) -> None:
        preview = self.query_one("#preview", Static)
        width = preview.size.width or self.size.width * 2 // 5 - 3
        preview.update(preview_text(session, self.today, width))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        session = self._session(event.row_key.value)
        if session is not None:
            self._preview(session)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:  # a click on a row
        self._start(event.row_key.value)

    def action_start(self) -> None:  # Enter
        if self.sessions:
            table = self.query_one(DataTable)
            self._start(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_history(self) -> None:
        self.post_message(self.HistoryRequested())

    def _start(self, key: str | None) -> None:
        session = self._session(key)
        if session is not None:
            self.post_message(self.Chosen(session))
