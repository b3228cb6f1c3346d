"""What a figure is: a skeleton posed by joint angles, a start and an end pose, the
view it is seen from and the props it needs.

Angles are in degrees, in the words a physiotherapist uses: hip and knee flexion,
ankle dorsiflexion, abduction. The working leg is the one the session's side names
(the left, on the left side); a figure is drawn for the left side and mirrored for
the right. Every angle has a range (``ANGLE_RANGES``) that the reader checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Literal

View = Literal["side", "front", "back"]
VIEWS: tuple[View, ...] = ("side", "front", "back")
# Props: what the exercise needs besides the body, each drawn where it belongs.
PROPS: tuple[str, ...] = ("floor", "wall", "step", "step-edge", "chair", "support", "band")
# Which point of the body stays still between the start and the end pose.
ANCHORS: tuple[str, ...] = ("pelvis", "working-foot", "other-foot")
LEG_SIDES: tuple[str, ...] = ("left", "right")


@dataclass(frozen=True)
class Leg:
    hip: float = 0.0  # flexion +, extension - (the thigh behind the body)
    knee: float = 0.0  # flexion
    ankle: float = 0.0  # dorsiflexion + (toes up towards the shin), - pointing the toes
    out: float = 0.0  # abduction + (away from the other leg), - across it
    turn: float = 0.0  # rotation about the thigh: outward +, inward -
    open: float = 0.0  # a clamshell's opening: the knee up and out about the line
    #                    from hip to ankle, the foot staying where it is


@dataclass(frozen=True)
class Arm:
    shoulder: float = 0.0  # flexion: 0 by the side, 90 forward, 180 overhead; - behind
    elbow: float = 0.0  # flexion
    out: float = 0.0  # abduction: 90 out to the side


@dataclass(frozen=True)
class Pose:
    """One position of the whole body."""

    trunk: float = 0.0  # lean forward from upright: 90 face down, -90 lying on the back
    lean: float = 0.0  # lean sideways towards the other side: 90 lying on the other side
    neck: float = 0.0  # head bent forward +
    working: Leg = field(default_factory=Leg)
    other: Leg = field(default_factory=Leg)
    working_arm: Arm = field(default_factory=Arm)
    other_arm: Arm = field(default_factory=Arm)


BODY_ANGLES = ("trunk", "lean", "neck")
LEG_ANGLES = tuple(f.name for f in fields(Leg))
ARM_ANGLES = tuple(f.name for f in fields(Arm))
LIMBS = ("working", "other", "working_arm", "other_arm")

# The range each angle may take, in degrees: wide enough for any exercise, narrow
# enough to catch a typo (a knee at 400) or a sign turned round (a knee at -30).
ANGLE_RANGES: dict[str, tuple[float, float]] = {
    "trunk": (-180, 180),
    "lean": (-90, 90),
    "neck": (-60, 80),
    "hip": (-45, 150),
    "knee": (0, 160),
    "ankle": (-60, 45),
    "leg.out": (-45, 90),
    "turn": (-90, 90),
    "open": (0, 70),
    "shoulder": (-90, 200),
    "elbow": (0, 160),
    "arm.out": (-45, 180),
}


def angle_range(limb: str | None, name: str) -> tuple[float, float]:
    if name == "out":
        return ANGLE_RANGES["arm.out" if limb in ("working_arm", "other_arm") else "leg.out"]
    return ANGLE_RANGES[name]


@dataclass(frozen=True)
class Figure:
    """An exercise drawn: where it starts, where it ends, how it is seen."""

    start: Pose
    end: Pose
    view: View = "side"
    tilt: float = 0.0  # seen from this many degrees above (0: level with the body)
    turn: float = 0.0  # the view turned this many degrees about the vertical
    props: tuple[str, ...] = ()
    anchor: str = "pelvis"
    leg: str = "left"  # which leg works when the exercise has no sides


def _mix(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def blend(start: Pose, end: Pose, t: float) -> Pose:
    """The pose ``t`` of the way from ``start`` (0) to ``end`` (1), angle by angle."""
    if t <= 0:
        return start
    if t >= 1:
        return end

    def leg(a: Leg, b: Leg) -> Leg:
        return Leg(**{n: _mix(getattr(a, n), getattr(b, n), t) for n in LEG_ANGLES})

    def arm(a: Arm, b: Arm) -> Arm:
        return Arm(**{n: _mix(getattr(a, n), getattr(b, n), t) for n in ARM_ANGLES})

    return replace(
        start,
        trunk=_mix(start.trunk, end.trunk, t),
        lean=_mix(start.lean, end.lean, t),
        neck=_mix(start.neck, end.neck, t),
        working=leg(start.working, end.working),
        other=leg(start.other, end.other),
        working_arm=arm(start.working_arm, end.working_arm),
        other_arm=arm(start.other_arm, end.other_arm),
    )
