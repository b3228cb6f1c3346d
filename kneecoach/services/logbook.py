"""The app's handle on the workout log: it listens to engine events and writes.

Every step is queued for the log the moment it ends and committed by the writer's
thread, so a ``kill -9`` loses at most the step in progress. A workout still open
when the app closes (SIGTERM, SIGHUP, a crash caught on the way out) is saved as
``interrupted``; one left ``in progress`` by a killed process is marked so at the
next start, and can be resumed that day, in the same row of the log.

Opening it checks that the log can be written (so that no workout runs unsaved),
and imports the recovery files of earlier runs whose writes the log could not
take (``kneecoach.store.recovery``) before anything else reads it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from kneecoach.engine import Event, EventKind, Outcome, Session, StepRecord, Workout
from kneecoach.engine.outcomes import PainChoice, WorkoutStatus
from kneecoach.engine.summary import summarize
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedStep, LoggedWorkout, SharpPain, local_date, utc_now
from kneecoach.store.recovery import Imported, RecoveryFile, import_recoveries
from kneecoach.store.writer import LogWriter


class Logbook:
    def __init__(
        self,
        folder: Path,
        on_error: Callable[[str], None] | None = None,
        *,
        elsewhere: Sequence[Path] | None = None,
        sleep: Callable[[float], object] | None = None,
    ) -> None:
        """``elsewhere``: where a recovery file may go when the data folder takes none
        (default: the cache folder, then the temporary folder); ``sleep``: for tests
        of the writer's retries."""
        if elsewhere is None:
            from kneecoach.settings.paths import recovery_dirs

            elsewhere = recovery_dirs()
        self.log = WorkoutLog(folder)  # LogError: damaged, newer, locked, unwritable
        try:
            self.log.check_writable()  # LogError: read-only, full, locked
            self.imported: Imported = import_recoveries(self.log, elsewhere)
            self.log.mark_interrupted_stale()
        except BaseException:
            self.log.close()
            raise
        recovery = RecoveryFile(self.log.path, elsewhere)
        self.writer = LogWriter(self.log, on_error, recovery=recovery, sleep=sleep)
        self._ids: dict[int, str] = {}  # id(Workout) -> its row in the log
        self._open: dict[int, str] = {}  # the same, for workouts not finished yet
        self._seq: dict[int, int] = {}  # id(Workout) -> the next step's place in its row
        self._pain_before: dict[int, int | None] = {}
        self._closed = False
        self._closing = threading.Lock()

    # -- a workout's life ------------------------------------------------------------

    def begin(
        self,
        workout: Workout,
        *,
        pain_before: int | None = None,
        resume: LoggedWorkout | None = None,
        pain_choice: PainChoice | None = None,
    ) -> str:
        """Log ``workout`` as started; with ``resume``, it carries on that interrupted
        workout in its own row (its pain before was asked when it started).
        ``pain_choice``: what the person chose when their pain said to stop."""
        session = workout.plan.session
        if resume is not None:
            workout_id = resume.id
            self.writer.reopen_workout(workout_id, interrupted_at=resume.ended_at)
            pain_before = resume.pain_before
            seqs = [step.seq for step in resume.steps if step.seq is not None]
            self._seq[id(workout)] = max([len(resume.steps) - 1, *seqs]) + 1
        else:
            workout_id = self.writer.start_workout(
                session.id,
                session.title,
                session.content_hash,
                speed=workout.speed,
                pain_before=pain_before,
                pain_choice=pain_choice,
            )
            self._seq[id(workout)] = 0
        self._ids[id(workout)] = self._open[id(workout)] = workout_id
        self._pain_before[id(workout)] = pain_before
        return workout_id

    def stopped(self, session: Session, pain_before: int | None) -> str:
        """No workout today: the person stopped when their pain before it said to.
        Logged all the same (its pain score is health data), with nothing done."""
        workout_id = self.writer.start_workout(
            session.id,
            session.title,
            session.content_hash,
            pain_before=pain_before,
            pain_choice=PainChoice.STOP,
        )
        self.writer.finish_workout(workout_id, WorkoutStatus.FINISHED_EARLY)
        return workout_id

    def pain_before(self, workout: Workout) -> int | None:
        return self._pain_before.get(id(workout))

    def workout_id(self, workout: Workout) -> str | None:
        return self._ids.get(id(workout))

    def handle(self, event: Event, workout: Workout, *, muted: bool) -> None:
        workout_id = self._open.get(id(workout))
        if workout_id is None:
            return
        if event.kind is EventKind.STEP_ENDED and event.step is not None:
            pauses = workout.records[event.step.index].pauses  # closed with this event
            outcome = event.outcome or Outcome.SKIPPED
            seq = self._seq[id(workout)]
            self._seq[id(workout)] = seq + 1
            record = StepRecord(event.step, outcome, event.active_seconds or 0.0, pauses)
            self.writer.record_step(
                workout_id, LoggedStep.from_record(record, seq=seq, ended_at=utc_now())
            )
        elif event.kind is EventKind.SHARP_PAIN and event.step is not None:
            step = event.step
            pain = SharpPain(step.exercise, utc_now(), step.index, step.part, step.side)
            self.writer.record_sharp_pain(workout_id, pain)
        elif event.kind in (EventKind.SET_DONE, EventKind.EXERCISE_DONE):
            self.writer.checkpoint()  # the WAL back into the log, between sets
        elif event.kind is EventKind.SESSION_DONE:
            # as the summary screen will say: one definition of a completed workout
            exercises = workout.plan.session.exercises
            summary = summarize(exercises, workout.records, workout.sharp_pain)
            status = WorkoutStatus.FINISHED_EARLY if event.early else summary.status
            self._end(workout, status)

    def _end(self, workout: Workout, status: WorkoutStatus) -> None:
        workout_id = self._open.pop(id(workout), None)
        if workout_id is not None:
            self.writer.finish_workout(workout_id, status)
            self.writer.checkpoint()  # the WAL back into the log, between workouts

    def prepare(self, sessions: Sequence[Session]) -> None:
        pass  # the log was opened (and checked) when the logbook was made

    def flush(self, workout: Workout, *, muted: bool) -> None:
        pass  # every step is already on its way

    def stop(self) -> None:
        pass  # muting is for sound: the log keeps writing

    def after(self, workout: Workout, pain: int | None, note: str) -> None:
        """The pain score and note given at the end of ``workout``."""
        workout_id = self._ids.get(id(workout))
        if workout_id is not None and (pain is not None or note):
            self.writer.annotate(workout_id, pain_after=pain, note=note or None)

    def interrupt(self, workout: Workout) -> None:
        """The person quit: ``workout`` ends ``interrupted``, to be carried on today.
        The step in progress is not logged: carrying on starts it again."""
        self._end(workout, WorkoutStatus.INTERRUPTED)

    def interrupt_open(self) -> None:
        """Save every unfinished workout as ``interrupted`` (the app is going away)."""
        for key, workout_id in list(self._open.items()):
            del self._open[key]
            self.writer.finish_workout(workout_id, WorkoutStatus.INTERRUPTED)

    def close(self, timeout: float = 5.0) -> None:
        """Save what is open as interrupted, write everything queued, close. Once.
        What the log could not take is in the recovery file (``unsaved`` says so)."""
        with self._closing:  # the app, or the watchdog on its own thread
            if self._closed:
                return
            self._closed = True
            self.interrupt_open()
            self.writer.close(timeout)
            self.log.close()

    def import_notices(self) -> list[str]:
        """What the start-up import of recovery files has to say, one line each."""
        imported = self.imported
        notices = list(imported.problems)
        if imported.writes:
            notices.insert(
                0,
                f"Added to your log: {imported.writes} entries that an earlier run could not "
                "save (kept in a recovery file until now).",
            )
        return notices

    @property
    def unsaved(self) -> str | None:
        """After ``close``: one line saying what could not be written and where it
        is kept, or None if everything is in the log."""
        status = self.writer.status
        if not self._closed or status.saving:
            return None
        count = f"{status.waiting} entr{'y' if status.waiting == 1 else 'ies'}"
        if status.recovery is None:
            return f"{status.problem}; {count} of this run could not be kept anywhere"
        return (
            f"{status.problem}; {count} of this run are kept in {status.recovery} and go into "
            f"the log at the next start ({status.advice})"
        )

    # -- what to ask at start-up -------------------------------------------------------

    def morning_after_due(self, now: datetime | None = None) -> LoggedWorkout | None:
        return self.log.pending_morning_after(now or utc_now())

    def record_morning_after(self, workout_id: str, pain: int | None) -> None:
        self.writer.set_morning_after(workout_id, pain)

    def record_morning_after_choice(self, workout_id: str, choice: PainChoice) -> None:
        self.writer.set_morning_after_choice(workout_id, choice)

    def resumable(
        self, session: str | None = None, today: date | None = None, *, rehearsal: bool = False
    ) -> LoggedWorkout | None:
        """Today's latest interrupted workout (of ``session``, if given) not yet
        resumed or closed, with its steps: a real one for a real run, a rehearsal
        for a rehearsal."""
        today = today or local_date(utc_now())
        return self.log.last_interrupted(session, today, rehearsal=rehearsal)

    def close_interrupted(self, workout_id: str) -> None:
        self.writer.close_interrupted(workout_id)


def resume_index(workout: LoggedWorkout) -> int:
    """The step to carry on from: the one after the last step that ended."""
    return max((step.index for step in workout.steps), default=-1) + 1


def carry_over(workout: Workout, resume: LoggedWorkout) -> int:
    """Fill ``workout``'s records with the steps already logged; the step to start at."""
    for step in resume.steps:
        if 0 <= step.index < len(workout.records):
            planned = workout.plan.steps[step.index]
            workout.set_record(
                step.index, StepRecord(planned, step.outcome, step.actual_seconds, step.pauses)
            )
    return resume_index(resume)
