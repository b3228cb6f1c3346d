"""Malformed session files: each one gives its exact error line(s), never a traceback.

Every bad file starts from BASE, a minimal valid session, with one thing changed, and
is checked twice: through load_session (SessionFileError.errors) and through
`kneecoach validate` (exit 1, one line per problem on stderr). Each case also runs
with both YAML loaders, libyaml and pure-Python PyYAML, which must agree on every
line except PyYAML's own wording of syntax errors.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kneecoach.cli import main
from kneecoach.engine import SessionFileError, load_session, parse_session, yamlnodes

# Line numbers, for reading the expected positions below:
#  1 id: t
#  2 title: T
#  3 source: test
#  4 exercises:
#  5   - id: sit
#  6     name: Wall sit
#  7     kind: strength
#  8     steps: [Slide down the wall.]
#  9     hold_seconds: [20, 30]
# 10     reps: 3
BASE = """\
id: t
title: T
source: test
exercises:
  - id: sit
    name: Wall sit
    kind: strength
    steps: [Slide down the wall.]
    hold_seconds: [20, 30]
    reps: 3
"""

SESSION_KEYS = (
    "id, title, source, summary, safety, avoid, warm_up, cool_down, rests, progression_rule, "
    "exercises, per_week"
)
EXERCISE_KEYS = (
    "id, name, kind, source, summary, equipment, steps, cautions, progression, progression_rule, "
    "rests, parts, "
    "minutes, hold_seconds, reps, sets, tempo_seconds, per_side, first_side, self_paced, "
    "position, side_means, lie_on, stretched_leg, first_move, timed_fallback, figure"
)
KINDS = "strength, stretch, warm-up, cool-down"
STRENGTH_HINT = "(did you mean 'strength'?)"
NEEDS_TEMPO = (
    "reps without hold_seconds need tempo_seconds (the seconds one rep takes) or self_paced: true"
)
LINE = re.compile(r"^[^:]+:\d+:\d+: .+")


def edit(old: str, new: str) -> str:
    """BASE with one piece changed; ``old`` must be there exactly once."""
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def drop(line: str) -> str:
    return edit(line + "\n", "")


SECOND_EXERCISE = """\
  - id: lunge
    name: Lunge
    kind: strength
    steps: [Step forward.]
    reps: 8
    tempo_seconds: 3
"""

LOADERS = ["libyaml", "python"]


@pytest.fixture(params=LOADERS)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "libyaml":
        if not hasattr(yaml, "CSafeLoader"):
            pytest.skip("PyYAML was built without libyaml")
        monkeypatch.setattr(yamlnodes, "_Loader", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(yamlnodes, "_Loader", yaml.SafeLoader)
    return request.param


def write(tmp_path: Path, content: str | bytes, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def load_errors(path: Path) -> list[str]:
    with pytest.raises(SessionFileError) as info:
        load_session(path)
    assert str(info.value) == "\n".join(str(error) for error in info.value.errors)
    return [str(error) for error in info.value.errors]


def validate(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, str, list[str]]:
    code = main(["validate", *map(str, paths)])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def check(tmp_path: Path, capsys: pytest.CaptureFixture[str], content, expected) -> None:
    """The file's errors are exactly ``expected`` (each "LINE:COL: message (field)")."""
    path = write(tmp_path, content)
    lines = [f"{path}:{suffix}" for suffix in expected]
    assert load_errors(path) == lines
    assert validate(capsys, path) == (1, "", lines)


