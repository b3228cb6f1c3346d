"""`kneecoach history` and `kneecoach export` on a real log in a temp folder."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest

from kneecoach.cli import main
from kneecoach.store.export import CSV_FIELDS
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedStep

WORKOUT_KEYS = {
    "id", "session", "title", "started_at", "ended_at", "status", "speed", "pain_before",
    "pain_after", "note", "steps",
}  # fmt: skip
STEP_KEYS = {
    "index", "kind", "exercise", "part", "side", "set", "rep", "planned_seconds",
    "actual_seconds", "outcome",
}  # fmt: skip


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """Local time is UTC here, so that dates in the table are the ones written."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def steps(hold: float) -> list[LoggedStep]:
    return [
        LoggedStep(0, "prepare", "wall-sit", 5.0, 5.0, "done"),
        LoggedStep(1, "hold", "wall-sit", hold, hold, "done", None, None, 1, 1),
        LoggedStep(2, "rest", "wall-sit", 3.0, 3.0, "skipped", None, None, 1, 2),
        LoggedStep(3, "hold", "wall-sit", hold, hold / 2, "cut short", None, None, 1, 2),
    ]


@pytest.fixture
def data(tmp_path):
    """Three days ago, two days ago and yesterday (a streak of 3), each 07:30 UTC;
    the last one of another session, plus a rehearsal yesterday evening."""
    folder = tmp_path / "data"
    today = datetime.now(UTC).date()
    with WorkoutLog(folder) as log:
        for ago, session, pain in (
            (3, "goodrx", (3, 2)),
            (2, "goodrx", (None, 1)),
            (1, "cc", (4, 4)),
        ):
            day = today - timedelta(days=ago)
            start = datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC)
            workout_id = log.start_workout(session, session.upper(), started_at=start,
                                           pain_before=pain[0])  # fmt: skip
            log.record_steps(workout_id, steps(10.0 + ago))
            log.finish_workout(workout_id, "completed", ended_at=start + timedelta(minutes=21))
            log.annotate(workout_id, pain_after=pain[1], note="stairs ok" if ago == 3 else None)
        day = today - timedelta(days=1)
        start = datetime(day.year, day.month, day.day, 20, 0, tzinfo=UTC)
        rehearsal = log.start_workout("goodrx", "GOODRX", speed=4, started_at=start)
        log.record_steps(rehearsal, steps(10.0))
        log.finish_workout(rehearsal, "finished early", ended_at=start + timedelta(seconds=95))
    return folder, today


def test_no_log_yet_says_so_and_creates_nothing(capsys, tmp_path):
    folder = tmp_path / "nothing-here"
    assert run(capsys, "history", "--data-dir", str(folder)) == (0, "No workouts logged yet.\n", "")
    assert run(capsys, "history", "--json", "--data-dir", str(folder)) == (0, "[]\n", "")
    code, out, _ = run(capsys, "export", "--format", "csv", "--data-dir", str(folder))
    assert code == 0 and out == ",".join(CSV_FIELDS) + "\r\n"
    assert run(capsys, "export", "--format", "json", "--data-dir", str(folder))[1] == "[]\n"
    assert not folder.exists()


def test_history_json_has_the_documented_fields(capsys, data):
    folder, _ = data
    code, out, err = run(capsys, "history", "--json", "--data-dir", str(folder))
    assert (code, err) == (0, "")
    workouts = json.loads(out)
    assert [w["session"] for w in workouts] == ["goodrx", "goodrx", "cc", "goodrx"]
    for workout in workouts:
        assert WORKOUT_KEYS <= set(workout)
        assert [step["index"] for step in workout["steps"]] == [0, 1, 2, 3]
        for step in workout["steps"]:
            assert STEP_KEYS <= set(step)
    first, rehearsal = workouts[0], workouts[-1]
    assert (first["pain_before"], first["pain_after"], first["note"]) == (3, 2, "stairs ok")
    assert first["started_at"].endswith("T07:30:00Z") and first["status"] == "completed"
    assert first["steps"][3]["outcome"] == "cut short"
    assert first["steps"][3]["actual_seconds"] == 6.5
    assert (rehearsal["speed"], rehearsal["status"]) == (4, "finished early")


