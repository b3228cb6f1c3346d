"""How things turned out, defined once: a workout's status, an exercise's outcome,
the 0-10 pain score, and what a person chose when their pain said to stop.

The workout summary, the log, the progression rule, the history and the command
line all read these; none of them spells a status or re-decides an outcome.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

PAIN_MIN, PAIN_MAX = 0, 10
E = TypeVar("E", bound=StrEnum)


def as_member(kind: type[E], value: str, name: str) -> E:
    """``value`` as a member of ``kind``, or a ValueError that lists the known values."""
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(member.value for member in kind)
        raise ValueError(f"{name} must be one of {known}, not {value!r}") from None


class WorkoutStatus(StrEnum):
    """Where a logged workout stands; the values are what the log stores."""

    IN_PROGRESS = "in progress"
    COMPLETED = "completed"
    FINISHED_EARLY = "finished early"
    INTERRUPTED = "interrupted"

    @property
    def ended(self) -> bool:
        return self is not WorkoutStatus.IN_PROGRESS

    @property
    def counts_for_progression(self) -> bool:
        """Finished workouts; an interrupted one is carried on or closed instead."""
        return self in (WorkoutStatus.COMPLETED, WorkoutStatus.FINISHED_EARLY)


class ExerciseOutcome(StrEnum):
    """How one exercise (or part) went in one workout."""

    DONE = "done"
    PARTLY_DONE = "partly done"
    CUT_SHORT = "cut short"
    SKIPPED = "skipped"
    SHARP_PAIN = "sharp pain"  # reported during it (the "o" key): the rest was skipped


def classify_exercise(
    planned: int, done: int, cut_short: int, sharp_pain: bool = False
) -> ExerciseOutcome:
    """The one rule, for the summary screen and the progression rule alike.

    ``planned`` work steps (holds, reps, timed), of which ``done`` were done as
    planned or longer and ``cut_short`` were stopped part-way; the rest were
    skipped or never reached. Sharp pain reported during it says most, whatever
    was done. A step cut short marks the whole exercise cut short (the rule steps
    it back): stopping mid-hold is how pain shows in the log.
    """
    if sharp_pain:
        return ExerciseOutcome.SHARP_PAIN
    if cut_short > 0:
        return ExerciseOutcome.CUT_SHORT
    if done >= planned:
        return ExerciseOutcome.DONE
    if done == 0:
        return ExerciseOutcome.SKIPPED
    return ExerciseOutcome.PARTLY_DONE


class PainChoice(StrEnum):
    """What a person chose when their pain brought up the when-to-stop dialog; the
    values are what the log stores."""

    GENTLER = "gentler"  # every exercise at its lowest dose, this once
    STOP = "stop"  # no workout today
    GO_ON = "go on"  # as planned, anyway


def check_pain(value: int | None, name: str = "pain") -> int | None:
    """A pain score as the log keeps it: a whole number from 0 to 10, or None
    (the question was skipped: never a made-up zero)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not PAIN_MIN <= value <= PAIN_MAX:
        raise ValueError(
            f"{name} must be a whole number from {PAIN_MIN} to {PAIN_MAX}, not {value!r}"
        )
    return value


def parse_pain(text: str) -> int | None:
    """A typed answer: '' is a skip (None); anything but 0-10 raises ValueError."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit() and PAIN_MIN <= int(text) <= PAIN_MAX:
        return int(text)
    raise ValueError(f"A whole number from {PAIN_MIN} to {PAIN_MAX}, please.")
