"""The big countdown: the phase in words, the seconds left in large digits, and
during tempo reps the pace (up / down). Plain text, never markup: a timed step's
phase is its exercise's name, from the session file."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from kneecoach.engine import Snapshot
from kneecoach.text import countdown_text, printable
from kneecoach.ui.widgets.changes import show_digits, show_text
from kneecoach.ui.wording import phase_word, tempo_phase


class Countdown(Vertical):
    DEFAULT_CSS = """
    Countdown { height: auto; }
    Countdown > #phase { width: 100%; text-align: center; text-style: bold; }
    Countdown > Digits { width: 100%; text-align: center; }
    Countdown > #pace { width: 100%; text-align: center; height: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="phase", markup=False)
        yield Digits("", id="digits")
        yield Static(id="pace", markup=False)

    def show(self, snapshot: Snapshot) -> None:
        step = snapshot.step
        show_text(self.query_one("#phase", Static), printable(phase_word(snapshot)))
        if step is not None and step.self_paced and snapshot.state != "finished":
            # no clock to beat: show which rep this is and how to count it
            show_digits(self.query_one(Digits), str(step.rep))
            show_text(self.query_one("#pace", Static), f"press Enter when rep {step.rep} is done")
            return
        show_digits(self.query_one(Digits), countdown_text(snapshot.remaining))
        pace = tempo_phase(snapshot) if snapshot.state == "running" else ""
        text = {"up": "▲  UP  ▲", "down": "▼ DOWN ▼"}.get(pace, "")
        show_text(self.query_one("#pace", Static), text)
