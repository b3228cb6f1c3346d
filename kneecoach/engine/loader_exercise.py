"""Reading one exercise of a session file: its fields, its parts, how it
progresses, and the ids that must be unique across the session.

``loader`` calls ``ExerciseReader.exercise`` for each item of ``exercises:``; the
dose is read by ``loader_dose``, the position and sides by ``loader_posture``. Ids,
rests and optional text are read the same way for the session itself, so those
readers are functions here that ``loader`` uses too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from yaml.nodes import Node

from kneecoach.engine.figures.library import read_figure
from kneecoach.engine.figures.model import Figure
from kneecoach.engine.limits import DOSE_LIMITS, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_PARTS, REST_LIMIT
from kneecoach.engine.loader_dose import DOSE_KEYS, PACE_KEYS, SIDE_KEYS, read_dose
from kneecoach.engine.loader_posture import POSTURE_KEYS, REP_KEYS, Posture, PostureReader
from kneecoach.engine.loader_source import read_source
from kneecoach.engine.model import (
    EXERCISE_KINDS,
    REST_KEYS,
    SIDES,
    Dose,
    Exercise,
    Part,
    Progression,
    Rests,
    Side,
)
from kneecoach.engine.printable import excerpt
from kneecoach.engine.progression_rule import RuleReader
from kneecoach.engine.sources import Source
from kneecoach.engine.yamlnodes import NodeReader

EXERCISE_KEYS = (
    "id", "name", "kind", "source", "summary", "equipment", "steps", "cautions",
    "progression", "progression_rule", "rests", "parts", *DOSE_KEYS, *SIDE_KEYS, *PACE_KEYS,
    *POSTURE_KEYS, *REP_KEYS, "figure",
)  # fmt: skip
PART_KEYS = (
    "id", "name", "steps", "cautions", *DOSE_KEYS, *SIDE_KEYS, *PACE_KEYS, *POSTURE_KEYS,
    *REP_KEYS, "figure",
)  # fmt: skip
PROGRESSION_KEYS = ("note", "hold_seconds", "reps", "sets")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def read_identifier(r: NodeReader, node: Node, field: str) -> str | None:
    """A session's, an exercise's or a part's id."""
    value = r.text(node, field, most=MAX_ID_CHARS)
    if value is not None and not ID_PATTERN.match(value):
        r.error(
            node,
            f"ids use lower-case letters, digits, '-' and '_'; got {excerpt(value)}",
            field,
        )
        return None
    return value


def read_rests(r: NodeReader, node: Node, field: str, base: Rests) -> Rests:
    """``base`` (the session's, for an exercise) with the rests written here laid over it."""
    keys = r.mapping(node, field, REST_KEYS)
    if not keys:
        return base
    values = {}
    for key, value_node in keys.items():
        value = r.range(value_node, f"{field}.{key}", allow_zero=True, most=REST_LIMIT)
        if value is not None:
            values[key] = value
    return replace(base, **values)


def optional_text(r: NodeReader, keys: dict[str, Node], key: str, path: str) -> str:
    if key not in keys:
        return ""
    return r.text(keys[key], f"{path}.{key}" if path else key) or ""


