"""The plan: a session expanded, at one dose, into a flat list of timed steps.

Everything the live screen and the log need to know about a step is decided here,
once: what it is, which exercise, part, side, set and rep it belongs to, how long
it lasts, and whether it closes a set or an exercise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from kneecoach.engine.model import (
    DoseEnd,
    Exercise,
    Part,
    Progression,
    Range,
    Session,
    dose_limits,
    plain_number,
    unit_key,
)

StepKind = Literal["timed", "prepare", "hold", "rep", "rest", "switch"]
WORK_KINDS = ("timed", "hold", "rep")
SELF_PACED_ESTIMATE = 3.0  # seconds a self-paced rep is expected to take, for estimates


@dataclass(frozen=True)
class ChosenDose:
    """The numbers one exercise (or part) is done at today."""

    hold_seconds: float | None = None
    reps: int | None = None
    sets: int | None = None


@dataclass(frozen=True)
class Step:
    index: int
    kind: StepKind
    exercise: str
    exercise_index: int
    seconds: float
    part: str | None = None
    side: str | None = None
    set: int | None = None
    sets: int | None = None
    rep: int | None = None
    reps: int | None = None
    sides: tuple[str, ...] = ()
    ends_set: bool = False
    ends_exercise: bool = False
    self_paced: bool = False  # a rep that ends when the user counts it, not on time

    @property
    def is_work(self) -> bool:
        return self.kind in WORK_KINDS

    @property
    def unit(self) -> str:
        """The dosed unit this step belongs to (``exercise`` or ``exercise/part``)."""
        return unit_key(self.exercise, self.part)

    def to_json(self) -> dict[str, object]:
        return {
            "index": self.index,
            "kind": self.kind,
            "exercise": self.exercise,
            "part": self.part,
            "side": self.side,
            "set": self.set,
            "rep": self.rep,
            "seconds": plain_number(self.seconds),
        }


@dataclass(frozen=True)
class Plan:
    session: Session
    steps: tuple[Step, ...]

    @property
    def total_seconds(self) -> float:
        return sum(step.seconds for step in self.steps)

    def exercise_starts(self) -> list[int]:
        """Index of the first step of each exercise, in order."""
        starts: list[int] = []
        for step in self.steps:
            if not starts or self.steps[starts[-1]].exercise_index != step.exercise_index:
                starts.append(step.index)
        return starts


def _pick(value: Range | None, end: DoseEnd, default: float | None = None) -> float | None:
    return default if value is None else value.pick(end)


def choose_dose(
    part: Part,
    end: DoseEnd,
    override: ChosenDose | None = None,
    progression: Progression | None = None,
) -> ChosenDose:
    """The dose at one end of every range, with any override kept inside what the
    session file allows: the ranges, or up to the exercise's ``progression`` targets."""
    dose = part.dose
    hold = _pick(dose.hold_seconds, end)
    reps = _pick(dose.reps, end, 1)
    sets = _pick(dose.sets, end, 1)
    if override is not None:
        limits = dose_limits(dose, progression)
        if override.hold_seconds is not None and limits.hold_seconds is not None:
            hold = _clamp(override.hold_seconds, limits.hold_seconds)
        if override.reps is not None:
            reps = _clamp(override.reps, limits.reps)
        if override.sets is not None:
            sets = _clamp(override.sets, limits.sets)
    return ChosenDose(hold, int(reps or 1), int(sets or 1))


def _clamp(value: float, allowed: Range) -> float:
    return min(max(value, allowed.low), allowed.high)


@dataclass(frozen=True)
class _Place:
    """Where a step falls: its exercise, part, side, set and rep, and the counts."""

    exercise: str
    exercise_index: int
    part: str | None = None
    side: str | None = None
    set: int | None = None
    sets: int | None = None
    rep: int | None = None
    reps: int | None = None
    sides: tuple[str, ...] = ()


class _Builder:
    def __init__(self) -> None:
        self.steps: list[Step] = []

    def add(
        self, kind: StepKind, seconds: float, place: _Place, *, self_paced: bool = False
    ) -> None:
        if seconds <= 0:
            return
        self.steps.append(
            Step(
                index=len(self.steps), kind=kind, exercise=place.exercise,
                exercise_index=place.exercise_index, seconds=float(seconds), part=place.part,
                side=place.side, set=place.set, sets=place.sets, rep=place.rep,
                reps=place.reps, sides=place.sides, self_paced=self_paced,
            )
        )  # fmt: skip

    def mark_last(self, *, ends_set: bool = False, ends_exercise: bool = False) -> None:
        if self.steps:
            last = self.steps[-1]
            self.steps[-1] = replace(
                last,
                ends_set=last.ends_set or ends_set,
                ends_exercise=last.ends_exercise or ends_exercise,
            )


