"""From joint angles to points: the skeleton's forward kinematics.

The body is built in three dimensions (so that a knee opening in a clamshell or a
leg lifted out to the side in a fire hydrant is seen as it is), then turned to
the view and flattened: x to the right, y up, depth towards the viewer. Lengths
are centimetres of an adult of average height. The working leg is the left one;
the side view looks at the working side, so that leg is nearest.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from kneecoach.engine.figures.model import Arm, Leg, Pose, View

Vec = tuple[float, float, float]

PELVIS_HALF = 9.0  # hip joint to the middle of the pelvis
SHOULDER_HALF = 17.0
TRUNK = 52.0  # middle of the pelvis to the base of the neck
NECK = 7.0
HEAD_RADIUS = 11.0
UPPER_ARM = 29.0
FOREARM = 28.0
THIGH = 44.0
SHIN = 43.0
FOOT = 15.0  # ankle to toes
HEEL = 5.0  # ankle to the back of the heel, along the sole

# (point, point, limb): the lines of the stick figure
BONES: tuple[tuple[str, str, str], ...] = (
    ("pelvis", "neck", "trunk"),
    ("working_hip", "other_hip", "trunk"),
    ("working_shoulder", "other_shoulder", "trunk"),
    ("neck", "head_base", "trunk"),
    ("working_hip", "working_knee", "working"),
    ("working_knee", "working_ankle", "working"),
    ("working_heel", "working_toe", "working"),
    ("other_hip", "other_knee", "other"),
    ("other_knee", "other_ankle", "other"),
    ("other_heel", "other_toe", "other"),
    ("working_shoulder", "working_elbow", "working_arm"),
    ("working_elbow", "working_hand", "working_arm"),
    ("other_shoulder", "other_elbow", "other_arm"),
    ("other_elbow", "other_hand", "other_arm"),
)


def _add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _unit(a: Vec) -> Vec:
    length = math.sqrt(_dot(a, a))
    return a if length < 1e-12 else _scale(a, 1 / length)


def _turn(v: Vec, axis: Vec, degrees: float) -> Vec:
    """``v`` turned about ``axis`` (a unit vector) by ``degrees``, right-handed."""
    angle = math.radians(degrees)
    cos, sin = math.cos(angle), math.sin(angle)
    cross = _cross(axis, v)
    along = _scale(axis, _dot(axis, v) * (1 - cos))
    return _add(_add(_scale(v, cos), _scale(cross, sin)), along)


def _towards(v: Vec, target: Vec, degrees: float, frame: list[Vec]) -> list[Vec]:
    """Every vector of ``frame`` turned by ``degrees`` about the axis that takes
    ``v`` towards ``target`` (negative degrees: away from it)."""
    axis = _unit(_cross(v, target))
    if _dot(axis, axis) < 0.5:
        return frame
    return [_turn(item, axis, degrees) for item in frame]


@dataclass(frozen=True)
class Body:
    """The body's axes in the world: up (pelvis to head), forward, and its left."""

    up: Vec
    forward: Vec
    left: Vec


def body_axes(pose: Pose) -> Body:
    up: Vec = (0.0, 1.0, 0.0)
    forward: Vec = (1.0, 0.0, 0.0)
    left = _cross(up, forward)
    up, forward, left = _towards(up, forward, pose.trunk, [up, forward, left])
    # leaning towards the other (right) side: up turns towards -left
    up, forward, left = _towards(up, _scale(left, -1), pose.lean, [up, forward, left])
    return Body(up, forward, left)


