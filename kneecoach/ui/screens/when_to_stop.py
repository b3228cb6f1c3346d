"""When pain says to stop: knee pain above the acceptable limit before a workout
(6/10 or more, by default), or the morning after one, brings up this dialog. It
says what the two source articles advise, each as its own publisher says it, and
offers a gentler workout (every exercise at its lowest dose, this once), stopping
for today, or going on anyway. The app logs the choice.

Esc is "stop for today", the cautious answer, and so is the button under the
cursor, so that an Enter typed once too often after the pain score stops rather
than goes on.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kneecoach.engine.outcomes import PainChoice
from kneecoach.ui.literal import bullets, line, literal, stacked

# What each article says, in kneecoach's words: GoodRx Health says to get a
# provider's or physical therapist's approval first and to avoid what makes the
# pain worse; only the Cleveland Clinic article gives the 24 hours.
ADVICE = (
    (
        "GoodRx Health",
        "check with your healthcare provider or physical therapist before doing these "
        "exercises, and avoid activities that make your knee pain worse.",
    ),
    (
        "Cleveland Clinic",
        "see a healthcare provider when knee pain lasts more than 24 hours.",
    ),
)


def when_to_stop_title(pain: int, moment: str) -> str:
    """'Knee pain of 7/10 before this workout'."""
    return f"Knee pain of {pain}/10 {moment}"


def when_to_stop_advice() -> list[str]:
    """What the articles advise, one point each, said as each publisher says it."""
    return [f"{publisher}: {advice}" for publisher, advice in ADVICE]


class WhenToStop(ModalScreen[PainChoice]):
    """``moment``: "before this workout", "the morning after your workout on Tue 3 Nov"."""

    BINDINGS = [
        Binding("g", "choose('gentler')", "Gentler workout"),
        Binding("s,escape", "choose('stop')", "Stop for today"),
        Binding("a", "choose('go on')", "Go on anyway"),
    ]

    def __init__(self, pain: int, moment: str) -> None:
        super().__init__()
        self.pain = pain
        self.moment = moment

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(when_to_stop_title(self.pain, self.moment), id="dialog-title")
            yield Static(
                stacked(
                    literal("What the articles behind kneecoach's programmes advise:"),
                    bullets(when_to_stop_advice()),
                    Text(),
                    line(
                        ("g", "b"),
                        " a gentler workout: every exercise at its lowest dose, this once · ",
                        ("s", "b"),
                        " stop for today · ",
                        ("a", "b"),
                        " go on anyway",
                    ),
                ),
                id="notice",
            )
            with Horizontal(id="dialog-buttons"):
                yield Button("Gentler workout", id="gentler")
                yield Button("Stop for today", id="stop", variant="primary")
                yield Button("Go on anyway", id="go-on")

    def on_mount(self) -> None:
        self.query_one("#stop", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        chosen = {"gentler": PainChoice.GENTLER, "go-on": PainChoice.GO_ON}
        self.dismiss(chosen.get(event.button.id or "", PainChoice.STOP))

    def action_choose(self, choice: str) -> None:
        self.dismiss(PainChoice(choice))
