"""Reading how an exercise is done, for the coach: the position, what its side means,
and which way a tempo rep starts.

Kept apart from ``loader_exercise`` and ``loader_dose`` (which call it for every
exercise and part) so that each rule is stated once, next to the words of its error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yaml.nodes import Node

from kneecoach.engine.model import (
    LEG_ROLES,
    MOVES,
    POSITIONS,
    RELATIONS,
    Move,
    Position,
    SideSense,
)
from kneecoach.engine.yamlnodes import NodeReader

POSTURE_KEYS = ("position", "side_means", "lie_on", "stretched_leg")
SIDE_SENSE_KEYS = ("side_means", "lie_on", "stretched_leg")
REP_KEYS = ("first_move", "timed_fallback")
ON_YOUR_SIDE: Position = "on your side"


@dataclass(frozen=True)
class Posture:
    """The position and side sense of one exercise or part, inherited ones included."""

    position: Position | None = None
    side_sense: SideSense = field(default_factory=SideSense)


class PostureReader:
    def __init__(self, reader: NodeReader) -> None:
        self.r = reader

    def read(self, keys: dict[str, Node], field: str, base: Posture) -> Posture:
        """``base`` (the exercise's, for a part) with the keys written here laid over it."""
        position = base.position
        if "position" in keys:
            position = self.r.choice(keys["position"], f"{field}.position", POSITIONS) or position
        sense = base.side_sense
        means = sense.means
        if "side_means" in keys:
            means = self.r.choice(keys["side_means"], f"{field}.side_means", LEG_ROLES) or means
        lie_on, stretched = sense.lie_on, sense.stretched_leg
        if "lie_on" in keys:
            lie_on = self.r.choice(keys["lie_on"], f"{field}.lie_on", RELATIONS)
        if "stretched_leg" in keys:
            stretched = self.r.choice(keys["stretched_leg"], f"{field}.stretched_leg", RELATIONS)
        return Posture(position, SideSense(means, lie_on, stretched))

    def check(
        self, keys: dict[str, Node], field: str, posture: Posture, *, per_side: bool, timed: bool
    ) -> None:
        """Report keys that say nothing where they are written: a side's meaning with
        no sides, lying on a side in another position, a stretched leg twice."""
        for key in SIDE_SENSE_KEYS:
            if key not in keys:
                continue
            if timed:
                self.r.error(keys[key], f"{key!r} does not apply to a timed dose", f"{field}.{key}")
            elif not per_side:
                self.r.error(
                    keys[key],
                    f"{key!r} says what a side means: it needs per_side: true",
                    f"{field}.{key}",
                )
        sense = posture.side_sense
        if "lie_on" in keys and sense.lie_on and posture.position != ON_YOUR_SIDE:
            self.r.error(
                keys["lie_on"],
                "'lie_on' is for exercises done lying on one side (position: on your side)",
                f"{field}.lie_on",
            )
        elif "position" in keys and sense.lie_on and posture.position != ON_YOUR_SIDE:
            self.r.error(
                keys["position"],
                f"position {posture.position!r} does not go with the exercise's lie_on;"
                " give this part lie_on only if it is done on your side",
                f"{field}.position",
            )
        if "stretched_leg" in keys and sense.stretched_leg and sense.means == "stretched leg":
            self.r.error(
                keys["stretched_leg"],
                "'stretched_leg' is for a side that names another leg;"
                " side_means is already 'stretched leg'",
                f"{field}.stretched_leg",
            )

    def rep_keys(
        self, keys: dict[str, Node], field: str, *, reps_only: bool, self_paced: bool
    ) -> tuple[Move, bool]:
        """``first_move`` and ``timed_fallback``, for reps without a hold."""
        first: Move = "up"
        if "first_move" in keys:
            first = self.r.choice(keys["first_move"], f"{field}.first_move", MOVES) or first
            if not reps_only:
                self.r.error(
                    keys["first_move"],
                    "'first_move' is for reps without a hold (tempo or self-paced reps)",
                    f"{field}.first_move",
                )
        fallback = False
        if "timed_fallback" in keys:
            fallback = bool(self.r.flag(keys["timed_fallback"], f"{field}.timed_fallback"))
            if fallback and not self_paced:
                self.r.error(
                    keys["timed_fallback"],
                    "'timed_fallback' is for self-paced reps: it needs self_paced: true",
                    f"{field}.timed_fallback",
                )
            elif fallback and "tempo_seconds" not in keys:
                self.r.error(
                    keys["timed_fallback"],
                    "'timed_fallback' needs tempo_seconds: how long a rep runs when not counted",
                    f"{field}.timed_fallback",
                )
        return first, fallback
