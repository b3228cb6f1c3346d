"""The session model: what a session file says, validated and typed.

Plain frozen dataclasses so that the plan and the state machine can trust every
value (ranges ordered, doses positive) without checking again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from kneecoach.engine.sources import OPTIONAL, Source, optional_item

if TYPE_CHECKING:
    from kneecoach.engine.figures.model import Figure

Side = Literal["left", "right"]
ExerciseKind = Literal["strength", "stretch", "warm-up", "cool-down"]
DoseEnd = Literal["low", "high"]
Position = Literal[
    "standing", "sitting", "kneeling", "on your back", "on your side", "on your stomach",
    "on hands and knees",
]  # fmt: skip
LegRole = Literal["working leg", "stretched leg", "foot forward", "standing leg"]
Relation = Literal["same side", "other side"]
Move = Literal["up", "down"]

EXERCISE_KINDS: tuple[ExerciseKind, ...] = ("strength", "stretch", "warm-up", "cool-down")
MAIN_KINDS: tuple[str, ...] = ("strength", "stretch")  # what an article counts as its exercises
SIDES: tuple[Side, ...] = ("left", "right")
POSITIONS: tuple[Position, ...] = (
    "standing", "sitting", "kneeling", "on your back", "on your side", "on your stomach",
    "on hands and knees",
)  # fmt: skip
LEG_ROLES: tuple[LegRole, ...] = ("working leg", "stretched leg", "foot forward", "standing leg")
RELATIONS: tuple[Relation, ...] = ("same side", "other side")
MOVES: tuple[Move, ...] = ("up", "down")


def other_side(side: str) -> Side:
    return "right" if side == "left" else "left"


def as_side(side: str) -> Side:
    """A plan's side ("left" or "right", as text) as a Side."""
    return "left" if side == "left" else "right"


@dataclass(frozen=True)
class Range:
    """A dose written as one number (low == high) or as [low, high]."""

    low: float
    high: float

    def pick(self, end: DoseEnd) -> float:
        return self.low if end == "low" else self.high

    def as_pair(self) -> list[float]:
        return [plain_number(self.low), plain_number(self.high)]

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


def plain_number(value: float) -> float:
    """5.0 as 5 and 2.50001 as 2.5, for JSON and tables."""
    return int(value) if float(value).is_integer() else round(value, 3)


@dataclass(frozen=True)
class Rests:
    """Seconds between the work, docs/sessions.md explains each.

    Moving takes longer than getting set: ``between_exercises`` (put one thing away,
    fetch the next: a band, a step, a chair) and ``change_position`` (down to the
    floor or up from it, onto the stomach, rolling over to change sides) are added
    to the ``prepare`` or ``switch_sides`` step they happen in.
    """

    prepare: Range = Range(10, 10)
    between_reps: Range = Range(3, 3)
    between_sets: Range = Range(20, 30)
    switch_sides: Range = Range(5, 5)
    between_exercises: Range = Range(15, 15)
    change_position: Range = Range(10, 10)


REST_KEYS: tuple[str, ...] = (
    "prepare", "between_reps", "between_sets", "switch_sides", "between_exercises",
    "change_position",
)  # fmt: skip


@dataclass(frozen=True)
class SideSense:
    """What the side of a per-side exercise names, and where the body is for it.

    ``means`` says which leg "left" or "right" is: the one that works, the one
    stretched, the foot in front, or the one stood on. ``lie_on`` (exercises done
    on your side) and ``stretched_leg`` relate another leg or side to it: the
    clamshell's LEFT knee opens while you lie on your RIGHT side.
    """

    means: LegRole = "working leg"
    lie_on: Relation | None = None
    stretched_leg: Relation | None = None

    def lying_on(self, side: str) -> Side | None:
        """The side the body rests on while ``side`` is done (None: not lying on a side)."""
        return _related(side, self.lie_on)

    def stretched(self, side: str) -> Side | None:
        """The leg stretched while ``side`` is done, when the session says."""
        if self.means == "stretched leg":
            return as_side(side)
        return _related(side, self.stretched_leg)


def _related(side: str, relation: Relation | None) -> Side | None:
    if relation is None:
        return None
    return as_side(side) if relation == "same side" else other_side(side)


