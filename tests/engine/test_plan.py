"""Plan expansion: order of steps, sides, parts, tempo reps, rests and doses."""

from __future__ import annotations

from kneecoach.engine import ChosenDose, build_plan
from tests.conftest import session_from_yaml

HOLDS = """
id: t
title: T
source: test
rests: {prepare: 10, between_reps: 3, between_sets: [20, 30], switch_sides: 5}
exercises:
  - id: clam
    name: Clamshell
    kind: strength
    steps: [Open the knee.]
    hold_seconds: [5, 10]
    reps: [2, 3]
    sets: 2
    per_side: true
    first_side: right
"""


def shape(plan):
    return [(s.kind, s.side, s.set, s.rep, s.seconds) for s in plan.steps]


def test_holds_per_side_expand_side_then_set_then_rep():
    plan = build_plan(session_from_yaml(HOLDS))
    assert shape(plan) == [
        ("prepare", "right", 1, 1, 10),
        ("hold", "right", 1, 1, 5),
        ("rest", "right", 1, 2, 3),
        ("hold", "right", 1, 2, 5),
        ("rest", "right", 2, 1, 20),
        ("hold", "right", 2, 1, 5),
        ("rest", "right", 2, 2, 3),
        ("hold", "right", 2, 2, 5),
        ("switch", "left", 1, 1, 5),
        ("hold", "left", 1, 1, 5),
        ("rest", "left", 1, 2, 3),
        ("hold", "left", 1, 2, 5),
        ("rest", "left", 2, 1, 20),
        ("hold", "left", 2, 1, 5),
        ("rest", "left", 2, 2, 3),
        ("hold", "left", 2, 2, 5),
    ]
    assert [s.index for s in plan.steps] == list(range(16))
    assert plan.total_seconds == 10 + 8 * 5 + 4 * 3 + 2 * 20 + 5


def test_high_dose_takes_the_high_end_of_every_range_including_rests():
    plan = build_plan(session_from_yaml(HOLDS), dose="high")
    holds = [s for s in plan.steps if s.kind == "hold"]
    assert {s.seconds for s in holds} == {10}
    assert len(holds) == 3 * 2 * 2
    assert {s.seconds for s in plan.steps if s.kind == "rest" and s.rep == 1} == {30}


def test_set_and_exercise_ends_are_marked_on_the_last_work_step():
    plan = build_plan(session_from_yaml(HOLDS))
    ends = [s.index for s in plan.steps if s.ends_set]
    assert ends == [3, 7, 11, 15]
    assert [s.index for s in plan.steps if s.ends_exercise] == [15]


def test_tempo_reps_run_back_to_back_without_rests():
    session = session_from_yaml(
        """
        id: t
        title: T
        source: test
        exercises:
          - id: step-up
            name: Step-up
            kind: strength
            steps: [Step up.]
            reps: [3, 5]
            sets: 2
            tempo_seconds: 4
        """
    )
    plan = build_plan(session)
    assert [(s.kind, s.set, s.rep, s.seconds) for s in plan.steps] == [
        ("prepare", 1, 1, 10),
        ("rep", 1, 1, 4),
        ("rep", 1, 2, 4),
        ("rep", 1, 3, 4),
        ("rest", 2, 1, 20),
        ("rep", 2, 1, 4),
        ("rep", 2, 2, 4),
        ("rep", 2, 3, 4),
    ]
    assert all(s.side is None for s in plan.steps)


def test_parts_each_get_a_prepare_and_their_own_dose_and_sides():
    session = session_from_yaml(
        """
        id: t
        title: T
        source: test
        rests: {prepare: 4, between_reps: 0, switch_sides: 2}
        warm_up: {minutes: [5, 10], what: Walk}
        exercises:
          - id: raise
            name: Leg raise
            kind: strength
            per_side: true
            parts:
              - {id: back, name: On your back, steps: [Lift.], hold_seconds: 5, reps: 2}
              - {id: side, name: On your side, steps: [Lift.], hold_seconds: 3, reps: 1, first_side: right}
        cool_down: {minutes: 2, what: Walk}
        """
    )
    plan = build_plan(session)
    assert [(s.kind, s.exercise, s.part, s.side, s.seconds) for s in plan.steps] == [
        ("timed", "warm-up", None, None, 300),
        ("prepare", "raise", "back", "left", 4 + 15),  # and the default 15 s between exercises
        ("hold", "raise", "back", "left", 5),
        ("hold", "raise", "back", "left", 5),
        ("switch", "raise", "back", "right", 2),
        ("hold", "raise", "back", "right", 5),
        ("hold", "raise", "back", "right", 5),
        ("prepare", "raise", "side", "right", 4),
        ("hold", "raise", "side", "right", 3),
        ("switch", "raise", "side", "left", 2),
        ("hold", "raise", "side", "left", 3),
        ("timed", "cool-down", None, None, 120),
    ]
    assert [s.exercise_index for s in plan.steps] == [0] + [1] * 10 + [2]
    assert plan.exercise_starts() == [0, 1, 11]


def test_overrides_choose_a_dose_but_stay_inside_the_ranges():
    session = session_from_yaml(HOLDS)
    inside = build_plan(session, overrides={"clam": ChosenDose(hold_seconds=7, reps=3, sets=2)})
    holds = [s for s in inside.steps if s.kind == "hold"]
    assert {s.seconds for s in holds} == {7} and len(holds) == 12
    outside = build_plan(session, overrides={"clam": ChosenDose(hold_seconds=99, reps=1)})
    holds = [s for s in outside.steps if s.kind == "hold"]
    assert {s.seconds for s in holds} == {10} and {s.reps for s in holds} == {2}


def test_step_json_has_the_documented_fields():
    plan = build_plan(session_from_yaml(HOLDS))
    assert plan.steps[1].to_json() == {
        "index": 1,
        "kind": "hold",
        "exercise": "clam",
        "part": None,
        "side": "right",
        "set": 1,
        "rep": 1,
        "seconds": 5,
    }
