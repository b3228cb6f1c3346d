"""Rows of the log and the records they become: the columns read and written, the
SQL that reads workouts with their steps, and the marking of workouts whose process
is gone. ``WorkoutLog`` is the only user."""

from __future__ import annotations

import sqlite3
from datetime import date, tzinfo

from kneecoach.engine.outcomes import WorkoutStatus
from kneecoach.store.owners import owner_gone
from kneecoach.store.records import (
    LoggedStep,
    LoggedWorkout,
    SharpPain,
    from_text,
    local_midnight,
    to_text,
)

WORKOUT_COLUMNS = (
    "id, session, title, session_hash, started_at, ended_at, speed, status, pain_before, "
    "pain_after, note, morning_after_pain, morning_after_asked, resumable, resumes, done_steps, "
    "away_seconds, last_step_at, owner, pain_choice, morning_after_choice"
)
SHARP_PAIN_COLUMNS = "workout_id, at, exercise, part, side, step_index"
STEP_COLUMNS = (
    "workout_id, step_index, kind, exercise, part, side, set_number, rep, "
    "planned_seconds, actual_seconds, outcome, pauses, seq, ended_at"
)
INSERT_STEP = f"INSERT INTO steps ({STEP_COLUMNS}) VALUES ({', '.join('?' * 14)})"


def step_row(workout_id: str, step: LoggedStep) -> tuple[object, ...]:
    ended = None if step.ended_at is None else to_text(step.ended_at)
    return (
        workout_id, step.index, step.kind, step.exercise, step.part, step.side, step.set,
        step.rep, float(step.planned_seconds), float(step.actual_seconds), step.outcome,
        step.pauses, step.seq, ended,
    )  # fmt: skip


def filters(since: date | None, session: str | None, tz: tzinfo | None) -> tuple[str, list[object]]:
    clauses: list[str] = []
    parameters: list[object] = []
    if since is not None:
        clauses.append("started_at >= ?")
        parameters.append(to_text(local_midnight(since, tz)))
    if session is not None:
        clauses.append("session = ?")
        parameters.append(session)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", parameters


def workout_record(
    row: tuple,
    steps: tuple[LoggedStep, ...] = (),
    *,
    as_marked: bool = False,
    sharp_pain: tuple[SharpPain, ...] = (),
) -> LoggedWorkout:
    """``as_marked``: a workout left in progress by a process that is gone is shown
    as the next start will mark it (read-only logs are not marked)."""
    (id_, session, title, session_hash, started, ended, speed, status, pain_before,
     pain_after, note, morning, asked, resumable, resumes, done_steps, away, last_step,
     owner, pain_choice, morning_choice) = row  # fmt: skip
    if as_marked and status == WorkoutStatus.IN_PROGRESS and owner_gone(owner):
        status, ended = WorkoutStatus.INTERRUPTED, ended or last_step or started
    return LoggedWorkout(
        id=id_,
        session=session,
        title=title,
        session_hash=session_hash,
        started_at=from_text(started),
        ended_at=None if ended is None else from_text(ended),
        speed=speed,
        status=status,
        pain_before=pain_before,
        pain_after=pain_after,
        note=note,
        morning_after_pain=morning,
        morning_after_asked=bool(asked),
        resumable=bool(resumable),
        resumes=resumes,
        steps=steps,
        done_steps=done_steps,
        away_seconds=away,
        last_step_at=None if last_step is None else from_text(last_step),
        pain_choice=pain_choice,
        morning_after_choice=morning_choice,
        sharp_pain=sharp_pain,
    )


def mark_stale_interrupted(c: sqlite3.Connection) -> list[str]:
    """Mark what ``workout_record(as_marked=True)`` shows: workouts in progress whose
    process is gone become interrupted, ended at their last step (or their start).
    Returns their ids."""
    c.execute("BEGIN IMMEDIATE")
    rows = c.execute(
        "SELECT id, owner FROM workouts WHERE status = ?", (WorkoutStatus.IN_PROGRESS,)
    ).fetchall()
    stale = [workout_id for workout_id, owner in rows if owner_gone(owner)]
    c.executemany(
        "UPDATE workouts SET status = ?,"
        " ended_at = coalesce(ended_at, last_step_at, started_at) WHERE id = ?",
        [(WorkoutStatus.INTERRUPTED, workout_id) for workout_id in stale],
    )
    c.execute("COMMIT")
    return stale


