"""Checking the progression rule's settings, from a session file or the user's config.

``RuleReader`` reads ``progression_rule:`` out of a session file's YAML nodes (so
that it can name the line); ``merge_rule`` takes a plain mapping (the user's
config, already parsed).
Both ask the functions here what is wrong with a value, so a mistake reads the
same wherever it was made. docs/progression.md documents every key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from yaml.nodes import Node

from kneecoach.engine.limits import DOSE_LIMITS, MAX_LIST_ITEMS, Limit
from kneecoach.engine.model import (
    PROGRESS_FIELDS,
    DoseSteps,
    ExerciseRule,
    ProgressionRule,
    rule_with,
    steps_with,
)
from kneecoach.engine.printable import excerpt
from kneecoach.engine.yamlnodes import NodeReader, close_match

RULE_KEYS = ("safe_pain", "acceptable_pain", "workouts_to_progress", "order", "steps")
EXERCISE_RULE_KEYS = ("order", "steps")  # an exercise may change what it progresses, and how fast
PAIN_KEYS = ("safe_pain", "acceptable_pain")
MAX_PAIN = 10
# a step is at most a whole range: the most a session file allows
RULE_LIMITS: dict[str, Limit] = {
    "workouts_to_progress": Limit(100, "workouts"),
    "hold_seconds": DOSE_LIMITS["hold_seconds"],
    "reps": DOSE_LIMITS["reps"],
    "sets": DOSE_LIMITS["sets"],
}


class RuleError(ValueError):
    """A bad progression-rule setting; ``field`` names it ("steps.reps", "order[1]")."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _whole(value: object) -> int | None:
    """``value`` as an int when it is a whole number (3 or 3.0), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    return int(value)


def value_problem(key: str, value: object) -> str | None:
    """What is wrong with one number of the rule, or None.

    ``key`` is a rule key (``safe_pain``, ``acceptable_pain``, ``workouts_to_progress``)
    or a step (``hold_seconds``, ``reps``, ``sets``).
    """
    whole = _whole(value)
    shown = "nothing" if value is None else excerpt(value)
    if key in PAIN_KEYS and (whole is None or not 0 <= whole <= MAX_PAIN):
        return f"must be a whole number from 0 to {MAX_PAIN} (a pain score), got {shown}"
    if key == "workouts_to_progress" and (whole is None or whole < 1):
        return f"must be a whole number, 1 or more, got {shown}"
    if key in ("reps", "sets") and (whole is None or whole < 1):
        return f"must be a whole number greater than zero, got {shown}"
    if key == "hold_seconds" and (
        isinstance(value, bool) or not isinstance(value, int | float) or not value > 0  # NaN too
    ):
        return f"must be a number of seconds greater than zero, got {shown}"
    limit = RULE_LIMITS.get(key)
    if limit is not None and isinstance(value, int | float) and value > limit.most:
        # compared before any arithmetic: a 400-digit number is a line, not an OverflowError
        return f"must be at most {limit.describe()}, got {shown}"
    return None


def plain(key: str, value: object) -> float:
    """A value ``value_problem`` passed, as the rule stores it: whole numbers as int."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{key}: not a checked number: {value!r}")
    return value if key == "hold_seconds" and not float(value).is_integer() else int(value)


def order_item_problem(value: object, seen: list[str]) -> str | None:
    """What is wrong with one entry of ``order`` (given the entries before it), or None."""
    if value not in PROGRESS_FIELDS:
        close = close_match(str(value), PROGRESS_FIELDS, cutoff=0.5)
        hint = f" (did you mean {close!r}?)" if close else ""
        return f"must be one of {', '.join(PROGRESS_FIELDS)}; got {excerpt(value)}{hint}"
    if value in seen:
        return f"{excerpt(value)} is listed twice"
    return None


def thresholds_problem(
    safe: int, acceptable: int, safe_note: str = "", acceptable_note: str = ""
) -> str | None:
    """The one check across keys: the safe zone lies inside the acceptable one."""
    if safe > acceptable:
        return (
            f"safe_pain ({safe}{safe_note}) must not be above"
            f" acceptable_pain ({acceptable}{acceptable_note})"
        )
    return None


def unknown_key(key: object, allowed: tuple[str, ...]) -> str:
    close = close_match(str(key), allowed, cutoff=0.6)
    hint = f" (did you mean {close!r}?)" if close else f"; expected one of: {', '.join(allowed)}"
    return f"unknown key {excerpt(key)}{hint}"


