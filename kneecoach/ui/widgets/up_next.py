"""'Up next': the next step, and the next exercise."""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static

from kneecoach.engine import Snapshot
from kneecoach.ui.widgets.changes import show_text
from kneecoach.ui.wording import step_phrase


class UpNext(Static):
    DEFAULT_CSS = """
    UpNext { height: auto; padding: 0 1; color: $text-muted; }
    """

    def show(self, snapshot: Snapshot) -> None:
        if snapshot.state == "finished" or snapshot.step is None:
            show_text(self, "")
            return
        pieces = []
        following = snapshot.next_step
        if following is not None:
            exercises = snapshot.exercise, snapshot.next_exercise
            owner = next(
                (e for e in exercises if e is not None and e.id == following.exercise), None
            )
            pieces.append(f"[b]Up next:[/b] {escape(step_phrase(following, owner))}")
        else:
            pieces.append("[b]Up next:[/b] the end — well done")
        if snapshot.next_exercise is not None:
            pieces.append(f"[b]Next exercise:[/b] {escape(snapshot.next_exercise.name)}")
        show_text(self, "   ".join(pieces))
