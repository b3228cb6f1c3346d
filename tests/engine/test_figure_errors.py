"""Bad figure data in a session file: the same one line as any other mistake,
``FILE:LINE:COL: message (field)``, through load_session and `kneecoach validate`."""

from __future__ import annotations

import pytest

from kneecoach.engine import parse_session
from tests.engine.test_loader_errors import BASE, check, loader  # noqa: F401

# BASE ends at line 10 ("    reps: 3"); a figure starts at line 11.
FIGURE = BASE + "    figure:\n"


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        pytest.param(
            "      start: standing\n      end: wall-sit-99\n",
            [
                "13:12: unknown pose 'wall-sit-99' (did you mean 'wall-sit-90'?)"
                " (exercises[0].figure.end)"
            ],
            id="unknown-pose",
        ),
        pytest.param(
            "      start: standing\n      end: {like: standing, legs: {knee: 200}}\n",
            [
                "13:42: angle out of range: 200 (from 0 to 160 degrees)"
                " (exercises[0].figure.end.legs.knee)"
            ],
            id="angle-out-of-range",
        ),
        pytest.param(
            "      start: standing\n      end: {like: standing, legs: {knee: bent}}\n",
            ["13:42: expected an angle in degrees, got 'bent' (exercises[0].figure.end.legs.knee)"],
            id="angle-not-a-number",
        ),
        pytest.param(
            "      start: standing\n"
            "      end: {trunk: 0, legs: {hip: 90, knee: 90}, working_arm: {}}\n",
            [
                "13:12: missing limb 'other_arm' (give 'other_arm' or 'arms', or start from"
                " a named pose with 'like') (exercises[0].figure.end)"
            ],
            id="missing-limb",
        ),
        pytest.param(
            "      start: standing\n      end: {like: standing, legz: {hip: 90}}\n",
            ["13:29: unknown key 'legz' (did you mean 'legs'?) (exercises[0].figure.end.legz)"],
            id="unknown-limb",
        ),
        pytest.param(
            "      start: standing\n      end: {like: standing, legs: {hips: 90}}\n",
            ["13:36: unknown key 'hips' (did you mean 'hip'?) (exercises[0].figure.end.legs.hips)"],
            id="unknown-angle",
        ),
        pytest.param(
            "      view: above\n      start: standing\n      end: wall-sit-90\n",
            ["12:13: must be one of side, front, back; got 'above' (exercises[0].figure.view)"],
            id="unknown-view",
        ),
        pytest.param(
            "      props: [floor, mat]\n      start: standing\n      end: wall-sit-90\n",
            [
                "12:22: must be one of floor, wall, step, step-edge, chair, support, band;"
                " got 'mat' (exercises[0].figure.props[1])"
            ],
            id="unknown-prop",
        ),
        pytest.param(
            "      start: standing\n",
            ["12:7: missing required key 'end' (exercises[0].figure)"],
            id="no-end",
        ),
        pytest.param(
            "      tilt: 95\n      start: standing\n      end: wall-sit-90\n",
            ["12:13: angle out of range: 95 (from 0 to 80 degrees) (exercises[0].figure.tilt)"],
            id="tilt-out-of-range",
        ),
    ],
)
def test_bad_figure_data_is_one_line(tmp_path, capsys, loader, figure, expected):  # noqa: F811
    check(tmp_path, capsys, FIGURE + figure, expected)


def test_a_figure_as_one_value_is_reported_at_its_place(tmp_path, capsys, loader):  # noqa: F811
    content = BASE + "    figure: standing\n"
    check(
        tmp_path,
        capsys,
        content,
        [
            "11:13: expected a mapping of keys for exercises[0].figure, got 'standing' "
            "(exercises[0].figure)"
        ],
    )


def test_angles_written_out_make_a_pose_of_their_own():
    session = parse_session(
        (
            FIGURE
            + "      start: {trunk: 0, legs: {hip: 0}, arms: {shoulder: 0}}\n"
            + "      end: {like: standing, working: {hip: 40, knee: 20}, neck: 10}\n"
        ).encode(),
        "own.yaml",
    )
    figure = session.exercises[0].figure
    assert figure is not None
    assert (figure.end.working.hip, figure.end.working.knee, figure.end.neck) == (40, 20, 10)
    assert figure.end.other.hip == 0  # the rest from the named pose
    assert figure.start.working.hip == 0


def test_a_session_without_figures_still_loads_and_a_part_takes_its_exercises():
    session = parse_session(BASE.encode(), "plain.yaml")
    assert session.exercises[0].figure is None
    parted = parse_session(
        b"""\
id: t
title: T
source: test
exercises:
  - id: raise
    name: Leg raise
    kind: strength
    figure: {start: lying-on-back-knee-bent, end: leg-raised-to-bent-knee}
    parts:
      - {id: a, name: A, steps: [Lift.], hold_seconds: 5}
      - id: b
        name: B
        steps: [Lift.]
        hold_seconds: 5
        figure: {start: lying-on-stomach, end: leg-raised-behind}
""",
        "parts.yaml",
    )
    first, second = parted.exercises[0].parts
    assert first.figure == parted.exercises[0].figure
    assert second.figure is not None and second.figure != first.figure


def test_the_pose_library_is_checked_like_a_session_file():
    from kneecoach.engine import SessionFileError
    from kneecoach.engine.figures.library import library_text, parse_library, pose_library

    assert set(parse_library(library_text(), "poses.yaml")) == set(pose_library())
    bad = b"standing:\n  legs: {hip: 0}\n  arms: {shoulder: 0}\nbent:\n  like: standin\n"
    with pytest.raises(SessionFileError) as caught:
        parse_library(bad, "poses.yaml")
    assert caught.value.lines == [
        "poses.yaml:5:9: unknown pose 'standin' (did you mean 'standing'?) (bent.like)"
    ]