def _leg(hip: Vec, body: Body, leg: Leg, outward: Vec) -> dict[str, Vec]:
    down = _scale(body.up, -1)
    front, lateral = body.forward, outward
    # flexion: the thigh from straight down towards the front
    down, front, lateral = _towards(down, body.forward, leg.hip, [down, front, lateral])
    # abduction: about the axis across the thigh, towards this leg's own side
    down, front, lateral = _towards(down, outward, leg.out, [down, front, lateral])
    # rotation about the thigh: the front of the knee turns outwards
    front, lateral = (
        [_turn(front, down, leg.turn), _turn(lateral, down, leg.turn)]
        if _dot(_cross(down, front), lateral) >= 0
        else [_turn(front, down, -leg.turn), _turn(lateral, down, -leg.turn)]
    )
    knee = _add(hip, _scale(down, THIGH))
    shin, shin_front = _towards(down, _scale(front, -1), leg.knee, [down, front])
    ankle = _add(knee, _scale(shin, SHIN))
    (foot,) = _towards(shin_front, _scale(shin, -1), leg.ankle, [shin_front])
    toe = _add(ankle, _scale(foot, FOOT))
    heel = _add(ankle, _scale(foot, -HEEL))
    points = {"hip": hip, "knee": knee, "ankle": ankle, "toe": toe, "heel": heel}
    if leg.open:  # about the line from the hip to the ankle, the knee towards outward
        axis = _unit(_add(ankle, _scale(hip, -1)))
        knee_out = _dot(_cross(axis, _add(knee, _scale(hip, -1))), outward)
        angle = leg.open if knee_out >= 0 else -leg.open
        for name in ("knee", "toe", "heel"):
            points[name] = _add(hip, _turn(_add(points[name], _scale(hip, -1)), axis, angle))
    return points


def _arm(shoulder: Vec, body: Body, arm: Arm, outward: Vec) -> dict[str, Vec]:
    down = _scale(body.up, -1)
    front = body.forward
    down, front = _towards(down, body.forward, arm.shoulder, [down, front])
    down, front = _towards(down, outward, arm.out, [down, front])
    elbow = _add(shoulder, _scale(down, UPPER_ARM))
    (forearm,) = _towards(down, front, arm.elbow, [down])
    hand = _add(elbow, _scale(forearm, FOREARM))
    return {"shoulder": shoulder, "elbow": elbow, "hand": hand}


def joints(pose: Pose) -> dict[str, Vec]:
    """Every joint of the body in three dimensions, the pelvis at the origin."""
    body = body_axes(pose)
    pelvis: Vec = (0.0, 0.0, 0.0)
    neck = _scale(body.up, TRUNK)
    points: dict[str, Vec] = {"pelvis": pelvis, "neck": neck}
    for name, sign in (("working", 1.0), ("other", -1.0)):
        outward = _scale(body.left, sign)
        hip = _scale(outward, PELVIS_HALF)
        limb = getattr(pose, name)
        for joint, at in _leg(hip, body, limb, outward).items():
            points[f"{name}_{joint}"] = at
        shoulder = _add(neck, _scale(outward, SHOULDER_HALF))
        arm = getattr(pose, f"{name}_arm")
        for joint, at in _arm(shoulder, body, arm, outward).items():
            points[f"{name}_{joint}"] = at
    (head_axis,) = _towards(body.up, body.forward, pose.neck, [body.up])
    points["head_base"] = _add(neck, _scale(head_axis, NECK))
    points["head"] = _add(neck, _scale(head_axis, NECK + HEAD_RADIUS))
    return points


def _camera(view: View, tilt: float, turn: float) -> Callable[[Vec], Vec]:
    # The side view looks at the working (left) side, so the body faces the
    # viewer's left; front and back views face towards and away from the viewer.
    yaw = {"side": 180.0, "front": -90.0, "back": 90.0}[view] + turn
    up: Vec = (0.0, 1.0, 0.0)
    across: Vec = (1.0, 0.0, 0.0)

    def project(point: Vec) -> Vec:
        x, y, z = _turn(point, up, yaw)
        if tilt:
            x, y, z = _turn((x, y, z), across, tilt)
        return x, y, z

    return project


def flatten(
    pose: Pose, view: View, tilt: float = 0.0, turn: float = 0.0
) -> dict[str, tuple[float, float, float]]:
    """The joints as seen: (x to the right, y up, depth towards the viewer)."""
    project = _camera(view, tilt, turn)
    return {name: project(point) for name, point in joints(pose).items()}
