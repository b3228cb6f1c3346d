"""Which cues a session plays, moment by moment, heard through a recording player."""

from __future__ import annotations

from kneecoach.audio import RecordingPlayer
from kneecoach.audio.cues import TONES
from kneecoach.engine import Workout, build_plan
from tests.audio.conftest import listener_with, run_session
from tests.conftest import FakeClock, session_from_yaml

CD = "tone:countdown"
HOLD = "tone:hold_start + voice:Hold"

# --voice cues: a word at each change, as kneecoach has always said
EXPECTED_SHORT_CUES = [
    "tone:get_ready + voice:Next + voice:Wall sit", CD, CD, CD,
    HOLD, CD, CD, CD,
    "tone:hold_end", CD, CD,  # the 3 s rest between reps counts down its last 2 s
    HOLD, CD, CD, CD,
    "tone:set_done + tone:switch_sides + voice:Switch sides", CD, CD, CD,
    HOLD, CD, CD, CD,
    "tone:hold_end", CD, CD,
    HOLD, CD, CD, CD,
    "tone:exercise_done + tone:get_ready + voice:Next + voice:Step-up plus", CD, CD, CD,
    "tone:rep_up", "tone:rep_down",
    "tone:rep_up", "tone:rep_down",
    "tone:session_done + voice:Workout complete. Well done.",
]  # fmt: skip

# --voice coach (the default): the exercise, the leg, the count, the moves
EXPECTED_SHORT = [
    "tone:get_ready + voice:Wall sit + voice:Left leg", CD, CD, CD,
    "tone:hold_start + voice:One", CD, CD, CD,
    "tone:hold_end", CD, CD,
    "tone:hold_start + voice:Last one", CD, CD, CD,
    "tone:set_done + tone:switch_sides + voice:Switch to the right leg", CD, CD, CD,
    "tone:hold_start + voice:One", CD, CD, CD,
    "tone:hold_end", CD, CD,
    "tone:hold_start + voice:Last one", CD, CD, CD,
    "tone:exercise_done + tone:get_ready + voice:Step-up plus", CD, CD, CD,
    "tone:rep_up + voice:One + voice:Up", "tone:rep_down + voice:Down",
    "tone:rep_up + voice:Last one + voice:Up", "tone:rep_down + voice:Down",
    "tone:session_done + voice:Workout complete. Well done.",
]  # fmt: skip


def test_a_short_session_plays_exactly_these_cues(short_session):
    player = RecordingPlayer()
    played = run_session(short_session, listener_with(player))
    assert played == EXPECTED_SHORT
    assert [sound.name for sound in player.played] == EXPECTED_SHORT


def test_at_the_cues_level_a_word_marks_each_change(short_session):
    played = run_session(short_session, listener_with(RecordingPlayer(), voice="cues"))
    assert played == EXPECTED_SHORT_CUES


def test_without_voice_only_tones_play(short_session):
    played = run_session(short_session, listener_with(RecordingPlayer(), voice="off"))
    tones_only = [
        " + ".join(part for part in key.split(" + ") if part.startswith("tone:"))
        for key in EXPECTED_SHORT
    ]
    assert played == tones_only


def test_muted_plays_nothing(short_session):
    player = RecordingPlayer()
    assert run_session(short_session, listener_with(player), muted=True) == []
    assert player.played == []


def test_every_tone_is_used_and_shipped(short_session):
    listener = listener_with(RecordingPlayer())
    run_session(short_session, listener)
    used = {part for key in EXPECTED_SHORT for part in key.split(" + ") if part.startswith("tone:")}
    assert used | {"tone:rest"} == {f"tone:{name}" for name in TONES}
    assert all(listener.bank.tone(name) is not None for name in TONES)


SETS = """\
id: sets
title: Sets
source: kneecoach tests
rests: {prepare: 2, between_reps: 2, between_sets: 6, switch_sides: 2}
exercises:
  - id: clam
    name: Clamshell
    kind: strength
    steps: [Open the knee.]
    hold_seconds: 2
    reps: 1
    sets: 3
"""


def test_the_rest_before_a_set_says_which_set_comes():
    played = run_session(session_from_yaml(SETS), listener_with(RecordingPlayer()))
    rests = [key for key in played if "tone:rest" in key]
    assert rests == [
        "tone:set_done + tone:rest + voice:Rest + voice:Set 2 of 3",
        "tone:set_done + tone:rest + voice:Rest + voice:Last set",
    ]
    cues = run_session(session_from_yaml(SETS), listener_with(RecordingPlayer(), voice="cues"))
    assert [key for key in cues if "tone:rest" in key] == rests


CUSTOM = """\
id: custom
title: Custom
source: a therapist
exercises:
  - id: knee-circles
    name: Knee circles on a gym ball
    kind: strength
    steps: [Roll the ball in small circles.]
    hold_seconds: 3
"""


def test_a_name_nobody_recorded_falls_back_to_get_ready(tmp_path):
    for level in ("cues", "coach"):
        listener = listener_with(RecordingPlayer(), voice=level)
        played = run_session(session_from_yaml(CUSTOM), listener)
        assert played[0] == "tone:get_ready + voice:Get ready"


def test_a_late_tick_plays_only_the_latest_moment(short_session):
    player = RecordingPlayer()
    listener = listener_with(player)
    clock = FakeClock(0.0)
    workout = Workout(build_plan(short_session), clock=clock)
    workout.start()
    clock.advance(7.5)  # the whole get-ready and most of the first hold, in one tick
    tick = workout.tick()
    assert len(tick.events) > 5
    for event in tick.events:
        listener.handle(event, workout, muted=False)
    listener.flush(workout, muted=False)
    assert [sound.name for sound in player.played] == ["tone:countdown"]


def test_cue_sounds_are_the_parts_joined_in_order(short_session):
    listener = listener_with(RecordingPlayer())
    run_session(short_session, listener)
    sound = listener.player.played[0]  # get_ready, "Wall sit", "Left leg"
    tone = listener.bank.tone("get_ready")
    name, leg = listener.bank.voice("Wall sit"), listener.bank.voice("Left leg")
    assert sound.frames.startswith(tone.frames) and sound.frames.endswith(leg.frames)
    assert name.frames in sound.frames
    parts = len(tone.frames) + len(name.frames) + len(leg.frames)
    assert parts < len(sound.frames) < 1.2 * parts
