"""Carry on a workout that was interrupted today, or close it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kneecoach.ui.literal import line, lines


class ResumePrompt(ModalScreen[bool]):
    """True: resume; False: close it (it stays in the log as interrupted)."""

    BINDINGS = [
        Binding("r,y", "choose(True)", "Resume"),
        Binding("c,n,escape", "choose(False)", "Close it"),
    ]

    def __init__(self, title: str, stopped_at: str, where: str) -> None:
        super().__init__()
        self.title_text = title
        self.stopped_at = stopped_at
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Carry on where you stopped?", id="dialog-title")
            # the title comes from the log, the exercise's name from the session file
            yield Static(
                lines(
                    [
                        line(
                            f"{self.title_text} stopped at {self.stopped_at}, in ",
                            (self.where, "b"),
                            ". What you did is saved either way.",
                        ),
                        line(
                            ("r", "b"),
                            " resume from there · ",
                            ("c", "b"),
                            " close it and start afresh",
                        ),
                    ]
                ),
                id="notice",
            )
            with Horizontal(id="dialog-buttons"):
                yield Button("Resume", id="resume", variant="primary")
                yield Button("Close it", id="close")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "resume")

    def action_choose(self, resume: bool) -> None:
        self.dismiss(resume)
