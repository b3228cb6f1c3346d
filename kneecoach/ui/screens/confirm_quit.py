"""Quitting mid-workout asks first; either way nothing done is lost. Finishing
early ends the workout (it counts, with what was done); quitting leaves it
interrupted, to be carried on later the same day."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

QuitChoice = Literal["finish", "quit", "keep"]
CHOICES: dict[str, QuitChoice] = {"finish": "finish", "quit": "quit", "keep": "keep"}


class ConfirmQuit(ModalScreen[QuitChoice]):
    BINDINGS = [
        Binding("escape,n", "choose('keep')", "Keep going"),
        Binding("f", "choose('finish')", "Finish early"),
        Binding("y,q", "choose('quit')", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Stop this workout?", id="dialog-title")
            yield Static(
                "The workout is paused. What you have done so far counts either way.\n"
                "[b]f[/b] finish early and see the summary · [b]y[/b] quit kneecoach "
                "(carry on later today) · [b]n[/b]/Esc keep going",
                id="notice",
            )
            with Horizontal(id="dialog-buttons"):
                yield Button("Keep going", id="keep", variant="primary")
                yield Button("Finish early", id="finish")
                yield Button("Quit", id="quit", variant="error")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(CHOICES.get(event.button.id or "", "keep"))

    def action_choose(self, choice: QuitChoice) -> None:
        self.dismiss(choice)
