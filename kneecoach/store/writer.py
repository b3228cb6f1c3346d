"""Writing the log off the UI thread, and losing nothing when the disk fails.

The live screen must never wait for the disk, and must never be stopped by a log
that cannot be written. ``LogWriter`` owns one thread and one queue of ``Write``s:
each call puts one on the queue and returns at once; the thread makes them one at
a time, in order, each committed, so a killed process loses at most the step that
was being written.

A write the log cannot take for now (a full disk, another program's lock held past
the busy timeout, a file made read-only, a damaged page) stays at the head of the
queue, and everything after it waits behind it, in memory. The thread tries it
again after a pause that grows (``RETRY_DELAYS``) until it lands, and meanwhile
keeps the queue in a recovery file as well (``RecoveryFile``), so that even a
``kill -9`` loses nothing. ``on_status`` hears when saving stops and starts again;
the app shows it until it does. A write the log refuses (a constraint: a bug, not
the disk) is reported through ``on_error`` and dropped.

``close()`` stops the thread: whatever is still waiting then is in the recovery
file, which the next start imports. ``sleep`` is injectable, so that tests of the
retries do not wait in real time.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kneecoach.engine.outcomes import PainChoice, WorkoutStatus
from kneecoach.store.log import WorkoutLog
from kneecoach.store.owners import new_workout_id, owner_tag
from kneecoach.store.records import (
    LogError,
    LoggedStep,
    LogRefused,
    SharpPain,
    to_text,
    utc_now,
)
from kneecoach.store.recovery import RecoveryFile
from kneecoach.store.schema import fault_advice
from kneecoach.store.writes import Write, step_to_json, text_or_none

ErrorHandler = Callable[[str], None]
RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0)  # seconds between tries; then every 8 s


@dataclass(frozen=True)
class SaveStatus:
    """Whether the log is taking writes; while it is not, why and what to do."""

    saving: bool = True
    problem: str = ""  # one line: what failed, and in which file
    reason: str = ""  # the same in a few words ("database or disk is full")
    advice: str = ""  # what the person can do about it
    waiting: int = 0  # writes kept in memory
    recovery: Path | None = None  # where they are kept on disk too (None: nowhere yet)


class LogWriter:
    """Queues writes to ``log`` and commits them on a background thread.

    ``flush()`` waits until everything queued so far is written; ``close()`` does the
    same and stops the thread (call it on exit, SIGTERM and SIGHUP).
    """

    def __init__(
        self,
        log: WorkoutLog,
        on_error: ErrorHandler | None = None,
        *,
        recovery: RecoveryFile | None = None,
        on_status: Callable[[SaveStatus], None] | None = None,
        sleep: Callable[[float], object] | None = None,
        retry_delays: Sequence[float] = RETRY_DELAYS,
    ) -> None:
        self.log = log
        self.on_error = on_error or (lambda message: None)
        self.on_status = on_status or (lambda status: None)
        self.recovery = recovery
        self.retry_delays = tuple(retry_delays)
        self.errors = 0
        self.status = SaveStatus()
        self._wake = threading.Event()  # set by close(): stop waiting to retry
        self._sleep = sleep or self._wake.wait
        self._queue: deque[Write] = deque()
        self._ready = threading.Condition()
        self._stopping = False
        self._closed = False
        self._failures = 0  # in a row, of the write at the head of the queue
        self._last_error = ""
        self._thread = threading.Thread(target=self._run, name="kneecoach-log", daemon=True)
        self._thread.start()

    # -- what the UI calls: all return at once --------------------------------------

    def start_workout(
        self,
        session: str,
        title: str,
        session_hash: str = "",
        *,
        speed: float = 1.0,
        pain_before: int | None = None,
        started_at: datetime | None = None,
        pain_choice: PainChoice | None = None,
    ) -> str:
        """Queue a new workout and return its id, to pass to the other calls."""
        workout_id = new_workout_id()
        values = {
            "session": session, "title": title, "session_hash": session_hash,
            "speed": float(speed), "started_at": to_text(started_at or utc_now()),
            "pain_before": pain_before, "owner": owner_tag(),
            "pain_choice": None if pain_choice is None else PainChoice(pain_choice).value,
        }  # fmt: skip
        self._put(Write("start", workout_id, values))
        return workout_id

    def reopen_workout(self, workout_id: str, *, interrupted_at: datetime | None) -> None:
        """Carry on an interrupted workout in its own row (``WorkoutLog.reopen_workout``)."""
        values = {
            "interrupted_at": text_or_none(interrupted_at),
            "at": to_text(utc_now()),
            "owner": owner_tag(),
        }
        self._put(Write("reopen", workout_id, values))

    def record_step(self, workout_id: str, step: LoggedStep) -> None:
        self._put(Write("step", workout_id, {"step": step_to_json(step)}))

    def finish_workout(
        self, workout_id: str, status: WorkoutStatus, *, ended_at: datetime | None = None
    ) -> None:
        status = WorkoutStatus(status)
        values = {"status": status.value, "ended_at": to_text(ended_at or utc_now())}
        self._put(Write("finish", workout_id, values))

    def annotate(
        self,
        workout_id: str,
        *,
        pain_before: int | None = None,
        pain_after: int | None = None,
        note: str | None = None,
    ) -> None:
        values = {"pain_before": pain_before, "pain_after": pain_after, "note": note}
        self._put(Write("annotate", workout_id, values))

    def set_morning_after(self, workout_id: str, pain: int | None) -> None:
        self._put(Write("morning_after", workout_id, {"pain": pain}))

    def set_morning_after_choice(self, workout_id: str, choice: PainChoice) -> None:
        self._put(Write("morning_after_choice", workout_id, {"choice": PainChoice(choice).value}))

    def record_sharp_pain(self, workout_id: str, pain: SharpPain) -> None:
        self._put(Write("sharp_pain", workout_id, pain.to_json()))

    def close_interrupted(self, workout_id: str) -> None:
        self._put(Write("close_interrupted", workout_id))

    def checkpoint(self) -> None:
        """Copy the WAL back into the log (after a workout); never kept for later."""
        self._put(Write("checkpoint"))

    # -- waiting ---------------------------------------------------------------------

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every write queued so far is made (or dropped); False on
        timeout, and at once while the log is not taking writes."""
        with self._ready:
            return (
                self._ready.wait_for(
                    lambda: (
                        not self._queue or not self.status.saving or not self._thread.is_alive()
                    ),
                    timeout,
                )
                and not self._queue
            )

    def close(self, timeout: float | None = 5.0) -> bool:
        """Make what is queued, then stop the thread. True if it all got into the log;
        otherwise what is left is in the recovery file (``status.recovery``). Later
        calls are reported through ``on_error`` and dropped."""
        if not self._closed:
            self._closed = True
            with self._ready:
                self._stopping = True
                self._ready.notify_all()
            self._wake.set()
        self._thread.join(timeout)
        with self._ready:
            left = list(self._queue)
        if not left:
            return not self._thread.is_alive()
        self._keep_in_recovery(left, self.status.problem or "the log did not answer in time")
        return False

    @property
    def pending(self) -> int:
        with self._ready:
            return len(self._queue)

    # -- the thread ------------------------------------------------------------------

    def _put(self, write: Write) -> None:
        if self._closed:
            self._report(f"workout log: cannot {write.what}: the log is closed")
            return
        with self._ready:
            self._queue.append(write)
            self._ready.notify_all()

    def _run(self) -> None:
        while True:
            with self._ready:
                self._ready.wait_for(lambda: self._queue or self._stopping)
                if not self._queue or (self._stopping and self._failures):
                    self._ready.notify_all()
                    return  # done, or closing while the log fails: close() keeps the rest
                write = self._queue[0]
            try:
                write.apply(self.log)
            except LogRefused as error:  # this write is wrong: trying again will not help
                self._report(f"workout log: could not {write.what}: {error}")
            except LogError as error:  # the disk, a lock, the file: keep it, try again
                self._failed(write, error)
                continue
            except Exception as error:  # noqa: BLE001 - a bug must not stop the thread or the UI
                self._report(
                    f"workout log: could not {write.what}: {type(error).__name__}: {error}"
                )
            self._done()

    def _done(self) -> None:
        """The write at the head was made (or dropped): on to the next."""
        with self._ready:
            self._queue.popleft()
            empty = not self._queue
            self._ready.notify_all()
        self._failures = 0
        if empty and not self.status.saving:
            if self.recovery is not None:
                self.recovery.remove()
            self._set_status(SaveStatus())

    def _failed(self, write: Write, error: LogError) -> None:
        self._failures += 1
        with self._ready:
            waiting = list(self._queue)
        if write.op == "checkpoint":  # nothing to keep: tidying can wait for next time
            self._done()
            return
        self._keep_in_recovery(waiting, f"could not {write.what}: {error}", error)
        if not self._stopping:
            delay = self.retry_delays[min(self._failures, len(self.retry_delays)) - 1]
            self._sleep(delay)

    def _keep_in_recovery(
        self, waiting: list[Write], problem: str, error: BaseException | None = None
    ) -> None:
        """Save ``waiting`` to the recovery file and say so through ``on_status``."""
        where = self.status.recovery
        if self.recovery is not None:
            try:
                where = self.recovery.save(waiting)
            except OSError:
                where = None  # still in memory, and tried again with the next failure
        advice, reason = self.status.advice, self.status.reason or problem
        if error is not None:
            advice = fault_advice(error.__cause__ or error, self.log.path)
            reason = " ".join(str(error.__cause__ or error).split())
        status = SaveStatus(
            saving=False,
            problem=" ".join(
                (
                    problem if problem.startswith("workout log:") else f"workout log: {problem}"
                ).split()
            ),
            reason=reason,
            advice=advice,
            waiting=sum(1 for write in waiting if write.op != "checkpoint"),
            recovery=where,
        )
        if status != self.status:
            self._set_status(status)

    def _set_status(self, status: SaveStatus) -> None:
        with self._ready:
            self.status = status
            self._ready.notify_all()
        try:
            self.on_status(status)
        except Exception:  # noqa: BLE001, S110 - the handler's own failure must not stop the log
            pass

    def _report(self, message: str) -> None:
        self.errors += 1
        line = " ".join(message.split())
        if line == self._last_error:
            return
        self._last_error = line
        try:
            self.on_error(line)
        except Exception:  # noqa: BLE001, S110 - the handler's own failure must not stop the log
            pass
