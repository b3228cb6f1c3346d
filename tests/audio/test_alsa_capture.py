"""Cues played for real, through ALSA, into a file device (../shared/AUDIO.md).

``ALSA_CONFIG_PATH`` points this process (and the ``aplay`` it starts) at a device
that appends every byte played to a file, so what reached "the speaker" can be
compared with the frames of the cues the session should have played. In CI
(CI=true) simpleaudio and aplay must be there; elsewhere these tests skip without.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest

from kneecoach.audio import CommandPlayer, FallbackPlayer, PlayerError, RecordingPlayer, make_player
from tests.audio.conftest import SHIPPED_SOUNDS, listener_with, run_session, voice_file
from tests.audio.test_cues import EXPECTED_SHORT

IN_CI = bool(os.environ.get("CI"))
RATE, WIDTH, GAP_SECONDS = 22050, 2, 0.06


def _have_simpleaudio() -> bool:
    try:
        import simpleaudio  # noqa: F401
    except ImportError:
        return False
    return True


needs_simpleaudio = pytest.mark.skipif(
    not _have_simpleaudio() and not IN_CI, reason="the audio extra (simpleaudio) is not installed"
)
needs_aplay = pytest.mark.skipif(
    shutil.which("aplay") is None and not IN_CI, reason="aplay (alsa-utils) is not installed"
)

FILE_DEVICE = """\
</usr/share/alsa/alsa.conf>
pcm.!default {{
    type file
    slave.pcm "null"
    file "|cat >> {capture}"
    format "raw"
}}
"""
NO_DEVICE = """\
</usr/share/alsa/alsa.conf>
pcm.!default {{ type hw card 31 }}
"""


@pytest.fixture
def capture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Everything played from now on lands in the returned file."""
    played = tmp_path / "played.raw"
    config = tmp_path / "asound.conf"
    config.write_text(FILE_DEVICE.format(capture=played))
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(config))
    return played


@pytest.fixture
def no_device(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "asound.conf"
    config.write_text(NO_DEVICE)
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(config))
    return config


def frames_of(filename: str) -> bytes:
    with wave.open(str(SHIPPED_SOUNDS / filename), "rb") as source:
        return source.readframes(source.getnframes())


def expected_frames(key: str) -> bytes:
    """A cue's frames, built from the files themselves: parts with short silences between."""
    files = []
    for part in key.split(" + "):
        kind, name = part.split(":", 1)
        files.append(f"tone-{name}.wav" if kind == "tone" else voice_file(name))
    gap = bytes(int(RATE * GAP_SECONDS) * WIDTH)
    return gap.join(frames_of(name) for name in files)


def read_when_written(path: Path, size: int, timeout: float = 15.0) -> bytes:
    """The capture file once ``size`` bytes have arrived (``cat`` writes on its own time)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_size >= size:
            break
        time.sleep(0.02)
    return path.read_bytes() if path.exists() else b""


@needs_simpleaudio
def test_simpleaudio_plays_exactly_the_session_cues(short_session, capture):
    from kneecoach.audio import SimpleaudioPlayer

    player = SimpleaudioPlayer()
    played = run_session(short_session, listener_with(player), after_flush=player.wait)
    assert played == EXPECTED_SHORT
    expected = b"".join(expected_frames(key) for key in EXPECTED_SHORT)
    captured = read_when_written(capture, len(expected))
    assert len(captured) == len(expected)
    assert captured == expected


@needs_aplay
def test_aplay_plays_exactly_the_session_cues(short_session, capture):
    player = CommandPlayer(("aplay", "-q"))
    played = run_session(short_session, listener_with(player), after_flush=player.wait)
    player.close()
    assert played == EXPECTED_SHORT
    cues = [expected_frames(key) for key in EXPECTED_SHORT]
    captured = read_when_written(capture, sum(map(len, cues)))
    # aplay pads each file's last chunk with silence; nothing else may be in between
    position = 0
    for number, frames in enumerate(cues):
        assert captured[position : position + len(frames)] == frames, f"cue {number} differs"
        position += len(frames)
        following = cues[number + 1] if number + 1 < len(cues) else None
        padding = 0
        while following is not None and not captured.startswith(following, position + padding):
            padding += WIDTH
            assert padding < RATE * WIDTH, f"no cue {number + 1} within 1 s of cue {number}"
        if following is None:
            padding = len(captured) - position
        assert captured[position : position + padding] == bytes(padding)
        position += padding
    assert position == len(captured)


@needs_simpleaudio
def test_muted_and_off_play_nothing(short_session, capture):
    from kneecoach.audio import SimpleaudioPlayer

    player = SimpleaudioPlayer()
    run_session(short_session, listener_with(player), muted=True, after_flush=player.wait)
    off = make_player("off", ring=pytest.fail, notify=pytest.fail)
    run_session(short_session, listener_with(off), after_flush=off.wait)
    assert not capture.exists() or capture.read_bytes() == b""


@needs_simpleaudio
def test_without_a_device_simpleaudio_fails_cleanly(no_device):
    from kneecoach.audio import SimpleaudioPlayer
    from kneecoach.audio.sound import Sound

    with pytest.raises(PlayerError, match="simpleaudio: Error opening PCM device"):
        SimpleaudioPlayer().play(Sound("x", bytes(400)))


@needs_aplay
def test_without_a_device_the_chain_falls_back_once_and_says_so(short_session, no_device):
    notices: list[str] = []
    last = RecordingPlayer()
    chain = FallbackPlayer([CommandPlayer(("aplay", "-q")), last], notices.append)
    listener = listener_with(chain)
    run_session(short_session, listener, after_flush=chain.wait)
    assert len(notices) == 1 and notices[0].startswith("Sound: aplay: ")
    assert "Using recording instead." in notices[0]
    # the failed cue was replayed on the fallback; at most that first one went unheard
    assert [s.name for s in last.played][-3:] == EXPECTED_SHORT[-3:]
    assert len(last.played) >= len(EXPECTED_SHORT) - 1


@needs_simpleaudio
def test_alsa_error_text_never_reaches_the_terminal(no_device):
    """alsa-lib writes its errors to fd 2, where Textual draws: they must not appear."""
    script = (
        "from kneecoach.audio import SimpleaudioPlayer, PlayerError\n"
        "from kneecoach.audio.sound import Sound\n"
        "try:\n"
        "    SimpleaudioPlayer().play(Sound('x', bytes(400)))\n"
        "except PlayerError as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=True
    )
    assert "Error opening PCM device" in result.stdout
    assert result.stderr == ""