def sharp_pain_of(
    c: sqlite3.Connection, where: str, parameters: list[object]
) -> dict[str, tuple[SharpPain, ...]]:
    """The sharp pain reported in the workouts matching ``where``, by workout."""
    found: dict[str, list[SharpPain]] = {}
    rows = c.execute(
        f"SELECT {SHARP_PAIN_COLUMNS} FROM sharp_pain WHERE workout_id IN"
        f" (SELECT id FROM workouts {where}) ORDER BY workout_id, at",
        parameters,
    )
    for workout_id, at, exercise, part, side, step_index in rows:
        pain = SharpPain(exercise, from_text(at), step_index, part or None, side)
        found.setdefault(workout_id, []).append(pain)
    return {workout_id: tuple(pains) for workout_id, pains in found.items()}


def summary_rows(
    c: sqlite3.Connection, where: str, parameters: list[object], marked: bool = False
) -> list[LoggedWorkout]:
    """Workouts matching ``where`` without their steps (``done_steps`` still set)."""
    c.execute("BEGIN")  # one snapshot for both queries; WorkoutLog._run rolls back on error
    rows = c.execute(
        f"SELECT {WORKOUT_COLUMNS} FROM workouts {where} ORDER BY started_at, rowid", parameters
    ).fetchall()
    pains = sharp_pain_of(c, where, parameters)
    c.execute("COMMIT")
    return [workout_record(row, as_marked=marked, sharp_pain=pains.get(row[0], ())) for row in rows]


def with_steps(
    c: sqlite3.Connection, where: str, parameters: list[object], marked: bool = False
) -> list[LoggedWorkout]:
    """Workouts matching ``where`` and all their steps, in two queries."""
    c.execute("BEGIN")  # one snapshot for both queries; WorkoutLog._run rolls back on error
    headers = c.execute(
        f"SELECT {WORKOUT_COLUMNS} FROM workouts {where} ORDER BY started_at, rowid", parameters
    ).fetchall()
    steps: dict[str, list[LoggedStep]] = {row[0]: [] for row in headers}
    rows = c.execute(
        f"SELECT {STEP_COLUMNS} FROM steps WHERE workout_id IN"
        f" (SELECT id FROM workouts {where}) ORDER BY workout_id, id",
        parameters,
    ).fetchall()
    pains = sharp_pain_of(c, where, parameters)
    c.execute("COMMIT")
    for (workout_id, index, kind, exercise, part, side, set_number, rep, planned, actual,
         outcome, pauses, seq, ended) in rows:  # fmt: skip
        steps[workout_id].append(
            LoggedStep(
                index, kind, exercise, planned, actual, outcome, part, side, set_number, rep,
                pauses, seq, None if ended is None else from_text(ended),
            )
        )  # fmt: skip
    return [
        workout_record(
            row, tuple(steps[row[0]]), as_marked=marked, sharp_pain=pains.get(row[0], ())
        )
        for row in headers
    ]


def resumable_between(
    c: sqlite3.Connection, start: str, end: str, session: str | None, rehearsal: bool
) -> list[LoggedWorkout]:
    """The still-resumable interrupted workouts started from ``start`` to before
    ``end`` (of ``session``, if given), with their steps: rehearsals (``--speed``)
    or real workouts only."""
    where = (
        "WHERE status = ? AND resumable = 1 AND started_at >= ? AND started_at < ?"
        f" AND speed {'!=' if rehearsal else '='} 1"
    )
    parameters: list[object] = [WorkoutStatus.INTERRUPTED, start, end]
    if session is not None:
        where += " AND session = ?"
        parameters.append(session)
    return with_steps(c, where, parameters)


def latest_finished_workout(c: sqlite3.Connection) -> LoggedWorkout | None:
    """The latest real (speed 1) workout completed or finished early, without its steps."""
    sql = (
        f"SELECT {WORKOUT_COLUMNS} FROM workouts WHERE speed = 1 AND status IN (?, ?)"
        " AND pain_choice IS NOT 'stop'"  # no workout that day: nothing to ask after
        " ORDER BY started_at DESC, rowid DESC LIMIT 1"
    )
    rows = c.execute(sql, (WorkoutStatus.COMPLETED, WorkoutStatus.FINISHED_EARLY)).fetchall()
    return workout_record(rows[0]) if rows else None
