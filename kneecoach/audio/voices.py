"""Spoken names for sessions written on this machine, rendered with espeak-ng.

The shipped sessions' phrases are committed under ``sounds/``. A therapist's own
session names exercises nobody has recorded: when espeak-ng is installed, those
phrases are rendered once into the user's cache folder (in the background, at
start-up); without it, the cue falls back to a plainer phrase or to tones alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from kneecoach.audio.sound import SoundBank, slug

ESPEAK_VOICE = ("-v", "en-us", "-s", "165")  # as tools/make_sounds.py renders them


def render_missing(
    bank: SoundBank, phrases: Iterable[str], folder: Path, espeak: str | None = None
) -> list[str]:
    """Render every phrase ``bank`` lacks into ``folder``; return those rendered."""
    espeak = espeak or shutil.which("espeak-ng")
    missing = [phrase for phrase in dict.fromkeys(phrases) if not bank.has_voice(phrase)]
    if not espeak or not missing:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    rendered = []
    for phrase in missing:
        target = folder / f"voice-{slug(phrase)}.wav"
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        try:
            subprocess.run(
                [espeak, *ESPEAK_VOICE, "-w", str(partial), phrase],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=20,
                check=True,
            )
            partial.replace(target)
        except (OSError, subprocess.SubprocessError):
            partial.unlink(missing_ok=True)
            continue
        bank.forget(phrase)
        rendered.append(phrase)
    return rendered