CASES = [
    # --- unknown keys -----------------------------------------------------------
    pytest.param(
        edit("source: test\n", "source: test\nsumary: A gentle start.\n"),
        ["4:1: unknown key 'sumary' (did you mean 'summary'?) (sumary)"],
        id="unknown-top-level-key-did-you-mean",
    ),
    pytest.param(
        edit("exercises:\n", "exercize:\n"),
        [
            "1:1: missing required key 'exercises' (exercises)",
            "4:1: unknown key 'exercize' (did you mean 'exercises'?) (exercize)",
        ],
        id="misspelt-exercises",
    ),
    pytest.param(
        edit("    hold_seconds:", "    hold_second:"),
        [
            # the dose is then reps alone: said too, at the exercise
            f"5:5: {NEEDS_TEMPO} (exercises[0])",
            (
                "9:5: unknown key 'hold_second' (did you mean 'hold_seconds'?)"
                " (exercises[0].hold_second)"
            ),
        ],
        id="unknown-exercise-key-did-you-mean",
    ),
    pytest.param(
        BASE + "colour: red\n",
        [f"11:1: unknown key 'colour'; expected one of: {SESSION_KEYS} (colour)"],
        id="unknown-top-level-key-no-match",
    ),
    pytest.param(
        BASE + "    colour: red\n",
        [f"11:5: unknown key 'colour'; expected one of: {EXERCISE_KEYS} (exercises[0].colour)"],
        id="unknown-exercise-key-no-match",
    ),
    pytest.param(
        edit("exercises:\n", "rests:\n  between: 5\nexercises:\n"),
        ["5:3: unknown key 'between' (did you mean 'between_sets'?) (rests.between)"],
        id="unknown-rest-key",
    ),
    # --- missing keys -----------------------------------------------------------
    pytest.param(drop("id: t"), ["1:1: missing required key 'id' (id)"], id="missing-id"),
    pytest.param(
        drop("title: T"), ["1:1: missing required key 'title' (title)"], id="missing-title"
    ),
    pytest.param(
        drop("source: test"), ["1:1: missing required key 'source' (source)"], id="missing-source"
    ),
    pytest.param(
        "id: t\ntitle: T\nsource: test\n",
        ["1:1: missing required key 'exercises' (exercises)"],
        id="missing-exercises",
    ),
    pytest.param(
        edit("  - id: sit\n    name:", "  - name:"),
        ["5:5: missing required key 'id' (exercises[0])"],
        id="missing-exercise-id",
    ),
    pytest.param(
        drop("    name: Wall sit"),
        ["5:5: missing required key 'name' (exercises[0])"],
        id="missing-exercise-name",
    ),
    pytest.param(
        drop("    kind: strength"),
        ["5:5: missing required key 'kind' (exercises[0])"],
        id="missing-exercise-kind",
    ),
    pytest.param(
        drop("    steps: [Slide down the wall.]"),
        ["5:5: missing required key 'steps' (exercises[0])"],
        id="missing-exercise-steps",
    ),
    pytest.param(
        edit("exercises:\n", "warm_up:\n  minutes: 5\nexercises:\n"),
        ["5:3: missing required key 'what' (warm_up)"],
        id="missing-warm-up-what",
    ),
    # --- wrong types ------------------------------------------------------------
    pytest.param(
        edit("reps: 3", "reps: three"),
        ["10:11: expected a whole number, got 'three' (exercises[0].reps)"],
        id="text-where-a-number-is",
    ),
    pytest.param(
        edit("hold_seconds: [20, 30]", "hold_seconds: [twenty, 30]"),
        ["9:20: expected a number, got 'twenty' (exercises[0].hold_seconds)"],
        id="text-in-a-range",
    ),
    pytest.param(
        edit("title: T", "title: [Knee, week 1]"),
        ["2:8: expected a single value, got a list (title)"],
        id="list-where-text-is",
    ),
    pytest.param(
        edit("name: Wall sit", "name: {first: Wall sit}"),
        [
            (
                "6:11: expected text, got a mapping (put text containing ': ' in quotes)"
                " (exercises[0].name)"
            )
        ],
        id="mapping-where-text-is",
    ),
    pytest.param(
        "id: t\ntitle: T\nsource: test\nexercises:\n  sit:\n    name: Wall sit\n",
        ["5:3: expected a list, got a mapping (exercises)"],
        id="mapping-where-a-list-is",
    ),
    pytest.param(
        edit("steps: [Slide down the wall.]", "steps: {one: Slide down the wall.}"),
        ["8:12: expected a list, got a mapping (exercises[0].steps)"],
        id="steps-as-a-mapping",
    ),
    pytest.param(
        "id: t\ntitle: T\nsource: test\nexercises:\n  - sit\n",
        ["5:5: expected a mapping of keys for exercises[0], got 'sit' (exercises[0])"],
        id="exercise-as-text",
    ),
    pytest.param(
        edit("reps: 3", "reps: 2.5"),
        ["10:11: expected a whole number, got 2.5 (exercises[0].reps)"],
        id="reps-not-whole",
    ),
    pytest.param(
        BASE + "    sets: [1, 2.5]\n",
        ["11:15: expected a whole number, got 2.5 (exercises[0].sets)"],
        id="sets-range-not-whole",
    ),
    pytest.param(
        BASE + "    per_side: maybe\n",
        ["11:15: expected true or false, got 'maybe' (exercises[0].per_side)"],
        id="per-side-maybe",
    ),
    pytest.param(
        edit(
            "    steps: [Slide down the wall.]\n",
            "    steps:\n      - Slide down the wall.\n      - Step 2: hold for 20 seconds.\n",
        ),
        [
            (
                "10:9: expected text, got a mapping (put text containing ': ' in quotes)"
                " (exercises[0].steps[1])"
            )
        ],
        id="step-with-colon-reads-as-mapping",
    ),
    pytest.param(
        edit("id: t\n", "id: 2024\n"),
        ["1:5: expected text, got 2024 (put it in quotes) (id)"],
        id="number-where-text-is",
    ),
    pytest.param(
        edit("title: T", "title:"),
        ["2:7: expected text, got nothing (title)"],
        id="empty-title",
    ),
    pytest.param(
        edit("source: test", "source: '  '"),
        ["3:9: text is empty (source)"],
        id="blank-source",
    ),
    pytest.param(
        BASE + "    progression:\n      note: Work up to a minute.\n      reps: 2.5\n",
        ["13:13: expected a whole number, got 2.5 (exercises[0].progression.reps)"],
        id="progression-reps-not-whole",
    ),
    # --- ranges and doses -------------------------------------------------------
    pytest.param(
        edit("[20, 30]", "[30, 20]"),
        [
            (
                "9:19: range must be [low, high] with low <= high, got [30, 20]"
                " (exercises[0].hold_seconds)"
            )
        ],
        id="range-low-above-high",
    ),
    pytest.param(
        edit("[20, 30]", "[20, 25, 30]"),
        ["9:19: a range is [low, high], got 3 values (exercises[0].hold_seconds)"],
        id="range-of-three",
    ),
    pytest.param(
        edit("[20, 30]", "[]"),
        ["9:19: a range is [low, high], got 0 values (exercises[0].hold_seconds)"],
        id="range-empty",
    ),
    pytest.param(
        edit("reps: 3", "reps: 0"),
        ["10:11: must be greater than zero, got 0 (exercises[0].reps)"],
        id="zero-reps",
    ),
    pytest.param(
        edit("[20, 30]", "-5"),
        ["9:19: must be greater than zero, got -5 (exercises[0].hold_seconds)"],
        id="negative-hold",
    ),
    pytest.param(
        edit("[20, 30]", "[0, 30]"),
        ["9:20: must be greater than zero, got 0 (exercises[0].hold_seconds)"],
        id="zero-low-end-of-range",
    ),
    pytest.param(
        edit("exercises:\n", "warm_up:\n  minutes: 0\n  what: Walk\nexercises:\n"),
        ["5:12: must be greater than zero, got 0 (warm_up.minutes)"],
        id="zero-minutes-warm-up",
    ),
    pytest.param(
        edit("exercises:\n", "rests:\n  between_sets: -10\nexercises:\n"),
        ["5:17: must be zero or more, got -10 (rests.between_sets)"],
        id="negative-rest",
    ),
    pytest.param(
        edit("reps: 3", "reps: .inf"),
        ["10:11: expected a whole number, got inf (exercises[0].reps)"],
        id="infinite-reps",
    ),
    # --- duplicates and ids -----------------------------------------------------
    pytest.param(
        BASE + SECOND_EXERCISE.replace("id: lunge", "id: sit"),
        ["11:9: duplicate exercise id 'sit', first used at line 5 (exercises[1].id)"],
        id="duplicate-exercise-id",
    ),
    pytest.param(
        """\
id: t
title: T
source: test
exercises:
  - id: raise
    name: Leg raise
    kind: strength
    parts:
      - id: low
        name: Low
        steps: [Lift a little.]
        hold_seconds: 5
      - id: low
        name: High
        steps: [Lift higher.]
        hold_seconds: 5
""",
        ["13:13: duplicate part id 'low', first used at line 9 (exercises[0].parts[1].id)"],
        id="duplicate-part-id",
    ),
    pytest.param(
        BASE + "    reps: 4\n",
        ["11:5: duplicate key 'reps', first given at line 10 (exercises[0].reps)"],
        id="duplicate-yaml-key",
    ),
    pytest.param(
        edit("    steps: [Slide down the wall.]\n", "    steps:\n      - Slide down the wall.\n")
        + "    steps: [Slide down again.]\n",
        # the line of the first key, not of its value (line 9)
        ["12:5: duplicate key 'steps', first given at line 8 (exercises[0].steps)"],
        id="duplicate-yaml-key-with-block-value",
    ),
    pytest.param(
        edit("exercises:\n", "warm_up:\n  minutes: 5\n  what: Walk\nexercises:\n")
        + SECOND_EXERCISE.replace("id: lunge", "id: warm-up"),
        [
            (
                "14:9: duplicate exercise id 'warm-up', reserved for the session's warm-up or"
                " cool-down (exercises[1].id)"
            )
        ],
        id="exercise-id-clashes-with-warm-up",
    ),
    pytest.param(
        edit("exercises:\n", "cool_down:\n  minutes: 5\n  what: Walk\nexercises:\n")
        + SECOND_EXERCISE.replace("id: lunge", "id: cool-down"),
        [
            (
                "14:9: duplicate exercise id 'cool-down', reserved for the session's warm-up or"
                " cool-down (exercises[1].id)"
            )
        ],
        id="exercise-id-clashes-with-cool-down",
    ),
    pytest.param(
        edit("id: sit", "id: Wall Sit"),
        ["5:9: ids use lower-case letters, digits, '-' and '_'; got 'Wall Sit' (exercises[0].id)"],
        id="bad-exercise-id-characters",
    ),
    pytest.param(
        edit("id: t\n", "id: my-knees!\n"),
        ["1:5: ids use lower-case letters, digits, '-' and '_'; got 'my-knees!' (id)"],
        id="bad-session-id-characters",
    ),
    # --- choices ----------------------------------------------------------------
    pytest.param(
        edit("kind: strength", "kind: strenght"),
        [f"7:11: must be one of {KINDS}; got 'strenght' {STRENGTH_HINT} (exercises[0].kind)"],
        id="kind-did-you-mean",
    ),
    pytest.param(
        edit("kind: strength", "kind: yoga"),
        [f"7:11: must be one of {KINDS}; got 'yoga' (exercises[0].kind)"],
        id="kind-no-match",
    ),
    pytest.param(
        BASE + "    per_side: true\n    first_side: middle\n",
        ["12:17: must be one of left, right; got 'middle' (exercises[0].first_side)"],
        id="first-side-middle",
    ),
    # --- dose shapes ------------------------------------------------------------
    pytest.param(
        drop("    hold_seconds: [20, 30]"),
        [f"5:5: {NEEDS_TEMPO} (exercises[0])"],
        id="tempo-reps-without-tempo-seconds",
    ),
    pytest.param(
        BASE + "    tempo_seconds: 3\n",
        [
            (
                "11:20: 'tempo_seconds' is for reps without a hold; this exercise has hold_seconds"
                " (exercises[0].tempo_seconds)"
            )
        ],
        id="tempo-seconds-with-hold-seconds",
    ),
    pytest.param(
        edit("hold_seconds: [20, 30]", "minutes: 5"),
        ["10:11: 'reps' cannot be combined with 'minutes' (a timed dose) (exercises[0].reps)"],
        id="minutes-with-reps",
    ),
    pytest.param(
        edit("    hold_seconds: [20, 30]\n    reps: 3\n", "    minutes: 5\n    per_side: true\n"),
        ["10:15: 'per_side' does not apply to a timed dose (exercises[0].per_side)"],
        id="per-side-on-a-timed-dose",
    ),
    pytest.param(
        edit("    hold_seconds: [20, 30]\n    reps: 3\n", ""),
        [("5:5: no dose: give minutes, hold_seconds, or reps with tempo_seconds (exercises[0])")],
        id="no-dose",
    ),
    pytest.param(
        drop("    steps: [Slide down the wall.]")
        + "    parts:\n      - id: low\n        name: Low\n        steps: [Lower.]\n"
        + "        hold_seconds: 5\n",
        [
            (
                "8:19: 'hold_seconds' belongs in each part when an exercise has parts"
                " (exercises[0].hold_seconds)"
            ),
            "9:11: 'reps' belongs in each part when an exercise has parts (exercises[0].reps)",
        ],
        id="dose-keys-beside-parts",
    ),
    pytest.param(
        "id: t\ntitle: T\nsource: test\nexercises: []\n",
        ["4:12: a session needs at least one exercise (exercises)"],
        id="empty-exercises-list",
    ),
    pytest.param(
        "id: t\ntitle: T\nsource: test\nexercises:\n",
        ["4:11: expected a list, got nothing (exercises)"],
        id="exercises-left-blank",
    ),
    pytest.param(
        edit(
            "    steps: [Slide down the wall.]\n    hold_seconds: [20, 30]\n    reps: 3\n",
            "    parts: []\n",
        ),
        ["8:12: 'parts' needs at least one part (exercises[0].parts)"],
        id="empty-parts-list",
    ),
    # --- the file as a whole ----------------------------------------------------
    pytest.param(
        "",
        ["1:1: file is empty: a session needs id, title, source and exercises"],
        id="empty-file",
    ),
    pytest.param(
        " \n\n\t\n",
        ["1:1: file is empty: a session needs id, title, source and exercises"],
        id="blank-file",
    ),
    pytest.param(
        "# A session, one day.\n# Nothing here yet.\n",
        ["1:1: file has no content, only comments"],
        id="only-comments",
    ),
    pytest.param(
        BASE.encode().replace(b"title: T", b"title: T\x00\x01\x02"),
        ["2:9: binary data: this is not a text file"],
        id="binary-nul",
    ),
    pytest.param(
        BASE.replace("Wall sit", "Kniebeuge für Anfänger").encode("latin-1"),
        ["6:22: not UTF-8 text: save the file as UTF-8"],
        id="latin-1",
    ),
    pytest.param(
        # the column counts characters: "é" before the bad byte is one, not two bytes
        BASE.encode().replace(b"name: Wall sit", "name: Café ".encode() + b"\xe9"),
        ["6:16: not UTF-8 text: save the file as UTF-8"],
        id="bad-byte-after-utf-8-text",
    ),
    pytest.param(
        BASE.encode("utf-16"),
        ["1:1: not UTF-8 text (it is UTF-16): save the file as UTF-8"],
        id="utf-16",
    ),
    pytest.param(
        BASE + "# " + "x" * 1_000_000 + "\n",
        ["1:1: file is too large (over 1,000,000 bytes; a session file is at most 1 MB)"],
        id="larger-than-1-MB",
    ),
    pytest.param(
        "- id: t\n- title: T\n",
        ["1:1: expected a mapping of keys for the file, got a list"],
        id="top-level-list",
    ),
    pytest.param(
        "Wall sit, three times\n",
        ["1:1: expected a mapping of keys for the file, got 'Wall sit, three times'"],
        id="top-level-text",
    ),
    pytest.param(
        edit("title: T", "title: !shout T"),
        ["2:8: unsupported YAML tag '!shout'"],
        id="custom-tag",
    ),
    pytest.param(
        edit("title: T", "title: 2024-13-45"),
        ["2:8: '2024-13-45' is not a valid timestamp (put text in quotes) (title)"],
        id="not-a-real-date",
    ),
    pytest.param(
        edit("reps: 3", "reps: !!int ten"),
        ["10:11: 'ten' is not a valid int (put text in quotes) (exercises[0].reps)"],
        id="int-tag-on-text",
    ),
    pytest.param(
        edit("title: T", "title: T\n~: nothing"),
        ["3:1: keys must be names, got None"],
        id="null-key",
    ),
    pytest.param(
        edit("title: T", "title: T\n? [a, b]\n: c"),
        ["3:3: keys must be names, got a list"],
        id="list-as-key",
    ),
    pytest.param(
        "id: t\nx: " + "[" * 60 + "]" * 60 + "\n",
        ["2:53: nested too deeply (more than 50 lists or mappings in each other)"],
        id="nested-too-deeply",
    ),
    pytest.param(
        # 200 KB that used to crash libyaml's recursive composer (a segfault, not a traceback)
        "id: t\nx: " + "[" * 100_000 + "]" * 100_000 + "\n",
        ["2:53: nested too deeply (more than 50 lists or mappings in each other)"],
        id="nested-100000-deep",
    ),
    pytest.param(
        edit("    reps: 3\n", "    reps: 3\n    per_side:\n"),
        ["11:14: expected true or false, got nothing (exercises[0].per_side)"],
        id="empty-flag",
    ),
    pytest.param(
        edit("steps: [Slide down the wall.]", "steps: []"),
        ["8:12: needs at least one line of text (exercises[0].steps)"],
        id="no-steps",
    ),
    pytest.param(
        "base: &b {a: 1}\n" + edit("  - id: sit\n", "  - <<: [*b, *b]\n    id: sit\n"),
        [
            f"1:1: unknown key 'base'; expected one of: {SESSION_KEYS} (base)",
            "6:5: a merge key takes one mapping (<<: *name) (exercises[0])",
        ],
        id="merge-list-refused",
    ),
    # --- several problems: one line each, sorted by line --------------------------
    pytest.param(
        # read in the order title, exercises, cool_down; reported in file order
        edit("title: T\n", "cool_down:\n  minutes: -1\n  what: Stretch\n")
        .replace("kind: strength", "kind: strenght")
        .replace("reps: 3", "reps: 0")
        + "    hold_seconds: 5\n",
        [
            "1:1: missing required key 'title' (title)",
            "3:12: must be greater than zero, got -1 (cool_down.minutes)",
            (
                f"9:11: must be one of {KINDS}; got 'strenght' (did you mean 'strength'?)"
                " (exercises[0].kind)"
            ),
            "12:11: must be greater than zero, got 0 (exercises[0].reps)",
            (
                "13:5: duplicate key 'hold_seconds', first given at line 11"
                " (exercises[0].hold_seconds)"
            ),
        ],
        id="several-problems",
    ),
]


