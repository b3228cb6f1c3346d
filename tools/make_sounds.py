"""Generate kneecoach's audio cues into ``sounds/``: synthesised tones and spoken phrases.

Tones are sine waves made with the standard library alone, so every run writes the same
bytes (no randomness, no dates) and ``--check`` can catch drift. Voices are rendered by
espeak-ng, trimmed and normalised here (no sox), and committed: users need no espeak-ng.

    python tools/make_sounds.py [--tones-only] [--check]

File names are a contract with the player: ``tone-<cue>.wav`` and
``voice-<slug(phrase)>.wav``; ``sounds/manifest.json`` lists both. The phrases are
kneecoach's own list (``kneecoach.audio.phrases``): the words any session may need,
and those the shipped sessions need besides, at any dose they allow.
"""

from __future__ import annotations

import argparse
import array
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import wave
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOUNDS = ROOT / "sounds"
SESSIONS = ROOT / "sessions"

RATE = 22050  # espeak-ng's native rate: tones use it too, so every file has one format
CHANNELS = 1
SAMPLE_WIDTH = 2
FULL_SCALE = 32767
TONE_PEAK_DB = -12.0  # tones are steady, speech is not: -12 dB peaks sit level with the voices

ESPEAK_VOICE = "en-us"
ESPEAK_SPEED = 165  # words per minute: clear, not sleepy
FORMAT = (CHANNELS, SAMPLE_WIDTH, RATE)

Samples = list[float]


# --- tones ------------------------------------------------------------------------


def _envelope(n: int, attack: float, release: float, decay: float) -> Samples:
    """Raised-cosine attack and release (zero at both ends, so no click); an optional
    exponential decay makes the note sound struck, like a small bell."""
    a, r = max(1, round(attack * RATE)), max(1, round(release * RATE))
    out = []
    for i in range(n):
        gain = 1.0
        if i < a:
            gain = 0.5 - 0.5 * math.cos(math.pi * i / a)
        if i >= n - r:
            gain *= 0.5 - 0.5 * math.cos(math.pi * (n - 1 - i) / r)
        if decay:
            gain *= math.exp(-i / (decay * RATE))
        out.append(gain)
    return out


def _note(
    freq: float,
    seconds: float,
    *,
    to: float | None = None,
    harmonics: tuple[float, ...] = (1.0,),
    attack: float = 0.005,
    release: float = 0.03,
    decay: float = 0.0,
) -> Samples:
    """One note: a sine plus soft harmonics, optionally gliding to ``to`` Hz.

    With ``decay``, partial k fades k times faster than the fundamental, so a struck
    note mellows as it rings, as real ones do.
    """
    n = round(seconds * RATE)
    env = _envelope(n, attack, release, decay)
    out = []
    phase = 0.0
    for i in range(n):
        value = 0.0
        for k, amp in enumerate(harmonics, start=1):
            if amp:
                fade = math.exp(-(k - 1) * i / (decay * RATE)) if decay else 1.0
                value += amp * fade * math.sin(k * phase)
        out.append(value * env[i])
        freq_now = freq if to is None else freq * (to / freq) ** (i / (n - 1))
        phase = (phase + 2.0 * math.pi * freq_now / RATE) % (2.0 * math.pi)
    return out


def _mix(notes: Iterable[tuple[float, Samples]]) -> Samples:
    """Lay notes (start in seconds, samples) over each other, arpeggio style."""
    placed = [(round(start * RATE), samples) for start, samples in notes]
    out = [0.0] * max(offset + len(samples) for offset, samples in placed)
    for offset, samples in placed:
        for i, value in enumerate(samples):
            out[offset + i] += value
    return out


F4, G4, A4, C5, D5, E5 = 349.23, 392.0, 440.0, 523.25, 587.33, 659.26
G5, A5, C6 = 783.99, 880.0, 1046.5


def _pluck(freq: float, seconds: float, decay: float = 0.18, release: float = 0.06) -> Samples:
    """A plucked note whose overtones fade first: the building block of the done-cues."""
    return _note(freq, seconds, harmonics=(1.0, 0.35, 0.12), release=release, decay=decay)


