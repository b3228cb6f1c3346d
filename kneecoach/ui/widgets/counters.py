"""Where the user is: rep, set, side and exercise, one to a line ('rep 4 / 10').
Plain text, never markup: a warm-up's name comes from the session file."""

from __future__ import annotations

from textual.widgets import Static

from kneecoach.engine import Snapshot
from kneecoach.text import printable
from kneecoach.ui.widgets.changes import show_text
from kneecoach.ui.wording import counters_side, unit_of


class Counters(Static):
    DEFAULT_CSS = """
    Counters { height: auto; width: 100%; text-align: center; padding: 0 1; }
    """

    def __init__(self, numbers: dict[int, tuple[int, int]], *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._numbers = numbers

    def show(self, snapshot: Snapshot) -> None:
        step = snapshot.step
        if step is None:
            return
        parts = []
        if step.reps:
            # a rest or switch carries the rep that follows it: say it is the next one
            upcoming = " next" if step.kind in ("rest", "switch", "prepare") else ""
            parts.append(f"rep {step.rep} / {step.reps}{upcoming}")
        if step.sets and step.sets > 1:
            parts.append(f"set {step.set} / {step.sets}")
        if step.sides:  # named as the session means it: "leg LEFT → right"
            parts.append(counters_side(step, unit_of(snapshot.exercise, step)))
        number = self._numbers.get(step.exercise_index)
        if number is not None:
            parts.append(f"exercise {number[0]} / {number[1]}")
        elif snapshot.exercise is not None:
            parts.append(printable(snapshot.exercise.name.lower()))
        show_text(self, "\n".join(parts))
