"""The session model: what a session file says, validated and typed.

Plain frozen dataclasses so that the plan and the state machine can trust every
value (ranges ordered, doses positive) without checking again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Side = Literal["left", "right"]
ExerciseKind = Literal["strength", "stretch", "warm-up", "cool-down"]
DoseEnd = Literal["low", "high"]

EXERCISE_KINDS: tuple[str, ...] = ("strength", "stretch", "warm-up", "cool-down")
MAIN_KINDS: tuple[str, ...] = ("strength", "stretch")  # what an article counts as its exercises
SIDES: tuple[str, ...] = ("left", "right")


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
    prepare: Range = Range(10, 10)
    between_reps: Range = Range(3, 3)
    between_sets: Range = Range(20, 30)
    switch_sides: Range = Range(5, 5)


REST_KEYS: tuple[str, ...] = ("prepare", "between_reps", "between_sets", "switch_sides")


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


@dataclass(frozen=True)
class Part:
    id: str
    name: str
    dose: Dose
    steps: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    per_side: bool = False
    first_side: Side = "left"


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    kind: ExerciseKind
    source: str
    steps: tuple[str, ...]
    rests: Rests
    parts: tuple[Part, ...] = ()
    dose: Dose | None = None
    per_side: bool = False
    first_side: Side = "left"
    summary: str = ""
    equipment: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    progression: Progression | None = None
    line: int = 0

    @property
    def is_main(self) -> bool:
        """Strength or stretch work, as opposed to a warm-up or cool-down."""
        return self.kind in MAIN_KINDS

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
            ),
        )


@dataclass(frozen=True)
class Session:
    id: str
    title: str
    source: str
    exercises: tuple[Exercise, ...]
    path: str = ""
    summary: str = ""
    safety: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    rests: Rests = field(default_factory=Rests)
    content_hash: str = ""

    @property
    def sources(self) -> list[str]:
        """Every distinct source, the session's first, in order of appearance."""
        seen: list[str] = [self.source]
        for exercise in self.exercises:
            if exercise.source not in seen:
                seen.append(exercise.source)
        return seen

    @property
    def equipment(self) -> list[str]:
        seen: list[str] = []
        for exercise in self.exercises:
            for item in exercise.equipment:
                if item not in seen:
                    seen.append(item)
        return seen

    def exercise(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)
