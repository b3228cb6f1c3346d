"""Everything on the report, worked out before any of it is drawn: ``ReportData``
from the log's records (pure: ``report_data``), and reading those records from a
log (``read_report``), which never creates one.

Rehearsals (speed other than 1) are left out of every number and only counted,
so the page can say how many were left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, tzinfo
from typing import TYPE_CHECKING

from kneecoach.services.catalog import unit_names
from kneecoach.services.history import streaks
from kneecoach.services.report.adherence import (
    Adherence,
    CalendarCell,
    Period,
    Target,
    WeekAdherence,
    report_calendar,
    report_period,
    weekly_adherence,
    weekly_target,
)
from kneecoach.services.report.exercises import ExerciseGroup, exercise_groups
from kneecoach.services.report.pain import Flag, PainEntry, PainLimits, pain_entries
from kneecoach.store.doses import UnitTally
from kneecoach.store.records import DoseRecord, LoggedWorkout

if TYPE_CHECKING:  # read through its public methods
    from kneecoach.engine.model import Session
    from kneecoach.store.log import WorkoutLog

# listed newest first, at most: so that years of workouts still print on two sheets
NOTES_SHOWN = 12  # workouts with a note or a flag
FLAGS_SHOWN = 8
NO_TARGET = Target(None, "")


@dataclass(frozen=True)
class ReportData:
    """Everything on the page, worked out before any of it is drawn."""

    today: date
    period: Period
    log_empty: bool  # nothing logged at all, not only in the period
    session_filter: str | None = None
    sessions: Mapping[str, int] = field(default_factory=dict)  # title -> real workouts
    workouts: int = 0  # real workouts in the period, with or without work done
    rehearsals: int = 0  # left out of every number
    streaks: tuple[int, int] = (0, 0)  # current and longest, over the whole log
    last_day: date | None = None  # of the latest real workout in the whole log
    adherence: Adherence = field(default_factory=lambda: Adherence(NO_TARGET, (), {}))
    calendar: tuple[tuple[CalendarCell, ...], ...] = ()
    limits: PainLimits = field(default_factory=PainLimits)
    pain: tuple[PainEntry, ...] = ()
    exercises: tuple[ExerciseGroup, ...] = ()

    @property
    def empty(self) -> bool:
        """No real workout in the period: the page says there is nothing yet."""
        return self.workouts == 0

    @property
    def calendar_weeks(self) -> list[tuple[WeekAdherence, tuple[CalendarCell, ...]]]:
        """Each calendar row with its week's numbers (the calendar shows the last
        weeks of the period; the weeks end together)."""
        weeks = self.adherence.weeks[len(self.adherence.weeks) - len(self.calendar) :]
        return list(zip(weeks, self.calendar, strict=True))

    @property
    def flags(self) -> list[Flag]:
        return [flag for entry in self.pain for flag in entry.flags]

    @property
    def flag_counts(self) -> dict[str, int]:
        """Flags by kind ("pain", "morning")."""
        return dict(Counter(flag.kind for flag in self.flags))

    @property
    def noted(self) -> list[PainEntry]:
        """Workouts with a note or a flag, newest first."""
        return [entry for entry in reversed(self.pain) if entry.note or entry.flags]


def report_data(
    summaries: Sequence[LoggedWorkout],
    records: Iterable[DoseRecord],
    tallies: Iterable[UnitTally],
    today: date,
    *,
    since: date | None = None,
    session: str | None = None,
    target: Target = NO_TARGET,
    limits: PainLimits | None = None,
    names: Mapping[str, Mapping[str, str]] | None = None,
    tz: tzinfo | None = None,
) -> ReportData:
    """The report from the log's summaries (all of them: only ``session``'s are
    reported if it is given), its per-workout doses and its exercise tallies;
    ``names``: per session id, its dose keys to the names it gives them, in order."""
    limits = limits or PainLimits()
    chosen = [w for w in summaries if session is None or w.session == session]
    period = report_period(chosen, today, since, tz=tz)
    inside = [w for w in chosen if w.day(tz) in period]
    real = [w for w in inside if not w.is_rehearsal]
    statuses = Counter(w.status for w in real if w.counts)
    weeks = weekly_adherence(real, period, target.per_week, tz)
    return ReportData(
        today=today,
        period=period,
        log_empty=not summaries,
        session_filter=session,
        sessions=dict(Counter(w.title for w in real)),
        workouts=len(real),
        rehearsals=len(inside) - len(real),
        streaks=streaks(summaries, today, tz=tz),
        last_day=max((w.day(tz) for w in chosen if w.counts), default=None),
        adherence=Adherence(target, tuple(weeks), dict(statuses)),
        calendar=tuple(tuple(week) for week in report_calendar(real, period, tz=tz)),
        limits=limits,
        pain=tuple(pain_entries(real, limits, tz, names)),
        exercises=tuple(exercise_groups(real, list(records), list(tallies), names or {}, tz)),
    )


def read_report(
    log: WorkoutLog | None,
    today: date,
    *,
    since: date | None = None,
    session: str | None = None,
    target_per_week: int | None = None,
    sessions: Mapping[str, Session] | None = None,
    limits: PainLimits | None = None,
    tz: tzinfo | None = None,
) -> ReportData:
    """The report on ``log`` (None: there is no log yet, and none is made).

    ``target_per_week`` is the user's setting; without it the target comes from the
    ``per_week`` of the sessions covered, found in ``sessions`` (id -> session),
    which also name the exercises. Only the steps of the period are counted, so a
    report on the last weeks of a ten-year log stays quick.
    """
    known = sessions or {}
    if log is None:
        return report_data([], [], [], today, since=since, session=session, limits=limits, tz=tz)
    summaries = log.summaries(tz=tz)
    chosen = [w for w in summaries if session is None or w.session == session]
    period = report_period(chosen, today, since, tz=tz)
    covered = list(
        dict.fromkeys(w.session for w in chosen if not w.is_rehearsal and w.day(tz) in period)
    )
    tallies = [t for sid in covered for t in log.unit_tallies(sid, since=period.start, tz=tz)]
    found = [known[sid] for sid in covered if sid in known]
    target = weekly_target(target_per_week, {s.title: s.per_week for s in found})
    return report_data(
        summaries,
        log.dose_records(),
        tallies,
        today,
        since=since,
        session=session,
        target=target,
        limits=limits,
        names={s.id: unit_names([s]) for s in found},
        tz=tz,
    )
