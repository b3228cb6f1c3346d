"""Reading a session out of a session file's YAML: a validated Session, or every
problem listed (``session_file`` reads the file and calls ``read_session``).

The format is documented in docs/sessions.md; this module is its only reader. It
reads the session's own fields, its warm-up and cool-down, and checks the size of
the whole; each exercise is read by ``loader_exercise``.
"""

from __future__ import annotations

from yaml.nodes import Node

from kneecoach.engine.figures.library import read_figure
from kneecoach.engine.limits import DOSE_LIMITS, MAX_EXERCISES, MAX_NAME_CHARS, MAX_PLAN_STEPS
from kneecoach.engine.loader_exercise import (
    ExerciseReader,
    optional_text,
    read_identifier,
    read_rests,
)
from kneecoach.engine.loader_source import read_source
from kneecoach.engine.model import (
    Dose,
    Exercise,
    ExerciseKind,
    ProgressionRule,
    Rests,
    Session,
)
from kneecoach.engine.plan import top_steps
from kneecoach.engine.progression_rule import RuleReader
from kneecoach.engine.sources import Source
from kneecoach.engine.yamlnodes import NodeReader

SESSION_KEYS = (
    "id", "title", "source", "summary", "safety", "avoid",
    "warm_up", "cool_down", "rests", "progression_rule", "exercises", "per_week",
)  # fmt: skip
MAX_PER_WEEK = 21  # three times a day
TIMED_BLOCK_KEYS = ("minutes", "what", "steps", "figure")


def read_session(root: Node, reader: NodeReader) -> Session | None:
    """The session in a composed file, or None; problems go to ``reader``."""
    return _SessionReader(reader).read(root)


class _SessionReader:
    def __init__(self, reader: NodeReader) -> None:
        self.r = reader
        self.exercises = ExerciseReader(reader)
        self.nodes: dict[int, tuple[Node, str]] = {}  # an exercise's line: its node, field

    def read(self, root: Node) -> Session | None:
        keys = self.r.mapping(
            root, "", SESSION_KEYS, required=("id", "title", "source", "exercises")
        )
        if keys is None:
            return None
        sid = read_identifier(self.r, keys["id"], "id") if "id" in keys else None
        title = (
            self.r.text(keys["title"], "title", most=MAX_NAME_CHARS) if "title" in keys else None
        )
        source = read_source(self.r, keys["source"], "source") if "source" in keys else None
        rests = read_rests(self.r, keys["rests"], "rests", Rests()) if "rests" in keys else Rests()
        rule = (
            RuleReader(self.r).session_rule(keys["progression_rule"])
            if "progression_rule" in keys
            else ProgressionRule()
        )
        per_week = self.per_week(keys["per_week"]) if "per_week" in keys else None
        exercises: list[Exercise] = []
        for key, kind in (("warm_up", "warm-up"), ("cool_down", "cool-down")):
            if key in keys:  # reserved before the exercises, so a clash is shown on the exercise
                self.exercises.reserve(kind)
        if "warm_up" in keys:
            exercises += self.timed_block(keys["warm_up"], "warm_up", "warm-up", source, rests)
        if "exercises" in keys:
            items = self.r.sequence(keys["exercises"], "exercises", most=MAX_EXERCISES)
            if items is not None and not items:
                self.r.error(
                    keys["exercises"], "a session needs at least one exercise", "exercises"
                )
            for index, node in enumerate(items or []):
                field = f"exercises[{index}]"
                exercise = self.exercises.exercise(node, field, source, rests)
                if exercise is not None:
                    self.nodes[exercise.line] = (node, field)
                    exercises.append(exercise)
        if "cool_down" in keys:
            exercises += self.timed_block(
                keys["cool_down"], "cool_down", "cool-down", source, rests
            )
        if sid is None or title is None or source is None or self.r.errors:
            return None
        self.check_size(exercises)
        if self.r.errors:
            return None
        return Session(
            id=sid,
            title=title,
            source=source,
            exercises=tuple(exercises),
            summary=optional_text(self.r, keys, "summary", ""),
            safety=self.r.text_list(keys["safety"], "safety") if "safety" in keys else (),
            avoid=self.r.text_list(keys["avoid"], "avoid") if "avoid" in keys else (),
            rests=rests,
            progression_rule=rule,
            per_week=per_week,
        )

    def per_week(self, node: Node) -> int | None:
        """How many workouts a week the programme asks for (7: daily)."""
        value = self.r.number(node, "per_week", whole=True, allow_zero=False)
        if value is not None and value > MAX_PER_WEEK:
            self.r.error(
                node, f"must be at most {MAX_PER_WEEK} (three a day), got {value!r}", "per_week"
            )
            return None
        return None if value is None else int(value)

    def check_size(self, exercises: list[Exercise]) -> None:
        """The whole session at the top of every range and progression target (the
        most it can grow to) is at most MAX_PLAN_STEPS steps; the error is put on
        the exercise that takes it past."""
        steps = 0
        for exercise in exercises:
            own = top_steps(exercise)
            steps += own
            if steps > MAX_PLAN_STEPS:
                node, field = self.nodes[exercise.line]
                message = (
                    f"at the top of its ranges the session would pass {MAX_PLAN_STEPS:,}"
                    f" steps (holds, reps, rests) with this exercise, which has {own:,}"
                )
                self.r.error(node, message, field)
                return

    def timed_block(
        self, node: Node, field: str, kind: ExerciseKind, source: Source | None, rests: Rests
    ) -> list[Exercise]:
        keys = self.r.mapping(node, field, TIMED_BLOCK_KEYS, required=("minutes", "what"))
        if keys is None:
            return []
        minutes = (
            self.r.range(keys["minutes"], f"{field}.minutes", most=DOSE_LIMITS["minutes"])
            if "minutes" in keys
            else None
        )
        what = self.r.text(keys["what"], f"{field}.what") if "what" in keys else None
        steps = (
            self.r.text_list(keys["steps"], f"{field}.steps", required=True)
            if "steps" in keys
            else ()
        )
        figure = read_figure(self.r, keys, field)
        if minutes is None or what is None or source is None:
            return []
        self.nodes[node.start_mark.line + 1] = (node, field)
        return [
            Exercise(
                id=kind,
                name="Warm-up" if kind == "warm-up" else "Cool-down",
                kind=kind,
                source=source,
                summary=what,
                steps=(what, *steps),
                rests=rests,
                dose=Dose(minutes=minutes),
                position="standing",  # a walk or a bike: it ends on your feet
                line=node.start_mark.line + 1,
                figure=figure,
            )
        ]
