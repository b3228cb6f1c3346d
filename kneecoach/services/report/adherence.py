"""Adherence for the report: the period covered, the weekly target and where it
came from, workouts completed week by week against it, and a calendar of the
period's last weeks.

Pure functions over the log's summaries (no database, no clock: ``today`` is
passed in). Only real workouts with some work done count (``LoggedWorkout.counts``):
rehearsals and workouts quit before any work never do. Days are the user's local
days; the calendar is the history screen's (``kneecoach.services.history``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import NamedTuple

from kneecoach.engine.outcomes import WorkoutStatus
from kneecoach.services.history import calendar
from kneecoach.store.records import LoggedWorkout

DEFAULT_WEEKS = 12  # the period when no --since is given, as the history screen's calendar
CALENDAR_WEEKS = 12  # at most, so that the page prints on two sheets


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Period:
    """The local days the report covers, ``start`` to ``end`` (today) inclusive."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return max(0, (self.end - self.start).days + 1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def report_period(
    workouts: Iterable[LoggedWorkout],
    today: date,
    since: date | None = None,
    *,
    weeks: int = DEFAULT_WEEKS,
    tz: tzinfo | None = None,
) -> Period:
    """``since`` to today; without it the last ``weeks`` weeks (from a Monday), but
    not before the first real workout: weeks before someone started are not missed."""
    if since is not None:
        return Period(min(since, today), today)
    start = monday_of(today) - timedelta(weeks=weeks - 1)
    first = min((w.day(tz) for w in workouts if w.counts), default=None)
    if first is not None and start < first <= today:
        start = first
    return Period(start, today)


class Target(NamedTuple):
    """Workouts a week to measure against, and where that number came from."""

    per_week: int | None
    source: str  # "config.toml", a session's title, or "" when nobody set one


def weekly_target(setting: int | None, sessions: Mapping[str, int | None]) -> Target:
    """The user's ``[report] target_per_week`` if set; else the highest ``per_week``
    among the sessions covered (``sessions``: title -> per_week); else none."""
    if setting is not None:
        return Target(setting, "config.toml")
    given = [(per_week, title) for title, per_week in sessions.items() if per_week is not None]
    if not given:
        return Target(None, "")
    per_week, title = max(given, key=lambda item: item[0])
    return Target(per_week, title)


@dataclass(frozen=True)
class WeekAdherence:
    monday: date
    days: int  # days of this week inside the period: 7, or fewer at either end
    completed: int  # real workouts completed
    partial: int  # real workouts with some work done but not completed
    target: int | None  # the weekly target, pro rata for a week the period cuts
    current: bool = False  # the week of ``today``: still going

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.completed >= self.target


def pro_rata(per_week: int, days: int) -> int:
    """The target for ``days`` of a week, rounded half up (5 a week: 2 in 3 days)."""
    return (2 * per_week * days + 7) // 14


def weekly_adherence(
    workouts: Iterable[LoggedWorkout], period: Period, per_week: int | None, tz: tzinfo | None
) -> list[WeekAdherence]:
    """One row per week (Monday first) that the period touches, oldest first."""
    completed: Counter[date] = Counter()
    partial: Counter[date] = Counter()
    for workout in workouts:
        day = workout.day(tz)
        if workout.counts and day in period:
            done = workout.status is WorkoutStatus.COMPLETED
            (completed if done else partial)[monday_of(day)] += 1
    weeks = []
    monday = monday_of(period.start)
    while monday <= period.end:
        first, last = max(monday, period.start), min(monday + timedelta(days=6), period.end)
        days = (last - first).days + 1
        target = None if per_week is None else pro_rata(per_week, days)
        current = monday == monday_of(period.end) and period.end.weekday() < 6
        weeks.append(
            WeekAdherence(monday, days, completed[monday], partial[monday], target, current)
        )
        monday += timedelta(days=7)
    return weeks


@dataclass(frozen=True)
class Adherence:
    target: Target
    weeks: tuple[WeekAdherence, ...]
    statuses: Mapping[WorkoutStatus, int]  # real workouts with work done, by status

    @property
    def completed(self) -> int:
        return sum(week.completed for week in self.weeks)

    @property
    def weeks_met(self) -> int:
        return sum(1 for week in self.weeks if week.met)

    @property
    def weeks_judged(self) -> int:
        """Weeks with a target above zero (a one-day week can round to none)."""
        return sum(1 for week in self.weeks if week.target)

    @property
    def share(self) -> float | None:
        """Completed workouts against the target, each week counted up to its
        target, so that a busy week does not make up for a missed one."""
        expected = sum(week.target or 0 for week in self.weeks)
        if not expected:
            return None
        return sum(min(week.completed, week.target or 0) for week in self.weeks) / expected

    @property
    def per_week(self) -> float:
        """Completed workouts per 7 days of the period."""
        days = sum(week.days for week in self.weeks)
        return 7 * self.completed / days if days else 0.0


class CalendarCell(NamedTuple):
    day: date
    completed: int
    partial: int
    in_period: bool


def report_calendar(
    workouts: Sequence[LoggedWorkout],
    period: Period,
    *,
    weeks: int = CALENDAR_WEEKS,
    tz: tzinfo | None = None,
) -> list[list[CalendarCell]]:
    """The period's last ``weeks`` weeks, Monday first, oldest first: the history
    screen's calendar with each day's workouts split into completed and not."""
    shown = min(weeks, (monday_of(period.end) - monday_of(period.start)).days // 7 + 1)
    completed = Counter(
        w.day(tz) for w in workouts if w.counts and w.status is WorkoutStatus.COMPLETED
    )
    return [
        [
            CalendarCell(
                cell.day, completed[cell.day], cell.count - completed[cell.day], cell.day in period
            )
            for cell in week
        ]
        for week in calendar(workouts, period.end, weeks=shown, tz=tz)
    ]