@dataclass(frozen=True)
class Dose:
    """How much of one exercise (or one part of it) is done.

    Exactly one shape is used: ``minutes`` (timed), ``hold_seconds`` (holds, with
    optional reps and sets) or ``reps`` with ``tempo_seconds`` (tempo reps).
    """

    minutes: Range | None = None
    hold_seconds: Range | None = None
    reps: Range | None = None
    sets: Range | None = None
    tempo_seconds: Range | None = None
    self_paced: bool = False  # reps counted by the user (Enter), not timed
    timed_fallback: bool = False  # self-paced, but a rep not counted ends after tempo_seconds
    first_move: Move = "up"  # a tempo rep's first half: up, or down (a hinge, a squat)

    def field(self, name: str) -> Range | None:
        """One of the numbers by its name in the session file ("hold_seconds")."""
        return {
            "minutes": self.minutes,
            "hold_seconds": self.hold_seconds,
            "reps": self.reps,
            "sets": self.sets,
            "tempo_seconds": self.tempo_seconds,
        }[name]

    @property
    def shape(self) -> Literal["timed", "hold", "tempo"]:
        if self.minutes is not None:
            return "timed"
        if self.hold_seconds is not None:
            return "hold"
        return "tempo"


@dataclass(frozen=True)
class Progression:
    note: str
    hold_seconds: float | None = None
    reps: int | None = None
    sets: int | None = None


PROGRESS_FIELDS: tuple[str, ...] = ("hold_seconds", "reps", "sets")


@dataclass(frozen=True)
class DoseSteps:
    """How much one step of progression adds (or one step back takes away).

    2 s of hold: enough to notice on a 5-10 s hold, few enough steps to take a
    60-90 s stretch to the top; reps and sets by one, the smallest whole step.
    """

    hold_seconds: float = 2
    reps: int = 1
    sets: int = 1


@dataclass(frozen=True)
class ProgressionRule:
    """When a dose steps up, holds or steps back; docs/progression.md explains.

    Pain is on a 0-10 scale. The defaults are the pain-monitoring model's zones
    (Thomeé 1997; Silbernagel et al. 2007): up to 2 safe, up to 5 acceptable.
    """

    safe_pain: int = 2
    acceptable_pain: int = 5
    workouts_to_progress: int = 3
    order: tuple[str, ...] = PROGRESS_FIELDS
    steps: DoseSteps = DoseSteps()


@dataclass(frozen=True)
class ExerciseRule:
    """An exercise's own ``order`` and step sizes, laid over the session's rule."""

    order: tuple[str, ...] | None = None
    steps: tuple[tuple[str, float], ...] = ()  # (field, step) pairs given in the file

    def applied_to(self, rule: ProgressionRule) -> ProgressionRule:
        return rule_with(rule, order=self.order, steps=steps_with(rule.steps, dict(self.steps)))


def steps_with(base: DoseSteps, steps: Mapping[str, float]) -> DoseSteps:
    """``base`` with the step sizes given by name ("hold_seconds", "reps", "sets")."""
    return DoseSteps(
        hold_seconds=steps.get("hold_seconds", base.hold_seconds),
        reps=int(steps.get("reps", base.reps)),
        sets=int(steps.get("sets", base.sets)),
    )


def rule_with(
    base: ProgressionRule,
    numbers: Mapping[str, int] | None = None,
    *,
    order: tuple[str, ...] | None = None,
    steps: DoseSteps | None = None,
) -> ProgressionRule:
    """``base`` with the numbers given by name ("safe_pain", "acceptable_pain",
    "workouts_to_progress"), and ``order`` and ``steps`` where given."""
    numbers = numbers or {}
    return ProgressionRule(
        safe_pain=numbers.get("safe_pain", base.safe_pain),
        acceptable_pain=numbers.get("acceptable_pain", base.acceptable_pain),
        workouts_to_progress=numbers.get("workouts_to_progress", base.workouts_to_progress),
        order=base.order if order is None else order,
        steps=base.steps if steps is None else steps,
    )


@dataclass(frozen=True)
class DoseLimits:
    """What a session file allows for one exercise (or part): its ranges, stretched
    up to the exercise's ``progression`` targets ("work up to 1 minute")."""

    hold_seconds: Range | None  # None: not a hold
    reps: Range
    sets: Range

    def get(self, name: str) -> Range | None:
        """``hold_seconds``, ``reps`` or ``sets`` by name (None: not a hold)."""
        return {"hold_seconds": self.hold_seconds, "reps": self.reps, "sets": self.sets}[name]

    @property
    def fixed(self) -> bool:
        """True when there is nothing to progress: every number is one number."""
        return all(r is None or r.low == r.high for r in (self.hold_seconds, self.reps, self.sets))


