"""Which layout the workout screen uses, and remembering the one last chosen.

The command line's ``--layout`` wins; else the layout last chosen with the key
(kept in ``display.json`` in the data folder, written atomically, owner-only);
else ``config.toml``'s ``[display] layout``; else the standard layout.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Protocol

from kneecoach.settings.config import LAYOUTS

FILE_NAME = "display.json"
DEFAULT_LAYOUT = "standard"


class LayoutMemory(Protocol):
    def recall(self) -> str | None: ...

    def remember(self, layout: str) -> None: ...


class MemoryLayout:
    """For tests and runs that keep nothing."""

    def __init__(self, layout: str | None = None) -> None:
        self.layout = layout

    def recall(self) -> str | None:
        return self.layout

    def remember(self, layout: str) -> None:
        self.layout = layout


class FileLayout:
    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME

    def recall(self) -> str | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # unreadable: the config file's, or the default
        layout = data.get("layout") if isinstance(data, dict) else None
        return layout if layout in LAYOUTS else None

    def remember(self, layout: str) -> None:
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".display-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"layout": layout}, out)
            os.chmod(temp, 0o600)
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise


def choose_layout(given: str | None, remembered: str | None, configured: str | None) -> str:
    return given or remembered or configured or DEFAULT_LAYOUT


class DisplayChoice:
    """The layout in use, shared by the app and every workout screen it makes."""

    def __init__(self, layout: str = DEFAULT_LAYOUT, memory: LayoutMemory | None = None) -> None:
        self.layout = layout
        self.memory: LayoutMemory = memory or MemoryLayout()

    def choose(self, layout: str) -> str | None:
        """Use ``layout`` from now on and remember it; a problem saving it is returned
        as a sentence (the layout is still used for this run)."""
        self.layout = layout
        try:
            self.memory.remember(layout)
        except OSError as error:
            return f"The layout could not be remembered: {error.strerror or error}"
        return None
