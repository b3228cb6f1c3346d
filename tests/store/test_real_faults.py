"""Real storage faults, made for real: a log file the user cannot write (run as user
``nobody``, since root writes anywhere), a disk that fills up (a small tmpfs, which
needs root to mount), a write lock held by another process (BEGIN EXCLUSIVE).

In CI (CI=true) a test that cannot make its fault fails unless the reason is a
genuine lack of privilege; elsewhere it is skipped. The writer's pauses between
tries are injected (10 ms, not seconds); the faults themselves run in real time,
so the waits here poll with a bound."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kneecoach.services.logbook import Logbook
from kneecoach.store.log import WorkoutLog
from kneecoach.store.recovery import RecoveryFile, recovery_files
from kneecoach.store.writer import LogWriter, SaveStatus

from .helpers import T0, step

IN_CI = bool(os.environ.get("CI"))
SHORT_PAUSE = threading.Event().wait  # the writer's pause, shortened: wait(seconds) -> ...


def pause_briefly(seconds: float) -> None:
    SHORT_PAUSE(0.01)


def cannot(reason: str, privilege: bool) -> None:
    """Skip for want of privilege; in CI, any other reason is a failure."""
    if IN_CI and not privilege:
        pytest.fail(f"the fault could not be made: {reason}")
    pytest.skip(reason)


class Heard:
    """The writer's statuses, and an event for saving working again."""

    def __init__(self) -> None:
        self.statuses: list[SaveStatus] = []
        self.saving_again = threading.Event()

    def __call__(self, status: SaveStatus) -> None:
        self.statuses.append(status)
        if status.saving:
            self.saving_again.set()


# -- a file the user cannot write ------------------------------------------------------