PER_WEEK_CASES = [
    pytest.param("0", "must be greater than zero, got 0", id="zero"),
    pytest.param("2.5", "expected a whole number, got 2.5", id="not-whole"),
    pytest.param("daily", "expected a whole number, got 'daily'", id="a-word"),
    pytest.param("22", "must be at most 21 (three a day), got 22", id="too-many"),
]


@pytest.mark.parametrize(("value", "message"), PER_WEEK_CASES)
def test_per_week_is_a_whole_number_of_workouts(tmp_path, capsys, value, message):
    check(tmp_path, capsys, edit("source: test\n", f"source: test\nper_week: {value}\n"),
          [f"4:11: {message} (per_week)"])  # fmt: skip


def test_per_week_is_optional_and_read():
    assert parse_session(BASE.encode(), "t.yaml").per_week is None
    assert (
        parse_session(
            edit("source: test\n", "source: test\nper_week: 7\n").encode(), "t.yaml"
        ).per_week
        == 7
    )


@pytest.mark.parametrize(("content", "expected"), CASES)
def test_bad_file_gives_exact_lines(tmp_path, capsys, loader, content, expected):
    check(tmp_path, capsys, content, expected)


# PyYAML words its syntax errors differently with and without libyaml; the
# positions are the same.
SYNTAX_CASES = [
    pytest.param(
        "id: [unclosed\ntitle: T\n",
        {
            "libyaml": "2:6: not valid YAML: did not find expected ',' or ']'",
            "python": "2:6: not valid YAML: expected ',' or ']', but got ':'",
        },
        id="unclosed-bracket",
    ),
    pytest.param(
        BASE.replace("\n    ", "\n\t\t").replace("\n  - ", "\n\t- "),
        {
            "libyaml": "5:1: not valid YAML: found character that cannot start any token",
            "python": "5:1: not valid YAML: found character '\\t' that cannot start any token",
        },
        id="tab-indented",
    ),
    pytest.param(
        "---\n" + BASE + "---\n" + BASE,
        {
            key: "12:1: not valid YAML: expected a single document in the stream,"
            " but found another document"
            for key in LOADERS
        },
        id="two-documents",
    ),
    pytest.param(
        edit("title: T", "title: *name"),
        {
            "libyaml": "2:8: not valid YAML: found undefined alias",
            "python": "2:8: not valid YAML: found undefined alias 'name'",
        },
        id="undefined-alias",
    ),
    pytest.param(
        edit("title: T", "title: Step 1: sit"),
        {
            "libyaml": "2:14: not valid YAML: mapping values are not allowed in this context",
            "python": "2:14: not valid YAML: mapping values are not allowed here",
        },
        id="colon-in-plain-text",
    ),
]