class ExerciseReader:
    """Reads the exercises of one session file, in order; problems go to ``reader``."""

    def __init__(self, reader: NodeReader) -> None:
        self.r = reader
        self.ids: dict[str, int] = {}  # exercise id: the line it was first used on

    def reserve(self, exercise_id: str) -> None:
        """An id the session's warm-up or cool-down takes, so no exercise may use it."""
        self.ids[exercise_id] = 0

    def name(self, keys: dict[str, Node], field: str) -> str | None:
        """An exercise's or a part's name: at most MAX_NAME_CHARS."""
        if "name" not in keys:
            return None
        return self.r.text(keys["name"], f"{field}.name", most=MAX_NAME_CHARS)

    def claim_id(self, exercise_id: str, node: Node, field: str) -> None:
        line = node.start_mark.line + 1
        if exercise_id in self.ids:
            first = self.ids[exercise_id]
            where = (
                f"first used at line {first}"
                if first
                else "reserved for the session's warm-up or cool-down"
            )
            self.r.error(node, f"duplicate exercise id {exercise_id!r}, {where}", field)
        else:
            self.ids[exercise_id] = line

    def sides(
        self, keys: dict[str, Node], field: str, per_side: bool, first: Side
    ) -> tuple[bool, Side]:
        if "per_side" in keys:
            per_side = bool(self.r.flag(keys["per_side"], f"{field}.per_side"))
        if "first_side" in keys:
            first = self.r.choice(keys["first_side"], f"{field}.first_side", SIDES) or first
        return per_side, first

    def exercise(
        self, node: Node, field: str, source: Source | None, rests: Rests
    ) -> Exercise | None:
        keys = self.r.mapping(node, field, EXERCISE_KEYS, required=("id", "name", "kind"))
        if keys is None:
            return None
        eid = read_identifier(self.r, keys["id"], f"{field}.id") if "id" in keys else None
        if eid is not None:
            self.claim_id(eid, keys["id"], f"{field}.id")
        name = self.name(keys, field)
        kind = (
            self.r.choice(keys["kind"], f"{field}.kind", EXERCISE_KINDS) if "kind" in keys else None
        )
        steps = (
            self.r.text_list(keys["steps"], f"{field}.steps", required=True)
            if "steps" in keys
            else ()
        )
        own_rests = (
            read_rests(self.r, keys["rests"], f"{field}.rests", rests) if "rests" in keys else rests
        )
        per_side, first_side = self.sides(keys, field, False, "left")
        postures = PostureReader(self.r)
        posture = postures.read(keys, field, Posture())
        figure = read_figure(self.r, keys, field)
        parts: tuple[Part, ...] = ()
        dose: Dose | None = None
        if "parts" in keys:
            for key in DOSE_KEYS:
                if key in keys:
                    self.r.error(
                        keys[key],
                        f"{key!r} belongs in each part when an exercise has parts",
                        f"{field}.{key}",
                    )
            parts = self.parts(
                keys["parts"], f"{field}.parts", per_side, first_side, posture, figure
            )
        else:
            if "steps" not in keys:
                self.r.error(node, "missing required key 'steps'", field)
            dose = read_dose(self.r, keys, node, field)
        postures.check(
            keys,
            field,
            posture,
            per_side=per_side or any(part.per_side for part in parts),
            timed=dose is not None and dose.shape == "timed",
        )
        progression = (
            self.progression(keys["progression"], f"{field}.progression")
            if "progression" in keys
            else None
        )
        own_rule = (
            RuleReader(self.r).exercise_rule(keys["progression_rule"], f"{field}.progression_rule")
            if "progression_rule" in keys
            else None
        )
        own_source = (
            read_source(self.r, keys["source"], f"{field}.source") if "source" in keys else source
        )
        if eid is None or name is None or kind is None or (dose is None and not parts):
            return None
        if own_source is None:
            return None
        return Exercise(
            id=eid,
            name=name,
            kind=kind,
            source=own_source,
            steps=steps,
            rests=own_rests,
            parts=parts,
            dose=dose,
            per_side=per_side,
            first_side=first_side,
            position=posture.position,
            side_sense=posture.side_sense,
            summary=optional_text(self.r, keys, "summary", field),
            equipment=self.r.text_list(keys["equipment"], f"{field}.equipment")
            if "equipment" in keys
            else (),
            cautions=self.r.text_list(keys["cautions"], f"{field}.cautions")
            if "cautions" in keys
            else (),
            progression=progression,
            progression_rule=own_rule,
            line=node.start_mark.line + 1,
            figure=figure,
        )

    def parts(
        self,
        node: Node,
        field: str,
        per_side: bool,
        first_side: Side,
        posture: Posture,
        figure: Figure | None,
    ) -> tuple[Part, ...]:
        items = self.r.sequence(node, field, most=MAX_PARTS)
        postures = PostureReader(self.r)
        if items is not None and not items:
            self.r.error(node, "'parts' needs at least one part", field)
        parts: list[Part] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(items or []):
            path = f"{field}[{index}]"
            keys = self.r.mapping(item, path, PART_KEYS, required=("id", "name", "steps"))
            if keys is None:
                continue
            pid = read_identifier(self.r, keys["id"], f"{path}.id") if "id" in keys else None
            if pid is not None and pid in seen:
                self.r.error(
                    keys["id"],
                    f"duplicate part id {pid!r}, first used at line {seen[pid]}",
                    f"{path}.id",
                )
            elif pid is not None:
                seen[pid] = keys["id"].start_mark.line + 1
            name = self.name(keys, path)
            dose = read_dose(self.r, keys, item, path)
            part_side, part_first = self.sides(keys, path, per_side, first_side)
            part_posture = postures.read(keys, path, posture)
            timed = dose is not None and dose.shape == "timed"
            postures.check(keys, path, part_posture, per_side=part_side, timed=timed)
            part_figure = read_figure(self.r, keys, path) or figure
            if pid is None or name is None or dose is None:
                continue
            parts.append(
                Part(
                    id=pid,
                    name=name,
                    dose=dose,
                    steps=self.r.text_list(keys["steps"], f"{path}.steps", required=True)
                    if "steps" in keys
                    else (),
                    cautions=self.r.text_list(keys["cautions"], f"{path}.cautions")
                    if "cautions" in keys
                    else (),
                    per_side=part_side and dose.shape != "timed",
                    first_side=part_first,
                    position=part_posture.position,
                    side_sense=part_posture.side_sense,
                    figure=part_figure,
                )
            )
        return tuple(parts)

    def progression(self, node: Node, field: str) -> Progression | None:
        if not hasattr(node, "value") or not isinstance(node.value, list):
            note = self.r.text(node, field)
            return Progression(note=note) if note else None
        keys = self.r.mapping(node, field, PROGRESSION_KEYS, required=("note",))
        if not keys:
            return None
        note = self.r.text(keys["note"], f"{field}.note") if "note" in keys else None

        def target(key: str) -> float | None:
            if key not in keys:
                return None
            whole = key != "hold_seconds"
            return self.r.number(
                keys[key], f"{field}.{key}", whole=whole, allow_zero=False, most=DOSE_LIMITS[key]
            )

        hold, reps, sets = target("hold_seconds"), target("reps"), target("sets")
        if not note:
            return None
        return Progression(
            note=note,
            hold_seconds=hold,
            reps=None if reps is None else int(reps),
            sets=None if sets is None else int(sets),
        )
