"""Where the report went, and whether to open it now: o opens it in the browser,
Esc closes the dialog. The path is shown as text, never as markup."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ReportWritten(ModalScreen[bool]):
    """True: open the report in the browser."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "close(True)", "Open it"),
        Binding("escape", "close(False)", "Close"),
    ]

    def __init__(self, path: Path, covered: str) -> None:
        super().__init__()
        self.path = path
        self.covered = covered  # "6 May – 9 Jun 2024, 28 workouts"

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Report for your physiotherapist written", id="dialog-title")
            yield Static(Text(f"{self.covered}, in\n{self.path}"), id="report-path")
            yield Static(
                "One page, readable by you alone, to print or send. "
                "[b]o[/b] open it in your browser · [b]Esc[/b] close",
                id="notice",
            )
            with Horizontal(id="dialog-buttons"):
                yield Button("Open it", id="open", variant="primary")
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        self.query_one("#open", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "open")

    def action_close(self, open_it: bool) -> None:
        self.dismiss(open_it)
