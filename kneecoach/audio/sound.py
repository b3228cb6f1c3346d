"""Sounds in memory: the shipped WAV files, loaded once, joined into cues, scaled.

Every shipped file has one format (16-bit mono, 22.05 kHz), so a cue such as
"tone, then the word Hold" is simply the frames of both, one after the other, and
the players hand one buffer to the device: no mixing, no gaps, no second open.
"""

from __future__ import annotations

import array
import re
import sys
import wave
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

RATE = 22050
CHANNELS = 1
WIDTH = 2  # bytes per sample
GAP_SECONDS = 0.06  # silence between the parts of one cue


class SoundError(Exception):
    """A sound file that cannot be used (missing, or not in the shipped format)."""


@dataclass(frozen=True)
class Sound:
    """PCM frames ready for a device, with a name for logs and tests."""

    name: str
    frames: bytes
    rate: int = RATE
    channels: int = CHANNELS
    width: int = WIDTH

    @property
    def seconds(self) -> float:
        return len(self.frames) / (self.rate * self.channels * self.width)

    def scaled(self, volume: int) -> Sound:
        """This sound at ``volume`` percent of full amplitude (0-100)."""
        if volume >= 100:
            return self
        samples = array.array("h")
        samples.frombytes(self.frames)
        if sys.byteorder == "big":
            samples.byteswap()
        gain = max(0, volume) / 100
        scaled = array.array("h", (int(sample * gain) for sample in samples))
        if sys.byteorder == "big":
            scaled.byteswap()
        return Sound(self.name, scaled.tobytes(), self.rate, self.channels, self.width)

    def to_wav(self, path: Path) -> None:
        with wave.open(str(path), "wb") as out:
            out.setnchannels(self.channels)
            out.setsampwidth(self.width)
            out.setframerate(self.rate)
            out.writeframes(self.frames)


def load_wav(path: Path, name: str | None = None) -> Sound:
    """Read a WAV file in the shipped format."""
    try:
        with wave.open(str(path), "rb") as source:
            shape = (source.getnchannels(), source.getsampwidth(), source.getframerate())
            frames = source.readframes(source.getnframes())
    except (OSError, EOFError, wave.Error) as error:
        raise SoundError(f"{path}: cannot read sound ({error})") from None
    if shape != (CHANNELS, WIDTH, RATE):
        raise SoundError(f"{path}: expected 16-bit mono {RATE} Hz, found {shape}")
    return Sound(name or path.stem, frames)


def slug(phrase: str) -> str:
    """The file-name form of a spoken phrase: "Next: Wall sit" -> "next-wall-sit"."""
    return re.sub(r"[^a-z0-9]+", "-", phrase.lower()).strip("-")


def join(name: str, sounds: Iterable[Sound]) -> Sound:
    """One sound made of ``sounds`` in order, with a short silence between them."""
    gap = bytes(int(RATE * GAP_SECONDS) * WIDTH)
    return Sound(name, gap.join(sound.frames for sound in sounds))


class SoundBank:
    """The tones and spoken phrases, read from disk on first use and kept.

    ``folders`` are searched in order (the shipped sounds, then the cache of
    phrases rendered on this machine); a missing phrase is simply not there. The
    volume is applied as each file is read, so playing a cue costs no arithmetic.
    """

    def __init__(self, folders: Iterable[Path], volume: int = 100) -> None:
        self.folders = list(folders)
        self.volume = volume  # applied once, when a file is read
        self._cache: dict[str, Sound | None] = {}

    def _find(self, filename: str) -> Sound | None:
        if filename not in self._cache:
            self._cache[filename] = None
            for folder in self.folders:
                path = folder / filename
                if path.is_file():
                    try:
                        self._cache[filename] = load_wav(path, path.stem).scaled(self.volume)
                    except SoundError:  # a damaged file plays as if it were absent
                        continue
                    break
        return self._cache[filename]

    def tone(self, cue: str) -> Sound | None:
        return self._find(f"tone-{cue}.wav")

    def voice(self, phrase: str) -> Sound | None:
        return self._find(f"voice-{slug(phrase)}.wav")

    def has_voice(self, phrase: str) -> bool:
        return self.voice(phrase) is not None

    def forget(self, phrase: str) -> None:
        """Look for ``phrase`` again next time (it has just been rendered)."""
        self._cache.pop(f"voice-{slug(phrase)}.wav", None)

    def preload(self, tones: Iterable[str], phrases: Iterable[str]) -> None:
        """Read these now, at start-up, so that no cue waits for the disk."""
        for cue in tones:
            self.tone(cue)
        for phrase in phrases:
            self.voice(phrase)
