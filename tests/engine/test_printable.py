"""printable() and its kin: what a terminal could act on is left out, whole
sequences at a time; everything a person wrote to be read is kept."""

from __future__ import annotations

import json

import pytest

from kneecoach.engine.printable import (
    excerpt,
    json_safe,
    printable,
    spreadsheet_cell,
    unsafe_characters,
)

ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"

# what a hostile session file, config or log could hold, and what is shown
CASES = [
    pytest.param("Wall sit", "Wall sit", id="plain"),
    pytest.param(f"Evil{ESC}]0;PWNED{BEL} title", "Evil title", id="osc-title-bel"),
    pytest.param(f"Evil{ESC}]2;PWNED{ST} title", "Evil title", id="osc-title-st"),
    pytest.param(f"x{ESC}]52;c;aGVsbG8={BEL}y", "xy", id="osc52-clipboard"),
    pytest.param(f"{ESC}[2J{ESC}[Hcleared", "cleared", id="clear-and-home"),
    pytest.param(f"{ESC}[31mred{ESC}[0m", "red", id="colour"),
    pytest.param(f"{ESC}[10;20Hmoved", "moved", id="cursor-move"),
    pytest.param(f"a{ESC}[?1049hb", "ab", id="alternate-screen"),
    pytest.param(f"a{ESC}Pq#0;2;0;0;0{ST}b", "ab", id="dcs-sixel"),
    pytest.param(f"a{ESC}(0b", "ab", id="charset"),
    pytest.param(f"a{ESC}cb", "ab", id="reset"),
    pytest.param(f"a{ESC}", "a", id="lone-esc"),
    pytest.param(f"a{ESC}]0;never ends", "a", id="unterminated-osc"),
    pytest.param("a\x9b31mb", "a31mb", id="c1-csi"),
    pytest.param("a\x9d0;t\x9cb", "a0;tb", id="c1-osc"),
    pytest.param("ring\x07\x08\x7f", "ring", id="bell-backspace-del"),
    pytest.param("two\nlines\tand\rreturn", "two lines and return", id="whitespace"),
    pytest.param("a\u2028b\u2029c", "a b c", id="unicode-line-separators"),
    pytest.param("abc\u202edcba\u202c", "abcdcba", id="bidi-override"),
    pytest.param("x\u2066y\u2069", "xy", id="bidi-isolate"),
    pytest.param("Knie · genou ✓ 膝 🦵 — ½", "Knie · genou ✓ 膝 🦵 — ½", id="unicode-kept"),
    pytest.param("שלום עולם", "שלום עולם", id="right-to-left-kept"),
    pytest.param("[b]bold[/b] [$accent]", "[b]bold[/b] [$accent]", id="markup-is-text"),
]


@pytest.mark.parametrize(("text", "shown"), CASES)
def test_printable(text, shown):
    assert printable(text) == shown
    assert not unsafe_characters(printable(text))
    assert printable(printable(text)) == printable(text)  # cleaning twice changes nothing


def test_unsafe_characters_names_each_once_in_order():
    assert unsafe_characters(f"{ESC}[1m{ESC}]0;x{BEL}\x9b") == [ESC, BEL, "\x9b"]
    assert unsafe_characters("plain ✓") == []


@pytest.mark.parametrize(("text", "_"), CASES)
def test_json_safe_keeps_the_data_and_hides_the_controls(text, _):
    dumped = json_safe(json.dumps({"name": text, "list": [1, 2]}, indent=2, ensure_ascii=False))
    assert json.loads(dumped) == {"name": text, "list": [1, 2]}  # the same data
    assert not [c for c in unsafe_characters(dumped) if c != "\n"]  # indents stay lines


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("  =1+1", "'  =1+1"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("knee ok = good", "knee ok = good"),
        ("first line\nsecond line", "first line\nsecond line"),  # a note's lines are data
        (f"{ESC}]0;x{BEL}=1", "'=1"),
        ("ünïcödé ✓ 膝", "ünïcödé ✓ 膝"),
        ("", ""),
    ],
)
def test_spreadsheet_cell(text, cell):
    assert spreadsheet_cell(text) == cell


def test_excerpt_never_quotes_a_whole_file():
    passwd = "root:x:0:0:root:/root:/bin/bash " * 100
    shown = excerpt(passwd)
    assert len(shown) < 50 and shown.startswith("'root:x:0:0") and shown.endswith("…")
    assert excerpt("short") == "'short'"
    assert excerpt(f"{ESC}]0;x") == repr(f"{ESC}]0;x")  # repr: the escape is shown, not sent
    assert excerpt(2.5) == "2.5" and excerpt(10**6) == "1000000" and excerpt(None) == "None"
    assert excerpt(int("9" * 400)) == "999999999999… (400 digits)"
    assert excerpt(10**5000) == "a number of thousands of digits"  # str() would refuse it
    assert len(excerpt(["x" * 30] * 10)) < 50
