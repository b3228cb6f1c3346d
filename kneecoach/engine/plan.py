"""The plan: a session expanded, at one dose, into a flat list of timed steps.

Everything the live screen, the cues and the log need to know about a step is
decided here, once: what it is, which exercise, part, side, set and rep it belongs
to, how long it lasts, whether it closes a set or an exercise, which way a tempo
rep goes first, and whether getting set includes moving to another position.

Moving is not a step of its own: the time to fetch the next thing and to get down
to the floor (or roll over) is added to the ``prepare`` or ``switch`` step it
happens in, so the log, the summary and the progression rule see the same kinds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from kneecoach.engine.model import (
    DoseEnd,
    Exercise,
    Move,
    Part,
    Position,
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
    timed_fallback: bool = False  # ... or on time, when it is not counted
    first_move: Move | None = None  # a rep: which way its first half goes
    changes_position: bool = False  # a prepare or switch that includes moving to a position

    @property
    def second_move(self) -> Move | None:
        """A rep's second half: back the other way."""
        if self.first_move is None:
            return None
        return "down" if self.first_move == "up" else "up"

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


class _Builder:
    def __init__(self) -> None:
        self.steps: list[Step] = []

    def add(self, kind: StepKind, seconds: float, place: Step) -> None:
        """A step of ``kind`` where ``place`` says (its exercise, part, side, set, rep,
        and how a rep goes)."""
        if seconds <= 0:
            return
        index = len(self.steps)
        self.steps.append(replace(place, index=index, kind=kind, seconds=float(seconds)))

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
    position: Position | None = None
    for exercise_index, exercise in enumerate(session.exercises):
        position = _expand_exercise(
            builder, exercise, exercise_index, dose, overrides or {}, position
        )
        builder.mark_last(ends_exercise=True)
    return Plan(session=session, steps=tuple(builder.steps))


def top_steps(exercise: Exercise) -> int:
    """How many steps ``exercise`` has at the top of every range its session file
    allows (up to its progression targets), counted, never planned, so that the
    loader can refuse a session too big to plan before planning it. It counts as
    ``_expand_exercise`` adds: a get-ready, a switch per extra side, a rest between
    sets and between held reps where those rests last at all."""
    rests = exercise.rests
    steps = 0
    for part in exercise.units():
        if part.dose.minutes is not None:
            steps += 1
            continue
        limits = dose_limits(part.dose, exercise.progression)
        sides = 2 if part.per_side else 1
        sets, reps = int(limits.sets.high), int(limits.reps.high)
        set_rests = sides * (sets - 1) if rests.between_sets.pick("high") > 0 else 0
        held = limits.hold_seconds is not None and rests.between_reps.pick("high") > 0
        rep_rests = sides * sets * (reps - 1) if held else 0
        steps += 1 + (sides - 1) + set_rests + sides * sets * reps + rep_rests
    return steps


def _expand_exercise(
    builder: _Builder,
    exercise: Exercise,
    exercise_index: int,
    end: DoseEnd,
    overrides: Mapping[str, ChosenDose],
    position: Position | None,
) -> Position | None:
    """Add the steps of ``exercise``, whose work starts from ``position`` (where
    the one before left the body); return where this one leaves it."""
    rests = exercise.rests
    for unit_number, part in enumerate(exercise.units()):
        base = Step(0, "timed", exercise.id, exercise_index, 0.0, part=part.id or None)
        moves = position is not None and part.position not in (None, position)
        position = part.position or position
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
        first = replace(
            counted, side=sides[0] if sides else None, set=1, rep=1, changes_position=moves
        )
        getting_set = rests.prepare.pick(end)
        if unit_number == 0 and exercise_index > 0:
            getting_set += rests.between_exercises.pick(end)
        if moves:
            getting_set += rests.change_position.pick(end)
        builder.add("prepare", getting_set, first)
        rolls_over = part.side_sense.lie_on is not None  # on one side: to switch is to roll over
        switching = rests.switch_sides.pick(end)
        if rolls_over:
            switching += rests.change_position.pick(end)
        for side in sides or (None,):
            where = replace(counted, side=side)
            if side is not None and side != sides[0]:
                switch = replace(where, set=1, rep=1, changes_position=rolls_over)
                builder.add("switch", switching, switch)
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
                        rep_step = replace(
                            at,
                            self_paced=part.dose.self_paced,
                            timed_fallback=part.dose.timed_fallback,
                            first_move=part.dose.first_move,
                        )
                        builder.add("rep", tempo, rep_step)
                builder.mark_last(ends_set=True)
    return position
