"""No command hands the terminal to a file's author: whatever a session file, the
config or the log holds, `list`, `plan`, `validate`, `dose`, `history`, `export`
and every error line print no control character and no escape sequence; JSON
keeps the data (as escapes), CSV never starts a formula, and `list` names a file
it cannot use in one line instead of failing."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from kneecoach.cli import main
from kneecoach.engine.printable import unsafe_characters
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedStep

OSC_TITLE = "\\e]0;PWNED\\a"  # as written in a double-quoted YAML string
HOSTILE = f"""\
id: hostile
title: "Evil{OSC_TITLE} title \\e[2J"
source: "src\\e]52;c;aGVsbG8=\\a"
summary: "\\x9b31m red"
safety: ["Careful\\e[H now"]
exercises:
  - id: sit
    name: "Wall [b]sit[/b] \\e[31mred\\e[0m [$accent]"
    kind: strength
    steps: ["Slide\\x07 down \\e[10;10H the wall."]
    cautions: ["\\u202edrawkcab"]
    hold_seconds: [5, 10]
    reps: 3
"""


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def clean(text: str) -> bool:
    """Nothing a terminal acts on: only line breaks remain of the control characters
    (CSV ends its rows with CR LF)."""
    return set(unsafe_characters(text)) <= {"\n", "\r"}


@pytest.fixture
def sessions(tmp_path):
    folder = tmp_path / "sessions"
    folder.mkdir()
    (folder / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    return folder


def test_list_plan_validate_and_dose_print_nothing_a_terminal_acts_on(capsys, sessions, tmp_path):
    path = sessions / "hostile.yaml"
    data = ["--data-dir", str(tmp_path / "data")]
    for argv in (
        ["list", "--sessions", str(sessions)],
        ["list", "--json", "--sessions", str(sessions)],
        ["plan", str(path), *data],
        ["plan", str(path), "--json", *data],
        ["dose", str(path), *data],
        ["validate", str(path)],
    ):
        code, out, err = run(capsys, *argv)
        assert code == 0, (argv, err)
        assert clean(out) and clean(err), argv
        assert "PWNED" not in out + err and "aGVsbG8" not in out + err
    code, out, _ = run(capsys, "plan", str(path), *data)
    assert "Evil title" in out and "Wall [b]sit[/b] red [$accent]" in out  # the words stay


def test_validate_warns_with_the_line_of_each_text(capsys, sessions):
    path = sessions / "hostile.yaml"
    code, out, err = run(capsys, "validate", str(path))
    assert code == 0 and out.startswith(f"{path}: ok (7 warnings)")
    lines = [line.split(": warning: ")[0] for line in err.splitlines()]
    assert lines == [f"{path}:{where}" for where in
                     ("2:8", "3:9", "4:10", "5:10", "8:11", "10:13", "11:16")]  # fmt: skip


def test_json_keeps_the_text_as_escapes(capsys, tmp_path):
    """The log may hold anything (another program, an edit by hand): JSON keeps it
    exactly, as escapes a terminal does not act on."""
    folder = hostile_log(tmp_path)
    for argv in (["history", "--json"], ["export", "--format", "json"]):
        code, out, _ = run(capsys, *argv, "--data-dir", str(folder))
        assert code == 0 and clean(out)
        [workout] = json.loads(out)
        assert workout["title"] == TITLE and workout["note"] == NOTE


TITLE = "Evil\x1b]0;PWNED\x07 title \x9b2J\u202e"
NOTE = '=HYPERLINK("http://example.com","click")\x1b[2J'


def hostile_log(tmp_path):
    folder = tmp_path / "data"
    start = datetime.now(UTC) - timedelta(days=1)
    with WorkoutLog(folder) as log:
        workout_id = log.start_workout("x\x1b[31m", TITLE, started_at=start)
        log.record_steps(workout_id, [LoggedStep(0, "hold", "@sit", 5.0, 5.0, "done")])
        log.finish_workout(workout_id, "completed", ended_at=start + timedelta(minutes=5))
        log.annotate(workout_id, note=NOTE)
    return folder


def test_history_table_and_csv_from_a_hostile_log(capsys, tmp_path):
    folder = hostile_log(tmp_path)
    code, out, err = run(capsys, "history", "--data-dir", str(folder))
    assert code == 0 and clean(out + err) and "x" in out
    code, out, err = run(capsys, "export", "--format", "csv", "--data-dir", str(folder))
    assert code == 0 and clean(out)
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row["note"] == '\'=HYPERLINK("http://example.com","click")'  # text, not a formula
    assert row["exercise"] == "'@sit"
    assert row["title"] == "Evil title 2J"  # the one-character CSI left out, its "2J" kept
    assert row["session"] == "x"


def test_list_names_a_file_it_cannot_use_in_one_line_and_lists_the_rest(capsys, sessions):
    bad = sessions / "huge.yaml"
    bad.write_text(HOSTILE.replace("id: hostile", "id: huge").replace("reps: 3", "reps: 10000000"))
    junk = sessions / "junk.yaml"
    junk.write_text("".join(f"k{n}: 1\n" for n in range(500)))  # 500 problems
    code, out, err = run(capsys, "list", "--sessions", str(sessions))
    assert code == 0 and err == ""
    assert "hostile" in out and "goodrx-runners-knee" in out
    section = out.split("Cannot be used")[1].splitlines()[1:3]
    assert section[0] == (
        f"  {bad}:13:11: must be at most 100 reps, got 10000000 (exercises[0].reps)"
    )
    assert section[1].startswith(f"  {junk}:1:1: ") and section[1].endswith(" (and 503 more)")
    code, out, err = run(capsys, "list", "--json", "--sessions", str(sessions))
    assert {row["id"] for row in json.loads(out)} >= {"hostile", "goodrx-runners-knee"}
    assert len(err.splitlines()) == 2  # one line a file


def test_an_error_line_never_prints_a_whole_file(capsys, tmp_path):
    passwd = tmp_path / "passwd"
    passwd.write_text("".join(f"user{n}:x:{n}:{n}::/home/user{n}:/bin/sh\n" for n in range(200)))
    for command in ("validate", "plan"):
        code, out, err = run(capsys, command, str(passwd))
        assert code == 1 and out == "" and len(err.splitlines()) == 1
        assert len(err) < 200 and "user199" not in err


def test_a_file_named_with_an_escape_sequence_is_printed_clean(capsys, tmp_path):
    path = tmp_path / "x\x1b]0;PWNED\x07.yaml"
    path.write_text("id: [\n")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 1 and clean(err) and "PWNED" not in err


def test_listing_the_largest_sessions_allowed_is_quick_and_small(capsys, tmp_path):
    """A session is planned to count its minutes, and a session file can only be as
    big as the loader allows: listing ten of the largest costs little time and memory."""
    import time
    import tracemalloc

    folder = tmp_path / "big"
    folder.mkdir()
    item = "hold_seconds: 1800, reps: 10, sets: [1, 10]"
    for number in range(10):
        (folder / f"big{number}.yaml").write_text(
            f"id: big{number}\ntitle: Big\nsource: test\nexercises:\n"
            + "".join(
                f"  - {{id: e{n}, name: E, kind: strength, steps: [Go.], {item}}}\n"
                for n in range(50)
            )
        )
    tracemalloc.start()
    started = time.perf_counter()
    code, out, err = run(capsys, "list", "--sessions", str(folder))
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert code == 0 and err == "" and out.count("big") == 10
    # memory is the measure that matters (it was gigabytes); time only catches a hang,
    # with room for a loaded machine and tracemalloc's own cost
    assert peak < 100 * 1024 * 1024 and elapsed < 30
