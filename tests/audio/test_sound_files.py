"""The committed cue sounds keep their contract with the player: names, one format,
audible, short, distinct, and (tones) exactly what tools/make_sounds.py makes.

Names and phrases are written out here rather than taken from the script, so a
change to the script that would break the player fails a test. No espeak-ng needed.
"""

from __future__ import annotations

import array
import importlib.util
import itertools
import json
import math
import re
import sys
import wave
from pathlib import Path
from types import ModuleType

import pytest

from kneecoach.engine import load_session
from tests.conftest import ROOT

SOUNDS = ROOT / "sounds"
SCRIPT = ROOT / "tools" / "make_sounds.py"
RATE = 22050
FULL_SCALE = 32767

CUES = (
    "get_ready",
    "hold_start",
    "countdown",
    "hold_end",
    "rep_up",
    "rep_down",
    "rest",
    "switch_sides",
    "set_done",
    "exercise_done",
    "session_done",
)
# seconds: the "countdown ~80 ms, most 150-400 ms, session_done ~1 s"
TONE_SECONDS = {"countdown": (0.06, 0.10), "session_done": (0.8, 1.3)}
OTHER_TONE_SECONDS = (0.14, 0.5)
WORDS = [
    "Get ready", "Hold", "Rest", "Switch sides", "Last set", "Next",
    "Workout complete. Well done.", "Relax", "Halfway", "Ten seconds", "Five more", "Last one",
    "Up", "Down",
]  # fmt: skip
COUNTS = ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]
SETS = ["Set 2 of 3", "Set 2 of 4", "Set 3 of 4"]  # "Set 1" is never said, the last is "Last set"
POSITIONS = [
    "Standing", "Sitting", "Kneeling", "On your back", "On your side", "On your stomach",
    "On hands and knees",
]  # fmt: skip
LEGS = [
    phrase
    for side in ("left", "right")
    for phrase in (
        f"{side.capitalize()} leg",
        f"Stretch your {side} leg",
        f"{side.capitalize()} foot forward",
        f"Stand on your {side} leg",
        f"Lie on your {side} side",
        f"Switch to the {side} leg",
    )
]
FIXED = WORDS + COUNTS + SETS + POSITIONS + LEGS  # what any session may need


def player_slug(phrase: str) -> str:
    """The rule the player reimplements; written out again on purpose."""
    return re.sub(r"[^a-z0-9]+", "-", phrase.lower()).strip("-")


def shipped_exercise_names() -> list[str]:
    names: list[str] = []
    for path in sorted((ROOT / "sessions").glob("*.yaml")):
        names += [e.name for e in load_session(path).exercises if e.name not in names]
    return names


# the shipped sessions' own words: their exercise names, and "Fifteen" (sets of 20)
NEXT = [*shipped_exercise_names(), "Fifteen"]


def read(path: Path) -> tuple[tuple[int, int, int], array.array[int]]:
    with wave.open(str(path), "rb") as sound:
        params = (sound.getnchannels(), sound.getsampwidth(), sound.getframerate())
        frames = sound.readframes(sound.getnframes())
    samples = array.array("h")
    samples.frombytes(frames)
    if sys.byteorder == "big":
        samples.byteswap()
    return params, samples


def peak_db(samples: array.array[int]) -> float:
    return 20 * math.log10(max(abs(s) for s in samples) / FULL_SCALE)


