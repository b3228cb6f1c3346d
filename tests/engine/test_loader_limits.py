"""Hostile and careless session files: every number, list and text has a bound,
a value is never quoted whole, and control characters are left out with a
warning. Each bad file is one FILE:LINE:COL line per problem, through
load_session and `kneecoach validate`, with both YAML loaders (see
test_loader_errors.py, whose BASE session and helpers these cases reuse)."""

from __future__ import annotations

import time

import pytest

from kneecoach.cli import main
from kneecoach.engine import load_session
from kneecoach.engine.limits import MAX_PLAN_STEPS
from kneecoach.engine.session_file import check_session
from tests.engine.test_loader_errors import BASE, check, edit, load_errors, loader, write

__all__ = ["loader"]  # the fixture, imported for its two YAML loaders

REPS = "10:11"  # where `reps: 3` has its value
HOLD = "9:19"  # where `hold_seconds: [20, 30]` has its value
FOUR_HUNDRED_NINES = "9" * 400

CASES = [
    # --- the numbers the issue names: one line each, never an OverflowError -----
    pytest.param(
        edit("[20, 30]", "1.0e+308"),
        [f"{HOLD}: must be at most 1,800 seconds, got 1e+308 (exercises[0].hold_seconds)"],
        id="hold-1e308",
    ),
    pytest.param(
        edit("[20, 30]", "1000000000"),
        [f"{HOLD}: must be at most 1,800 seconds, got 1000000000 (exercises[0].hold_seconds)"],
        id="hold-a-billion",
    ),
    pytest.param(
        edit("reps: 3", "reps: 10000000"),
        [f"{REPS}: must be at most 100 reps, got 10000000 (exercises[0].reps)"],
        id="reps-ten-million",
    ),
    pytest.param(
        edit("reps: 3", f"reps: {FOUR_HUNDRED_NINES}"),
        [f"{REPS}: must be at most 100 reps, got 999999999999… (400 digits) (exercises[0].reps)"],
        id="reps-400-digits",
    ),
    pytest.param(
        edit("[20, 30]", f"[20, {FOUR_HUNDRED_NINES}]"),
        [
            (
                "9:24: must be at most 1,800 seconds, got 999999999999… (400 digits)"
                " (exercises[0].hold_seconds)"
            )
        ],
        id="hold-range-400-digits",
    ),
    pytest.param(
        edit("[20, 30]", ".inf"),
        [f"{HOLD}: must be a finite number (exercises[0].hold_seconds)"],
        id="hold-inf",
    ),
    pytest.param(
        edit("reps: 3", "reps: " + "9" * 5000),
        [f"{REPS}: '{'9' * 39}'… is not a valid int (put text in quotes) (exercises[0].reps)"],
        id="reps-5000-digits",
    ),
    # --- each bound, just past it ---------------------------------------------
    pytest.param(
        BASE + "    sets: 21\n",
        ["11:11: must be at most 20 sets, got 21 (exercises[0].sets)"],
        id="sets",
    ),
    pytest.param(
        edit("exercises:\n", "warm_up: {minutes: 121, what: Walk}\nexercises:\n"),
        ["4:20: must be at most 120 minutes, got 121 (warm_up.minutes)"],
        id="warm-up-minutes",
    ),
    pytest.param(
        edit("    hold_seconds: [20, 30]\n", "    tempo_seconds: 61\n"),
        ["9:20: must be at most 60 seconds, got 61 (exercises[0].tempo_seconds)"],
        id="tempo",
    ),
    pytest.param(
        edit("exercises:\n", "rests: {between_sets: [20, 601]}\nexercises:\n"),
        ["4:28: must be at most 600 seconds, got 601 (rests.between_sets)"],
        id="rest",
    ),
    pytest.param(
        BASE + "    progression: {note: Longer., hold_seconds: 1801}\n",
        ["11:48: must be at most 1,800 seconds, got 1801 (exercises[0].progression.hold_seconds)"],
        id="progression-target",
    ),
    pytest.param(
        edit("exercises:\n", f"progression_rule:\n  steps: {{reps: {'9' * 400}}}\nexercises:\n"),
        [
            (
                "5:17: must be at most 100 reps, got 999999999999… (400 digits)"
                " (progression_rule.steps.reps)"
            )
        ],
        id="rule-step-400-digits",
    ),
    pytest.param(
        edit("exercises:\n", "progression_rule:\n  steps: {hold_seconds: 1.0e+308}\nexercises:\n"),
        ["5:25: must be at most 1,800 seconds, got 1e+308 (progression_rule.steps.hold_seconds)"],
        id="rule-step-hold-1e308",
    ),
    pytest.param(
        edit("exercises:\n", "progression_rule: {workouts_to_progress: 101}\nexercises:\n"),
        ["4:42: must be at most 100 workouts, got 101 (progression_rule.workouts_to_progress)"],
        id="rule-workouts",
    ),
    pytest.param(
        edit("steps: [Slide down the wall.]", "steps: [" + ", ".join(["Go."] * 31) + "]"),
        ["8:12: too many items: 31 (at most 30) (exercises[0].steps)"],
        id="steps-per-exercise",
    ),
    pytest.param(
        edit("Wall sit", "W" * 101),
        ["6:11: text is too long: 101 characters (at most 100) (exercises[0].name)"],
        id="name-length",
    ),
    pytest.param(
        edit("Slide down the wall.", "s" * 1001),
        ["8:13: text is too long: 1,001 characters (at most 1,000) (exercises[0].steps[0])"],
        id="text-length",
    ),
    pytest.param(
        edit("title: T", "title: " + "T" * 101),
        ["2:8: text is too long: 101 characters (at most 100) (title)"],
        id="title-length",
    ),
    pytest.param(
        edit("id: t\n", "id: " + "t" * 51 + "\n"),
        ["1:5: text is too long: 51 characters (at most 50) (id)"],
        id="id-length",
    ),
    # --- a whole file quoted: never ---------------------------------------------
    pytest.param(
        "root:x:0:0:root:/root:/bin/bash\n" * 30,
        [
            "1:1: expected a mapping of keys for the file, got 'root:x:0:0:root:/root:/bin/bash root:x:'…"
        ],
        id="a-file-that-is-not-a-session",
    ),
    pytest.param(
        edit("id: t\n", "id: !" + "a" * 5000 + " t\n"),
        [f"1:5: unsupported YAML tag '!{'a' * 38}'…"],
        id="long-tag",
    ),
    pytest.param(
        edit("kind: strength", "kind: " + "strong" * 50),
        [
            (
                "7:11: must be one of strength, stretch, warm-up, cool-down; got"
                " 'strongstrongstrongstrongstrongstrongstr'… (exercises[0].kind)"
            )
        ],
        id="long-choice",
    ),
]