def build_plan(
    session: Session,
    dose: DoseEnd = "low",
    overrides: Mapping[str, ChosenDose] | None = None,
) -> Plan:
    """Expand ``session`` into steps at one end of its ranges.

    ``overrides`` maps ``exercise`` or ``exercise/part`` ids to a chosen dose
    (``todays_doses`` gives one); values are kept inside the session's ranges, or up
    to the exercise's ``progression`` targets.
    """
    builder = _Builder()
    for exercise_index, exercise in enumerate(session.exercises):
        _expand_exercise(builder, exercise, exercise_index, dose, overrides or {})
        builder.mark_last(ends_exercise=True)
    return Plan(session=session, steps=tuple(builder.steps))


@dataclass(frozen=True)
class PlanTotals:
    """How many steps a plan has and how long it lasts, rests included."""

    steps: int
    seconds: float


def plan_totals(
    session: Session,
    dose: DoseEnd = "low",
    overrides: Mapping[str, ChosenDose] | None = None,
) -> PlanTotals:
    """What ``build_plan`` with the same arguments would add up to, counted
    without making a single step: `kneecoach list` and the picker show every
    session's minutes, and the loader checks a session's size at the top of its
    ranges before anything is planned."""
    steps, seconds = 0, 0.0
    for exercise in session.exercises:
        totals = exercise_totals(exercise, dose, overrides or {})
        steps, seconds = steps + totals.steps, seconds + totals.seconds
    return PlanTotals(steps, seconds)


def exercise_totals(
    exercise: Exercise, end: DoseEnd, overrides: Mapping[str, ChosenDose]
) -> PlanTotals:
    """One exercise's share of ``plan_totals``: ``_expand_exercise``, counted."""
    steps, seconds = 0, 0.0

    def add(count: int, each: float) -> None:
        nonlocal steps, seconds
        if count > 0 and each > 0:  # as _Builder.add, which drops empty steps
            steps, seconds = steps + count, seconds + count * float(each)

    rests = exercise.rests
    for part in exercise.units():
        if part.dose.minutes is not None:
            add(1, part.dose.minutes.pick(end) * 60)
            continue
        chosen = choose_dose(
            part, end, overrides.get(exercise.unit_key(part)), exercise.progression
        )
        sets, reps = chosen.sets or 1, chosen.reps or 1
        sides = 2 if part.per_side else 1
        add(1, rests.prepare.pick(end))
        add(sides - 1, rests.switch_sides.pick(end))
        add(sides * (sets - 1), rests.between_sets.pick(end))
        if chosen.hold_seconds is not None:
            add(sides * sets * (reps - 1), rests.between_reps.pick(end))
            add(sides * sets * reps, chosen.hold_seconds)
        else:
            tempo = (
                part.dose.tempo_seconds.pick(end)
                if part.dose.tempo_seconds
                else SELF_PACED_ESTIMATE
            )
            add(sides * sets * reps, tempo)
    return PlanTotals(steps, seconds)


def top_steps(exercise: Exercise) -> int:
    """How many steps ``exercise`` has at the most its session file allows: the top
    of every range, up to its progression targets (the loader's size check)."""
    top = {}
    for part in exercise.units():
        limits = dose_limits(part.dose, exercise.progression)
        hold = limits.hold_seconds.high if limits.hold_seconds is not None else None
        top[exercise.unit_key(part)] = ChosenDose(
            hold, int(limits.reps.high), int(limits.sets.high)
        )
    return exercise_totals(exercise, "high", top).steps


def _expand_exercise(
    builder: _Builder,
    exercise: Exercise,
    exercise_index: int,
    end: DoseEnd,
    overrides: Mapping[str, ChosenDose],
) -> None:
    rests = exercise.rests
    for part in exercise.units():
        base = _Place(exercise.id, exercise_index, part=part.id or None)
        if part.dose.minutes is not None:
            builder.add("timed", part.dose.minutes.pick(end) * 60, base)
            continue
        chosen = choose_dose(
            part, end, overrides.get(exercise.unit_key(part)), exercise.progression
        )
        sets, reps = chosen.sets or 1, chosen.reps or 1
        sides: tuple[str, ...] = ()
        if part.per_side:
            sides = (part.first_side, "right" if part.first_side == "left" else "left")
        counted = replace(base, sets=sets, reps=reps, sides=sides)
        first = replace(counted, side=sides[0] if sides else None, set=1, rep=1)
        builder.add("prepare", rests.prepare.pick(end), first)
        for side in sides or (None,):
            where = replace(counted, side=side)
            if side is not None and side != sides[0]:
                builder.add("switch", rests.switch_sides.pick(end), replace(where, set=1, rep=1))
            for set_number in range(1, sets + 1):
                if set_number > 1:
                    rest = replace(where, set=set_number, rep=1)
                    builder.add("rest", rests.between_sets.pick(end), rest)
                for rep in range(1, reps + 1):
                    at = replace(where, set=set_number, rep=rep)
                    if chosen.hold_seconds is not None:
                        if rep > 1:
                            builder.add("rest", rests.between_reps.pick(end), at)
                        builder.add("hold", chosen.hold_seconds, at)
                    else:
                        tempo = (
                            part.dose.tempo_seconds.pick(end)
                            if part.dose.tempo_seconds
                            else SELF_PACED_ESTIMATE
                        )
                        builder.add("rep", tempo, at, self_paced=part.dose.self_paced)
                builder.mark_last(ends_set=True)