@pytest.mark.parametrize(("content", "expected"), SYNTAX_CASES)
def test_not_valid_yaml(tmp_path, capsys, loader, content, expected):
    check(tmp_path, capsys, content, [expected[loader]])


@pytest.mark.parametrize(
    "tagged",
    [
        'title: !!python/object/apply:os.system ["touch {marker}"]',
        'title: !!python/object/apply:subprocess.call [["touch", "{marker}"]]',
        "title: !!python/object/new:os.system [touch {marker}]",
        "title: !!python/name:os.system",
    ],
    ids=["apply-os-system", "apply-subprocess-call", "new-os-system", "name-os-system"],
)
def test_python_tags_are_refused_and_nothing_runs(tmp_path, capsys, loader, tagged):
    marker = tmp_path / "ran"
    tag = tagged.split()[1]
    check(
        tmp_path,
        capsys,
        edit("title: T", tagged.format(marker=marker)),
        [f"2:8: unsupported YAML tag '{tag}'"],
    )
    # anywhere in the file: at the top, or deep in an exercise
    for content, where in [
        ('!!python/object/apply:os.system ["touch {marker}"]\n', "1:1"),
        (edit("reps: 3", 'reps: !!python/object/apply:os.system ["touch {marker}"]'), "10:11"),
    ]:
        check(
            tmp_path,
            capsys,
            content.format(marker=marker),
            [f"{where}: unsupported YAML tag '!!python/object/apply:os.system'"],
        )
    assert not marker.exists()


