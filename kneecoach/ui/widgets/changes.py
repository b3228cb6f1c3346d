"""Repaint only what changed.

The workout screen ticks far more often than its text changes; Textual repaints
(and re-lays out) a Static on every ``update``. These helpers skip updates that
would draw the same thing, and skip the layout pass when the text keeps its shape.
"""

from __future__ import annotations

from textual.widgets import Digits, Static

_LAST = "_kneecoach_last"


def show_text(widget: Static, text: str) -> None:
    last = getattr(widget, _LAST, None)
    if last == text:
        return
    setattr(widget, _LAST, text)
    # the same line lengths: a width: auto widget keeps its size ("9:59" -> "10:00" does not)
    same_shape = last is not None and _shape(last) == _shape(text)
    widget.update(text, layout=not same_shape)


def _shape(text: str) -> list[int]:
    return [len(line) for line in text.split("\n")]


def show_digits(widget: Digits, text: str) -> None:
    if widget.value != text:
        widget.update(text)