@pytest.fixture(scope="module")
def make_sounds() -> ModuleType:
    """tools/ is not a package (the app never imports it): load the script by path."""
    spec = importlib.util.spec_from_file_location("make_sounds", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_names_the_contract_cues_and_phrases(make_sounds: ModuleType) -> None:
    assert list(make_sounds.TONES) == list(CUES)
    assert list(make_sounds.closed_phrases()) == FIXED
    assert sorted(make_sounds.session_phrases()) == sorted(NEXT)
    for phrase in FIXED + NEXT + ["Next: Wall sit", "Set 2 of 3", "  Odd -- name! "]:
        assert make_sounds.slug(phrase) == player_slug(phrase)
    assert make_sounds.slug("Next: Wall sit") == "next-wall-sit"
    assert make_sounds.spoken("Set 2 of 3") == "Set two of three"


@pytest.mark.parametrize("cue", CUES)
def test_tone_file_format_level_and_length(cue: str) -> None:
    params, samples = read(SOUNDS / f"tone-{cue}.wav")
    assert params == (1, 2, RATE)
    assert peak_db(samples) == pytest.approx(-12.0, abs=0.2)
    low, high = TONE_SECONDS.get(cue, OTHER_TONE_SECONDS)
    assert low <= len(samples) / RATE <= high
    # envelopes start and end at silence: no click at either edge
    assert abs(samples[0]) < 100 and abs(samples[-1]) < 100


@pytest.mark.parametrize("cue", CUES)
def test_tones_regenerate_byte_for_byte(make_sounds: ModuleType, cue: str) -> None:
    assert make_sounds.render_tone(cue) == (SOUNDS / f"tone-{cue}.wav").read_bytes()


def zero_crossings(samples: array.array[int], parts: int = 4) -> list[int]:
    """Crossings per quarter: a rough pitch contour, enough to tell cues apart."""
    size = len(samples) // parts
    counts = []
    for p in range(parts):
        chunk = samples[p * size : (p + 1) * size]
        counts.append(sum(1 for a, b in itertools.pairwise(chunk) if (a < 0) != (b < 0)))
    return counts


def test_tones_are_clearly_different_from_each_other() -> None:
    tones = {cue: read(SOUNDS / f"tone-{cue}.wav")[1] for cue in CUES}
    for a, b in itertools.combinations(CUES, 2):
        first, second = tones[a], tones[b]
        assert first.tobytes() != second.tobytes(), (a, b)
        length_gap = abs(len(first) - len(second)) / RATE
        contour_gap = max(
            abs(x - y) / max(x, y, 1)
            for x, y in zip(zero_crossings(first), zero_crossings(second), strict=True)
        )
        assert length_gap >= 0.03 or contour_gap >= 0.1, (a, b)


@pytest.mark.parametrize("phrase", FIXED + NEXT)
def test_voice_file_format_level_and_trim(phrase: str) -> None:
    params, samples = read(SOUNDS / f"voice-{player_slug(phrase)}.wav")
    assert params == (1, 2, RATE)
    assert peak_db(samples) == pytest.approx(-3.0, abs=0.2)
    assert 0.2 <= len(samples) / RATE <= 4.0
    # trimmed: speech starts and ends within a few tens of ms of the file's edges
    threshold = max(abs(s) for s in samples) * 0.02
    loud = [i for i, s in enumerate(samples) if abs(s) >= threshold]
    assert loud[0] / RATE <= 0.05
    assert (len(samples) - 1 - loud[-1]) / RATE <= 0.05
    assert abs(samples[0]) < 100 and abs(samples[-1]) < 100


def test_every_shipped_exercise_has_its_name_voice() -> None:
    for name in shipped_exercise_names():
        assert (SOUNDS / f"voice-{player_slug(name)}.wav").is_file(), name


def test_manifest_matches_the_files() -> None:
    manifest = json.loads((SOUNDS / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == {"rate": RATE, "channels": 1, "sample_width": 2}
    assert manifest["tones"] == {cue: f"tone-{cue}.wav" for cue in CUES}
    assert manifest["voices"] == {p: f"voice-{player_slug(p)}.wav" for p in FIXED + NEXT}
    listed = set(manifest["tones"].values()) | set(manifest["voices"].values())
    assert listed == {p.name for p in SOUNDS.glob("*.wav")}


def test_manifest_and_check_agree_with_the_script(make_sounds: ModuleType) -> None:
    expected = make_sounds.manifest_text(make_sounds.all_phrases())
    assert (SOUNDS / "manifest.json").read_text(encoding="utf-8") == expected
    assert make_sounds.check() == []


def test_sounds_stay_small() -> None:
    total = sum(p.stat().st_size for p in SOUNDS.iterdir() if p.is_file())
    assert total < 3_000_000
