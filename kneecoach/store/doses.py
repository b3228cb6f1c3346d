"""The SQL for doses: doses set by hand (`kneecoach dose`), how each exercise went
in each workout, counted for the progression rule, and the dose it reached.

``WorkoutLog`` runs these on its connection (``log.add_manual_dose``,
``log.manual_doses``, ``log.unit_tallies``, ``log.dose_records``); nothing else
reaches the database.
Hand-set doses are rows, never updates: the progression rule replays them in order
with the workouts, so a therapist can see when a dose was set and when it was
handed back to the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kneecoach.engine.model import unit_key
from kneecoach.engine.outcomes import ExerciseOutcome, classify_exercise
from kneecoach.store.records import DoseRecord, from_text, to_text

if TYPE_CHECKING:
    import sqlite3


@dataclass(frozen=True)
class ManualDoseRow:
    session: str
    unit: str  # "exercise" or "exercise/part"
    set_at: datetime
    hold_seconds: float | None = None
    reps: int | None = None
    sets: int | None = None
    reset: bool = False


def insert_manual_dose(connection: sqlite3.Connection, row: ManualDoseRow) -> None:
    connection.execute(
        "INSERT INTO manual_doses (session, unit, set_at, hold_seconds, reps, sets, reset)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (row.session, row.unit, to_text(row.set_at), row.hold_seconds, row.reps, row.sets,
         int(row.reset)),
    )  # fmt: skip


def select_manual_doses(connection: sqlite3.Connection, session: str) -> list[ManualDoseRow]:
    rows = connection.execute(
        "SELECT session, unit, set_at, hold_seconds, reps, sets, reset FROM manual_doses"
        " WHERE session = ? ORDER BY set_at, id",
        (session,),
    ).fetchall()
    return [
        ManualDoseRow(s, unit, from_text(at), hold, reps, sets, bool(reset))
        for s, unit, at, hold, reps, sets, reset in rows
    ]


@dataclass(frozen=True)
class UnitTally:
    """How one exercise (or part) went in one workout, counted from its steps as
    the summary screen counts them: each planned step once, as it last ended (a
    restarted exercise logs its steps again)."""

    workout_id: str
    unit: str
    done: int  # work steps done or extended
    cut_short: int
    skipped: int
    hold_seconds: float | None  # the planned hold
    reps: int | None  # the highest rep and set numbers reached, rests and
    sets: int | None  #   get-ready included (they carry the rep that follows)
    sides: int
    sharp_pain: bool = False  # reported during it

    @property
    def outcome(self) -> ExerciseOutcome:
        """As the summary screen and the progression rule classify it."""
        return classify_exercise(self.planned, self.done, self.cut_short, self.sharp_pain)

    @property
    def planned(self) -> int:
        """Work steps planned, as far as the log shows: every step reached, and
        every rep the plan's numbers reached (a unit left in the rest before rep 6
        of 10 shows 6: the rest carries the rep that follows it)."""
        return max(
            (self.reps or 1) * (self.sets or 1) * max(1, self.sides),
            self.done + self.cut_short + self.skipped,
        )


_TALLY_SQL = """
    SELECT t.workout_id, t.exercise, t.part, t.done, t.cut_short, t.skipped,
           t.hold_seconds, t.reps, t.sets, t.sides
    FROM workout_tallies t JOIN workouts w ON w.id = t.workout_id
    WHERE w.session = ? AND w.speed = 1 AND w.started_at >= ?
    ORDER BY t.workout_id, t.exercise, t.part
"""
_SHARP_PAIN_SQL = """
    SELECT DISTINCT p.workout_id, p.exercise, p.part FROM sharp_pain p
    JOIN workouts w ON w.id = p.workout_id
    WHERE w.session = ? AND w.speed = 1 AND w.started_at >= ?
"""


def select_unit_tallies(
    connection: sqlite3.Connection, session: str, since: datetime | None = None
) -> list[UnitTally]:
    """Per real workout of ``session`` (started at ``since`` or later) and held or
    repeated unit, its steps by outcome, as the log keeps them while steps are
    written (``workout_tallies``): ten years are ~25,000 rows, not 400,000 steps."""
    start = "" if since is None else to_text(since)  # every stored time sorts after ""
    painful = {
        (wid, unit_key(ex, part or None))
        for wid, ex, part in connection.execute(_SHARP_PAIN_SQL, (session, start))
    }
    return [
        UnitTally(wid, key, done, cut, skipped, hold, reps, sets, sides, (wid, key) in painful)
        for wid, ex, part, done, cut, skipped, hold, reps, sets, sides in connection.execute(
            _TALLY_SQL, (session, start)
        )
        for key in (unit_key(ex, part or None),)
    ]


def select_dose_records(connection: sqlite3.Connection) -> list[DoseRecord]:
    """The dose each exercise reached in each real (speed 1) workout, kept up to date
    by the database as steps are logged."""
    sql = (
        "SELECT d.workout_id, d.exercise, d.part, d.hold_seconds, d.reps, d.sets"
        " FROM workout_doses d JOIN workouts w ON w.id = d.workout_id WHERE w.speed = 1"
    )
    return [
        DoseRecord(workout_id, unit_key(exercise, part), hold, reps, sets)
        for workout_id, exercise, part, hold, reps, sets in connection.execute(sql)
    ]
