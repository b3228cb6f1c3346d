"""`kneecoach figures SESSION`: every exercise's start and end figure, printed."""

from __future__ import annotations

from kneecoach.cli import main
from kneecoach.engine.figures.library import pose_library

OWN = r"""
id: own
title: "Own \e[31mred\e[0m session"
source: a test
exercises:
  - id: sit
    name: "Wall sit \a"
    kind: strength
    steps: [Slide down the wall.]
    hold_seconds: 20
    figure: {props: [floor, wall], start: wall-stand, end: wall-sit-90}
  - id: bare
    name: Bridge
    kind: strength
    steps: [Lift the hips.]
    hold_seconds: 5
    per_side: true
"""


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_each_exercise_and_part_has_its_start_and_end(capsys):
    code, out, err = run(capsys, "figures", "goodrx-runners-knee", "--width", "80")
    assert code == 0 and err == ""
    for name in (
        "1. Warm-up",
        "2. Three-way leg raise — On your back",
        "2. Three-way leg raise — On your side",
        "2. Three-way leg raise — On your stomach",
        "3. Wall sit",
        "9. Standing hip flexor stretch",
    ):
        assert name in out
    assert out.count("start") >= 11 and "end" in out
    assert "the right side, the left is its mirror image" in out  # the hamstring stretch
    assert any("\u2800" < char <= "\u28ff" for char in out)  # braille cells
    assert "\x1b" not in out  # not a terminal: no colour
    drawn = [line for line in out.splitlines() if any("\u2800" < c <= "\u28ff" for c in line)]
    assert drawn and max(len(line) for line in drawn) <= 80  # two figures side by side


def test_a_session_file_with_and_without_figures_and_control_characters(tmp_path, capsys):
    path = tmp_path / "own.yaml"
    path.write_text(OWN, encoding="utf-8")
    code, out, err = run(capsys, "figures", str(path), "--width", "60", "--height", "8")
    assert code == 0, err
    assert "2. Bridge: no figure" in out
    assert "\x1b" not in out and "\x07" not in out  # text from the file, printed safely
    assert "Own red session" in out  # the escape sequence left out whole, at load time


def test_poses_lists_the_library(capsys):
    code, out, err = run(capsys, "figures", "--poses")
    assert code == 0
    assert out.split() == list(pose_library())
    assert "wall-sit-90" in out and "clamshell-45" in out


def test_no_session_is_a_usage_error(capsys):
    code, out, err = run(capsys, "figures")
    assert code == 1 and "name a session" in err
