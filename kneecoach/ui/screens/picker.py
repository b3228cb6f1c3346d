"""Choose a session: a table of every session found and a preview of the one under
the cursor (its exercises and today's doses)."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from kneecoach.engine import Session, build_plan
from kneecoach.report import clock_text, dose_text, session_summary_json


def preview_text(session: Session) -> str:
    plan = build_plan(session)
    lines = [
        f"[b]{escape(session.title)}[/b]",
        f"[dim]Source: {escape(', '.join(session.sources))}[/dim]",
    ]
    if session.summary:
        lines += ["", escape(session.summary)]
    lines += [
        "",
        f"[b]About {clock_text(plan.total_seconds)}[/b] at today's dose (the low end of each range)",
    ]
    if session.equipment:
        lines += [f"[b]You need:[/b] {escape(', '.join(session.equipment))}"]
    lines += [""]
    for number, exercise in enumerate(session.exercises, start=1):
        lines.append(f"{number}. [b]{escape(exercise.name)}[/b]")
        for part in exercise.units():
            label = f"{escape(part.name)}: " if part.name else ""
            lines.append(f"   {label}{escape(dose_text(part, 'low'))}")
    return "\n".join(lines)


class SessionPicker(Screen[None]):
    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, sessions: Sequence[Session]) -> None:
        super().__init__()
        self.sessions = list(sessions)

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
            row = session_summary_json(session, build_plan(session))  # as `kneecoach list`
            source = session.source if len(session.source) <= 28 else session.source[:27] + "…"
            table.add_row(row["minutes"], row["exercises"], session.title, source, key=session.id)
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
        self.query_one("#preview", Static).update(preview_text(session))

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

    def _start(self, key: str | None) -> None:
        session = self._session(key)
        if session is not None:
            self.app.begin(session)  # type: ignore[attr-defined]
