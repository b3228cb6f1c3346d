"""Reading the dose of an exercise or a part: minutes, a hold, or reps, with the
keys that go with each (sides, pace, how a rep starts) and the one error for each
combination that does not make sense.

``loader_exercise`` calls it for every exercise without parts and for every part.
"""

from __future__ import annotations

from yaml.nodes import Node

from kneecoach.engine.limits import DOSE_LIMITS
from kneecoach.engine.loader_posture import PostureReader
from kneecoach.engine.model import Dose
from kneecoach.engine.yamlnodes import NodeReader

DOSE_KEYS = ("minutes", "hold_seconds", "reps", "sets", "tempo_seconds")
SIDE_KEYS = ("per_side", "first_side")
PACE_KEYS = ("self_paced",)


def read_dose(r: NodeReader, keys: dict[str, Node], node: Node, field: str) -> Dose | None:
    """The dose written in ``keys`` (the mapping at ``node``), or None; problems go to ``r``."""
    values = {}
    for key in DOSE_KEYS:
        if key in keys:
            whole = key in ("reps", "sets")
            values[key] = r.range(keys[key], f"{field}.{key}", whole=whole, most=DOSE_LIMITS[key])
    given = [key for key in DOSE_KEYS if key in keys]
    where = field
    self_paced = (
        bool(r.flag(keys["self_paced"], f"{field}.self_paced")) if "self_paced" in keys else False
    )
    if self_paced and ("hold_seconds" in keys or "minutes" in keys):
        r.error(
            keys["self_paced"],
            "'self_paced' is for reps without a hold or minutes",
            f"{field}.self_paced",
        )
    if not given:
        r.error(node, "no dose: give minutes, hold_seconds, or reps with tempo_seconds", where)
        return None
    if "minutes" in keys:
        extra = [key for key in given if key != "minutes"]
        if extra:
            r.error(
                keys[extra[0]],
                f"{extra[0]!r} cannot be combined with 'minutes' (a timed dose)",
                f"{field}.{extra[0]}",
            )
        for key in SIDE_KEYS:
            if key in keys:
                r.error(keys[key], f"{key!r} does not apply to a timed dose", f"{field}.{key}")
    elif "hold_seconds" in keys:
        if "tempo_seconds" in keys:
            r.error(
                keys["tempo_seconds"],
                "'tempo_seconds' is for reps without a hold; this exercise has hold_seconds",
                f"{field}.tempo_seconds",
            )
    elif "reps" not in keys:
        r.error(node, "no dose: give minutes, hold_seconds, or reps with tempo_seconds", where)
    elif "tempo_seconds" not in keys and not self_paced:
        r.error(
            node,
            "reps without hold_seconds need tempo_seconds (the seconds one rep takes)"
            " or self_paced: true",
            where,
        )
    first_move, fallback = PostureReader(r).rep_keys(
        keys,
        field,
        reps_only="hold_seconds" not in keys and "minutes" not in keys,
        self_paced=self_paced,
    )
    if any(value is None for value in values.values()):
        return None
    return Dose(**values, self_paced=self_paced, first_move=first_move, timed_fallback=fallback)
