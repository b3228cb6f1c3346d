"""The `progression_rule:` keys: read into the model, and every mistake on its own line.

Same harness as test_loader_errors.py: each bad file is BASE plus one change, checked
through load_session and `kneecoach validate`, with both YAML loaders.
"""

from __future__ import annotations

import pytest

from kneecoach.engine import DoseSteps, ExerciseRule, ProgressionRule, parse_session
from tests.engine.test_loader_errors import BASE, check, loader  # noqa: F401 (a fixture)

TOP = "progression_rule:\n"  # appended after BASE's 10 lines: this is line 11


def test_a_session_rule_and_an_exercise_rule_are_read():
    text = (
        BASE
        + "    progression_rule:\n      order: [reps]\n      steps: {hold_seconds: 2.5}\n"
        + TOP
        + "  safe_pain: 1\n  acceptable_pain: 4\n  workouts_to_progress: 2\n"
        + "  order: [sets, hold_seconds]\n  steps: {hold_seconds: 5, reps: 2}\n"
    )
    session = parse_session(text.encode(), "ok.yaml")
    assert session.progression_rule == ProgressionRule(
        safe_pain=1,
        acceptable_pain=4,
        workouts_to_progress=2,
        order=("sets", "hold_seconds"),
        steps=DoseSteps(hold_seconds=5, reps=2, sets=1),
    )
    own = session.exercises[0].progression_rule
    assert own == ExerciseRule(order=("reps",), steps=(("hold_seconds", 2.5),))
    assert own.applied_to(session.progression_rule) == ProgressionRule(
        safe_pain=1,
        acceptable_pain=4,
        workouts_to_progress=2,
        order=("reps",),
        steps=DoseSteps(hold_seconds=2.5, reps=2, sets=1),
    )


def test_without_a_rule_the_defaults_apply():
    session = parse_session(BASE.encode(), "ok.yaml")
    assert session.progression_rule == ProgressionRule()
    assert session.exercises[0].progression_rule is None


def test_an_exercise_can_turn_progression_off_with_an_empty_order():
    session = parse_session((BASE + "    progression_rule: {order: []}\n").encode(), "ok.yaml")
    assert session.exercises[0].progression_rule == ExerciseRule(order=())


PAIN = "must be a whole number from 0 to 10 (a pain score)"
ORDER_CHOICES = "must be one of hold_seconds, reps, sets"

CASES = [
    pytest.param(
        TOP + "  safe_pian: 1\n",
        ["12:3: unknown key 'safe_pian' (did you mean 'safe_pain'?) (progression_rule.safe_pian)"],
        id="unknown-key-did-you-mean",
    ),
    pytest.param(
        TOP + "  colour: red\n",
        [
            (
                "12:3: unknown key 'colour'; expected one of: safe_pain, acceptable_pain,"
                " workouts_to_progress, order, steps (progression_rule.colour)"
            )
        ],
        id="unknown-key-no-match",
    ),
    pytest.param(
        TOP + "  safe_pain: 11\n",
        [f"12:14: {PAIN}, got 11 (progression_rule.safe_pain)"],
        id="pain-above-10",
    ),
    pytest.param(
        TOP + "  safe_pain: -1\n",
        [f"12:14: {PAIN}, got -1 (progression_rule.safe_pain)"],
        id="pain-below-0",
    ),
    pytest.param(
        TOP + "  acceptable_pain: 2.5\n",
        [f"12:20: {PAIN}, got 2.5 (progression_rule.acceptable_pain)"],
        id="pain-not-whole",
    ),
    pytest.param(
        TOP + "  acceptable_pain: high\n",
        [f"12:20: {PAIN}, got 'high' (progression_rule.acceptable_pain)"],
        id="pain-as-text",
    ),
    pytest.param(
        TOP + "  safe_pain:\n",
        [f"12:13: {PAIN}, got nothing (progression_rule.safe_pain)"],
        id="pain-empty",
    ),
    pytest.param(
        TOP + "  workouts_to_progress: 0\n",
        ["12:25: must be a whole number, 1 or more, got 0 (progression_rule.workouts_to_progress)"],
        id="workouts-zero",
    ),
    pytest.param(
        TOP + "  safe_pain: 4\n  acceptable_pain: 3\n",
        [
            (
                "13:20: safe_pain (4) must not be above acceptable_pain (3)"
                " (progression_rule.acceptable_pain)"
            )
        ],
        id="safe-above-acceptable",
    ),
    pytest.param(
        TOP + "  safe_pain: 6\n",
        [
            (
                "12:14: safe_pain (6) must not be above acceptable_pain (5, the default)"
                " (progression_rule.safe_pain)"
            )
        ],
        id="safe-above-default-acceptable",
    ),
    pytest.param(
        TOP.rstrip("\n") + " {acceptable_pain: 1}\n",
        [
            (
                "11:37: safe_pain (2, the default) must not be above acceptable_pain (1)"
                " (progression_rule.acceptable_pain)"
            )
        ],
        id="acceptable-below-default-safe",
    ),
    pytest.param(
        TOP + "  order: [hold_seconds, rep]\n",
        [f"12:25: {ORDER_CHOICES}; got 'rep' (did you mean 'reps'?) (progression_rule.order[1])"],
        id="order-misspelt",
    ),
    pytest.param(
        TOP + "  order: [reps, reps]\n",
        ["12:17: 'reps' is listed twice (progression_rule.order[1])"],
        id="order-twice",
    ),
    pytest.param(
        TOP + "  order: reps\n",
        ["12:10: expected a list, got 'reps' (progression_rule.order)"],
        id="order-not-a-list",
    ),
    pytest.param(
        TOP + "  steps: {hold_second: 1}\n",
        [
            (
                "12:11: unknown key 'hold_second' (did you mean 'hold_seconds'?)"
                " (progression_rule.steps.hold_second)"
            )
        ],
        id="step-misspelt",
    ),
    pytest.param(
        TOP + "  steps: {reps: 0, hold_seconds: -1, sets: 1.5}\n",
        [
            "12:17: must be a whole number greater than zero, got 0 (progression_rule.steps.reps)",
            (
                "12:34: must be a number of seconds greater than zero, got -1"
                " (progression_rule.steps.hold_seconds)"
            ),
            "12:44: must be a whole number greater than zero, got 1.5 (progression_rule.steps.sets)",
        ],
        id="bad-steps",
    ),
    pytest.param(
        TOP.rstrip("\n") + " 3\n",
        ["11:19: expected a mapping of keys for progression_rule, got '3' (progression_rule)"],
        id="not-a-mapping",
    ),
    pytest.param(
        "    progression_rule:\n      safe_pain: 1\n",
        [
            (
                "12:7: unknown key 'safe_pain'; expected one of: order, steps"
                " (exercises[0].progression_rule.safe_pain)"
            )
        ],
        id="thresholds-are-session-wide",
    ),
    pytest.param(
        "    progression_rule: {order: [sets, set]}\n",
        [
            (
                f"11:38: {ORDER_CHOICES}; got 'set' (did you mean 'sets'?)"
                " (exercises[0].progression_rule.order[1])"
            )
        ],
        id="exercise-order-misspelt",
    ),
]


@pytest.mark.parametrize(("addition", "expected"), CASES)
def test_bad_rule_gives_exact_lines(tmp_path, capsys, loader, addition, expected):  # noqa: F811
    check(tmp_path, capsys, BASE + addition, expected)