@pytest.mark.parametrize(("content", "expected"), CASES)
def test_a_bound_passed_is_one_line(tmp_path, capsys, loader, content, expected):
    check(tmp_path, capsys, content, expected)


def exercises(count: int, item: str) -> str:
    return "id: t\ntitle: T\nsource: test\nexercises:\n" + "".join(
        f"  - {{id: e{n}, name: E, kind: strength, steps: [Go.], {item}}}\n" for n in range(count)
    )


def test_too_many_exercises_and_parts(tmp_path, capsys, loader):
    check(
        tmp_path, capsys, exercises(51, "hold_seconds: 5"),
        ["5:3: too many items: 51 (at most 50) (exercises)"],
    )  # fmt: skip
    parts = ", ".join(
        f"{{id: p{n}, name: P, steps: [Go.], reps: 1, tempo_seconds: 2}}" for n in range(11)
    )
    check(
        tmp_path, capsys, exercises(1, f"parts: [{parts}]").replace("steps: [Go.], parts", "parts"),
        ["5:46: too many items: 11 (at most 10) (exercises[0].parts)"],
    )  # fmt: skip


def test_a_session_too_big_at_the_top_of_its_ranges_is_refused_at_the_exercise(
    tmp_path, capsys, loader
):
    # each can grow to 2 sides x 20 sets x 100 reps: 4,000 holds and as many rests
    item = "hold_seconds: 1, reps: [1, 100], sets: [1, 20], per_side: true"
    path = write(tmp_path, exercises(2, item))
    started = time.perf_counter()
    assert load_errors(path) == [
        (
            f"{path}:6:5: at the top of its ranges the session would pass {MAX_PLAN_STEPS:,} steps"
            " (holds, reps, rests) with this exercise, which has 8,000 (exercises[1])"
        )
    ]
    assert time.perf_counter() - started < 1  # counted, not planned
    assert load_session(write(tmp_path, exercises(1, item), "one.yaml")).id == "t"


def test_the_largest_session_allowed_loads_and_plans_quickly(tmp_path, loader):
    """50 exercises, every number at its bound where the step limit allows."""
    item = "hold_seconds: 1800, reps: 10, sets: 10"
    session = load_session(write(tmp_path, exercises(50, item), "big.yaml"))
    from kneecoach.engine import build_plan

    started = time.perf_counter()
    plan = build_plan(session, dose="high")
    assert len(plan.steps) <= MAX_PLAN_STEPS and time.perf_counter() - started < 2


CONTROL = BASE.replace("title: T", 'title: "Evil\\e]0;PWNED\\a title"').replace(
    "Slide down the wall.", '"Slide \\e[2Jdown\\x07 the wall."'
)


def test_control_characters_are_left_out_with_a_warning(tmp_path, capsys, loader):
    path = write(tmp_path, CONTROL, "control.yaml")
    checked = check_session(path)
    assert checked.session.title == "Evil title"
    assert checked.session.exercises[0].steps == ("Slide down the wall.",)
    assert [str(w) for w in checked.warnings] == [
        (
            f"{path}:2:8: warning: control characters (U+001B, U+0007) in the text are left out:"
            " kneecoach never sends them to a terminal (title)"
        ),
        (
            f"{path}:8:13: warning: control characters (U+001B, U+0007) in the text are left out:"
            " kneecoach never sends them to a terminal (exercises[0].steps[0])"
        ),
    ]
    # validate: the file works, so exit 0; the warnings on stderr, each with its line
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert code == 0
    assert out.startswith(f"{path}: ok (2 warnings) — t,")
    assert err.splitlines() == [str(w) for w in checked.warnings]
    assert "\x1b" not in out + err and "\x07" not in out + err


def test_warnings_come_with_the_errors_in_file_order(tmp_path, capsys, loader):
    path = write(tmp_path, CONTROL.replace("reps: 3", "reps: 0"), "both.yaml")
    code = main(["validate", str(path)])
    _, err = capsys.readouterr()
    assert code == 1
    lines = err.splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        f"{path}:2:8",
        f"{path}:8:13",
        f"{path}:10:11",
    ]
    assert [": warning: " in line for line in lines] == [True, True, False]


def test_a_text_that_is_only_an_escape_sequence_is_empty(tmp_path, capsys, loader):
    path = write(tmp_path, edit("title: T", 'title: "\\e]0;PWNED\\a"'))
    assert load_errors(path) == [f"{path}:2:8: text is empty (title)"]
    code, out, err = main(["validate", str(path)]), *capsys.readouterr()
    assert code == 1 and out == ""
    assert err.splitlines()[0] == f"{path}:2:8: text is empty (title)"
    assert err.splitlines()[1].startswith(f"{path}:2:8: warning: control characters")
