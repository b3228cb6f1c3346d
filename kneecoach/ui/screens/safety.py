"""The safety notice: shown before a session's first workout, and with `?` at any
time (then with the keys as well)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kneecoach.engine import Session
from kneecoach.ui.literal import bullets, lines, literal, stacked

GENERAL = (
    "Check with a doctor or physiotherapist before you start this programme.",
    "Stop at once if you feel a sharp pain, and get advice before you go on.",
    "Mild discomfort is common; pain that lasts more than 24 hours is a reason to see a clinician.",
)

KEYS = (
    ("space", "pause / resume"),
    ("n or →", "next exercise"),
    ("p or ←", "previous exercise"),
    ("s", "skip this step (a rest, say)"),
    ("o", "ouch: sharp pain, noted; the rest of this exercise is skipped"),
    ("+", "ten more seconds"),
    ("r", "restart this exercise"),
    ("enter", "count a rep (self-paced exercises)"),
    ("m", "mute"),
    ("l", "the mat layout, to follow from the floor"),
    ("i", "in the mat layout: the steps instead of the figure"),
    ("?", "this help"),
    ("q", "quit (asks first)"),
)


def notice_text(session: Session, with_keys: bool) -> Group:
    """The safety notice; as help (``with_keys``), the keys come first: that is what
    a person pressing ? mid-workout is looking for. Each point wraps under its own
    text, not under its bullet."""
    parts: list[RenderableType] = []
    if with_keys:
        parts += [literal("Keys", "b")]
        parts += [lines(f"  {key:<8} {what}" for key, what in KEYS), Text()]
    parts += [literal("Before you start", "b"), bullets((*GENERAL, *session.safety))]
    if session.avoid:
        parts += [Text(), literal("While your knee recovers, avoid", "b")]
        parts += [bullets(session.avoid)]
    return stacked(*parts)


class SafetyNotice(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape", "close(False)", "Back"),
        Binding("enter", "close(True)", "OK", show=False),
    ]

    def __init__(self, session: Session, first_time: bool) -> None:
        super().__init__()
        self.session = session
        self.first_time = first_time

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(literal(self.session.title), id="dialog-title")
            with VerticalScroll(id="notice-scroll"):
                yield Static(notice_text(self.session, with_keys=not self.first_time), id="notice")
            with Horizontal(id="dialog-buttons"):
                if self.first_time:
                    yield Button("I understand — start", id="accept", variant="primary")
                    yield Button("Back", id="back")
                else:
                    yield Button("Close", id="accept", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#accept", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "accept")

    def action_close(self, accepted: bool) -> None:
        self.dismiss(accepted)
