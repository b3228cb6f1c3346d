"""The workout log: every workout and every step of it, in ``kneecoach.db``.

``WorkoutLog(folder)`` opens and checks the database at once, on the calling thread,
so a bad log is reported at start-up. Each thread that uses the log afterwards gets
its own connection (``connections``: SQLite connections are not shared between
threads). Every write is committed before the method returns; ``LogWriter`` runs
these methods on a thread of its own so the live screen never waits for the disk.

Workout ids are made by the caller's side (``new_workout_id()``, uuid4 hex), so
starting a workout never has to wait for the database to hand one out.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Self, TypeVar

from kneecoach.engine.outcomes import PainChoice, WorkoutStatus, check_pain
from kneecoach.store import schema
from kneecoach.store.connections import ThreadConnections
from kneecoach.store.doses import (
    ManualDoseRow,
    UnitTally,
    insert_manual_dose,
    select_dose_records,
    select_manual_doses,
    select_unit_tallies,
)
from kneecoach.store.owners import new_workout_id, owner_tag
from kneecoach.store.records import (
    DoseRecord,
    LogError,
    LoggedStep,
    LoggedWorkout,
    SharpPain,
    as_choice,
    local_midnight,
    to_text,
    utc_now,
)
from kneecoach.store.rows import (
    INSERT_STEP,
    filters,
    latest_finished_workout,
    mark_stale_interrupted,
    resumable_between,
    step_row,
    summary_rows,
    with_steps,
)

T = TypeVar("T")


class WorkoutLog:
    """The log in ``folder``; raises ``LogError`` at once if it cannot be used.

    ``read_only``: for the commands that only read (``history``, ``export``, ``plan``):
    the log is opened with SQLite's ``mode=ro`` and nothing is created, migrated,
    marked or chmodded. Such a log shows a workout whose process is gone as
    ``interrupted``, as the next start will mark it.
    """

    def __init__(
        self,
        folder: Path,
        busy_timeout: float = schema.BUSY_TIMEOUT,
        *,
        read_only: bool = False,
    ) -> None:
        self.folder = Path(folder)
        self.path = self.folder / schema.FILE_NAME
        self.busy_timeout = busy_timeout
        self.read_only = read_only
        if read_only:
            self._connections = ThreadConnections(
                shared=schema.open_read_only(self.folder, busy_timeout)
            )  # one connection: it may be a copy in memory, which others could not open
        else:
            self._connections = ThreadConnections()
            self._connections.keep(schema.open_database(self.folder, busy_timeout))

    @property
    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        connection = self._connections.current()
        if connection is None:
            try:
                connection = self._connections.keep(schema.connect(self.path, self.busy_timeout))
            except sqlite3.Error as error:
                raise schema.describe(error, self.path, busy_timeout=self.busy_timeout) from error
        return connection

    def close(self) -> None:
        """Close every thread's connection; call once no thread is using the log."""
        self._connections.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` and turn SQLite errors into one-line ``LogError``s."""
        try:
            return work(self.connection)
        except sqlite3.Error as error:
            try:
                if self.connection.in_transaction:
                    self.connection.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the first error is the one to report
            raise schema.describe(error, self.path, busy_timeout=self.busy_timeout) from error

    def _change(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """``_run`` for writes, which a log opened to read only refuses."""
        if self.read_only:
            raise LogError(f"{self.path} was opened to read only")
        return self._run(work)

    def _write(self, sql: str, parameters: Iterable[object] = ()) -> int:
        return self._change(lambda c: c.execute(sql, tuple(parameters)).rowcount)

    # -- writing -----------------------------------------------------------------

    def check_writable(self) -> None:
        """Write and commit, so that a log that cannot be written is found now, before a
        workout, not after it; raises ``LogError`` saying what to do."""
        schema.check_writable(self.connection, self.path, self.busy_timeout)

    def checkpoint(self) -> None:
        """Copy the WAL back into the log now, without waiting for anyone (after each
        workout, so that the WAL does not grow across workouts)."""
        self._change(lambda c: c.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall())

    def start_workout(
        self,
        session: str,
        title: str,
        session_hash: str = "",
        *,
        speed: float = 1.0,
        started_at: datetime | None = None,
        pain_before: int | None = None,
        workout_id: str | None = None,
        owner: str | None = None,
        pain_choice: PainChoice | None = None,
    ) -> str:
        """Log a new workout ``in progress`` (run by this process, or ``owner``).
        Logging the same id again changes nothing: a retried write is harmless."""
        workout_id = workout_id or new_workout_id()
        row = (
            workout_id, session, title, session_hash, to_text(started_at or utc_now()),
            float(speed), check_pain(pain_before, "pain_before"), owner or owner_tag(),
            as_choice(pain_choice, "pain_choice"),
        )  # fmt: skip
        self._write(
            "INSERT INTO workouts (id, session, title, session_hash, started_at, speed,"
            " pain_before, owner, pain_choice) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO NOTHING",
            row,
        )
        return workout_id

    def reopen_workout(
        self,
        workout_id: str,
        *,
        interrupted_at: datetime | None,
        at: datetime | None = None,
        owner: str | None = None,
    ) -> bool:
        """Carry on an interrupted workout in its own row: ``in progress`` again, run by
        this process (or ``owner``), the time it stood interrupted (from
        ``interrupted_at``, its end as read when it was offered, to ``at``) kept out of
        its length. Only a workout still ended at ``interrupted_at`` is reopened, so a
        write retried or imported twice changes nothing. True if it was reopened."""
        now = at or utc_now()
        away = 0.0 if interrupted_at is None else (now - interrupted_at).total_seconds()
        changed = self._write(
            "UPDATE workouts SET status = ?, ended_at = NULL, resumable = 1, owner = ?,"
            " away_seconds = away_seconds + ? WHERE id = ? AND status = ? AND ended_at IS ?",
            (
                WorkoutStatus.IN_PROGRESS, owner or owner_tag(), max(0.0, away), workout_id,
                WorkoutStatus.INTERRUPTED,
                None if interrupted_at is None else to_text(interrupted_at),
            ),
        )  # fmt: skip
        return changed > 0

    def record_step(self, workout_id: str, step: LoggedStep, *, once: bool = False) -> bool:
        """Log one step. ``once``: not if the workout already has a step with this
        ``seq`` (a retried or imported write). True if it was logged."""
        row = step_row(workout_id, step)

        def insert(c: sqlite3.Connection) -> bool:
            if once and step.seq is not None:
                found = c.execute(
                    "SELECT 1 FROM steps WHERE workout_id = ? AND seq = ? LIMIT 1",
                    (workout_id, step.seq),
                ).fetchone()
                if found:
                    return False
            c.execute(INSERT_STEP, row)
            return True

        return self._change(insert)

    def record_steps(self, workout_id: str, steps: Iterable[LoggedStep]) -> None:
        """Several steps in one transaction (imports, tests, benchmarks)."""
        rows = [step_row(workout_id, step) for step in steps]

        def insert(c: sqlite3.Connection) -> None:
            c.execute("BEGIN IMMEDIATE")
            c.executemany(INSERT_STEP, rows)
            c.execute("COMMIT")

        self._change(insert)

    def finish_workout(
        self, workout_id: str, status: WorkoutStatus, *, ended_at: datetime | None = None
    ) -> None:
        status = WorkoutStatus(status)
        if not status.ended:
            ended = ", ".join(s for s in WorkoutStatus if s.ended)
            raise ValueError(f"a workout ends {ended}, not {status.value!r}")
        self._write(
            "UPDATE workouts SET status = ?, ended_at = ? WHERE id = ?",
            (status, to_text(ended_at or utc_now()), workout_id),
        )

    def annotate(
        self,
        workout_id: str,
        *,
        pain_before: int | None = None,
        pain_after: int | None = None,
        note: str | None = None,
    ) -> None:
        """Record answers given around a workout; None leaves a value as it is."""
        values = {
            "pain_before": check_pain(pain_before, "pain_before"),
            "pain_after": check_pain(pain_after, "pain_after"),
            "note": note,
        }
        changes = {name: value for name, value in values.items() if value is not None}
        if changes:
            assignments = ", ".join(f"{name} = ?" for name in changes)
            self._write(
                f"UPDATE workouts SET {assignments} WHERE id = ?", (*changes.values(), workout_id)
            )

    def set_morning_after(self, workout_id: str, pain: int | None) -> None:
        """The answer to "how is the knee this morning?"; None records a skip. Either
        way the question is not asked again."""
        self._write(
            "UPDATE workouts SET morning_after_pain = ?, morning_after_asked = 1 WHERE id = ?",
            (check_pain(pain, "morning_after_pain"), workout_id),
        )

    def set_morning_after_choice(self, workout_id: str, choice: PainChoice) -> None:
        """What the person chose when the morning-after answer said to stop."""
        self._write(
            "UPDATE workouts SET morning_after_choice = ? WHERE id = ?",
            (as_choice(choice, "morning_after_choice"), workout_id),
        )

    def record_sharp_pain(self, workout_id: str, pain: SharpPain) -> None:
        """Sharp pain reported during a workout; the same moment again changes nothing."""
        self._write(
            "INSERT OR IGNORE INTO sharp_pain (workout_id, at, exercise, part, side, step_index)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (workout_id, to_text(pain.at), pain.exercise, pain.part or "", pain.side,
             pain.step_index),
        )  # fmt: skip

    def close_interrupted(self, workout_id: str) -> None:
        """The user chose not to resume: the workout stays ``interrupted`` but is no
        longer offered."""
        self._write("UPDATE workouts SET resumable = 0 WHERE id = ?", (workout_id,))

    def recovery_imported(self, file_id: str) -> bool:
        """Whether the recovery file ``file_id`` was imported already."""
        sql = "SELECT 1 FROM recoveries WHERE id = ?"
        return self._run(lambda c: c.execute(sql, (file_id,)).fetchone() is not None)

    def mark_recovery_imported(self, file_id: str) -> None:
        self._write(
            "INSERT OR IGNORE INTO recoveries (id, imported_at) VALUES (?, ?)",
            (file_id, to_text(utc_now())),
        )

    def add_manual_dose(self, row: ManualDoseRow) -> None:
        """A dose set by hand (or, with ``reset``, handed back to the rule)."""
        self._change(lambda c: insert_manual_dose(c, row))

    def mark_interrupted_stale(self) -> list[str]:
        """At start-up: workouts left ``in progress`` by a process that is gone (killed,
        or the machine went down) become ``interrupted``, ended when their last step
        was logged (or when they started, if none was). Returns their ids."""
        return self._change(mark_stale_interrupted)

    # -- reading -----------------------------------------------------------------

    def workouts(
        self,
        since: date | None = None,
        session: str | None = None,
        *,
        tz: tzinfo | None = None,
    ) -> list[LoggedWorkout]:
        """Workouts with their steps, oldest first; ``since`` is a local day (``tz``)."""
        where, parameters = filters(since, session, tz)
        return self._run(lambda c: with_steps(c, where, parameters, self.read_only))

    def summaries(
        self,
        since: date | None = None,
        session: str | None = None,
        *,
        tz: tzinfo | None = None,
    ) -> list[LoggedWorkout]:
        """Workouts without their steps (``done_steps`` still set): what a history
        screen lists, without reading every step."""
        where, parameters = filters(since, session, tz)
        return self._run(lambda c: summary_rows(c, where, parameters, self.read_only))

    def workout(self, workout_id: str) -> LoggedWorkout | None:
        found = self._run(lambda c: with_steps(c, "WHERE id = ?", [workout_id], self.read_only))
        return found[0] if found else None

    def dose_records(self) -> list[DoseRecord]:
        """The dose each exercise reached in each real (speed 1) workout, kept up to
        date by the database as steps are logged; for ``history.doses_over_time``."""
        return self._run(select_dose_records)

    def manual_doses(self, session: str) -> list[ManualDoseRow]:
        """Every hand-set dose of ``session``, oldest first."""
        return self._run(lambda c: select_manual_doses(c, session))

    def unit_tallies(
        self, session: str, since: date | None = None, *, tz: tzinfo | None = None
    ) -> list[UnitTally]:
        """How each exercise went in each real workout of ``session``; ``since`` is a
        local day (``tz``), so a report on a few weeks does not count ten years."""
        start = None if since is None else local_midnight(since, tz)
        return self._run(lambda c: select_unit_tallies(c, session, start))

    def last_interrupted(
        self,
        session: str | None,
        on: date,
        *,
        tz: tzinfo | None = None,
        rehearsal: bool = False,
    ) -> LoggedWorkout | None:
        """The latest still-resumable interrupted workout started on local day ``on``
        (of ``session``, if given), with its steps: where "resume" picks up. A real
        workout is offered to a real run only, a rehearsal (``--speed``) to a
        rehearsal only."""
        start = to_text(local_midnight(on, tz))
        end = to_text(local_midnight(on + timedelta(days=1), tz))
        found = self._run(lambda c: resumable_between(c, start, end, session, rehearsal))
        return found[-1] if found else None

    def pending_morning_after(self, now: datetime | None = None) -> LoggedWorkout | None:
        """The workout to ask "how does the knee feel today?" about, if any.

        Only the latest real (speed 1) workout that was completed or finished early
        is considered: it is returned if it ended at least 24 hours before ``now`` and
        was not asked about yet. Older workouts are never asked about.
        """
        cutoff = to_text((now or utc_now()) - timedelta(hours=24))
        latest = self._run(latest_finished_workout)
        if latest is None:
            return None
        ended = latest.ended_at
        if latest.morning_after_asked or latest.morning_after_pain is not None:
            return None
        if ended is None or to_text(ended) > cutoff:
            return None
        return latest
