"""A log that fails to take writes: every write is kept, tried again with a growing
pause, kept in a recovery file meanwhile, and imported at the next start, in order,
once. The faults here are injected into a real log in a temporary folder (its
methods raise what SQLite raises for a full disk); test_real_faults.py makes them
for real. The writer's pauses go through a fake ``sleep``: nothing waits."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from kneecoach.services.logbook import Logbook
from kneecoach.store.log import WorkoutLog
from kneecoach.store.recovery import RecoveryFile, import_recoveries, recovery_files
from kneecoach.store.records import LogError
from kneecoach.store.schema import describe
from kneecoach.store.writer import RETRY_DELAYS, LogWriter, SaveStatus

from .helpers import T0, step


def full_disk(log: WorkoutLog) -> LogError:
    return describe(sqlite3.OperationalError("database or disk is full"), log.path)


class Fault:
    """Makes ``log.record_step`` fail with a full disk while ``on`` is set."""

    def __init__(self, log: WorkoutLog) -> None:
        self.on = threading.Event()
        self.tries = 0
        real = log.record_step

        def record_step(*args, **kwargs):
            self.tries += 1
            if self.on.is_set():
                raise full_disk(log)
            return real(*args, **kwargs)

        log.record_step = record_step  # type: ignore[method-assign]


def steps_of(log: WorkoutLog, workout_id: str) -> list[int]:
    found = log.workout(workout_id)
    assert found is not None
    return [s.index for s in found.steps]


def test_a_write_that_fails_is_kept_retried_with_growing_pauses_and_lands(
    folder: Path, tmp_path: Path
):
    log = WorkoutLog(folder)
    fault = Fault(log)
    statuses: list[SaveStatus] = []
    pauses: list[float] = []
    recovered = threading.Event()

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 7:  # the disk has room again after seven tries
            fault.on.clear()

    def heard(status: SaveStatus) -> None:
        statuses.append(status)
        if status.saving:
            recovered.set()

    recovery = RecoveryFile(log.path, [tmp_path / "elsewhere"])
    writer = LogWriter(log, recovery=recovery, on_status=heard, sleep=sleep)
    workout_id = writer.start_workout("demo", "Demo", started_at=T0)
    assert writer.flush(10)
    fault.on.set()
    for index in range(5):  # all five end while the disk is full
        writer.record_step(workout_id, step(index, rep=index + 1))
    writer.finish_workout(workout_id, "completed")
    assert recovered.wait(10)
    assert writer.flush(10)
    assert steps_of(log, workout_id) == [0, 1, 2, 3, 4]  # all of them, in order
    assert log.workout(workout_id).status == "completed"  # type: ignore[union-attr]
    assert pauses == [*RETRY_DELAYS, RETRY_DELAYS[-1], RETRY_DELAYS[-1]]
    failing = statuses[0]
    assert not failing.saving and failing.waiting == 6  # five steps and the finish
    assert "disk is full" in failing.problem and "free some space" in failing.advice
    assert failing.recovery == folder / recovery.name  # kept on disk too, beside the log
    assert statuses[-1] == SaveStatus()
    assert not (folder / recovery.name).exists()  # everything landed: no file left
    assert writer.close(10)
    log.close()


def test_a_write_the_log_refuses_is_dropped_and_said_not_retried(log: WorkoutLog):
    messages: list[str] = []
    pauses: list[float] = []
    writer = LogWriter(log, on_error=messages.append, sleep=pauses.append)
    writer.record_step("no-such-workout", step())  # a constraint: the write is wrong
    workout_id = writer.start_workout("demo", "Demo", started_at=T0)
    writer.record_step(workout_id, step())
    assert writer.close(10)
    assert pauses == [] and writer.status.saving
    assert len(messages) == 1 and "FOREIGN KEY" in messages[0]
    assert steps_of(log, workout_id) == [0]


def test_what_is_still_unsaved_at_the_end_is_imported_by_the_next_start_once(
    folder: Path, tmp_path: Path
):
    elsewhere = [tmp_path / "cache"]
    book = Logbook(folder, elsewhere=elsewhere, sleep=lambda seconds: None)
    fault = Fault(book.log)
    workout_id = book.writer.start_workout("demo", "Demo", started_at=T0, pain_before=2)
    assert book.writer.flush(10)
    fault.on.set()
    for index in range(4):
        book.writer.record_step(workout_id, step(index, rep=index + 1))
    book.writer.finish_workout(workout_id, "completed")
    book.close(timeout=10)
    assert book.unsaved is not None and "5 entries" in book.unsaved
    [(kept, data)] = recovery_files(folder / "kneecoach.db", elsewhere)
    assert kept.parent == folder and kept.stat().st_mode & 0o077 == 0
    assert [w["op"] for w in data["writes"]] == ["step"] * 4 + ["finish"]
    copy = kept.read_bytes()

    again = Logbook(folder, elsewhere=elsewhere)  # the disk has room again
    assert (again.imported.files, again.imported.writes) == (1, 5)
    assert not kept.exists()
    [workout] = again.log.workouts()
    assert [s.index for s in workout.steps] == [0, 1, 2, 3]
    assert (workout.status, workout.pain_before) == ("completed", 2)
    kept.write_bytes(copy)  # as if removing it had failed: imported again, nothing doubled
    assert import_recoveries(again.log, elsewhere).files == 1
    [workout] = again.log.workouts()
    assert len(workout.steps) == 4 and not kept.exists()
    again.close()


def test_a_step_written_but_reported_failed_is_not_doubled_by_the_import(folder: Path):
    """The write landed, yet the process kept it (it died before hearing back)."""
    log = WorkoutLog(folder)
    workout_id = log.start_workout("demo", "Demo", started_at=T0)
    landed = step(0).__class__(**{**step(0).__dict__, "seq": 0})
    log.record_step(workout_id, landed)
    recovery = RecoveryFile(log.path)
    writer = LogWriter(log, recovery=recovery, sleep=lambda s: None)
    writer.close()
    from kneecoach.store.writes import Write, step_to_json

    recovery.save([Write("step", workout_id, {"step": step_to_json(landed)})])
    assert import_recoveries(log).writes == 1
    assert steps_of(log, workout_id) == [0]
    log.close()


def test_a_recovery_file_goes_elsewhere_when_the_data_folder_takes_none(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import kneecoach.store.recovery as recovery_module

    real = recovery_module._write_owner_only

    def data_folder_full(target: Path, text: str) -> None:
        if target.parent == folder:
            raise OSError(28, "No space left on device")
        real(target, text)

    monkeypatch.setattr(recovery_module, "_write_owner_only", data_folder_full)
    log = WorkoutLog(folder)
    recovery = RecoveryFile(log.path, [tmp_path / "cache"])
    from kneecoach.store.writes import Write

    where = recovery.save([Write("close_interrupted", "w1")])
    assert where.parent == tmp_path / "cache"
    data = json.loads(where.read_text())
    assert data["log"] == str(log.path.absolute())
    assert [path for path, _ in recovery_files(log.path, [tmp_path / "cache"])] == [where]
    assert recovery_files(tmp_path / "another" / "kneecoach.db", [tmp_path / "cache"]) == []
    log.close()
