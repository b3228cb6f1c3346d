"""Where a session comes from, and what it needs: named for the people who read it.

A session file names its source as free text or as an article's title and
publisher (``Source``); lists its equipment per exercise, "(optional)" where an
exercise can do without (``optional_item``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """Where a programme (or an exercise) comes from, named for the people who read
    it: an article's title and publisher, or a line of free text ("Written by J.
    Smith, PT"). ``file`` is the project's own record of it (the shipped sessions'
    seed articles): kept for checks, never shown to a patient."""

    title: str
    publisher: str = ""
    file: str = ""

    @property
    def text(self) -> str:
        """'"8 Runner's Knee Exercises…", GoodRx Health', or the free text."""
        return f"“{self.title}”, {self.publisher}" if self.publisher else self.title

    @property
    def short(self) -> str:
        """For a narrow column: the publisher, else the text."""
        return self.publisher or self.title


OPTIONAL = "(optional)"


def optional_item(item: str) -> tuple[str, bool]:
    """'resistance band (optional)' -> ('resistance band', True)."""
    text = " ".join(item.split())
    if text.lower().endswith(OPTIONAL):
        return text[: -len(OPTIONAL)].rstrip(), True
    return text, False
