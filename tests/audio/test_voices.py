"""Names nobody recorded are rendered with espeak-ng, once, into the cache folder."""

from __future__ import annotations

import os
import shutil

import pytest

from kneecoach.audio import CueListener, RecordingPlayer, SoundBank
from kneecoach.audio.voices import render_missing
from tests.audio.conftest import SHIPPED_SOUNDS, run_session
from tests.audio.test_cues import CUSTOM
from tests.conftest import session_from_yaml

needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None and not os.environ.get("CI"),
    reason="espeak-ng is not installed",
)


@needs_espeak
def test_a_custom_exercise_name_is_rendered_and_then_spoken(tmp_path):
    cache = tmp_path / "voices"
    bank = SoundBank([SHIPPED_SOUNDS, cache])
    listener = CueListener(bank, RecordingPlayer(), voices_cache=cache)
    session = session_from_yaml(CUSTOM)
    assert not bank.has_voice("Knee circles on a gym ball")
    listener.prepare([session])
    assert (cache / "voice-knee-circles-on-a-gym-ball.wav").is_file()
    assert [p.name for p in cache.iterdir()] == ["voice-knee-circles-on-a-gym-ball.wav"]
    played = run_session(session, listener)
    assert played[0] == "tone:get_ready + voice:Knee circles on a gym ball"
    assert render_missing(bank, ["Knee circles on a gym ball"], cache) == []  # once


@needs_espeak
def test_a_rendered_phrase_is_trimmed_and_levelled_like_the_shipped_ones(tmp_path):
    from tests.audio.test_sound_files import peak_db, read

    render_missing(SoundBank([SHIPPED_SOUNDS]), ["Knee circles"], tmp_path)
    params, samples = read(tmp_path / "voice-knee-circles.wav")
    assert params == (1, 2, 22050)
    assert peak_db(samples) == pytest.approx(-3.0, abs=0.2)
    threshold = max(abs(s) for s in samples) * 0.02
    loud = [i for i, s in enumerate(samples) if abs(s) >= threshold]
    assert loud[0] / 22050 <= 0.05 and (len(samples) - 1 - loud[-1]) / 22050 <= 0.05


LONG_SETS = """\
id: long
title: Long sets
source: a therapist
exercises:
  - id: bridge
    name: Bridge
    kind: strength
    steps: [Lift your hips.]
    reps: 25
    sets: 5
    tempo_seconds: 2
"""


@needs_espeak
def test_counts_and_sets_that_do_not_ship_are_rendered_at_start_up(tmp_path):
    cache = tmp_path / "voices"
    bank = SoundBank([SHIPPED_SOUNDS, cache])
    listener = CueListener(bank, RecordingPlayer(), voices_cache=cache)
    listener.prepare([session_from_yaml(LONG_SETS)])
    rendered = sorted(p.name for p in cache.iterdir())
    assert rendered == sorted(
        ["voice-bridge.wav", "voice-twenty.wav"]  # "Fifteen" ships: GoodRx says it
        + [f"voice-set-{n}-of-5.wav" for n in (2, 3, 4)]
    )


def test_without_espeak_nothing_is_rendered_and_tones_still_play(tmp_path):
    bank = SoundBank([SHIPPED_SOUNDS])
    missing = tmp_path / "no-such-espeak"
    assert render_missing(bank, ["Next: Knee circles"], tmp_path, espeak=str(missing)) == []
    assert not list(tmp_path.glob("voice-*"))
