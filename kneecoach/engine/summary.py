"""What a workout amounted to: per exercise, the work done, cut short or skipped."""

from __future__ import annotations

from dataclasses import dataclass

from kneecoach.engine.events import Outcome, StepRecord
from kneecoach.engine.model import Exercise
from kneecoach.engine.outcomes import ExerciseOutcome, classify_exercise


@dataclass(frozen=True)
class ExerciseSummary:
    exercise: Exercise
    planned: int  # work steps (holds, reps, timed) in the plan
    done: int  # done as planned or extended
    cut_short: int
    skipped: int  # skipped, or never reached

    @property
    def status(self) -> ExerciseOutcome:
        return classify_exercise(self.planned, self.done, self.cut_short)


@dataclass(frozen=True)
class WorkoutSummary:
    exercises: tuple[ExerciseSummary, ...]
    active_seconds: float  # clock seconds spent in steps, pauses excluded
    complete: bool  # every work step done

    @property
    def finished_early(self) -> bool:
        return not self.complete


def summarize(exercises: tuple[Exercise, ...], records: list[StepRecord]) -> WorkoutSummary:
    rows = []
    for index, exercise in enumerate(exercises):
        work = [r for r in records if r.step.exercise_index == index and r.step.is_work]
        done = sum(1 for r in work if r.outcome is not None and r.outcome.is_done)
        cut = sum(1 for r in work if r.outcome is Outcome.CUT_SHORT)
        rows.append(ExerciseSummary(exercise, len(work), done, cut, len(work) - done - cut))
    active = sum(r.active_seconds for r in records)
    complete = all(row.status is ExerciseOutcome.DONE for row in rows)
    return WorkoutSummary(tuple(rows), active, complete)
