"""What a widget shows, as plain text: its content drawn by Rich at a given width,
so that a table or a group of texts reads as the person would read it."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Static


def plain(widget: Static, width: int = 200) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, record=True)
    console.print(widget.content)
    return console.export_text()
