"""top_steps, the loader's size check, counts at least as many steps as build_plan
makes at the top of every range (exactly as many when no rest is zero), for every
shape of dose, without planning anything."""

from __future__ import annotations

import itertools

import pytest

from kneecoach.engine import build_plan
from kneecoach.engine.model import dose_limits
from kneecoach.engine.plan import ChosenDose, top_steps
from kneecoach.services.catalog import resolve, session_dirs
from tests.conftest import session_from_yaml

SHIPPED = ["goodrx-runners-knee", "cleveland-clinic-runners-knee"]


def at_the_top(session) -> int:
    """The steps build_plan makes at the top of every range and progression target."""
    top = {}
    for exercise in session.exercises:
        for part in exercise.units():
            limits = dose_limits(part.dose, exercise.progression)
            hold = limits.hold_seconds.high if limits.hold_seconds else None
            top[exercise.unit_key(part)] = ChosenDose(hold, int(limits.reps.high), int(limits.sets.high))
    return len(build_plan(session, "high", top).steps)


def counted(session) -> int:
    return sum(top_steps(exercise) for exercise in session.exercises)


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_sessions_are_bounded_by_the_count(name):
    session = resolve(name, session_dirs())
    assert at_the_top(session) <= counted(session)


SHAPES = [
    "hold_seconds: [5, 10]",
    "reps: [1, 4]\n    tempo_seconds: [2, 3]",
    "reps: [2, 3]\n    self_paced: true",
    "minutes: [1, 2]",
]


@pytest.mark.parametrize(
    ("shape", "reps", "sets", "per_side", "rests"),
    list(
        itertools.product(
            SHAPES,
            ["", "\n    reps: [1, 5]"],
            ["", "\n    sets: [1, 3]"],
            ["", "\n    per_side: true"],
            [
                "",
                "\n    rests: {prepare: 0, between_reps: 0, between_sets: [0, 5], switch_sides: 0}",
            ],
        )
    ),
)
def test_every_shape_of_dose(shape, reps, sets, per_side, rests):
    if "minutes" in shape and (reps or sets or per_side):
        return  # not a valid session: minutes stand alone
    if "reps:" in shape and reps:
        reps = ""
    session = session_from_yaml(
        "id: t\ntitle: T\nsource: s\nexercises:\n  - id: a\n    name: A\n    kind: strength\n"
        f"    steps: [Go.]\n    {shape}{reps}{sets}{per_side}{rests}\n"
    )
    planned, bound = at_the_top(session), counted(session)
    assert planned <= bound
    if not rests:  # every rest has a length: the count is exact
        assert planned == bound