AS_NOBODY = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kneecoach.services.logbook import Logbook
    from kneecoach.store.records import LogError
    for folder in sys.argv[1:]:
        try:
            Logbook(Path(folder), elsewhere=[]).close()
        except LogError as error:
            print(error)
        else:
            print("opened")
    """
)


def as_nobody() -> list[str]:
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        cannot("needs root (to become nobody) and setpriv", privilege=os.geteuid() != 0)
    nobody = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable]
    if subprocess.run([*nobody, "-c", "import kneecoach.store.log"], check=False).returncode:
        cannot("user nobody cannot run this Python", privilege=True)
    return nobody


def test_a_log_that_cannot_be_written_is_refused_before_any_workout():
    """Today's fault: the log file read-only (another user's, or made read-only by
    its owner). kneecoach opened it, ran a whole workout and saved nothing."""
    nobody = as_nobody()
    with tempfile.TemporaryDirectory() as public:
        os.chmod(public, 0o755)
        folders = [Path(public, "someone-elses"), Path(public, "made-read-only")]
        for folder in folders:
            WorkoutLog(folder).close()
            os.chown(folder, 65534, 65534)
        db = folders[0] / "kneecoach.db"
        db.chmod(0o644)  # root's file: nobody reads it, cannot write it
        own = folders[1] / "kneecoach.db"
        os.chown(own, 65534, 65534)
        own.chmod(0o400)  # nobody's own file, made read-only: kneecoach leaves it so
        before = [db.read_bytes(), own.read_bytes()]
        out = subprocess.run(
            [*nobody, "-c", AS_NOBODY, *map(str, folders)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
        assert [db.read_bytes(), own.read_bytes()] == before
        assert own.stat().st_mode & 0o777 == 0o400
    assert len(out) == 2
    for line, path in zip(out, (db, own), strict=True):
        assert line.startswith(f"{path}: attempt to write a readonly database")
        assert "nothing could be saved, so no workout was started" in line
        assert f"make {path} and its folder writable" in line


# -- a full disk -------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB tmpfs, unmounted afterwards."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mount = shutil.which("mount")
    if mount is None:
        cannot("no mount command", privilege=False)
    made = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        text = made.stderr.lower()
        privilege = os.geteuid() != 0 or any(
            words in text for words in ("permission denied", "not permitted", "superuser")
        )
        cannot(f"cannot mount a tmpfs: {made.stderr.strip()}", privilege=privilege)
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(disk: Path) -> Path:
    """Fill ``disk`` up; the filler file, to remove when it should have room again."""
    filler = disk / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(descriptor, b"\0" * 65536)
    except OSError as error:
        assert error.errno == 28  # no space left on device
    try:
        while True:  # the last few bytes too
            os.write(descriptor, b"\0" * 512)
    except OSError:
        pass
    finally:
        os.close(descriptor)
    return filler


def test_steps_that_end_while_the_disk_is_full_land_once_it_has_room(
    small_disk: Path, tmp_path: Path
):
    log = WorkoutLog(small_disk / "data")
    heard = Heard()
    recovery = RecoveryFile(log.path, [tmp_path / "cache"])
    writer = LogWriter(log, recovery=recovery, on_status=heard, sleep=pause_briefly)
    workout_id = writer.start_workout("demo", "Demo", started_at=T0)
    writer.record_step(workout_id, step(0, rep=1))
    assert writer.flush(10)
    filler = fill(small_disk)
    for index in range(1, 21):  # twenty steps end while the disk is full
        writer.record_step(workout_id, step(index, rep=index + 1))
    writer.finish_workout(workout_id, "completed")
    deadline = threading.Event()
    for _ in range(500):  # until the writer says it is not saving (bounded)
        if heard.statuses:
            break
        deadline.wait(0.01)
    failing = heard.statuses[0]
    assert not failing.saving and "full" in failing.problem
    # the data folder is full too: the recovery file went to the other folder
    assert failing.recovery is not None and failing.recovery.parent == tmp_path / "cache"
    filler.unlink()
    assert heard.saving_again.wait(20)
    found = log.workout(workout_id)
    assert found is not None and found.status == "completed"
    assert [s.index for s in found.steps] == list(range(21))  # none lost, in order, once
    assert recovery_files(log.path, [tmp_path / "cache"]) == []  # not needed any more
    assert writer.close(10)
    log.close()


def test_a_disk_full_until_the_end_keeps_the_workout_for_the_next_start(
    small_disk: Path, tmp_path: Path
):
    elsewhere = [tmp_path / "cache"]
    book = Logbook(small_disk / "data", elsewhere=elsewhere, sleep=pause_briefly)
    workout_id = book.writer.start_workout("demo", "Demo", started_at=T0, pain_before=1)
    assert book.writer.flush(10)
    filler = fill(small_disk)
    for index in range(10):
        book.writer.record_step(workout_id, step(index, rep=index + 1))
    book.writer.finish_workout(workout_id, "completed")
    book.close(timeout=10)
    assert book.unsaved is not None and str(tmp_path / "cache") in book.unsaved
    filler.unlink()  # space again, by the next start
    again = Logbook(small_disk / "data", elsewhere=elsewhere)
    assert again.imported.files == 1 and again.imported.problems == []
    [workout] = again.log.workouts()
    assert (workout.status, workout.pain_before) == ("completed", 1)
    assert [s.index for s in workout.steps] == list(range(10))
    assert recovery_files(again.log.path, elsewhere) == []
    again.close()


# -- a lock held by another program ---------------------------------------------------------

HOLD_LOCK = textwrap.dedent(
    """
    import sqlite3, sys
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    sys.stdin.read()
    connection.execute("ROLLBACK")
    """
)


def test_steps_that_end_while_another_program_holds_the_lock_land_after_it(
    folder: Path, tmp_path: Path
):
    log = WorkoutLog(folder, busy_timeout=0.2)
    heard = Heard()
    recovery = RecoveryFile(log.path, [tmp_path / "cache"])
    writer = LogWriter(log, recovery=recovery, on_status=heard, sleep=pause_briefly)
    workout_id = writer.start_workout("demo", "Demo", started_at=T0)
    assert writer.flush(10)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(log.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        for index in range(8):
            writer.record_step(workout_id, step(index, rep=index + 1))
        writer.finish_workout(workout_id, "completed")
        for _ in range(1000):  # bounded: until the writer says so
            if heard.statuses:
                break
            threading.Event().wait(0.01)
        failing = heard.statuses[0]
        assert not failing.saving and "locked" in failing.problem
        assert "close the other program" in failing.advice
        assert failing.recovery == folder / recovery.name
    finally:
        holder.communicate("")  # the other program lets go
    assert heard.saving_again.wait(20)
    found = log.workout(workout_id)
    assert found is not None and found.status == "completed"
    assert [s.index for s in found.steps] == list(range(8))
    assert not (folder / recovery.name).exists()
    assert writer.close(10)
    log.close()
