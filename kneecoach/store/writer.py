"""Writing the log off the UI thread.

The live screen must never wait for the disk, and must never be stopped by a log
that cannot be written. ``LogWriter`` owns one thread and one queue: each call puts
an item on the queue and returns at once; the thread writes and commits items one at
a time, in order, through its own connection, so a killed process loses at most
the step that was being written. Errors never reach the caller: each one becomes a
one-line message for ``on_error`` (the same message is not repeated twice in a row),
called on the writer's thread; a Textual app hands it on with ``call_from_thread``.

``start_workout`` returns the new workout's id straight away: ids are made here
(uuid4 hex), not by the database, so nothing waits for an INSERT.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from kneecoach.engine.outcomes import WorkoutStatus
from kneecoach.store.log import WorkoutLog
from kneecoach.store.owners import new_workout_id
from kneecoach.store.records import LogError, LoggedStep, utc_now

ErrorHandler = Callable[[str], None]


@dataclass(frozen=True)
class _Item:
    what: str  # for error messages: "start a workout", "save a step", ...
    write: Callable[[WorkoutLog], object]  # the WorkoutLog call that does it


_STOP = object()


class LogWriter:
    """Queues writes to ``log`` and commits them on a background thread.

    ``flush()`` waits until everything queued so far is written; ``close()`` does the
    same and stops the thread (call it on exit, SIGTERM and SIGHUP).
    """

    def __init__(self, log: WorkoutLog, on_error: ErrorHandler | None = None) -> None:
        self.log = log
        self.on_error = on_error or (lambda message: None)
        self.errors = 0
        self._queue: queue.SimpleQueue[_Item | object] = queue.SimpleQueue()
        self._pending = 0
        self._idle = threading.Condition()
        self._closed = False
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
        resumes: str | None = None,
        started_at: datetime | None = None,
    ) -> str:
        """Queue a new workout and return its id, to pass to the other calls."""
        workout_id = new_workout_id()
        started = started_at or utc_now()
        self._put(
            "start a workout",
            lambda log: log.start_workout(
                session, title, session_hash, speed=speed, started_at=started,
                pain_before=pain_before, resumes=resumes, workout_id=workout_id,
            ),
        )  # fmt: skip
        return workout_id

    def record_step(self, workout_id: str, step: LoggedStep) -> None:
        self._put("save a step", lambda log: log.record_step(workout_id, step))

    def finish_workout(
        self, workout_id: str, status: WorkoutStatus, *, ended_at: datetime | None = None
    ) -> None:
        ended = ended_at or utc_now()
        self._put(
            "finish the workout",
            lambda log: log.finish_workout(workout_id, status, ended_at=ended),
        )

    def annotate(
        self,
        workout_id: str,
        *,
        pain_before: int | None = None,
        pain_after: int | None = None,
        note: str | None = None,
    ) -> None:
        self._put(
            "save the pain scores and note",
            lambda log: log.annotate(
                workout_id, pain_before=pain_before, pain_after=pain_after, note=note
            ),
        )

    def set_morning_after(self, workout_id: str, pain: int | None) -> None:
        self._put(
            "save the morning-after pain", lambda log: log.set_morning_after(workout_id, pain)
        )

    def close_interrupted(self, workout_id: str) -> None:
        self._put("close the interrupted workout", lambda log: log.close_interrupted(workout_id))

    # -- waiting ---------------------------------------------------------------------

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every item queued so far is written (or failed); False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def close(self, timeout: float | None = 5.0) -> bool:
        """Write what is queued, then stop the thread. True if it all got written in
        time; later calls are reported through ``on_error`` and dropped."""
        if not self._closed:
            self._closed = True
            self._queue.put(_STOP)
        self._thread.join(timeout)
        drained = not self._thread.is_alive()
        if not drained:
            self._report(f"workout log: {self._pending} writes still waiting after {timeout:g} s")
        return drained

    @property
    def pending(self) -> int:
        return self._pending

    # -- the thread ------------------------------------------------------------------

    def _put(self, what: str, write: Callable[[WorkoutLog], object]) -> None:
        if self._closed:
            self._report(f"workout log: cannot {what}: the log is closed")
            return
        with self._idle:
            self._pending += 1
        self._queue.put(_Item(what, write))

    def _run(self) -> None:
        try:
            while True:
                item = self._queue.get()
                if item is _STOP:
                    return
                assert isinstance(item, _Item)
                try:
                    item.write(self.log)
                except LogError as error:
                    self._report(f"workout log: could not {item.what}: {error}")
                except Exception as error:  # noqa: BLE001 - a bug must not stop the thread or the UI
                    self._report(
                        f"workout log: could not {item.what}: {type(error).__name__}: {error}"
                    )
                finally:
                    with self._idle:
                        self._pending -= 1
                        self._idle.notify_all()
        finally:
            with self._idle:
                self._idle.notify_all()

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
