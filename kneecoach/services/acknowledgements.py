"""Which sessions' safety notices the user has acknowledged, kept across runs.

A small JSON file in the data folder, written atomically with owner-only
permissions. The in-memory double serves tests and ``--data-dir``-less previews.

A file that cannot be read, or holds something else than ``{"sessions": [...]}``
(a list, ``null``), is copied aside once (``acknowledged.json.corrupt-…``) and taken
as empty: safety first, the notice is shown again. ``problem`` says so in one line,
as it does when the file cannot be written; neither stops a workout.
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
    problem: str | None  # the last thing that went wrong with the file, in one line

    def is_acknowledged(self, session_id: str) -> bool: ...

    def acknowledge(self, session_id: str) -> None: ...


class MemoryAcknowledgements:
    def __init__(self, acknowledged: set[str] | None = None) -> None:
        self.acknowledged = set(acknowledged or ())
        self.problem: str | None = None

    def is_acknowledged(self, session_id: str) -> bool:
        return session_id in self.acknowledged

    def acknowledge(self, session_id: str) -> None:
        self.acknowledged.add(session_id)


class FileAcknowledgements:
    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self.problem: str | None = None

    def _read(self) -> set[str]:
        """The sessions acknowledged; an unreadable or damaged file counts as none
        (ask again rather than fail: safety first)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return set()
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            self.problem = (
                f"{self.path} could not be read ({reason}); the safety notice is shown again"
            )
            return set()
        try:
            data = json.loads(text)
        except ValueError:
            data = ValueError
        sessions = data.get("sessions", []) if isinstance(data, dict) else None
        if not isinstance(sessions, list):
            self.problem = self._damaged(data)
            return set()
        return {item for item in sessions if isinstance(item, str)}

    def _damaged(self, data: object) -> str:
        from kneecoach.store.records import LogError
        from kneecoach.store.schema import backup

        if data is ValueError:
            held = "no valid JSON"
        else:
            held = "null" if data is None else f"a {type(data).__name__}"
        try:
            kept = f"a copy is in {backup(self.path, 'corrupt').name}"
        except LogError:
            kept = "no copy could be made"
        return (
            f"{self.path} is damaged (it holds {held}, not a list of sessions); {kept}; "
            "the safety notice is shown again"
        )

    def check(self) -> str | None:
        """Read the file now; the problem with it, if any."""
        self._read()
        return self.problem

    def is_acknowledged(self, session_id: str) -> bool:
        return session_id in self._read()

    def acknowledge(self, session_id: str) -> None:
        """Remember it; a file that cannot be written (a full disk, say) is said in
        ``problem``, and the notice is shown again next time."""
        sessions = self._read() | {session_id}
        folder = self.path.parent
        try:
            make_private_folder(folder)
            handle, temp = tempfile.mkstemp(dir=folder, prefix=".ack-", suffix=".json")
        except OSError as error:
            self.problem = self._unwritten(error)
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"sessions": sorted(sessions)}, out, indent=2)
            os.chmod(temp, 0o600)
            os.replace(temp, self.path)
        except OSError as error:
            Path(temp).unlink(missing_ok=True)
            self.problem = self._unwritten(error)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def _unwritten(self, error: OSError) -> str:
        return (
            f"{self.path} could not be written ({error.strerror or error}): the safety "
            "notice will be shown again next time"
        )