def merge_rule(
    base: ProgressionRule, overrides: Mapping[str, object], prefix: str = ""
) -> ProgressionRule:
    """``base`` with the settings in ``overrides`` (a plain mapping, e.g. the user's
    config) laid over it; raises RuleError naming the first bad field.

    ``prefix`` is put before field names in errors ("progression." gives
    "progression.steps.reps: ...").
    """
    if not isinstance(overrides, Mapping):
        raise RuleError(prefix.rstrip(".") or "progression_rule", "expected a mapping of keys")
    numbers: dict[str, int] = {}
    order: tuple[str, ...] | None = None
    steps: DoseSteps | None = None
    for key, value in overrides.items():
        if key not in RULE_KEYS:
            raise RuleError(f"{prefix}{key}", unknown_key(key, RULE_KEYS))
        if key == "order":
            order = _order(value, f"{prefix}order")
        elif key == "steps":
            steps = _steps(base.steps, value, f"{prefix}steps")
        else:
            problem = value_problem(key, value)
            if problem:
                raise RuleError(f"{prefix}{key}", problem)
            numbers[key] = int(plain(key, value))
    rule = rule_with(base, numbers, order=order, steps=steps)
    problem = thresholds_problem(rule.safe_pain, rule.acceptable_pain)
    if problem:
        field = "acceptable_pain" if "acceptable_pain" in numbers else "safe_pain"
        raise RuleError(f"{prefix}{field}", problem)
    return rule


def _order(value: object, field: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise RuleError(
            field, f"expected a list such as [hold_seconds, reps, sets], got {excerpt(value)}"
        )
    seen: list[str] = []
    for index, item in enumerate(value):
        problem = order_item_problem(item, seen)
        if problem:
            raise RuleError(f"{field}[{index}]", problem)
        seen.append(str(item))
    return tuple(seen)


def _steps(base: DoseSteps, value: object, field: str) -> DoseSteps:
    if not isinstance(value, Mapping):
        raise RuleError(field, f"expected a mapping such as {{reps: 1}}, got {excerpt(value)}")
    steps: dict[str, float] = {}
    for key, number in value.items():
        if key not in PROGRESS_FIELDS:
            raise RuleError(f"{field}.{key}", unknown_key(key, PROGRESS_FIELDS))
        problem = value_problem(key, number)
        if problem:
            raise RuleError(f"{field}.{key}", problem)
        steps[str(key)] = plain(key, number)
    return steps_with(base, steps)


@dataclass
class RuleSettings:
    """What a ``progression_rule:`` block gave, each value checked."""

    numbers: dict[str, float] = field(default_factory=dict)  # safe_pain, ...
    order: tuple[str, ...] | None = None
    steps: dict[str, float] = field(default_factory=dict)


class RuleReader:
    """Reads ``progression_rule:`` blocks out of a session file's nodes, for the loader."""

    def __init__(self, reader: NodeReader) -> None:
        self.r = reader

    def session_rule(self, node: Node) -> ProgressionRule:
        field = "progression_rule"
        read = self.rule_settings(node, field, RULE_KEYS)
        if read is None:
            return ProgressionRule()
        values, keys = read
        base = ProgressionRule()
        numbers = {key: int(value) for key, value in values.numbers.items()}
        steps = steps_with(base.steps, values.steps)
        rule = rule_with(base, numbers, order=values.order, steps=steps)
        if all(key not in keys or key in numbers for key in ("safe_pain", "acceptable_pain")):
            notes = ["" if key in keys else ", the default" for key in PAIN_KEYS]
            problem = thresholds_problem(rule.safe_pain, rule.acceptable_pain, *notes)
            where = "acceptable_pain" if "acceptable_pain" in keys else "safe_pain"
            if problem:
                self.r.error(keys[where], problem, f"{field}.{where}")
        return rule

    def exercise_rule(self, node: Node, field: str) -> ExerciseRule | None:
        read = self.rule_settings(node, field, EXERCISE_RULE_KEYS)
        if read is None:
            return None
        values, _ = read
        return ExerciseRule(order=values.order, steps=tuple(values.steps.items()))

    def rule_settings(
        self, node: Node, field: str, allowed: tuple[str, ...]
    ) -> tuple[RuleSettings, dict[str, Node]] | None:
        """The keys given and their checked values (a bad value is left out, and said)."""
        keys = self.r.mapping(node, field, allowed)
        if keys is None:
            return None
        values = RuleSettings()
        for key, value_node in keys.items():
            path = f"{field}.{key}"
            if key == "order":
                values.order = self.rule_order(value_node, path)
            elif key == "steps":
                steps = self.r.mapping(value_node, path, PROGRESS_FIELDS)
                for name, number_node in (steps or {}).items():
                    number = self.rule_number(number_node, f"{path}.{name}", name)
                    if number is not None:
                        values.steps[name] = number
            else:
                number = self.rule_number(value_node, path, key)
                if number is not None:
                    values.numbers[key] = number
        return values, keys

    def rule_number(self, node: Node, field: str, key: str) -> float | None:
        before = len(self.r.errors)
        value = self.r.scalar(node, field)
        if len(self.r.errors) > before:
            return None
        problem = value_problem(key, value)
        if problem:
            self.r.error(node, problem, field)
            return None
        return plain(key, value)

    def rule_order(self, node: Node, field: str) -> tuple[str, ...] | None:
        items = self.r.sequence(node, field, most=MAX_LIST_ITEMS)
        if items is None:
            return None
        seen: list[str] = []
        for index, item in enumerate(items):
            before = len(self.r.errors)
            value = self.r.scalar(item, f"{field}[{index}]")
            if len(self.r.errors) > before:
                continue
            problem = order_item_problem(value, seen)
            if problem:
                self.r.error(item, problem, f"{field}[{index}]")
            else:
                seen.append(str(value))
        return tuple(seen) if len(seen) == len(items) else None
