"""Text from files on screen: shown as it is written, and nothing more.

Session files, the config and the log are written by people. Their text must not
steer the terminal (``printable`` leaves out control characters and escape
sequences) nor be read as markup: an exercise called "Squat [B]" or "[$accent]"
is shown just so, and a stray "[/x]" cannot stop the screen from drawing.
Escaping markup is not enough for that (Textual reads "[$accent]" and "[B]"
however they are escaped), so such text never goes into a markup string: it is
made into rich ``Text`` here, with whatever style kneecoach itself adds.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kneecoach.text import printable

Piece = str | tuple[str, str] | Text  # text, (text, style), or Text already made


def literal(text: str, style: str = "") -> Text:
    """One line of text from a file, shown literally."""
    return Text(printable(text), style=style, end="")


def line(*pieces: Piece) -> Text:
    """One line made of pieces: strings are shown literally, ``(text, style)`` in
    that style; ``Text`` is taken as it is."""
    parts: list[Text] = []
    for piece in pieces:
        if isinstance(piece, Text):
            parts.append(piece)
        elif isinstance(piece, tuple):
            parts.append(literal(*piece))
        else:
            parts.append(literal(piece))
    return Text("", end="").join(parts)


def as_markup(text: str) -> str:
    """For the one place that takes markup only, a notification (``notify`` has no
    way to turn markup off in every Textual kneecoach runs on): text from a file
    with every "[" escaped, so that nothing in it is read as a tag."""
    return printable(text).replace("[", "\\[")


def hanging(items: Iterable[tuple[str, str, str]]) -> Table:
    """Items of (marker, text from a file, style), each wrapped under its own text,
    not under its marker: " 1. Lie on your side with" / "    your knees bent".
    A grid of two columns does the wrapping at whatever width it is drawn."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    for marker, text, style in items:
        grid.add_row(Text(marker), literal(text), style=style or None)
    return grid


def bullets(items: Iterable[str]) -> Table:
    """Texts from files as a bulleted list, each wrapped under its own text."""
    return hanging(("•", text, "") for text in items)


def stacked(*parts: RenderableType) -> Group:
    """Parts one under the other, each text ending its own line (``literal`` and
    ``lines`` leave the line open, as a single widget's content wants)."""
    ended: list[RenderableType] = []
    for part in parts:
        if isinstance(part, Text):
            part = part.copy()
            part.end = "\n"
        ended.append(part)
    return Group(*ended)


def lines(rows: Iterable[Text | str]) -> Text:
    """Lines, one under the other (each string shown literally)."""
    return Text("\n", end="").join(row if isinstance(row, Text) else literal(row) for row in rows)