def test_rests_of_zero_are_not_an_error(tmp_path, loader):
    path = write(
        tmp_path,
        edit(
            "exercises:\n",
            "rests:\n  prepare: 0\n  between_reps: 0\n  between_sets: [0, 10]\nexercises:\n",
        )
        + "    rests: {switch_sides: 0}\n",
        "ok.yaml",
    )
    session = load_session(path)
    assert session.rests.prepare.low == session.rests.between_reps.high == 0
    assert (session.rests.between_sets.low, session.rests.between_sets.high) == (0, 10)
    assert session.exercises[0].rests.switch_sides.low == 0


def test_merge_keys_override_without_a_duplicate_error(tmp_path, loader):
    """`<<: *base` then a key of its own is how YAML overrides; not a duplicate."""
    path = write(
        tmp_path,
        BASE.replace("  - id: sit\n", "  - &sit\n    id: sit\n")
        + "  - <<: *sit\n    id: sit-deeper\n    name: Deeper wall sit\n    reps: 5\n",
        "ok.yaml",
    )
    first, second = load_session(path).exercises
    assert (second.id, second.name, second.kind, second.steps) == (
        "sit-deeper", "Deeper wall sit", "strength", first.steps,
    )  # fmt: skip
    assert (second.dose.reps.low, second.dose.hold_seconds.low) == (5, 20)


