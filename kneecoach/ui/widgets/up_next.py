"""'Up next': the next step, and the next exercise. At most three lines, however
long the names: the countdown above it keeps its room."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kneecoach.engine import Snapshot
from kneecoach.ui.literal import Piece, line
from kneecoach.ui.wording import step_phrase


class UpNext(Static):
    DEFAULT_CSS = """
    UpNext { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    """

    _shown: Text | None = None

    def show(self, snapshot: Snapshot) -> None:
        text = self.text(snapshot)
        if text == self._shown:
            return  # nothing changed: no repaint
        self._shown = text
        self.update(text)

    @staticmethod
    def text(snapshot: Snapshot) -> Text:
        if snapshot.state == "finished" or snapshot.step is None:
            return Text("", end="")
        following = snapshot.next_step
        pieces: list[Piece]
        if following is not None:
            exercises = snapshot.exercise, snapshot.next_exercise
            owner = next(
                (e for e in exercises if e is not None and e.id == following.exercise), None
            )
            pieces = [("Up next:", "b"), " " + step_phrase(following, owner)]
        else:
            pieces = [("Up next:", "b"), " the end — well done"]
        if snapshot.next_exercise is not None:
            pieces += ["   ", ("Next exercise:", "b"), " " + snapshot.next_exercise.name]
        return line(*pieces)
