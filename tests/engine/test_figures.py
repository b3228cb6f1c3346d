"""Figures: the skeleton's geometry against the articles' words and numbers, the
drawing (mirrored for the other side, the working leg heavier), and how a figure
moves with the engine's snapshot."""

from __future__ import annotations

import math

import pytest

from kneecoach.engine import Workout, build_plan
from kneecoach.engine.figures.library import pose_library
from kneecoach.engine.figures.model import Figure, Leg, Pose
from kneecoach.engine.figures.motion import (
    TEMPO_FRAMES,
    figure_frame,
    seconds_to_next_frame,
    tempo_frame,
)
from kneecoach.engine.figures.render import draw, place
from kneecoach.engine.figures.skeleton import joints
from kneecoach.services.catalog import resolve, session_dirs
from tests.conftest import FakeClock, session_from_yaml

GOODRX = "goodrx-runners-knee"
CLEVELAND = "cleveland-clinic-runners-knee"
_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


def figure(session_id: str, exercise_id: str, part_id: str = ""):
    session = resolve(session_id, session_dirs())
    exercise = session.exercise(exercise_id)
    part = next(p for p in exercise.units() if p.id == part_id)
    assert part.figure is not None
    return part.figure


def angle_at(a, b, c) -> float:
    """The angle at ``b`` between the lines to ``a`` and to ``c``, in degrees."""
    u = [x - y for x, y in zip(a, b, strict=True)]
    v = [x - y for x, y in zip(c, b, strict=True)]
    dot = sum(x * y for x, y in zip(u, v, strict=True))
    norm = math.dist(a, b) * math.dist(c, b)
    return math.degrees(math.acos(max(-1.0, min(1.0, dot / norm))))


def flexion(points, proximal: str, joint: str, distal: str) -> float:
    """Flexion at ``joint``: 0 when the three points are in a line."""
    return 180 - angle_at(points[proximal], points[joint], points[distal])


# -- the articles' numbers ------------------------------------------------------------------


def test_goodrx_wall_sit_thighs_level_with_the_floor():
    wall_sit = figure(GOODRX, "wall-sit")
    points = place(wall_sit, wall_sit.end)
    for leg in ("working", "other"):
        assert points[f"{leg}_hip"][1] == pytest.approx(points[f"{leg}_knee"][1], abs=1.0)
    assert flexion(joints(wall_sit.end), "working_hip", "working_knee", "working_ankle") == (
        pytest.approx(90, abs=1)
    )
    assert "wall" in wall_sit.props


def test_cleveland_wall_squat_stops_at_45_degrees():
    squat = figure(CLEVELAND, "wall-squat")
    body = joints(squat.end)
    assert flexion(body, "working_hip", "working_knee", "working_ankle") == pytest.approx(45, abs=1)
    points = place(squat, squat.end)
    assert points["working_hip"][1] > points["working_knee"][1] + 20  # well above level
    assert "wall" in squat.props


def test_leg_raise_on_the_back_goes_up_to_the_height_of_the_bent_knee():
    raise_ = figure(GOODRX, "three-way-leg-raise", "on-back")
    start, end = place(raise_, raise_.start), place(raise_, raise_.end)
    assert end["working_knee"][1] == pytest.approx(end["other_knee"][1], abs=2.0)
    assert start["working_knee"][1] < start["other_knee"][1] - 20  # it starts on the floor
    assert flexion(joints(raise_.end), "working_hip", "working_knee", "working_ankle") < 1


def test_stomach_leg_raise_lifts_the_foot_about_15_cm():
    lift = figure(GOODRX, "three-way-leg-raise", "on-stomach")
    start, end = place(lift, lift.start), place(lift, lift.end)
    assert 12 <= end["working_ankle"][1] - start["working_ankle"][1] <= 18
    assert end["other_ankle"] == pytest.approx(start["other_ankle"])


@pytest.mark.parametrize(("session_id", "hips"), [(GOODRX, 90), (CLEVELAND, 45)])
def test_clamshell_angles_follow_each_article(session_id, hips):
    clam = figure(session_id, "clamshell")
    for pose in (clam.start, clam.end):
        body = joints(pose)
        # the hip angle: the thigh against the line of the trunk (neck to pelvis)
        trunk_down = [2 * p - n for p, n in zip(body["pelvis"], body["neck"], strict=True)]
        hip = 180 - angle_at(trunk_down, body["pelvis"], body["other_knee"])
        assert hip == pytest.approx(180 - hips, abs=2) or hip == pytest.approx(hips, abs=2)
        assert flexion(body, "other_hip", "other_knee", "other_ankle") == pytest.approx(90, abs=1)
    start, end = joints(clam.start), joints(clam.end)
    # the top knee opens, the feet stay together
    assert (
        math.dist(end["working_knee"], end["other_knee"])
        > math.dist(start["working_knee"], start["other_knee"]) + 15
    )
    assert end["working_ankle"] == pytest.approx(start["working_ankle"], abs=0.5)


def test_props_match_the_equipment():
    assert "step" in figure(GOODRX, "step-up-plus").props
    assert "band" in figure(GOODRX, "hamstring-stretch-band").props
    assert "chair" in figure(CLEVELAND, "hip-flexor-quad-stretch").props
    assert "step-edge" in figure(CLEVELAND, "calf-stretch-stairs").props


def test_step_up_ends_with_the_other_thigh_level():
    step_up = figure(GOODRX, "step-up-plus")
    points = place(step_up, step_up.end)
    assert step_up.leg == "right"  # the article steps up with the right foot
    assert points["other_hip"][1] == pytest.approx(points["other_knee"][1], abs=1.5)


