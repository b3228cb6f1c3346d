"""Recovery files: writes the log could not take, kept on disk until it can.

While the log cannot be written (a full disk, a lock held, a read-only file), the
writer keeps every write in memory and also saves them, in order, to a recovery
file: beside the log (``kneecoach.db.recovery-…json``) or, if that cannot be
written either, in another folder the caller names (the cache folder, the temporary
folder). The file names the log it belongs to. The next start that opens that log
imports every such file, in order, and removes it; a file already imported (its id
is kept in the log's ``recoveries`` table) is only removed, and each write can be
made twice with the effect of once, so nothing is added twice.

Each file is written whole to a temporary name and renamed, owner-only.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LogRefused, to_text, utc_now
from kneecoach.store.writes import KEPT, Write

FORMAT = "kneecoach recovery"
VERSION = 1
PATTERN = "kneecoach.db.recovery-*.json"


class RecoveryFile:
    """One process's recovery file for the log at ``log_path``."""

    def __init__(self, log_path: Path, elsewhere: Sequence[Path] = ()) -> None:
        self.log_path = log_path.absolute()
        self.places = [self.log_path.parent, *elsewhere]
        self.id = uuid.uuid4().hex
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        self.name = f"kneecoach.db.recovery-{stamp}-{self.id[:8]}.json"
        self.path: Path | None = None  # where it is now, if anywhere
        self._lock = threading.Lock()

    def save(self, writes: Iterable[Write]) -> Path:
        """Write ``writes`` (all of them, replacing what the file held) to the first
        place that takes them; the path. Raises OSError when none does."""
        data = {
            "format": FORMAT,
            "version": VERSION,
            "id": self.id,
            "log": str(self.log_path),
            "saved_at": to_text(utc_now()),
            "writes": [write.to_json() for write in writes if write.op in KEPT],
        }
        text = json.dumps(data, indent=1, ensure_ascii=False)
        with self._lock:
            last: OSError | None = None
            for place in self.places:
                target = place / self.name
                try:
                    _write_owner_only(target, text)
                except OSError as error:
                    last = error
                    continue
                if self.path is not None and self.path != target:
                    self.path.unlink(missing_ok=True)
                self.path = target
                return target
            raise last or OSError("no folder to keep a recovery file in")

    def remove(self) -> None:
        """Everything landed in the log: the file is not needed any more."""
        with self._lock:
            if self.path is not None:
                try:
                    self.path.unlink(missing_ok=True)
                except OSError:
                    pass  # an unneeded file: the next import finds it already imported
                self.path = None


def _ours(path: Path) -> bool:
    """Made by this user (a shared folder such as /tmp may hold anyone's files)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or path.stat().st_uid == getuid()


def _write_owner_only(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not _ours(target.parent):
        raise PermissionError(f"{target.parent} belongs to another user")
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@dataclass
class Imported:
    files: int = 0  # recovery files imported (and removed)
    writes: int = 0  # writes made from them
    problems: list[str] = field(default_factory=list)  # files left where they are, and why


def recovery_files(log_path: Path, elsewhere: Sequence[Path] = ()) -> list[tuple[Path, Any]]:
    """Every recovery file of the log at ``log_path``, oldest first, with its content."""
    log_path = log_path.absolute()
    found: list[tuple[str, Path, Any]] = []
    for place in [log_path.parent, *elsewhere]:
        try:
            candidates = sorted(place.glob(PATTERN))
        except OSError:
            continue
        for path in candidates:
            try:
                data = json.loads(path.read_text(encoding="utf-8")) if _ours(path) else None
            except (OSError, ValueError):
                data = None
            if isinstance(data, dict) and data.get("format") == FORMAT:
                if data.get("log") != str(log_path):
                    continue  # another log's
                found.append((str(data.get("saved_at", "")), path, data))
            elif place == log_path.parent:
                found.append(("", path, None))  # beside this log: say it could not be read
    found.sort(key=lambda item: (item[0], item[1].name))
    return [(path, data) for _, path, data in found]


def import_recoveries(log: WorkoutLog, elsewhere: Sequence[Path] = ()) -> Imported:
    """Import every recovery file of ``log``, in order, and remove each one imported.

    Raises ``LogError`` if the log cannot take them (the files stay for next time).
    """
    imported = Imported()
    for path, data in recovery_files(log.path, elsewhere):
        try:
            file_id, writes = _parse(data)
        except ValueError as error:
            imported.problems.append(f"{path} could not be read ({error}); it was left there")
            continue
        if not log.recovery_imported(file_id):
            refused: list[str] = []
            for write in writes:
                try:
                    write.apply(log)
                except (LogRefused, KeyError, TypeError, ValueError) as error:
                    # an entry the log refuses (a LogError for the disk stops it all)
                    refused.append(str(error))
                else:
                    imported.writes += 1
            if refused:
                imported.problems.append(
                    f"{path}: {len(refused)} of its {len(writes)} entries were refused"
                    f" (the first: {refused[0]})"
                )
            log.mark_recovery_imported(file_id)
        imported.files += 1
        try:
            path.unlink()
        except OSError as error:
            imported.problems.append(
                f"{path} was imported but could not be removed ({error.strerror})"
            )
    return imported


def _parse(data: Any) -> tuple[str, list[Write]]:
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError("not a recovery file this kneecoach reads")
    file_id, writes = data.get("id"), data.get("writes")
    if not isinstance(file_id, str) or not isinstance(writes, list):
        raise ValueError("no id or no list of writes")
    return file_id, [Write.from_json(item) for item in writes]
