"""Spoken phrases for sessions written on this machine, rendered with espeak-ng.

The shipped sessions' phrases are committed under ``sounds/``. A therapist's own
session names exercises nobody has recorded (and may count past what ships, or
say "Set 2 of 5"): when espeak-ng is installed, those phrases are rendered once
into the user's cache folder (in the background, at start-up), trimmed and
levelled exactly as ``tools/make_sounds.py`` does the shipped ones, so that a cue
made of both sounds like one voice; without it, the cue falls back to a plainer
phrase or to tones alone. Nothing is rendered during a workout. The cache folder
and its files are the user's alone (0700, 0600), whatever the umask: a name can
say what a person is being treated for.
"""

from __future__ import annotations

import array
import math
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from kneecoach.audio.sound import RATE, Sound, SoundBank, SoundError, load_wav, slug
from kneecoach.engine.files import make_private_folder

ESPEAK_VOICE = ("-v", "en-us", "-s", "165")  # as tools/make_sounds.py renders them
FULL_SCALE = 32767
VOICE_PEAK_DB = -3.0  # speech peaks far above its average: 3 dB of headroom
TRIM_RATIO = 0.02  # a sample under 2 % of the phrase's peak (-34 dB) counts as silence
TRIM_MARGIN = 0.020  # seconds kept either side of the speech
EDGE_FADE = 0.005  # seconds of fade at a cut edge, so the cut cannot click


def trim_and_normalise(samples: array.array[int]) -> bytes:
    """Cut espeak-ng's leading and trailing silence (keeping TRIM_MARGIN), fade the cut
    edges, and scale the peak to VOICE_PEAK_DB, so a cue sounds as soon as it plays.
    16-bit little-endian frames, whatever the machine's byte order."""
    peak = max((abs(s) for s in samples), default=0)
    if peak == 0:
        raise ValueError("espeak-ng produced silence")
    loud = [i for i, s in enumerate(samples) if abs(s) >= peak * TRIM_RATIO]
    margin = round(TRIM_MARGIN * RATE)
    start, end = max(0, loud[0] - margin), min(len(samples), loud[-1] + 1 + margin)
    kept = samples[start:end]
    scale = 10 ** (VOICE_PEAK_DB / 20) * FULL_SCALE / peak
    fade = round(EDGE_FADE * RATE)
    out = array.array("h")
    for i, s in enumerate(kept):
        edge = min(i, len(kept) - 1 - i)
        gain = 0.5 - 0.5 * math.cos(math.pi * edge / fade) if edge < fade else 1.0
        out.append(max(-FULL_SCALE - 1, min(FULL_SCALE, round(s * scale * gain))))
    if sys.byteorder == "big":
        out.byteswap()
    return out.tobytes()


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
            _trimmed(partial).to_wav(partial)
            partial.replace(target)
        except (OSError, subprocess.SubprocessError, SoundError, ValueError):
            partial.unlink(missing_ok=True)
            continue
        bank.forget(phrase)
        rendered.append(phrase)
    return rendered


def _trimmed(path: Path) -> Sound:
    """espeak-ng's file, trimmed and levelled like the shipped voices."""
    raw = load_wav(path)  # SoundError: not the one format every cue shares
    samples = array.array("h")
    samples.frombytes(raw.frames)
    if sys.byteorder == "big":
        samples.byteswap()
    return Sound(raw.name, trim_and_normalise(samples))
