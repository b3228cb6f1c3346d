"""LogWriter: writes off the caller's thread, in order, each committed at once;
errors reported as one line, never raised; two processes writing at once."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

from kneecoach.store.log import WorkoutLog
from kneecoach.store.writer import LogWriter

from .helpers import T0, step, write_concurrently


def test_calls_return_at_once_and_everything_is_written_in_order(log: WorkoutLog):
    release = threading.Event()
    entered = threading.Event()
    record_step = log.record_step

    def slow_record_step(*args, **kwargs):  # holds the writer thread until released
        entered.set()
        release.wait()
        return record_step(*args, **kwargs)

    log.record_step = slow_record_step  # type: ignore[method-assign]
    writer = LogWriter(log)
    workout_id = writer.start_workout("demo", "Demo", "hash", pain_before=2, started_at=T0)
    for index in range(5):
        writer.record_step(workout_id, step(index, rep=index + 1))
    writer.finish_workout(workout_id, "completed")
    writer.annotate(workout_id, pain_after=1, note="good")
    assert entered.wait(10)
    assert writer.pending == 7  # all but the workout itself wait; the caller did not
    assert not writer.flush(timeout=0.05)
    release.set()
    assert writer.flush(timeout=10)
    [workout] = log.workouts()
    assert workout.id == workout_id and workout.status == "completed"
    assert (workout.pain_before, workout.pain_after, workout.note) == (2, 1, "good")
    assert [s.index for s in workout.steps] == [0, 1, 2, 3, 4]
    assert writer.close(timeout=10)


def test_each_step_is_committed_as_soon_as_it_is_written(folder: Path):
    log = WorkoutLog(folder)
    writer = LogWriter(log)
    workout_id = writer.start_workout("demo", "Demo", started_at=T0)
    writer.record_step(workout_id, step(0))
    assert writer.flush(timeout=10)
    reader = WorkoutLog(folder)  # another connection sees it: it was committed
    assert len(reader.workout(workout_id).steps) == 1  # type: ignore[union-attr]
    assert writer.close(timeout=10)
    reader.close()
    log.close()


def test_errors_become_one_line_messages_and_the_writer_keeps_going(log: WorkoutLog):
    messages: list[str] = []
    writer = LogWriter(log, on_error=messages.append)
    writer.record_step("no-such-workout", step())  # refused by the database
    writer.record_step("no-such-workout", step())  # the same message is not repeated
    writer.annotate("x", pain_after=12)  # refused in Python
    workout_id = writer.start_workout("demo", "Demo", started_at=T0)
    writer.record_step(workout_id, step())
    assert writer.close(timeout=10)
    assert len(messages) == 2
    assert all("\n" not in m and m.startswith("workout log: could not ") for m in messages)
    assert "save a step" in messages[0] and "kneecoach.db" in messages[0]
    assert "0 to 10" in messages[1]
    assert log.workout(workout_id).steps_done == 1  # type: ignore[union-attr]
    assert writer.errors == 3


def test_a_failing_error_handler_does_not_stop_the_writer(log: WorkoutLog):
    def broken(message: str) -> None:
        raise RuntimeError("handler broke")

    writer = LogWriter(log, on_error=broken)
    writer.record_step("no-such-workout", step())
    workout_id = writer.start_workout("demo", "Demo", started_at=T0)
    assert writer.close(timeout=10)
    assert log.workout(workout_id) is not None


def test_after_close_calls_are_reported_not_raised(log: WorkoutLog):
    messages: list[str] = []
    writer = LogWriter(log, on_error=messages.append)
    assert writer.close(timeout=10)
    assert writer.close(timeout=10)  # twice is fine
    writer.start_workout("demo", "Demo")
    assert messages == ["workout log: cannot start a workout: the log is closed"]
    assert log.workouts() == []


def test_close_says_when_the_queue_did_not_drain_in_time(log: WorkoutLog):
    release = threading.Event()
    log.close_interrupted = lambda workout_id: release.wait()  # type: ignore[method-assign]
    writer = LogWriter(log)
    writer.close_interrupted("x")
    writer.close_interrupted("y")
    assert not writer.close(timeout=0.05)
    assert not writer.status.saving and writer.status.waiting == 2
    assert "did not answer in time" in writer.status.problem
    release.set()
    assert writer.close(timeout=10)


def test_two_processes_writing_at_once_both_succeed(folder: Path):
    """Each process opens the (new) log itself, so creating and migrating it races too."""
    steps = 1000
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    workers = [
        context.Process(
            target=write_concurrently, args=(str(folder), name, steps, barrier, results)
        )
        for name in ("first", "second")
    ]
    for worker in workers:
        worker.start()
    outcome = {label: (workout_id, drained, errors) for label, workout_id, drained, errors in
               (results.get(timeout=120) for _ in workers)}  # fmt: skip
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    with WorkoutLog(folder) as log:
        workouts = {w.id: w for w in log.workouts()}
    assert len(workouts) == 2
    for workout_id, drained, errors in outcome.values():
        assert errors == [] and drained
        workout = workouts[workout_id]
        assert workout.status == "completed"
        assert [s.index for s in workout.steps] == list(range(steps))
