"""The workout screen's pace word follows the rep's own first move."""

from __future__ import annotations

from kneecoach.engine import Workout, build_plan
from kneecoach.ui.wording import tempo_phase
from tests.conftest import FakeClock, session_from_yaml

HINGE = """\
id: t
title: T
source: test
rests: {prepare: 2}
exercises:
  - id: hinge
    name: Single-leg Romanian deadlift
    kind: strength
    steps: [Hinge down, then come up.]
    reps: 2
    tempo_seconds: 4
    first_move: MOVE
"""


def phases(move: str) -> list[str]:
    clock = FakeClock(0.0)
    workout = Workout(build_plan(session_from_yaml(HINGE.replace("MOVE", move))), clock=clock)
    workout.start()
    seen = []
    for at in (2.5, 3.5, 4.5, 5.5):  # the first rep runs from 2 s to 6 s
        clock.now = at
        seen.append(tempo_phase(workout.tick().snapshot))
    return seen


def test_a_rep_that_goes_down_first_shows_down_then_up():
    assert phases("down") == ["down", "down", "up", "up"]
    assert phases("up") == ["up", "up", "down", "down"]
