"""Doses set by hand (`kneecoach dose`), kept in the log beside the workouts.

Each change is a row, never an update: the progression rule replays them in order
with the workouts, so a therapist can see when a dose was set and when it was
handed back to the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import from_text, to_text, utc_now


@dataclass(frozen=True)
class ManualDoseRow:
    session: str
    unit: str  # "exercise" or "exercise/part"
    set_at: datetime
    hold_seconds: float | None = None
    reps: int | None = None
    sets: int | None = None
    reset: bool = False


def set_manual_dose(
    log: WorkoutLog,
    session: str,
    unit: str,
    *,
    hold_seconds: float | None = None,
    reps: int | None = None,
    sets: int | None = None,
    reset: bool = False,
    at: datetime | None = None,
) -> ManualDoseRow:
    row = ManualDoseRow(session, unit, at or utc_now(), hold_seconds, reps, sets, reset)
    log._run(
        lambda c: c.execute(
            "INSERT INTO manual_doses (session, unit, set_at, hold_seconds, reps, sets, reset)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (session, unit, to_text(row.set_at), hold_seconds, reps, sets, int(reset)),
        )
    )
    return row


def manual_doses(log: WorkoutLog, session: str) -> list[ManualDoseRow]:
    """Every hand-set dose of ``session``, oldest first."""
    rows = log._run(
        lambda c: c.execute(
            "SELECT session, unit, set_at, hold_seconds, reps, sets, reset FROM manual_doses"
            " WHERE session = ? ORDER BY set_at, id",
            (session,),
        ).fetchall()
    )
    return [
        ManualDoseRow(s, unit, from_text(at), hold, reps, sets, bool(reset))
        for s, unit, at, hold, reps, sets, reset in rows
    ]


@dataclass(frozen=True)
class UnitTally:
    """How one exercise (or part) went in one workout, counted from its work steps."""

    workout_id: str
    unit: str
    done: int  # done or extended
    cut_short: int
    skipped: int
    hold_seconds: float | None  # the planned hold
    reps: int | None  # the highest rep and set numbers reached
    sets: int | None
    sides: int


def unit_tallies(log: WorkoutLog, session: str) -> list[UnitTally]:
    """Per real workout of ``session`` and unit: its work steps by outcome.

    Counted in SQL, so that ten years of steps cost one query, not 400,000 objects.
    """
    rows = log._run(
        lambda c: c.execute(
            """
            SELECT s.workout_id, s.exercise, s.part,
                   sum(s.outcome IN ('done', 'extended')), sum(s.outcome = 'cut short'),
                   sum(s.outcome = 'skipped'),
                   max(CASE WHEN s.kind = 'hold' THEN s.planned_seconds END),
                   max(s.rep), max(s.set_number), count(DISTINCT coalesce(s.side, ''))
            FROM steps s JOIN workouts w ON w.id = s.workout_id
            WHERE w.session = ? AND w.speed = 1 AND s.kind IN ('hold', 'rep')
            GROUP BY s.workout_id, s.exercise, s.part
            """,
            (session,),
        ).fetchall()
    )
    return [
        UnitTally(wid, f"{ex}/{part}" if part else ex, done, cut, skipped, hold, reps, sets, sides)
        for wid, ex, part, done, cut, skipped, hold, reps, sets, sides in rows
    ]
