"""Helpers for the audio tests: a short session run through the engine on a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kneecoach.audio import CueListener, Player, SoundBank
from kneecoach.audio.sound import slug
from kneecoach.engine import Workout, build_plan
from kneecoach.settings.config import VoiceLevel
from tests.conftest import FakeClock, session_from_yaml

SHIPPED_SOUNDS = Path(__file__).resolve().parents[2] / "sounds"

# 2 holds of 4 s on each side, one set; then 2 tempo reps of 2 s. Every cue kind
# except "rest before set N" and the warm-up appears once or more.
SHORT = """\
id: cue-test
title: Cue test
source: kneecoach tests
rests: {prepare: 4, between_reps: 3, between_sets: 5, switch_sides: 4}
exercises:
  - id: wall-sit
    name: Wall sit
    kind: strength
    steps: [Lean on the wall and slide down.]
    hold_seconds: 4
    reps: 2
    per_side: true
  - id: step-up-plus
    name: Step-up plus
    kind: strength
    steps: [Step up and lift the other knee.]
    reps: 2
    tempo_seconds: 2
    rests: {prepare: 2}
"""


@pytest.fixture
def short_session():
    return session_from_yaml(SHORT)


def run_session(
    session,
    listener: CueListener,
    *,
    muted: bool = False,
    step: float = 0.25,
    after_flush: Callable[[], None] | None = None,
) -> list[str]:
    """Drive a whole workout through ``listener``; return the cue keys it played."""
    clock = FakeClock(0.0)
    workout = Workout(build_plan(session), clock=clock)
    workout.start()
    played: list[str] = []
    while workout.state != "finished":
        tick = workout.tick()
        for event in tick.events:
            listener.handle(event, workout, muted=muted)
        if tick.events:
            before = len(listener.latencies)
            listener.flush(workout, muted=muted)
            if len(listener.latencies) > before:
                played.append(listener.last_cue)
                if after_flush is not None:
                    after_flush()
        clock.advance(step)
    return played


def listener_with(
    player: Player, *, voice: VoiceLevel = "coach", folders=(SHIPPED_SOUNDS,)
) -> CueListener:
    return CueListener(SoundBank(folders), player, voice=voice)


def voice_file(phrase: str) -> str:
    return f"voice-{slug(phrase)}.wav"
