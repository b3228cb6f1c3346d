"""What the command line asked the app for, as plain values, nothing read yet: the
app draws first and reads after (kneecoach.services.startup)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kneecoach.settings.config import VoiceLevel


@dataclass(frozen=True)
class LaunchOptions:
    """What the command line said, unread: ``session`` is an id or a path (None:
    the picker)."""

    session: str | None
    data_dir: Path
    extra_dirs: Sequence[str] = ()
    speed: float = 1.0
    audio: str | None = None  # None: the config file's
    volume: int | None = None
    voice: VoiceLevel | None = None  # None: the config file's
    layout: str | None = None  # None: the one last chosen, else the config file's