def get_ready() -> Samples:
    """A soft rising sweep, A4 to E5, 300 ms: 'here we go', without a beep's urgency."""
    return _note(A4, 0.30, to=E5, harmonics=(1.0, 0.15), attack=0.04, release=0.08)


def hold_start() -> Samples:
    """A bright struck bell on C6, 350 ms: the clearest 'go' of the set."""
    return _note(C6, 0.35, harmonics=(1.0, 0.3, 0.12), attack=0.003, release=0.05, decay=0.12)


def countdown() -> Samples:
    """A short pure tick on A5, 80 ms, once a second over the last three: easy to count."""
    return _note(A5, 0.08, attack=0.004, release=0.03)


def hold_end() -> Samples:
    """A low struck bell on C5, an octave under hold_start, 400 ms: 'and relax'."""
    return _note(C5, 0.40, harmonics=(1.0, 0.4, 0.15), attack=0.004, release=0.08, decay=0.16)


def rep_up() -> Samples:
    """A quick upward swoop, G4 to D5, 150 ms: lift."""
    return _note(G4, 0.15, to=D5, harmonics=(1.0, 0.2), attack=0.01, release=0.04)


def rep_down() -> Samples:
    """The same swoop downward, D5 to G4, 150 ms: lower."""
    return _note(D5, 0.15, to=G4, harmonics=(1.0, 0.2), attack=0.01, release=0.04)


def rest() -> Samples:
    """A low warm hum, F4 with a quiet fifth above, swelling and fading over 400 ms."""
    low = _note(F4, 0.40, harmonics=(1.0, 0.3, 0.1), attack=0.12, release=0.18)
    fifth = [0.5 * v for v in _note(C5, 0.40, attack=0.12, release=0.18)]
    return _mix([(0.0, low), (0.0, fifth)])


def switch_sides() -> Samples:
    """Four hollow wood-block notes flipping G5, D5, G5, D5, 320 ms: change sides."""
    block = {f: _note(f, 0.065, harmonics=(1.0, 0.0, 0.2), attack=0.003) for f in (G5, D5)}
    return _mix((i * 0.085, block[f]) for i, f in enumerate([G5, D5, G5, D5]))


def set_done() -> Samples:
    """Two rising plucked notes, C5 then G5, 380 ms: a set ticked off."""
    return _mix([(0.0, _pluck(C5, 0.18)), (0.14, _pluck(G5, 0.24))])


def exercise_done() -> Samples:
    """Three rising plucked notes, C5 E5 G5, the last left to ring, 500 ms."""
    return _mix([(0.0, _pluck(C5, 0.16)), (0.12, _pluck(E5, 0.16)), (0.24, _pluck(G5, 0.26))])


def session_done() -> Samples:
    """A C major arpeggio, C5 E5 G5 C6, each note ringing on into the chord, 1 s."""
    starts = [(0.0, C5), (0.12, E5), (0.24, G5), (0.36, C6)]
    return _mix((start, _pluck(f, 1.0 - start, decay=0.35, release=0.25)) for start, f in starts)


# cue name (the player's, and the file's) -> its synthesis; each function is named for its cue
TONES: dict[str, Callable[[], Samples]] = {
    f.__name__: f
    for f in (get_ready, hold_start, countdown, hold_end, rep_up, rep_down, rest)
    + (switch_sides, set_done, exercise_done, session_done)
}


def _pcm(samples: Iterable[float]) -> bytes:
    """16-bit little-endian whatever the machine's byte order."""
    data = array.array("h", (max(-FULL_SCALE - 1, min(FULL_SCALE, round(s))) for s in samples))
    if sys.byteorder == "big":
        data.byteswap()
    return data.tobytes()


