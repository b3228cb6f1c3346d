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
    assert not bank.has_voice("Next: Knee circles on a gym ball")
    listener.prepare([session])
    assert (cache / "voice-next-knee-circles-on-a-gym-ball.wav").is_file()
    played = run_session(session, listener)
    assert played[0] == "tone:get_ready + voice:Next: Knee circles on a gym ball"
    assert render_missing(bank, ["Next: Knee circles on a gym ball"], cache) == []  # once


def test_without_espeak_nothing_is_rendered_and_tones_still_play(tmp_path):
    bank = SoundBank([SHIPPED_SOUNDS])
    missing = tmp_path / "no-such-espeak"
    assert render_missing(bank, ["Next: Knee circles"], tmp_path, espeak=str(missing)) == []
    assert not list(tmp_path.glob("voice-*"))
