"""The progression rule's plain values: what it is given (workouts and doses set by
hand, oldest first), what it gives (a dose and its reason per unit), and what it
remembers of each unit on the way (the last change, a dose pinned by hand).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from kneecoach.engine.outcomes import ExerciseOutcome, as_member, check_pain
from kneecoach.engine.plan import ChosenDose

DoseNumbers = list[float | None]  # hold_seconds, reps, sets, as the replay moves them


Change = Literal["start", "up", "same", "down", "manual"]


@dataclass(frozen=True)
class UnitResult:
    """How one exercise (or part) went in one workout.

    ``outcome`` is the workout summary's status for it. ``dose`` is what was planned
    for it (None when not known): the rule carries on from the dose actually done.
    """

    dose: ChosenDose | None = None
    outcome: ExerciseOutcome = ExerciseOutcome.DONE

    def __post_init__(self) -> None:
        object.__setattr__(self, "outcome", as_member(ExerciseOutcome, self.outcome, "outcome"))


@dataclass(frozen=True)
class WorkoutResult:
    """One finished workout (rehearsals left out by the caller), pain on 0-10.

    ``units`` maps ``exercise`` or ``exercise/part`` keys to results; a key left
    out counts as skipped. ``morning_after_pain`` is asked the next morning.
    ``gentler``: run at the lowest dose, this once (the person chose it when their
    pain said to stop): it neither sets the dose nor counts towards stepping up.
    """

    ended_on: date
    units: Mapping[str, UnitResult]
    pain_before: int | None = None
    pain_after: int | None = None
    morning_after_pain: int | None = None
    gentler: bool = False

    def __post_init__(self) -> None:
        check_pain(self.pain_before, "pain_before")
        check_pain(self.pain_after, "pain_after")
        check_pain(self.morning_after_pain, "morning_after_pain")


@dataclass(frozen=True)
class ManualDose:
    """A dose set by hand for one unit from ``on``; ``dose=None`` hands it back to
    the rule. Numbers left as None keep their current value."""

    on: date
    key: str
    dose: ChosenDose | None


HistoryEntry = WorkoutResult | ManualDose


@dataclass(frozen=True)
class DoseDecision:
    """Today's dose for one unit, and the sentence that explains it."""

    key: str
    dose: ChosenDose
    change: Change
    reason: str


@dataclass(frozen=True)
class RuleEvent:
    """What the last workout that included a unit did to its dose.

    ``kind``: up, top (no room left), building (a safe workout, not yet enough),
    acceptable (pain above safe), partly done, no pain score, gentler (a workout
    at the lowest dose, this once), down, floor (no room to step back). ``cause``
    says why a step back was wanted: sharp pain, pain, morning, cut short.
    """

    kind: str
    index: int  # of the workout in the sorted history
    workout: WorkoutResult
    moved: int | None  # 0 hold, 1 reps, 2 sets: the number that changed
    cause: str | None
    streak: int


@dataclass(frozen=True)
class Pin:
    """A dose set by hand: from when (``index`` in the sorted history)."""

    dose: DoseNumbers
    on: date
    index: int