def wav_bytes(frames: bytes) -> bytes:
    """A plain 44-byte-header WAV: the wave module writes no dates, so bytes are stable."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setparams((CHANNELS, SAMPLE_WIDTH, RATE, 0, "NONE", "not compressed"))
        out.writeframes(frames)
    return buffer.getvalue()


def render_tone(cue: str) -> bytes:
    """The exact bytes of ``tone-<cue>.wav``, peak-normalised to TONE_PEAK_DB."""
    samples = TONES[cue]()
    scale = 10 ** (TONE_PEAK_DB / 20) * FULL_SCALE / max(abs(s) for s in samples)
    return wav_bytes(_pcm(s * scale for s in samples))


# --- voices -----------------------------------------------------------------------

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def slug(phrase: str) -> str:
    """The player rebuilds file names with this exact rule; keep the two in step."""
    return re.sub(r"[^a-z0-9]+", "-", phrase.lower()).strip("-")


def spoken(phrase: str) -> str:
    """What espeak-ng is given: 'Set 2 of 3' is said 'Set two of three'."""
    return re.sub(r"\d+", lambda m: NUMBER_WORDS.get(int(m.group()), m.group()), phrase)


def tone_file(cue: str) -> str:
    return f"tone-{cue}.wav"


def voice_file(phrase: str) -> str:
    return f"voice-{slug(phrase)}.wav"


def closed_phrases() -> tuple[str, ...]:
    """The words any session may need (positions, legs, counts to ten, "Set 2 of 3"):
    kneecoach's own list, so that a therapist's session needs no espeak-ng for them."""
    try:
        from kneecoach.audio.phrases import closed_phrases as listed
    except ImportError:  # run from a checkout without kneecoach installed
        sys.path.insert(0, str(ROOT))
        from kneecoach.audio.phrases import closed_phrases as listed
    return tuple(listed())


def session_phrases(sessions_dir: Path = SESSIONS) -> tuple[str, ...]:
    """Every other phrase the shipped sessions can speak, at any dose they allow
    (exercise names, counts past ten), first seen first."""
    closed_phrases()  # makes kneecoach importable
    from kneecoach.audio.phrases import session_phrases as needed
    from kneecoach.engine import load_session

    closed = set(closed_phrases())
    phrases: list[str] = []
    for path in sorted(sessions_dir.glob("*.yaml")):
        for phrase in needed(load_session(path), "coach"):
            if phrase not in closed and phrase not in phrases:
                phrases.append(phrase)
    return tuple(phrases)


def all_phrases() -> tuple[str, ...]:
    phrases = closed_phrases() + session_phrases()
    slugs = [slug(p) for p in phrases]
    clashes = sorted({s for s in slugs if slugs.count(s) > 1})
    if clashes:
        raise SystemExit(f"make_sounds: phrases share a file name: {', '.join(clashes)}")
    return phrases


def manifest_text(phrases: Iterable[str]) -> str:
    data = {
        "format": {"rate": RATE, "channels": CHANNELS, "sample_width": SAMPLE_WIDTH},
        "tones": {cue: tone_file(cue) for cue in TONES},
        "voices": {phrase: voice_file(phrase) for phrase in phrases},
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def trim_and_normalise(samples: array.array[int]) -> bytes:
    """Cut espeak-ng's leading and trailing silence, fade the cut edges and set the
    peak level: the app's own function, so that phrases it renders for a therapist's
    session sound like these."""
    closed_phrases()  # makes kneecoach importable
    from kneecoach.audio.voices import trim_and_normalise as trim

    return trim(samples)


def espeak_version(binary: str) -> str:
    """'eSpeak NG text-to-speech: 1.51', without the data path that follows it."""
    result = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)
    return result.stdout.split("  Data at:")[0].strip()


def render_voice(binary: str, phrase: str) -> bytes:
    """The bytes of ``voice-<slug>.wav``: espeak-ng's rendering, trimmed and normalised."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "voice.wav"
        command = [binary, "-v", ESPEAK_VOICE, "-s", str(ESPEAK_SPEED), "-w", str(raw)]
        subprocess.run([*command, spoken(phrase)], capture_output=True, check=True)
        with wave.open(str(raw), "rb") as source:
            params = (source.getnchannels(), source.getsampwidth(), source.getframerate())
            if params != FORMAT:
                raise SystemExit(f"make_sounds: espeak-ng wrote {params}, not mono 16-bit {RATE}")
            frames = source.readframes(source.getnframes())
    samples = array.array("h")
    samples.frombytes(frames)
    if sys.byteorder == "big":
        samples.byteswap()
    return wav_bytes(trim_and_normalise(samples))


