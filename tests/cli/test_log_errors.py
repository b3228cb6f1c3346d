"""A log that cannot be used stops the app with one line, and is never replaced."""

from __future__ import annotations

import sqlite3

from kneecoach import cli


def test_a_damaged_log_is_copied_aside_and_refused(tmp_path, capsys):
    db = tmp_path / "kneecoach.db"
    damaged = b"SQLite format 3\x00" + bytes(range(256)) * 20
    db.write_bytes(damaged)
    assert cli.main(["--data-dir", str(tmp_path), "run", "goodrx-runners-knee"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kneecoach: ") and err.count("\n") == 1 and str(db) in err
    assert db.read_bytes() == damaged  # untouched
    backups = list(tmp_path.glob("kneecoach.db.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == damaged


def test_a_log_from_a_newer_kneecoach_is_refused(tmp_path, capsys):
    connection = sqlite3.connect(tmp_path / "kneecoach.db")
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    assert (
        cli.main(
            ["--data-dir", str(tmp_path), "dose", "goodrx-runners-knee", "wall-sit", "--hold", "30"]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "newer" in err and err.count("\n") == 1
    assert list(tmp_path.glob("kneecoach.db.newer-*"))
