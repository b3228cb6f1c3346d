"""plan_totals counts what build_plan would make, without making it: the same
number of steps and the same seconds, for every shape of dose and every end."""

from __future__ import annotations

import itertools

import pytest

from kneecoach.engine import build_plan
from kneecoach.engine.plan import ChosenDose, plan_totals
from kneecoach.services.catalog import resolve, session_dirs
from tests.conftest import session_from_yaml

SHIPPED = ["goodrx-runners-knee", "cleveland-clinic-runners-knee"]


def agree(session, dose="low", overrides=None) -> None:
    plan = build_plan(session, dose, overrides)
    totals = plan_totals(session, dose, overrides)
    assert totals.steps == len(plan.steps)
    assert totals.seconds == pytest.approx(plan.total_seconds)


@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize("dose", ["low", "high"])
def test_shipped_sessions(name, dose):
    agree(resolve(name, session_dirs()), dose)


def test_with_todays_overrides():
    session = resolve("goodrx-runners-knee", session_dirs())
    overrides = {
        exercise.unit_key(part): ChosenDose(7, 12, 2)
        for exercise in session.exercises
        for part in exercise.units()
    }
    agree(session, "low", overrides)


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
    for dose in ("low", "high"):
        agree(session, dose)
