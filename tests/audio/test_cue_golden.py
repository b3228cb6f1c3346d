"""Every cue of each shipped session, compared line for line with its golden file.

After a deliberate change to what is said or when, regenerate the files with
``python -m tests.audio.cue_golden`` and read the diff before committing it.
"""

from __future__ import annotations

import pytest

from kneecoach.audio import RecordingPlayer, SoundBank
from kneecoach.audio.cues import CueChooser, rehearse
from kneecoach.audio.phrases import session_phrases
from kneecoach.engine import build_plan, load_session
from tests.audio.conftest import SHIPPED_SOUNDS, listener_with, run_session
from tests.audio.cue_golden import ROOT, SESSIONS, cue_lines, golden_path

REGENERATE = "regenerate with `python -m tests.audio.cue_golden` and read the diff"


@pytest.mark.parametrize("session_id", SESSIONS)
def test_the_whole_cue_sequence_is_the_golden_one(session_id):
    expected = golden_path(session_id).read_text(encoding="utf-8").splitlines()
    assert cue_lines(session_id) == expected, REGENERATE


@pytest.mark.parametrize("session_id", SESSIONS)
def test_every_phrase_a_shipped_session_may_say_ships(session_id):
    session = load_session(ROOT / "sessions" / f"{session_id}.yaml")
    bank = SoundBank([SHIPPED_SOUNDS])
    missing = [p for p in session_phrases(session, "coach") if not bank.has_voice(p)]
    assert missing == []


def golden(session_id: str) -> str:
    return golden_path(session_id).read_text(encoding="utf-8")


def test_the_golden_files_say_what_the_issue_asks_for():
    """Read as a person on the mat would hear them: these lines must be there."""
    goodrx, cleveland = golden("goodrx-runners-knee"), golden("cleveland-clinic-runners-knee")
    # the exercise, the position and the working leg
    assert "voice:Three-way leg raise + voice:On your back + voice:Left leg" in goodrx
    # the LEFT leg lifts lying on the RIGHT side; rolling over to change legs
    assert "voice:Three-way leg raise + voice:Lie on your right side + voice:Left leg" in goodrx
    assert "voice:Switch to the right leg + voice:Lie on your left side" in goodrx
    # the hip flexor stretch names the front foot
    assert "voice:Standing hip flexor stretch + voice:Right foot forward" in goodrx
    # the single-leg Romanian deadlift hinges down first, then comes up
    assert "tone:rep_down + voice:One + voice:Down\n" in cleveland
    assert "tone:rep_up + voice:Up\n" in cleveland
    assert "voice:Stand on your left leg" in cleveland
    # long holds: halfway and ten seconds; sets of twenty: five more
    assert "  voice:Halfway\n" in goodrx and "  voice:Ten seconds\n" in goodrx
    assert "voice:Rest + voice:Last set" in goodrx
    assert "voice:Five more" in cleveland and "voice:Last one" in cleveland
    assert goodrx.rstrip().endswith("voice:Workout complete. Well done.")


def test_a_rehearsal_hears_what_a_live_ticker_hears(short_session):
    """The golden files come from a rehearsal; a 4 Hz ticker through the real
    listener plays the very same cues."""
    live = run_session(short_session, listener_with(RecordingPlayer()))
    chooser = CueChooser(short_session, SoundBank([SHIPPED_SOUNDS]).has_voice)
    assert [cue.key for _, cue in rehearse(build_plan(short_session), chooser)] == live
