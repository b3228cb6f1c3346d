"""Which sessions' safety notices the user has acknowledged, kept across runs.

A small JSON file in the data folder, written atomically with owner-only
permissions. The in-memory double serves tests and ``--data-dir``-less previews.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Protocol

from kneecoach.engine.files import make_private_folder

FILE_NAME = "acknowledged.json"


class Acknowledgements(Protocol):
    def is_acknowledged(self, session_id: str) -> bool: ...

    def acknowledge(self, session_id: str) -> None: ...


class MemoryAcknowledgements:
    def __init__(self, acknowledged: set[str] | None = None) -> None:
        self.acknowledged = set(acknowledged or ())

    def is_acknowledged(self, session_id: str) -> bool:
        return session_id in self.acknowledged

    def acknowledge(self, session_id: str) -> None:
        self.acknowledged.add(session_id)


class FileAcknowledgements:
    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME

    def _read(self) -> set[str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return set()  # unreadable: ask again rather than fail; safety first
        return {item for item in data.get("sessions", []) if isinstance(item, str)}

    def is_acknowledged(self, session_id: str) -> bool:
        return session_id in self._read()

    def acknowledge(self, session_id: str) -> None:
        sessions = self._read() | {session_id}
        folder = self.path.parent
        make_private_folder(folder)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".ack-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"sessions": sorted(sessions)}, out, indent=2)
            os.chmod(temp, 0o600)
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
