"""Exercises for the report: per exercise (or part) of each session, the dose
done over time (hold, reps, sets, from ``kneecoach.services.history``) and in how
many workouts it was done, partly done, cut short or skipped, classified as the
summary screen and the progression rule classify it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import NamedTuple

from kneecoach.engine.outcomes import ExerciseOutcome
from kneecoach.services.history import DosePoint, doses_over_time
from kneecoach.store.doses import UnitTally
from kneecoach.store.records import DoseRecord, LoggedWorkout
from kneecoach.text import unit_name

OUTCOME_ORDER = (
    ExerciseOutcome.SHARP_PAIN,
    ExerciseOutcome.DONE,
    ExerciseOutcome.PARTLY_DONE,
    ExerciseOutcome.CUT_SHORT,
    ExerciseOutcome.SKIPPED,
)


@dataclass(frozen=True)
class ExerciseReport:
    key: str  # "exercise" or "exercise/part"
    name: str  # as the session names it
    points: tuple[DosePoint, ...]  # the dose reached, day by day
    outcomes: Mapping[ExerciseOutcome, int] = field(default_factory=dict)

    @property
    def workouts(self) -> int:
        return sum(self.outcomes.values())

    @property
    def held(self) -> bool:
        return any(point.hold_seconds is not None for point in self.points)


def exercise_reports(
    workouts: Sequence[LoggedWorkout],
    records: Iterable[DoseRecord],
    tallies: Iterable[UnitTally],
    names: Mapping[str, str] | None = None,
    *,
    tz: tzinfo | None = None,
) -> list[ExerciseReport]:
    """Per exercise (or part) done in ``workouts`` (of one session): its doses over
    time and, from the log's tallies, in how many workouts it was done, partly done,
    cut short or skipped (as the summary screen and the progression rule classify
    it). ``names`` maps keys to the session's names, in the session's order; keys
    it does not know follow by id."""
    ids = {w.id for w in workouts if not w.is_rehearsal}
    doses = doses_over_time(workouts, records, tz=tz)
    outcomes: dict[str, Counter[ExerciseOutcome]] = {}
    for tally in tallies:
        if tally.workout_id in ids:
            outcomes.setdefault(tally.unit, Counter())[tally.outcome] += 1
    rank = {key: index for index, key in enumerate(names or {})}
    keys = sorted(set(doses) | set(outcomes), key=lambda key: (rank.get(key, len(rank)), key))
    return [
        ExerciseReport(
            key, unit_name(key, names), tuple(doses.get(key, ())), dict(outcomes.get(key, {}))
        )
        for key in keys
    ]


class ExerciseGroup(NamedTuple):
    """One session's exercises: two programmes may both have a "clamshell", held
    differently, so each session's doses stay apart."""

    session: str
    title: str
    exercises: tuple[ExerciseReport, ...]


def exercise_groups(
    workouts: Sequence[LoggedWorkout],
    records: Sequence[DoseRecord],
    tallies: Sequence[UnitTally],
    names: Mapping[str, Mapping[str, str]],
    tz: tzinfo | None = None,
) -> list[ExerciseGroup]:
    """Per session, in order of first workout; ``names``: session id -> its names."""
    by_session: dict[str, list[LoggedWorkout]] = {}
    for workout in workouts:
        if not workout.is_rehearsal:
            by_session.setdefault(workout.session, []).append(workout)
    groups = []
    for session, chosen in by_session.items():
        ids = {w.id for w in chosen}
        mine = [record for record in records if record.workout_id in ids]
        counted = [tally for tally in tallies if tally.workout_id in ids]
        reports = exercise_reports(chosen, mine, counted, names.get(session), tz=tz)
        if reports:
            groups.append(ExerciseGroup(session, chosen[-1].title, tuple(reports)))
    return groups
