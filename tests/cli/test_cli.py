"""The command line: list, plan, validate, --version and --help."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kneecoach import __version__
from kneecoach.cli import main

MINI = """\
id: mini
title: Mini session
source: a test
rests: {prepare: 5, between_reps: 2, between_sets: 10, switch_sides: 3}
exercises:
  - id: sit
    name: Wall sit
    kind: strength
    equipment: [wall]
    steps: [Slide down the wall.]
    hold_seconds: [20, 30]
    reps: 2
"""


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_has_the_documented_fields(capsys):
    code, out, err = run(capsys, "list", "--json")
    assert code == 0 and err == ""
    rows = {row["id"]: row for row in json.loads(out)}
    assert set(rows) == {"goodrx-runners-knee", "cleveland-clinic-runners-knee"}
    goodrx = rows["goodrx-runners-knee"]
    assert set(goodrx) == {"id", "title", "sources", "path", "minutes", "exercises"}
    # named for people, by title and publisher; the seed's file name is never shown
    assert goodrx["sources"] == [
        "“8 Runner's Knee Exercises and Stretches for Pain Relief”, GoodRx Health"
    ]
    assert ".txt" not in out
    assert goodrx["exercises"] == 8 and rows["cleveland-clinic-runners-knee"]["exercises"] == 5
    assert goodrx["path"].endswith("goodrx-runners-knee.yaml")
    assert 25 <= goodrx["minutes"] <= 45


def test_list_finds_the_users_own_and_sessions_dirs(capsys, tmp_path, monkeypatch):
    own = tmp_path / "config" / "kneecoach" / "sessions"
    own.mkdir(parents=True)
    (own / "mini.yaml").write_text(MINI)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "other.yml").write_text(MINI.replace("id: mini", "id: other"))
    (extra / "broken.yaml").write_text("id: [")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    code, out, err = run(capsys, "list", "--json", "--sessions", str(extra))
    assert code == 0
    ids = {row["id"] for row in json.loads(out)}
    assert {"mini", "other", "goodrx-runners-knee"} <= ids
    assert err.splitlines() == [
        f"kneecoach: {extra / 'broken.yaml'}:1:6: not valid YAML: did not find expected node content"
    ]


def test_a_later_folder_replaces_a_session_with_the_same_id_and_says_so(capsys, tmp_path):
    (tmp_path / "mine.yaml").write_text(MINI.replace("id: mini", "id: goodrx-runners-knee"))
    code, out, err = run(capsys, "list", "--json", "--sessions", str(tmp_path))
    row = next(r for r in json.loads(out) if r["id"] == "goodrx-runners-knee")
    assert row["title"] == "Mini session"
    assert "replaces the one in" in err and err.count("\n") == 1


def test_list_table(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert out.splitlines()[0].split() == ["ID", "MIN", "EX", "TITLE"]
    assert "goodrx-runners-knee" in out and "cleveland-clinic-runners-knee" in out


def test_plan_json_shape(capsys):
    code, out, _ = run(capsys, "plan", "goodrx-runners-knee", "--json")
    assert code == 0
    plan = json.loads(out)
    assert set(plan) == {
        "id", "title", "sources", "dose", "total_seconds", "exercises", "steps", "today",
    }  # fmt: skip
    assert plan["dose"] == "today"
    assert plan["today"]["wall-sit"]["change"] == "start"
    assert plan["total_seconds"] == sum(step["seconds"] for step in plan["steps"])
    raise_ = next(e for e in plan["exercises"] if e["id"] == "three-way-leg-raise")
    assert raise_["per_side"] is True and raise_["hold_seconds"] is None
    assert [p["id"] for p in raise_["parts"]] == ["on-back", "on-side", "on-stomach"]
    assert raise_["parts"][0] == {
        "id": "on-back",
        "name": "On your back",
        "hold_seconds": [5, 10],
        "reps": [10, 12],
        "sets": None,
    }
    wall = next(e for e in plan["exercises"] if e["id"] == "wall-sit")
    assert (wall["hold_seconds"], wall["reps"], wall["kind"]) == ([20, 30], [3, 3], "strength")
    for key in (
        "id",
        "name",
        "kind",
        "source",
        "per_side",
        "hold_seconds",
        "reps",
        "sets",
        "parts",
    ):
        assert key in wall
    step = plan["steps"][0]
    assert set(step) == {"index", "kind", "exercise", "part", "side", "set", "rep", "seconds"}
    assert {s["side"] for s in plan["steps"]} == {"left", "right", None}
    assert [s["index"] for s in plan["steps"]] == list(range(len(plan["steps"])))


def test_plan_high_dose_is_longer(capsys):
    _, low, _ = run(capsys, "plan", "cleveland-clinic-runners-knee", "--json")
    _, high, _ = run(capsys, "plan", "cleveland-clinic-runners-knee", "--json", "--dose", "high")
    assert json.loads(high)["total_seconds"] > json.loads(low)["total_seconds"]


def test_plan_by_path_and_table(capsys, tmp_path):
    path = tmp_path / "mini.yaml"
    path.write_text(MINI)
    code, out, _ = run(capsys, "plan", str(path))
    assert code == 0
    assert "Mini session  [mini]" in out
    assert "hold 20 s (20–30) × 2 reps × 1 set" in out
    # prepare 5 + hold 20 + rest 2 + hold 20
    assert out.rstrip().endswith("Total 0:47 (4 steps, rests included)")


def test_plan_columns_align_for_long_names_and_number_as_the_workout_does(capsys, tmp_path):
    long_name = "Side-lying straight-leg raise with a pause at the top, slowly"
    path = tmp_path / "long.yaml"
    path.write_text(
        MINI.replace("    name: Wall sit", f"    name: {long_name}")
        + "warm_up: {minutes: 2, what: Walk}\n"
    )
    code, out, _ = run(capsys, "plan", str(path))
    rows = out.splitlines()
    header = next(row for row in rows if row.lstrip().startswith("#"))
    warm_up = next(row for row in rows if "Warm-up" in row)
    exercise = next(row for row in rows if long_name in row)
    # every column starts where its heading does, however long the name; times
    # end where theirs does
    assert exercise.index("strength") == warm_up.index("warm-up") == header.index("Kind")
    assert exercise.index("hold 20 s") == warm_up.index("2 min") == header.index("Dose")
    time_end = header.index("Time") + len("Time")
    assert (
        exercise[time_end - 4 : time_end] == "1:02" and warm_up[time_end - 4 : time_end] == "2:00"
    )
    # the warm-up goes by its name; the exercise is number 1, as in the workout
    assert warm_up.split()[0] == "Warm-up" and exercise.split()[0] == "1"


def test_unknown_session_gets_one_line_and_a_suggestion(capsys):
    code, out, err = run(capsys, "plan", "goodrx-runners-kne")
    assert code == 1 and out == ""
    assert (
        err
        == "kneecoach: no session with the id 'goodrx-runners-kne' (did you mean 'goodrx-runners-knee'?)\n"
    )


def test_plan_of_a_broken_file_prints_its_errors(capsys, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(MINI.replace("    reps: 2\n", "    reps: [3, 2]\n"))
    code, out, err = run(capsys, "plan", str(path))
    assert code == 1
    assert (
        err
        == f"{path}:12:11: range must be [low, high] with low <= high, got [3, 2] (exercises[0].reps)\n"
    )


def test_validate_good_and_bad(capsys, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(MINI)
    code, out, err = run(capsys, "validate", str(good))
    assert code == 0 and err == "" and out.startswith(f"{good}: ok")
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.replace("kind: strength", "kind: strenght").replace("title:", "titel:"))
    code, out, err = run(capsys, "validate", str(good), str(bad))
    assert code == 1
    assert err.splitlines() == [
        f"{bad}:1:1: missing required key 'title' (title)",
        f"{bad}:2:1: unknown key 'titel' (did you mean 'title'?) (titel)",
        f"{bad}:8:11: must be one of strength, stretch, warm-up, cool-down; got 'strenght' (did you mean 'strength'?) (exercises[0].kind)",
    ]


def test_validate_the_shipped_sessions(capsys):
    from kneecoach.settings.resources import shipped_dir

    files = sorted(str(p) for p in shipped_dir("sessions").glob("*.yaml"))
    assert len(files) == 2
    code, out, err = run(capsys, "validate", *files)
    assert code == 0 and err == ""


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"kneecoach {__version__}"


@pytest.mark.parametrize("command", [[], ["list"], ["plan"], ["validate"]])
def test_help_on_every_command(capsys, command):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("usage: kneecoach")


def test_options_may_come_before_or_after_the_command(capsys, tmp_path):
    (tmp_path / "mini.yaml").write_text(MINI)
    for argv in (
        ["--sessions", str(tmp_path), "list", "--json"],
        ["list", "--sessions", str(tmp_path), "--json"],
    ):
        code, out, _ = run(capsys, *argv)
        assert "mini" in {row["id"] for row in json.loads(out)}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "goodrx-runners-knee", "--theme", "nope"], "kneecoach: no theme called 'nope'"),
        (["run", "nope"], "kneecoach: no session with the id 'nope'"),
    ],
)
def test_run_refuses_bad_input_before_starting_the_ui(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 1 and err.startswith(message) and err.count("\n") == 1


@pytest.mark.parametrize("speed", ["0", "-2", "fast"])
def test_speed_must_be_a_positive_number(capsys, speed):
    with pytest.raises(SystemExit) as exit_:
        main(["run", "goodrx-runners-knee", "--speed", speed])
    assert exit_.value.code == 2
    assert "--speed" in capsys.readouterr().err


def test_runs_as_a_module_without_textual(tmp_path):
    code = (
        "import sys, runpy; sys.argv = ['kneecoach', 'list', '--json'];\n"
        "try:\n    runpy.run_module('kneecoach', run_name='__main__')\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"]
