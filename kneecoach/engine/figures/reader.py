"""Reading ``figure:`` from a session file (and the pose library) with positions,
so that an unknown pose, an angle out of range or a missing limb is one line,
``FILE:LINE:COL: message (field)``, like every other mistake in a session file.

    figure:
      view: side                 # side (default), front or back
      props: [floor, wall]
      start: standing            # a pose from the library...
      end:                       # ...or angles, from a library pose or from nothing
        like: standing
        legs: {hip: 90, knee: 90}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from kneecoach.engine.figures.model import (
    ANCHORS,
    ARM_ANGLES,
    BODY_ANGLES,
    LEG_ANGLES,
    LEG_SIDES,
    PROPS,
    VIEWS,
    Figure,
    Pose,
    angle_range,
)
from kneecoach.engine.yamlnodes import NodeReader, close_match

FIGURE_KEYS = ("view", "tilt", "turn", "props", "anchor", "leg", "start", "end")
LIMB_KEYS = ("legs", "arms", "working", "other", "working_arm", "other_arm")
POSE_KEYS = ("like", *BODY_ANGLES, *LIMB_KEYS)
TILT_RANGE = (0.0, 80.0)
TURN_RANGE = (-180.0, 180.0)


class FigureReader:
    """Reads figures and poses through a ``NodeReader`` (which collects the errors);
    ``poses`` are the named poses a figure may use."""

    def __init__(self, reader: NodeReader, poses: Mapping[str, Pose]) -> None:
        self.r = reader
        self.poses = poses

    def figure(self, node: Node, field: str) -> Figure | None:
        keys = self.r.mapping(node, field, FIGURE_KEYS, required=("start", "end"))
        if keys is None:
            return None
        before = len(self.r.errors)
        start = self.pose(keys["start"], f"{field}.start") if "start" in keys else None
        end = self.pose(keys["end"], f"{field}.end") if "end" in keys else None
        view = self.r.choice(keys["view"], f"{field}.view", VIEWS) if "view" in keys else "side"
        tilt = self.angle(keys["tilt"], f"{field}.tilt", TILT_RANGE) if "tilt" in keys else 0.0
        turn = self.angle(keys["turn"], f"{field}.turn", TURN_RANGE) if "turn" in keys else 0.0
        anchor = (
            self.r.choice(keys["anchor"], f"{field}.anchor", ANCHORS)
            if "anchor" in keys
            else "pelvis"
        )
        leg = self.r.choice(keys["leg"], f"{field}.leg", LEG_SIDES) if "leg" in keys else "left"
        props = self.props(keys["props"], f"{field}.props") if "props" in keys else ()
        if len(self.r.errors) > before or start is None or end is None:
            return None
        if view is None or tilt is None or turn is None or anchor is None or leg is None:
            return None
        return Figure(start, end, view, tilt, turn, props, anchor, leg)

    def props(self, node: Node, field: str) -> tuple[str, ...]:
        found: list[str] = []
        for index, item in enumerate(self.r.sequence(node, field) or []):
            prop = self.r.choice(item, f"{field}[{index}]", PROPS)
            if prop is not None and prop not in found:
                found.append(prop)
        return tuple(found)

    def pose(self, node: Node, field: str) -> Pose | None:
        """A pose by name, or written out as angles (``like``: start from a named one)."""
        if isinstance(node, ScalarNode):
            return self.named(node, field)
        keys = self.r.mapping(node, field, POSE_KEYS)
        if keys is None:
            return None
        before = len(self.r.errors)
        base = self.named(keys["like"], f"{field}.like") if "like" in keys else Pose()
        if base is None:
            return None
        if "like" not in keys:
            self._every_limb(node, keys, field)
        values: dict[str, Any] = {}
        for name in BODY_ANGLES:
            if name in keys:
                values[name] = self.angle(keys[name], f"{field}.{name}", angle_range(None, name))
        both = {"legs": ("working", "other"), "arms": ("working_arm", "other_arm")}
        for key in LIMB_KEYS:
            if key not in keys:
                continue
            limbs = both.get(key, (key,))
            angles = self.angles(keys[key], f"{field}.{key}", limbs[0])
            for limb in limbs:
                current = values.get(limb, getattr(base, limb))
                values[limb] = replace(current, **angles)
        if len(self.r.errors) > before:
            return None
        return replace(base, **values)

    def _every_limb(self, node: Node, keys: Mapping[str, Node], field: str) -> None:
        for both, one, two in (
            ("legs", "working", "other"),
            ("arms", "working_arm", "other_arm"),
        ):
            for limb in (one, two):
                if both not in keys and limb not in keys:
                    self.r.error(
                        node,
                        f"missing limb {limb!r} (give {limb!r} or {both!r}, "
                        "or start from a named pose with 'like')",
                        field,
                    )

    def named(self, node: Node, field: str) -> Pose | None:
        name = self.r.text(node, field)
        if name is None:
            return None
        pose = self.poses.get(name)
        if pose is None:
            close = close_match(name, self.poses, cutoff=0.6)
            hint = (
                f" (did you mean {close!r}?)"
                if close
                else " (kneecoach figures --poses lists them)"
            )
            self.r.error(node, f"unknown pose {name!r}{hint}", field)
        return pose

    def angles(self, node: Node, field: str, limb: str) -> dict[str, float]:
        """A limb's angles by name (``hip``, ``knee``...), each checked for its range."""
        names = ARM_ANGLES if limb.endswith("_arm") else LEG_ANGLES
        keys = self.r.mapping(node, field, names)
        values: dict[str, float] = {}
        for name, value_node in (keys or {}).items():
            value = self.angle(value_node, f"{field}.{name}", angle_range(limb, name))
            if value is not None:
                values[name] = value
        return values

    def angle(self, node: Node, field: str, bounds: tuple[float, float]) -> float | None:
        """Degrees, a number from ``bounds[0]`` to ``bounds[1]``."""
        if isinstance(node, MappingNode):
            self.r.error(node, "expected an angle in degrees, got a mapping", field)
            return None
        before = len(self.r.errors)
        value = self.r.scalar(node, field)
        if len(self.r.errors) > before:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            self.r.error(node, f"expected an angle in degrees, got {value!r}", field)
            return None
        low, high = bounds
        if not low <= value <= high:
            self.r.error(
                node, f"angle out of range: {value:g} (from {low:g} to {high:g} degrees)", field
            )
            return None
        return float(value)


def read_library(root: Node, reader: NodeReader) -> dict[str, Pose]:
    """The pose library: a mapping of names to poses; ``like`` may name a pose above."""
    poses: dict[str, Pose] = {}
    if not isinstance(root, MappingNode):
        reader.error(root, "expected a mapping of pose names to poses", "")
        return poses
    figures = FigureReader(reader, poses)
    for key_node, value_node in root.value:
        name = reader.text(key_node, "")
        if name is None:
            continue
        if name in poses:
            reader.error(key_node, f"duplicate pose {name!r}", name)
            continue
        pose = figures.pose(value_node, name)
        if pose is not None:
            poses[name] = pose
    return poses