def test_since_and_session_filter(capsys, data):
    folder, today = data
    since = (today - timedelta(days=2)).isoformat()
    code, out, _ = run(capsys, "history", "--json", "--since", since, "--data-dir", str(folder))
    assert [w["session"] for w in json.loads(out)] == ["goodrx", "cc", "goodrx"]
    code, out, _ = run(capsys, "history", "--json", "--session", "cc", "--data-dir", str(folder))
    assert [w["session"] for w in json.loads(out)] == ["cc"]
    code, out, _ = run(capsys, "history", "--since", since, "--session", "cc", "--data-dir",
                       str(folder))  # fmt: skip
    assert out.splitlines()[1].split()[2] == "cc" and "1 workout" in out
    code, out, _ = run(capsys, "history", "--since", "2999-01-01", "--data-dir", str(folder))
    assert (code, out) == (0, "No workouts match.\n")


@pytest.mark.parametrize("text", ["yesterday", "2024-13-01", "2024-5-1", "20240501"])
def test_a_bad_date_is_a_usage_error(capsys, text, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main(["history", "--since", text, "--data-dir", str(tmp_path)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--since" in err and f"not a date: {text!r} (use YYYY-MM-DD" in err


def test_the_table_marks_rehearsals_and_ends_with_the_streaks(capsys, data):
    folder, today = data
    code, out, err = run(capsys, "history", "--data-dir", str(folder))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["DATE", "TIME", "SESSION", "STATUS", "DURATION", "PAIN"]
    three_ago = (today - timedelta(days=3)).isoformat()
    assert lines[1].split() == [three_ago, "07:30", "goodrx", "completed", "21:00", "3→2"]
    assert lines[2].split()[-1] == "–→1"
    assert lines[4].split()[-4:] == ["early", "1:35", "R", "×4"]
    assert lines[5] == ""
    assert lines[6] == (
        "Current streak 3 days · longest 3 days · 4 workouts, 1 of them R (rehearsals, not counted)"
    )


def test_export_csv_is_a_row_per_step_with_the_workout_repeated(capsys, data):
    folder, _ = data
    code, out, err = run(capsys, "export", "--format", "csv", "--data-dir", str(folder))
    assert (code, err) == (0, "")
    assert out.endswith("\r\n")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert len(rows) == 16 and list(rows[0]) == list(CSV_FIELDS)
    assert {row["note"] for row in rows[:4]} == {"stairs ok"}
    assert [row["rehearsal"] for row in rows[::4]] == ["false", "false", "false", "true"]
    assert len({row["workout_id"] for row in rows}) == 4


@pytest.mark.parametrize(
    "filters", [[], ["--session", "goodrx"], ["--since", "2000-01-01", "--session", "cc"]]
)
def test_export_json_is_history_json_byte_for_byte(capsys, data, filters, tmp_path):
    folder, _ = data
    history = run(capsys, "history", "--json", *filters, "--data-dir", str(folder))[1]
    exported = run(capsys, "export", "--format", "json", *filters, "--data-dir", str(folder))[1]
    assert exported == history
    target = tmp_path / "export.json"
    code, out, _ = run(capsys, "export", "--format", "json", "--output", str(target),
                       *filters, "--data-dir", str(folder))  # fmt: skip
    assert (code, out) == (0, "")
    assert target.read_bytes() == history.encode()


def test_output_is_owner_only_and_confirmed_on_one_line(capsys, data, tmp_path):
    folder, _ = data
    target = tmp_path / "for-my-physio.csv"
    target.write_text("old")
    target.chmod(0o644)
    code, out, err = run(capsys, "export", "--format", "csv", "--output", str(target),
                         "--data-dir", str(folder))  # fmt: skip
    assert (code, out, err) == (1, "", f"kneecoach: {target} exists; add --force to replace it\n")
    assert target.read_text() == "old"
    code, out, err = run(capsys, "export", "--format", "csv", "--output", str(target),
                         "--force", "--data-dir", str(folder))  # fmt: skip
    assert (code, out) == (0, "")
    assert err == f"kneecoach: wrote 4 workouts (16 steps) to {target} as CSV\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes().startswith(b"workout_id,") and b"\r\n" in target.read_bytes()
    new = tmp_path / "new.csv"
    run(capsys, "export", "--format", "csv", "--output", str(new), "--data-dir", str(folder))
    assert stat.S_IMODE(new.stat().st_mode) == 0o600


def test_an_output_that_cannot_be_written_is_one_line(capsys, data, tmp_path):
    folder, _ = data
    target = tmp_path / "no-such-folder" / "out.csv"
    code, out, err = run(capsys, "export", "--format", "csv", "--output", str(target),
                         "--data-dir", str(folder))  # fmt: skip
    assert (code, out) == (1, "")
    assert err.startswith(f"kneecoach: cannot write {target}:") and err.count("\n") == 1


def test_format_is_required(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--data-dir", str(tmp_path)])
    assert exit_.value.code == 2 and "--format" in capsys.readouterr().err


def test_a_damaged_log_is_one_line_and_exit_1(capsys, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    (folder / "kneecoach.db").write_bytes(b"not a database at all" * 100)
    os.chmod(folder / "kneecoach.db", 0o600)
    for argv in (["history"], ["history", "--json"], ["export", "--format", "csv"]):
        code, out, err = run(capsys, *argv, "--data-dir", str(folder))
        assert (code, out) == (1, "")
        assert err.startswith("kneecoach: ") and str(folder) in err and err.count("\n") == 1


def test_history_runs_without_textual(data):
    folder, _ = data
    code = (
        "import sys\nfrom kneecoach.cli import main\n"
        f"assert main(['history', '--data-dir', {str(folder)!r}]) == 0\n"
        f"assert main(['export', '--format', 'csv', '--data-dir', {str(folder)!r}]) == 0\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_since_is_a_local_day(capsys, data, monkeypatch):
    """At UTC-12 yesterday's 07:30 UTC workout started the day before (19:30 local);
    the rehearsal at 20:00 UTC started yesterday morning."""
    folder, today = data
    monkeypatch.setenv("TZ", "Etc/GMT+12")
    time.tzset()
    since = (today - timedelta(days=1)).isoformat()
    out = run(capsys, "history", "--json", "--since", since, "--data-dir", str(folder))[1]
    assert [(w["session"], w["speed"]) for w in json.loads(out)] == [("goodrx", 4)]


def test_the_small_formatters():
    from kneecoach.text import pain_text, short, streak_text

    assert streak_text(0, 0) == "No streak going · longest 0 days"
    assert streak_text(1, 12) == "Current streak 1 day · longest 12 days"
    assert (pain_text(3, 2), pain_text(None, 2), pain_text(3, None), pain_text(None, None)) == (
        "3→2", "–→2", "3→–", "",
    )  # fmt: skip
    assert short("Three way leg raise: front", 14) == "Three …: front"
    assert short("Hamstring stretch", 10) == "Hamstring…"
    # a title keeps its start: which programme it was is at the front
    title = "My physio's knee plan, week 3: gentle"
    assert short(title, 24, keep_part=False) == "My physio's knee plan, …"
    assert short(title, 24) == "My physio's kne…: gentle"


def test_sharp_pain_is_named_as_its_session_names_the_exercise(capsys, tmp_path):
    from kneecoach.store.records import SharpPain

    folder = tmp_path / "data"
    start = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
    with WorkoutLog(folder) as log:
        wid = log.start_workout("goodrx-runners-knee", "GoodRx", started_at=start)
        pain = SharpPain("three-way-leg-raise", start, 3, "on-back", "left")
        log.record_sharp_pain(wid, pain)
        log.finish_workout(wid, "finished early", ended_at=start + timedelta(minutes=4))
    code, out, err = run(capsys, "history", "--data-dir", str(folder))
    assert (code, err) == (0, "")
    assert "sharp pain: Three-way leg raise: On your back" in out.splitlines()[1]