def dose_limits(dose: Dose, progression: Progression | None = None) -> DoseLimits:
    """The lowest and highest dose the session file allows (reps and sets default to 1)."""

    def stretch(value: Range | None, target: float | None) -> Range | None:
        if value is None or target is None or target <= value.high:
            return value
        return Range(value.low, target)

    one = Range(1, 1)
    targets = progression or Progression(note="")
    reps = stretch(dose.reps or one, targets.reps) or one
    sets = stretch(dose.sets or one, targets.sets) or one
    return DoseLimits(stretch(dose.hold_seconds, targets.hold_seconds), reps, sets)


def unit_key(exercise: str, part: str | None) -> str:
    """``exercise`` or ``exercise/part``: the one name of a dosed unit, in plans,
    the progression rule, the log and on screen."""
    return f"{exercise}/{part}" if part else exercise


@dataclass(frozen=True)
class Part:
    id: str
    name: str
    dose: Dose
    steps: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    per_side: bool = False
    first_side: Side = "left"
    position: Position | None = None
    side_sense: SideSense = SideSense()
    figure: Figure | None = None  # how it looks, start and end (engine.figures)


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    kind: ExerciseKind
    source: Source
    steps: tuple[str, ...]
    rests: Rests
    parts: tuple[Part, ...] = ()
    dose: Dose | None = None
    per_side: bool = False
    first_side: Side = "left"
    position: Position | None = None
    side_sense: SideSense = SideSense()
    summary: str = ""
    equipment: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    progression: Progression | None = None
    progression_rule: ExerciseRule | None = None  # this exercise's own order and steps
    line: int = 0
    figure: Figure | None = None  # how it looks, start and end (engine.figures)

    @property
    def is_main(self) -> bool:
        """Strength or stretch work, as opposed to a warm-up or cool-down."""
        return self.kind in MAIN_KINDS

    def unit_key(self, part: Part) -> str:
        return unit_key(self.id, part.id)

    def units(self) -> tuple[Part, ...]:
        """The parts to run, in order: the exercise itself when it has no parts."""
        if self.parts:
            return self.parts
        assert self.dose is not None
        return (
            Part(
                id="",
                name="",
                dose=self.dose,
                steps=self.steps,
                cautions=self.cautions,
                per_side=self.per_side,
                first_side=self.first_side,
                position=self.position,
                side_sense=self.side_sense,
                figure=self.figure,
            ),
        )

    def unit(self, part_id: str | None) -> Part:
        """One unit by its part id (None or "": the exercise itself, when it has no parts)."""
        for part in self.units():
            if part.id == (part_id or ""):
                return part
        raise KeyError(part_id)


def main_exercise_numbers(exercises: tuple[Exercise, ...]) -> dict[int, tuple[int, int]]:
    """Exercise index -> (number, count), counting strength and stretch work only,
    so that the GoodRx programme reads '3 / 8' as its article does; the warm-up
    and cool-down go by their names. The picker, ``plan`` and the workout agree."""
    main = [i for i, exercise in enumerate(exercises) if exercise.is_main]
    return {index: (number, len(main)) for number, index in enumerate(main, start=1)}


@dataclass(frozen=True)
class Session:
    id: str
    title: str
    source: Source
    exercises: tuple[Exercise, ...]
    path: str = ""
    summary: str = ""
    safety: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    rests: Rests = field(default_factory=Rests)
    progression_rule: ProgressionRule = ProgressionRule()  # defaults, then the file's
    content_hash: str = ""
    per_week: int | None = None  # workouts a week the programme asks for, if it says

    @property
    def sources(self) -> list[Source]:
        """Every distinct source, the session's first, in order of appearance."""
        seen: list[Source] = [self.source]
        for exercise in self.exercises:
            if exercise.source not in seen:
                seen.append(exercise.source)
        return seen

    @property
    def source_texts(self) -> list[str]:
        """The sources as people read them."""
        return list(dict.fromkeys(source.text for source in self.sources))

    @property
    def equipment(self) -> list[str]:
        """What the whole session needs, each thing once, in order of first use:
        optional only when every exercise that uses it has it optional ("wall" and
        "wall (optional)" are one wall, needed)."""
        needed: dict[str, bool] = {}  # the thing, case as first written -> needed by one
        names: dict[str, str] = {}  # its lower case -> as first written
        for exercise in self.exercises:
            for item in exercise.equipment:
                thing, optional = optional_item(item)
                name = names.setdefault(thing.lower(), thing)
                needed[name] = needed.get(name, False) or not optional
        return [name if need else f"{name} {OPTIONAL}" for name, need in needed.items()]

    def exercise(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)
