"""`kneecoach report`: a private file, never written over without --force, never
onto the log, a page even with no log (and no log made), one line for each
problem, --open, and the report extra's absence."""

from __future__ import annotations

import stat
import sys
import webbrowser
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kneecoach.cli import main
from kneecoach.settings.config import config_path
from kneecoach.store.log import WorkoutLog
from tests.store.helpers import step

TODAY = date.today()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A log with workouts on the last three days, one with pain 7 after."""
    folder = tmp_path / "data"
    with WorkoutLog(folder) as log:
        for ago in (3, 2, 1):
            start = datetime.now().astimezone() - timedelta(days=ago)
            workout_id = log.start_workout(
                "goodrx-runners-knee", "GoodRx", started_at=start, pain_before=2
            )
            log.record_steps(workout_id, [step(0, "hold"), step(1, "hold", rep=2)])
            log.finish_workout(workout_id, "completed", ended_at=start + timedelta(minutes=20))
            log.annotate(workout_id, pain_after=7 if ago == 2 else 1, note="stairs <b>hurt</b>")
    return folder


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_report_goes_to_a_dated_private_file_here_and_never_over_one(capsys, data, here):
    code, out, err = run(capsys, "--data-dir", str(data), "report")
    first = here / f"kneecoach-report-{TODAY.isoformat()}.html"
    assert (code, err) == (0, "") and out.endswith(f"to {first}\n")
    assert "3 workouts" in out
    assert mode(first) == 0o600
    page = first.read_text(encoding="utf-8")
    assert "stairs &lt;b&gt;hurt&lt;/b&gt;" in page and "7/10 after the workout" in page
    code, out, _ = run(capsys, "--data-dir", str(data), "report")
    second = here / f"kneecoach-report-{TODAY.isoformat()}-2.html"
    assert code == 0 and out.endswith(f"to {second}\n") and mode(second) == 0o600
    assert first.read_text(encoding="utf-8") == page  # the first one untouched


def test_an_existing_file_is_written_over_only_with_force(capsys, data, tmp_path):
    target = tmp_path / "report.html"
    target.write_text("the old one")
    target.chmod(0o644)
    code, out, err = run(capsys, "--data-dir", str(data), "report", "--output", str(target))
    assert (code, out) == (1, "")
    assert err == f"kneecoach: {target} already exists: use --force to write over it\n"
    assert target.read_text() == "the old one"
    code, out, err = run(
        capsys, "--data-dir", str(data), "report", "--output", str(target), "--force"
    )
    assert code == 0 and "<!DOCTYPE html>" in target.read_text(encoding="utf-8")
    assert mode(target) == 0o600  # health data: private, whatever the old file was
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_an_existing_link_is_replaced_not_followed(capsys, data, tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me")
    link = tmp_path / "report.html"
    link.symlink_to(elsewhere)
    assert run(capsys, "--data-dir", str(data), "report", "--output", str(link))[0] == 1
    assert run(capsys, "--data-dir", str(data), "report", "--output", str(link), "--force")[0] == 0
    assert elsewhere.read_text() == "keep me" and not link.is_symlink()


@pytest.mark.parametrize(
    "name", ["kneecoach.db", "kneecoach.db-wal", "kneecoach.db-shm", "kneecoach.db.corrupt-1"]
)
def test_the_report_is_never_written_onto_the_log(capsys, data, name):
    (data / "kneecoach.db.corrupt-1").write_bytes(b"a copy kept aside")
    before = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}
    target = data / name
    for force in ([], ["--force"]):
        code, out, err = run(
            capsys, "--data-dir", str(data), "report", "--output", str(target), *force
        )
        assert (code, out) == (1, "")
        assert (
            err
            == f"kneecoach: {target} is the workout log (or a copy of it): choose another file\n"
        )
    assert {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()} == before


def test_nor_through_a_link_to_it(capsys, data, tmp_path):
    link = tmp_path / "innocent.html"
    link.symlink_to(data / "kneecoach.db")
    log = (data / "kneecoach.db").read_bytes()
    code, _, err = run(capsys, "--data-dir", str(data), "report", "--output", str(link), "--force")
    assert code == 1 and "is the workout log" in err
    assert (data / "kneecoach.db").read_bytes() == log


def test_with_no_log_the_page_says_so_and_no_log_is_made(capsys, tmp_path):
    folder = tmp_path / "never-used"
    out_file = tmp_path / "r.html"
    code, out, _ = run(capsys, "--data-dir", str(folder), "report", "--output", str(out_file))
    assert code == 0 and "0 workouts" in out
    assert "Nothing to show yet" in out_file.read_text(encoding="utf-8")
    assert not folder.exists()


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("missing/r.html", "cannot write {path}: there is no folder {parent}"),
        (".", "{path} is a folder: give a file name"),
    ],
)
def test_a_bad_output_is_one_line(capsys, data, here, output, message):
    path = Path(output)
    code, out, err = run(capsys, "--data-dir", str(data), "report", "--output", output)
    assert (code, out) == (1, "")
    assert err.startswith("kneecoach: " + message.format(path=path, parent=path.parent))
    assert err.count("\n") == 1


def test_a_config_target_is_used_and_a_bad_one_is_one_line(capsys, data, tmp_path):
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text("[report]\ntarget_per_week = 3\n")
    out_file = tmp_path / "r.html"
    assert run(capsys, "--data-dir", str(data), "report", "--output", str(out_file))[0] == 0
    assert "of the target of 3 a week" in out_file.read_text(encoding="utf-8")
    path.write_text("[report]\ntarget_per_week = 99\n")
    code, _, err = run(capsys, "--data-dir", str(data), "report", "--output", str(out_file))
    assert code == 1 and err.startswith(f"kneecoach: {path}:2: report.target_per_week")


def test_since_and_session_choose_the_workouts(capsys, data, tmp_path):
    since = (TODAY - timedelta(days=1)).isoformat()
    out_file = tmp_path / "r.html"
    code, out, _ = run(
        capsys, "--data-dir", str(data), "report", "--since", since, "--output", str(out_file)
    )
    assert code == 0 and "1 workout)" in out
    code, out, _ = run(capsys, "--data-dir", str(data), "report", "--session", "other",
                       "--output", str(out_file), "--force")  # fmt: skip
    assert code == 0 and "0 workouts" in out
    assert "No workouts of the session “other” in this period" in out_file.read_text("utf-8")


def test_open_hands_the_file_to_the_browser(capsys, data, tmp_path, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    out_file = tmp_path / "r.html"
    assert (
        run(capsys, "--data-dir", str(data), "report", "--output", str(out_file), "--open")[0] == 0
    )
    assert opened == [out_file.resolve().as_uri()]
    monkeypatch.setattr(webbrowser, "open", lambda url: False)
    code, out, _ = run(capsys, "--data-dir", str(data), "report", "--output", str(out_file),
                       "--force", "--open")  # fmt: skip
    assert code == 0 and "No browser could be started here" in out


def test_without_the_report_extra_it_says_how_to_add_it(capsys, data, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    out_file = tmp_path / "r.html"
    code, out, err = run(capsys, "--data-dir", str(data), "report", "--output", str(out_file))
    assert (code, out) == (1, "")
    assert err == "kneecoach: the report needs matplotlib: pip install 'kneecoach[report]'\n"
    assert not out_file.exists()


def test_only_the_report_command_imports_the_charts_library(tmp_path):
    """`kneecoach history` and friends stay light: matplotlib is the report's alone."""
    import subprocess

    code = (
        "import sys; from kneecoach.cli import main; "
        f"main(['--data-dir', {str(tmp_path)!r}, 'history']); "
        "sys.exit(int('matplotlib' in sys.modules or 'jinja2' in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
