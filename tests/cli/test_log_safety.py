"""The log is never destroyed by kneecoach: export never writes onto it (or its
WAL, SHM, kept copies) and replaces a file only with --force; the commands that
only read change nothing; damage found after start-up is one line, exit 1, and
the damaged file is copied aside once."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
from contextlib import nullcontext
from pathlib import Path

import pytest

from kneecoach.cli import main
from kneecoach.store import schema
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedStep
from tests.store.helpers import T0
from tests.store.test_resumed_and_read_only import version_2_log


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file's content and mode (the -wal and -shm SQLite makes for a reader aside)."""
    return {
        path.name: (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mode)
        for path in sorted(folder.iterdir())
        if not path.name.endswith(("-wal", "-shm"))
    }


@pytest.fixture
def log_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with WorkoutLog(folder) as log:
        for day in range(3):
            workout_id = log.start_workout("goodrx-runners-knee", "GoodRx", started_at=T0)
            log.record_steps(
                workout_id, [LoggedStep(i, "hold", "wall-sit", 5, 5, "done") for i in range(20)]
            )
            log.finish_workout(workout_id, "completed")
    return folder


@pytest.mark.parametrize(
    "name", ["kneecoach.db", "kneecoach.db-wal", "kneecoach.db-shm",
             "kneecoach.db.corrupt-20240101T000000", "kneecoach.db.recovery-x.json"],
)  # fmt: skip
def test_export_never_writes_onto_the_log_or_a_file_kept_with_it(capsys, log_folder, name):
    target = log_folder / name
    if not target.exists():
        target.write_bytes(b"kept")
    before = fingerprint(log_folder)
    for force in ([], ["--force"]):
        code, out, err = run(capsys, "--data-dir", str(log_folder), "export", "--format",
                             "csv", "--output", str(target), *force)  # fmt: skip
        assert (code, out) == (1, "")
        assert err.count("\n") == 1 and "will not write" in err and "workout log" in err
    assert fingerprint(log_folder) == before
    with WorkoutLog(log_folder) as log:
        assert len(log.workouts()) == 3


def test_export_never_writes_onto_the_log_by_another_name(capsys, log_folder, tmp_path):
    link = tmp_path / "export.csv"
    link.symlink_to(log_folder / "kneecoach.db")
    hard = tmp_path / "hard.csv"
    os.link(log_folder / "kneecoach.db", hard)
    before = fingerprint(log_folder)
    for target in (link, hard):
        code, _, err = run(capsys, "--data-dir", str(log_folder), "export", "--format", "json",
                           "--output", str(target), "--force")  # fmt: skip
        assert code == 1 and "will not write" in err
    assert fingerprint(log_folder) == before


def test_export_replaces_a_file_only_when_told_to(capsys, log_folder, tmp_path):
    target = tmp_path / "for-my-physio.csv"
    target.write_text("the old export")
    code, _, err = run(capsys, "--data-dir", str(log_folder), "export", "--format", "csv",
                       "--output", str(target))  # fmt: skip
    assert code == 1 and err == f"kneecoach: {target} exists; add --force to replace it\n"
    assert target.read_text() == "the old export"
    code, _, _ = run(capsys, "--data-dir", str(log_folder), "export", "--format", "csv",
                     "--output", str(target), "--force")  # fmt: skip
    assert code == 0 and target.read_text().startswith("workout_id,")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


@pytest.mark.parametrize("older", [False, True], ids=["this-version", "version-2"])
@pytest.mark.parametrize(
    "argv",
    [
        ["history"],
        ["history", "--json"],
        ["export", "--format", "json"],
        ["plan", "goodrx-runners-knee"],
        ["dose", "goodrx-runners-knee"],
    ],
)
def test_commands_that_read_change_nothing(capsys, log_folder, tmp_path, argv, older):
    if older:  # a log of an older version: read as version 3 would, not migrated
        log_folder = tmp_path / "older"
        version_2_log(log_folder)
    with WorkoutLog(log_folder) if not older else nullcontext() as log:
        if log is not None:  # left in progress by a process that is gone: not marked
            stale = log.start_workout("goodrx-runners-knee", "GoodRx", started_at=T0)
            log.connection.execute(
                "UPDATE workouts SET owner = 'x 2147483646 y' WHERE id = ?", (stale,)
            )
    (log_folder / "kneecoach.db").chmod(0o640)  # not kneecoach's mode: left as it is
    before = fingerprint(log_folder)
    code, out, err = run(capsys, "--data-dir", str(log_folder), *argv)
    assert (code, err) == (0, "")
    assert fingerprint(log_folder) == before
    connection = sqlite3.connect(log_folder / "kneecoach.db")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    connection.close()
    assert version == (2 if older else schema.latest_version())


def damage_the_steps(folder: Path) -> bytes:
    """Spoil the pages of the steps table and of the tallies kept of them only: the
    log opens, reading steps (or working out a dose from them) fails."""
    db = folder / "kneecoach.db"
    connection = sqlite3.connect(db)
    try:
        pages = [row[0] for row in connection.execute(
            "SELECT pageno FROM dbstat WHERE name IN ('steps', 'workout_tallies')"
            " AND pagetype = 'leaf'")]  # fmt: skip
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to find the steps' pages with")
    finally:
        connection.close()
    content = bytearray(db.read_bytes())
    size = int.from_bytes(content[16:18], "big")
    rng = random.Random(7)
    for page in pages:
        content[(page - 1) * size : page * size] = rng.randbytes(size)
    db.write_bytes(bytes(content))
    return bytes(content)


def test_damage_found_by_a_command_is_one_line_and_set_aside_once(capsys, log_folder):
    content = damage_the_steps(log_folder)
    for _ in range(3):
        code, out, err = run(capsys, "--data-dir", str(log_folder), "history", "--json")
        assert (code, out) == (1, "")
        assert err.count("\n") == 1 and "is damaged" in err and "a copy is in" in err
    [copy] = log_folder.glob("kneecoach.db.corrupt-*")
    assert copy.read_bytes() == content
    assert (log_folder / "kneecoach.db").read_bytes() == content


def test_damage_found_by_the_app_after_start_up_is_one_line_and_exit_1(capsys, log_folder):
    """The picker works out today's dose of each session from the log's steps: that
    is where a log damaged inside its steps is found, after the log opened."""
    content = damage_the_steps(log_folder)
    code, out, err = run(capsys, "--data-dir", str(log_folder), "--audio", "off")
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("kneecoach: ") and "is damaged" in err
    assert "Traceback" not in out + err
    [copy] = [p for p in log_folder.glob("kneecoach.db.corrupt-*") if p.name[-4:] != "-wal"]
    assert copy.read_bytes() == content


@pytest.mark.parametrize("content", ["[]", "null", '{"sessions": 3}', "{not json"])
def test_a_damaged_acknowledgements_file_is_set_aside_once_and_the_notice_shown_again(
    tmp_path, content
):
    from kneecoach.services.acknowledgements import FileAcknowledgements

    (tmp_path / "acknowledged.json").write_text(content)
    acknowledgements = FileAcknowledgements(tmp_path)
    for _ in range(3):
        assert not acknowledgements.is_acknowledged("goodrx-runners-knee")
    problem = acknowledgements.check()
    assert problem is not None and "is damaged" in problem and "shown again" in problem
    [copy] = tmp_path.glob("acknowledged.json.corrupt-*")
    assert copy.read_text() == content and copy.name in problem
    acknowledgements.acknowledge("goodrx-runners-knee")  # the file is good again
    assert FileAcknowledgements(tmp_path).is_acknowledged("goodrx-runners-knee")
