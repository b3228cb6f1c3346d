"""The exercise's name, why today's dose is what it is, its numbered instructions
(the one that matches the phase highlighted) and its cautions."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from kneecoach.engine import Snapshot
from kneecoach.ui.literal import hanging, literal
from kneecoach.ui.wording import exercise_title, highlighted_step


class Instructions(VerticalScroll):
    DEFAULT_CSS = """
    Instructions { height: 1fr; padding: 0 1; }
    Instructions > #title { text-style: bold; color: $text; }
    Instructions > #reason { color: $text-muted; text-style: italic; }
    Instructions > #steps { margin-top: 1; }
    Instructions > #steps { margin-bottom: 1; }
    Instructions > #cautions { color: $warning; }
    """
    can_focus = False

    def __init__(self, reasons: Mapping[str, str] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reasons = dict(reasons or {})  # by "exercise" or "exercise/part"
        self._shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield Static(id="reason")
        yield Static(id="steps")
        yield Static(id="cautions")

    def show(self, snapshot: Snapshot) -> None:
        exercise, part = snapshot.exercise, snapshot.part
        if exercise is None:
            return
        steps = part.steps if part is not None and part.steps else exercise.steps
        cautions = (*exercise.cautions, *(part.cautions if part is not None else ()))
        current = highlighted_step(snapshot.step, steps) if snapshot.state != "finished" else None
        reason = self.reasons.get(snapshot.step.unit, "") if snapshot.step else ""
        key = (exercise_title(snapshot), steps, cautions, current, reason)
        if key == self._shown:
            return  # nothing changed: no repaint
        self._shown = key
        self.query_one("#title", Static).update(literal(key[0]))
        self.query_one("#reason", Static).update(literal(reason))
        self.query_one("#reason", Static).display = bool(reason)
        # a wrapped step goes on under its text, not under its number
        numbered = hanging(
            (f"{number}.", text, "reverse b" if number - 1 == current else "")
            for number, text in enumerate(steps, start=1)
        )
        self.query_one("#steps", Static).update(numbered)
        self.query_one("#cautions", Static).update(hanging(("⚠", text, "") for text in cautions))