def test_missing_file(tmp_path, capsys):
    path = tmp_path / "nowhere.yaml"
    assert load_errors(path) == [f"{path}:1:1: no such file"]
    assert validate(capsys, path) == (1, "", [f"{path}:1:1: no such file"])


def test_a_folder_is_not_a_session_file(tmp_path, capsys):
    assert load_errors(tmp_path) == [f"{tmp_path}:1:1: is a folder, not a session file"]
    assert validate(capsys, tmp_path) == (
        1,
        "",
        [f"{tmp_path}:1:1: is a folder, not a session file"],
    )


def test_validate_reports_each_bad_file_and_passes_the_good_one(tmp_path, capsys):
    good = write(tmp_path, BASE, "good.yaml")
    bad = write(tmp_path, edit("reps: 3", "reps: 0"), "bad.yaml")
    missing = tmp_path / "missing.yaml"
    code, out, err = validate(capsys, bad, good, missing)
    assert code == 1
    assert out.startswith(f"{good}: ok") and out.count("\n") == 1
    assert err == [
        f"{bad}:10:11: must be greater than zero, got 0 (exercises[0].reps)",
        f"{missing}:1:1: no such file",
    ]


def test_parse_session_names_the_given_file():
    with pytest.raises(SessionFileError) as info:
        parse_session(edit("reps: 3", "reps: 0").encode(), "my.yaml")
    assert [str(error) for error in info.value.errors] == [
        "my.yaml:10:11: must be greater than zero, got 0 (exercises[0].reps)"
    ]
    (error,) = info.value.errors
    assert (error.file, error.line, error.column, error.field) == (
        "my.yaml", 10, 11, "exercises[0].reps",
    )  # fmt: skip


def test_every_error_line_has_the_documented_shape(tmp_path, capsys):
    contents = [param.values[0] for param in CASES + SYNTAX_CASES]
    contents.append(edit("title: T", "title: !!python/object/apply:os.system [true]"))
    assert len(contents) >= 20
    for index, content in enumerate(contents):
        path = write(tmp_path, content, f"case{index}.yaml")
        code, out, err = validate(capsys, path)
        assert code == 1 and out == "" and err, content
        for line in err:
            assert LINE.match(line), line
            assert line.startswith(f"{path}:"), line
            assert "Traceback" not in line and "Error" not in line, line
