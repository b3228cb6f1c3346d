"""The one kind of error a person can fix: a bad session file, an unknown id, a
config mistake, a log that cannot be used. The command line (and the app, when it
meets one after it has started) prints ``lines`` and exits 1, never a traceback.
Every layer's own errors derive from it, so catching them imports nothing else.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem for the person to fix; ``lines`` are what they are told."""

    @property
    def lines(self) -> list[str]:
        return [f"kneecoach: {self}"]
