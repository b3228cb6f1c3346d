"""Asking about knee pain: before a workout, after it, and the morning after.

One small dialog for all three: a 0-10 score (Enter on an empty answer skips; the
log keeps "not given", never a made-up zero) and, after a workout, a note.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.validation import Integer
from textual.widgets import Input, Static

from kneecoach.text import printable


@dataclass(frozen=True)
class PainAnswer:
    pain: int | None  # None: skipped
    note: str = ""


class PainPrompt(ModalScreen[PainAnswer]):
    """``question`` with a 0-10 answer; ``with_note`` adds a free-text note."""

    BINDINGS = [Binding("escape", "skip", "Skip")]

    def __init__(self, question: str, *, hint: str = "", with_note: bool = False) -> None:
        super().__init__()
        self.question = question
        self.hint = hint
        self.with_note = with_note

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="dialog-title", markup=False)
            yield Static(
                self.hint
                or "0 = no pain, 10 = the worst you can imagine. Enter with no number skips.",
                id="pain-hint",
                markup=False,
            )
            yield Input(
                placeholder="0-10",
                type="integer",
                max_length=2,
                validators=[Integer(minimum=0, maximum=10)],
                validate_on=["submitted"],
                id="pain",
            )
            if self.with_note:
                yield Input(placeholder="a note, if you like (Enter to finish)", id="note")
            yield Static("", id="pain-error")

    def on_mount(self) -> None:
        self.query_one("#pain", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        pain_input = self.query_one("#pain", Input)
        if event.input.id == "pain" and event.validation_result is not None:
            if not event.validation_result.is_valid and event.value.strip():
                self.query_one("#pain-error", Static).update("A whole number from 0 to 10, please.")
                return
            if self.with_note:
                self.query_one("#pain-error", Static).update("")
                self.query_one("#note", Input).focus()
                return
        value = pain_input.value.strip()
        if value and not (value.isdigit() and 0 <= int(value) <= 10):
            pain_input.focus()
            self.query_one("#pain-error", Static).update("A whole number from 0 to 10, please.")
            return
        # a pasted note may carry control characters: the log keeps what can be shown
        note = printable(self.query_one("#note", Input).value).strip() if self.with_note else ""
        self.dismiss(PainAnswer(int(value) if value else None, note))

    def action_skip(self) -> None:
        self.dismiss(PainAnswer(None))
