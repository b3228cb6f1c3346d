"""The first frame: drawn before kneecoach reads a session file or opens the log,
so that the terminal answers at once. The questions and the session come over it
as soon as they are ready (a fraction of a second)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from kneecoach.engine.printable import printable


class StartingScreen(Screen[None]):
    DEFAULT_CSS = """
    StartingScreen { align: center middle; }
    StartingScreen > #starting { width: auto; height: auto; text-style: bold; }
    """

    def __init__(self, what: str) -> None:
        super().__init__(id="starting-screen")
        self.what = what

    def compose(self) -> ComposeResult:
        what = printable(self.what)  # as typed on the command line
        yield Static(f"kneecoach · getting {what} ready…", id="starting", markup=False)
