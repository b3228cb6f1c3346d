"""Spoken names for sessions written on this machine, rendered with espeak-ng.

The shipped sessions' phrases are committed under ``sounds/``. A therapist's own
session names exercises nobody has recorded: when espeak-ng is installed, those
phrases are rendered once into the user's cache folder (in the background, at
start-up); without it, the cue falls back to a plainer phrase or to tones alone.
The cache folder and its files are the user's alone (0700, 0600), whatever the
umask: a name can say what a person is being treated for.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from kneecoach.audio.sound import SoundBank, slug
from kneecoach.engine.files import make_private_folder

ESPEAK_VOICE = ("-v", "en-us", "-s", "165")  # as tools/make_sounds.py renders them


def render_missing(
    bank: SoundBank, phrases: Iterable[str], folder: Path, espeak: str | None = None
) -> list[str]:
    """Render every phrase ``bank`` lacks into ``folder``; return those rendered."""
    espeak = espeak or shutil.which("espeak-ng")
    missing = [phrase for phrase in dict.fromkeys(phrases) if not bank.has_voice(phrase)]
    if not espeak or not missing:
        return []
    make_private_folder(folder)
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
            os.chmod(partial, 0o600)  # espeak-ng creates it through the umask
            partial.replace(target)
        except (OSError, subprocess.SubprocessError):
            partial.unlink(missing_ok=True)
            continue
        bank.forget(phrase)
        rendered.append(phrase)
    return rendered