def test_calf_stretch_drops_the_working_heel_below_the_step():
    calf = figure(CLEVELAND, "calf-stretch-stairs")
    start, end = place(calf, calf.start), place(calf, calf.end)
    assert start["working_heel"][1] == pytest.approx(start["working_toe"][1], abs=1)
    assert end["working_heel"][1] < end["working_toe"][1] - 5


# -- drawing --------------------------------------------------------------------------------


def dots(picture) -> set[tuple[int, int]]:
    found = set()
    for row, text in enumerate(picture.rows):
        for col, char in enumerate(text):
            bits = 0 if char == " " else ord(char) - 0x2800
            for dy in range(4):
                for dx in range(2):
                    if bits & _BITS[dy][dx]:
                        found.add((col * 2 + dx, row * 4 + dy))
    return found


def test_the_other_side_is_the_mirror_image():
    clam = figure(GOODRX, "clamshell")
    left, right = draw(clam, 1.0, 40, 12, "left"), draw(clam, 1.0, 40, 12, "right")
    assert {(79 - x, y) for x, y in dots(left)} == dots(right)
    assert left.marks == tuple(row[::-1] for row in right.marks)


def test_the_working_leg_is_drawn_heavier_not_only_marked():
    standing = Figure(pose_library()["standing"], pose_library()["wall-sit-90"], view="front")
    one = draw(standing, 0.0, 30, 12, "left")
    both = draw(standing, 0.0, 30, 12, None)  # no sides: both legs work
    assert len(dots(both)) > len(dots(one))
    assert any("w" in row for row in one.marks) and any("b" in row for row in one.marks)


def test_a_figure_keeps_its_size_as_it_moves():
    step_up = figure(GOODRX, "step-up-plus")
    sizes = {len(draw(step_up, t, 30, 10, None).rows) for t in (0, 0.25, 0.5, 1)}
    assert sizes == {10}
    floors = {draw(step_up, t, 30, 10, None).rows[-2] for t in (0, 0.5, 1)}
    assert len(floors) >= 1


@pytest.mark.parametrize(("cols", "rows"), [(1, 1), (3, 2), (200, 60)])
def test_any_size_draws_without_error(cols, rows):
    picture = draw(figure(GOODRX, "fire-hydrant"), 0.5, cols, rows, "right")
    assert len(picture.rows) == rows and all(len(row) == cols for row in picture.rows)


def test_a_pose_blends_angle_by_angle():
    from kneecoach.engine.figures.model import blend

    half = blend(Pose(working=Leg(hip=0)), Pose(working=Leg(hip=90, knee=40)), 0.5)
    assert (half.working.hip, half.working.knee) == (45, 20)


# -- moving with the snapshot -----------------------------------------------------------------

SESSION = """
id: t
title: T
source: test
rests: {prepare: 2, between_reps: 1, switch_sides: 2, between_exercises: 0}
exercises:
  - id: sit
    name: Wall sit
    kind: strength
    steps: [Hold.]
    hold_seconds: 3
    reps: 2
    per_side: true
    figure: {props: [floor, wall], start: wall-stand, end: wall-sit-90}
  - id: up
    name: Step-up
    kind: strength
    steps: [Step.]
    reps: 2
    tempo_seconds: 4
    figure: {start: foot-on-step, end: on-step-knee-up}
  - id: bare
    name: No figure
    kind: strength
    steps: [Hold.]
    hold_seconds: 2
"""


def snapshot_at(seconds: float):
    clock = FakeClock(0.0)
    workout = Workout(build_plan(session_from_yaml(SESSION)), clock=clock)
    workout.start()
    clock.advance(seconds)
    return workout.tick().snapshot


@pytest.mark.parametrize(
    ("seconds", "kind", "t", "side"),
    [
        (1.0, "prepare", 0.0, "left"),  # getting ready: the start position
        (3.0, "hold", 1.0, "left"),  # holding: the end position
        (5.5, "rest", 0.0, "left"),
        (9.0, "switch", 0.0, "right"),  # the next side's start, mirrored
        (12.0, "hold", 1.0, "right"),
    ],
)
def test_the_figure_follows_the_step(seconds, kind, t, side):
    snapshot = snapshot_at(seconds)
    frame = figure_frame(snapshot)
    assert snapshot.step.kind == kind
    assert frame is not None and (frame.t, frame.side) == (t, side)


def test_a_tempo_rep_goes_start_end_start_in_eight_frames():
    start = 2 + 3 + 1 + 3 + 2 + 3 + 1 + 3 + 2  # the step-up's first rep begins here
    assert snapshot_at(start + 0.1).step.kind == "rep"
    ts, frames = [], []
    for tenth in range(0, 40, 5):  # every half second of a 4 s rep
        snapshot = snapshot_at(start + tenth / 10 + 0.01)
        frames.append(tempo_frame(snapshot))
        ts.append(figure_frame(snapshot).t)
        assert snapshot.step.kind == "rep"
    assert frames == list(range(TEMPO_FRAMES))
    assert ts == [0.0, 0.25, 0.5, 0.75, 1.0, 0.75, 0.5, 0.25]
    assert seconds_to_next_frame(snapshot_at(start + 1.2)) == pytest.approx(0.3)
    assert figure_frame(snapshot_at(start + 1)).side is None  # no sides: both legs


def test_no_figure_means_nothing_to_draw_and_no_frames_outside_tempo_reps():
    last = snapshot_at(2 + 3 + 1 + 3 + 2 + 3 + 1 + 3 + 2 + 16 + 2 + 1)
    assert last.exercise.id == "bare"
    assert figure_frame(last) is None
    assert seconds_to_next_frame(snapshot_at(3.0)) is None
