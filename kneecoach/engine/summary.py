"""What a workout amounted to: per exercise, the work done, cut short or skipped,
and where sharp pain was reported."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kneecoach.engine.events import Outcome, StepRecord
from kneecoach.engine.model import Exercise
from kneecoach.engine.outcomes import ExerciseOutcome, WorkoutStatus, classify_exercise
from kneecoach.engine.plan import Step


@dataclass(frozen=True)
class ExerciseSummary:
    exercise: Exercise
    planned: int  # work steps (holds, reps, timed) in the plan
    done: int  # done as planned or extended
    cut_short: int
    skipped: int  # skipped, or never reached
    sharp_pain: bool = False  # reported during it

    @property
    def status(self) -> ExerciseOutcome:
        return classify_exercise(self.planned, self.done, self.cut_short, self.sharp_pain)


@dataclass(frozen=True)
class WorkoutSummary:
    exercises: tuple[ExerciseSummary, ...]
    active_seconds: float  # clock seconds spent in steps, pauses excluded
    complete: bool  # every work step done

    @property
    def finished_early(self) -> bool:
        return not self.complete

    @property
    def status(self) -> WorkoutStatus:
        """What the log calls a workout that reached its end: completed only when
        every work step was done, as the summary screen says; anything skipped, cut
        short or stopped by sharp pain makes it finished early."""
        return WorkoutStatus.COMPLETED if self.complete else WorkoutStatus.FINISHED_EARLY

    @property
    def sharp_pain(self) -> list[Exercise]:
        """The exercises with sharp pain, in order."""
        return [row.exercise for row in self.exercises if row.sharp_pain]


def summarize(
    exercises: tuple[Exercise, ...], records: list[StepRecord], sharp_pain: Iterable[Step] = ()
) -> WorkoutSummary:
    """``sharp_pain``: the steps in which sharp pain was reported (``Workout.sharp_pain``)."""
    painful = {step.exercise_index for step in sharp_pain}
    rows = []
    for index, exercise in enumerate(exercises):
        work = [r for r in records if r.step.exercise_index == index and r.step.is_work]
        done = sum(1 for r in work if r.outcome is not None and r.outcome.is_done)
        cut = sum(1 for r in work if r.outcome is Outcome.CUT_SHORT)
        skipped = len(work) - done - cut
        rows.append(ExerciseSummary(exercise, len(work), done, cut, skipped, index in painful))
    active = sum(r.active_seconds for r in records)
    complete = all(row.status is ExerciseOutcome.DONE for row in rows)
    return WorkoutSummary(tuple(rows), active, complete)