# --- files ------------------------------------------------------------------------


def _expected(phrases: Iterable[str]) -> set[str]:
    return {tone_file(c) for c in TONES} | {voice_file(p) for p in phrases}


def format_problem(path: Path) -> str | None:
    """Why ``path`` is not a playable cue in the one shared format, or None."""
    try:
        with wave.open(str(path), "rb") as sound:
            params = (sound.getnchannels(), sound.getsampwidth(), sound.getframerate())
            empty = sound.getnframes() == 0
    except (OSError, EOFError, wave.Error) as exc:
        return f"{path.name}: not a readable WAV ({exc})"
    if params != FORMAT or empty:
        return f"{path.name}: (channels, width, rate) {params}, empty={empty}; want {FORMAT}"
    return None


def _write(path: Path, data: bytes) -> bool:
    """Replace ``path`` atomically, and only when the content changes."""
    if path.exists() and path.read_bytes() == data:
        return False
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def check(sounds: Path = SOUNDS) -> list[str]:
    """Every drift between sounds/ and what this script makes: tones byte for byte,
    voices by presence and format (espeak-ng versions differ in their bytes)."""
    problems = []
    for cue in TONES:
        path = sounds / tone_file(cue)
        if not path.exists() or path.read_bytes() != render_tone(cue):
            problems.append(f"{path.name}: missing, or not what make_sounds.py generates")
    phrases = all_phrases()
    for phrase in phrases:
        path = sounds / voice_file(phrase)
        problem = format_problem(path) if path.exists() else f"{path.name}: missing ({phrase!r})"
        if problem:
            problems.append(problem)
    manifest = sounds / "manifest.json"
    if not manifest.exists() or manifest.read_text(encoding="utf-8") != manifest_text(phrases):
        problems.append("manifest.json: differs from what make_sounds.py generates")
    expected = _expected(phrases)
    problems += [
        f"{p.name}: not a cue" for p in sorted(sounds.glob("*.wav")) if p.name not in expected
    ]
    return problems


def generate(tones_only: bool, sounds: Path = SOUNDS) -> int:
    binary = shutil.which("espeak-ng")
    if binary is None and not tones_only:
        message = "espeak-ng not found (apt install espeak-ng); --tones-only keeps the voices"
        print(f"make_sounds: {message}", file=sys.stderr)
        return 1
    sounds.mkdir(exist_ok=True)
    phrases = all_phrases()
    changed = sum(_write(sounds / tone_file(cue), render_tone(cue)) for cue in TONES)
    print(f"tones: {len(TONES)} written, {changed} changed")
    expected = _expected(phrases)
    if tones_only or binary is None:
        missing = [voice_file(p) for p in phrases if not (sounds / voice_file(p)).exists()]
        print(f"voices: kept as they are (--tones-only); missing: {', '.join(missing) or 'none'}")
    else:
        print(f"voices: {espeak_version(binary)}, voice {ESPEAK_VOICE}, {ESPEAK_SPEED} wpm")
        changed = sum(_write(sounds / voice_file(p), render_voice(binary, p)) for p in phrases)
        print(f"voices: {len(phrases)} written, {changed} changed")
    for stale in sorted(sounds.glob("*.wav")):
        if stale.name not in expected and not (tones_only and stale.name.startswith("voice-")):
            stale.unlink()
            print(f"removed {stale.name}: no longer a cue")
    _write(sounds / "manifest.json", manifest_text(phrases).encode("utf-8"))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tones-only", action="store_true", help="keep the voice files")
    parser.add_argument("--check", action="store_true", help="exit 1 if sounds/ has drifted")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        print("\n".join(problems + [f"{len(problems)} problem(s) in sounds/"]))
        return 1 if problems else 0
    return generate(args.tones_only)


if __name__ == "__main__":
    sys.exit(main())
