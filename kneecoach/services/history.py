"""Statistics over logged workouts, for the history screen and the command line:
streaks, a calendar, pain over time and doses over time, and ``HistoryView``, all
the history screen draws.

Pure functions over ``LoggedWorkout`` lists (no database, no clock: ``today`` is
passed in), so every edge case can be tested with hand-made workouts.

* Only real workouts count: rehearsals (speed other than 1) never appear in
  streaks, the calendar or the charts, and neither do workouts in which no hold,
  rep or timed step was done ("empty": opened and quit at once).
* Days are the user's local days: a workout belongs to the calendar day on which it
  started, in ``tz`` (None: this computer's time zone). A workout started at 23:50
  and ended after midnight counts for the day it started.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from kneecoach.store.records import DoseRecord, LoggedWorkout

if TYPE_CHECKING:  # read through its public methods; no SQLite for the statistics
    from kneecoach.store.log import WorkoutLog

INTENSITY_LEVELS = 4  # calendar shades above "nothing": 1 (a little) to 4 (the most)


def active_days(workouts: Iterable[LoggedWorkout], tz: tzinfo | None = None) -> set[date]:
    """The local days with at least one real, non-empty workout."""
    return {workout.day(tz) for workout in workouts if workout.counts}


def streaks(
    workouts: Iterable[LoggedWorkout], today: date, *, tz: tzinfo | None = None
) -> tuple[int, int]:
    """(current, longest) runs of consecutive days with a workout.

    The current streak is still alive on a day with no workout yet: it counts back
    from today if today has one, else from yesterday. Days after ``today`` are ignored.
    """
    days = {day for day in active_days(workouts, tz) if day <= today}
    current = 0
    day = today if today in days else today - timedelta(days=1)
    while day in days:
        current += 1
        day -= timedelta(days=1)
    longest = run = 0
    previous: date | None = None
    for day in sorted(days):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    return current, longest


@dataclass(frozen=True)
class CalendarDay:
    day: date
    count: int  # real, non-empty workouts started that day
    intensity: int  # 0 (none) to INTENSITY_LEVELS, by work done relative to the busiest day
    future: bool = False  # after today: drawn blank


def calendar(
    workouts: Iterable[LoggedWorkout],
    today: date,
    weeks: int = 12,
    *,
    tz: tzinfo | None = None,
) -> list[list[CalendarDay]]:
    """``weeks`` rows of 7 days, Monday first, oldest week first; the last row is
    this week (its days after today are marked ``future``)."""
    first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    last = first + timedelta(days=7 * weeks - 1)
    count: dict[date, int] = defaultdict(int)
    work: dict[date, int] = defaultdict(int)
    for workout in workouts:
        day = workout.day(tz)
        if workout.counts and first <= day <= min(last, today):
            count[day] += 1
            work[day] += workout.steps_done
    busiest = max(work.values(), default=0)
    grid = []
    for week in range(weeks):
        row = []
        for weekday in range(7):
            day = first + timedelta(days=7 * week + weekday)
            level = 0
            if count[day]:  # by quarters of the busiest day's work, rounded up
                level = max(1, -(-INTENSITY_LEVELS * work[day] // busiest))
            row.append(CalendarDay(day, count[day], level, future=day > today))
        grid.append(row)
    return grid


class PainPoint(NamedTuple):
    day: date
    pain_before: int | None
    pain_after: int | None


def pain_series(workouts: Iterable[LoggedWorkout], *, tz: tzinfo | None = None) -> list[PainPoint]:
    """Pain before and after each real workout that has either, in start order.
    Empty real workouts are kept: pain reported before quitting is still pain."""
    ordered = sorted(workouts, key=lambda workout: workout.started_at)
    return [
        PainPoint(workout.day(tz), workout.pain_before, workout.pain_after)
        for workout in ordered
        if not workout.is_rehearsal
        and (workout.pain_before is not None or workout.pain_after is not None)
    ]


class DosePoint(NamedTuple):
    day: date
    hold_seconds: float | None  # the longest hold done; None for reps without a hold
    reps: int  # the most reps done in one set
    sets: int  # sets with at least one rep done


def dose_records(workouts: Iterable[LoggedWorkout]) -> list[DoseRecord]:
    """Each real workout's dose per exercise, from its steps: what the database keeps
    in ``workout_doses`` (a test checks the two agree). Timed steps have no dose."""
    records = []
    for workout in workouts:
        if workout.is_rehearsal:
            continue
        reps: dict[str, dict[tuple[str | None, int | None], set[int | None]]] = {}
        holds: dict[str, float] = {}
        for step in workout.steps:
            if step.kind not in ("hold", "rep") or not step.is_done:
                continue
            reps.setdefault(step.key, {}).setdefault((step.side, step.set), set()).add(step.rep)
            if step.kind == "hold":
                holds[step.key] = max(holds.get(step.key, 0.0), step.actual_seconds)
        for key, sets in reps.items():
            most = max(len({rep for rep in done if rep is not None}) for done in sets.values())
            set_numbers = {number for _side, number in sets if number is not None}
            records.append(DoseRecord(workout.id, key, holds.get(key), most, len(set_numbers)))
    return records


def doses_over_time(
    workouts: Sequence[LoggedWorkout],
    records: Iterable[DoseRecord] | None = None,
    *,
    tz: tzinfo | None = None,
) -> dict[str, list[DosePoint]]:
    """Per exercise key ("exercise" or "exercise/part"), the dose reached on each day,
    oldest first; with two workouts on a day, the larger of each number.

    ``records`` are ``WorkoutLog.dose_records()`` (so ``workouts`` can be summaries,
    without steps); left out, they are worked out from the workouts' steps.
    """
    days = {workout.id: workout.day(tz) for workout in workouts if not workout.is_rehearsal}
    if records is None:
        records = dose_records(workouts)
    best: dict[str, dict[date, DosePoint]] = defaultdict(dict)
    for record in records:
        day = days.get(record.workout_id)
        if day is None:
            continue
        seen = best[record.key].get(day)
        if seen is None:
            best[record.key][day] = DosePoint(day, record.hold_seconds, record.reps, record.sets)
            continue
        hold = seen.hold_seconds
        if record.hold_seconds is not None:
            hold = record.hold_seconds if hold is None else max(hold, record.hold_seconds)
        best[record.key][day] = DosePoint(
            day, hold, max(seen.reps, record.reps), max(seen.sets, record.sets)
        )
    return {key: sorted(points.values()) for key, points in sorted(best.items())}


@dataclass(frozen=True)
class HistoryView:
    """Everything the history screen draws, worked out off the UI thread from
    summaries and per-workout doses (never from 400,000 steps)."""

    today: date
    total: int = 0
    rehearsals: int = 0
    recent: tuple[LoggedWorkout, ...] = ()  # newest first, at most ``limit``
    current_streak: int = 0
    longest_streak: int = 0
    calendar: tuple[tuple[CalendarDay, ...], ...] = ()
    pain: tuple[PainPoint, ...] = ()
    doses: Mapping[str, Sequence[DosePoint]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.total == 0


def build_view(
    log: WorkoutLog, today: date, *, tz: tzinfo | None = None, limit: int = 200
) -> HistoryView:
    summaries = log.summaries()
    current, longest = streaks(summaries, today, tz=tz)
    grid = calendar(summaries, today, tz=tz)
    return HistoryView(
        today=today,
        total=len(summaries),
        rehearsals=sum(1 for workout in summaries if workout.is_rehearsal),
        recent=tuple(reversed(summaries[-limit:])),
        current_streak=current,
        longest_streak=longest,
        calendar=tuple(tuple(week) for week in grid),
        pain=tuple(pain_series(summaries, tz=tz)),
        doses=doses_over_time(summaries, log.dose_records(), tz=tz),
    )
