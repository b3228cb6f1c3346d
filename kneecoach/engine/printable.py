"""Text from files, made safe to show: no control characters, no escape sequences.

A session file, the config and the log are written by people (or by programs
people ran), and their text ends up on a terminal: in the workout screen, in
`kneecoach plan`, in an error line. A terminal obeys what it is sent, so an ESC
sequence in an exercise's name could retitle the window, clear the screen, move
the cursor or fill the clipboard (OSC 52). ``printable`` is the one function
every such text goes through before it is shown; the rest of this module says
what it removes, for the loader's warnings, the JSON and the CSV written out.

It lives at the bottom layer so that the loader, the log's export and the
command line all use the same definition.
"""

from __future__ import annotations

import re

EXCERPT_CHARS = 40  # of a value quoted in an error: never a whole file

# Whole escape sequences, so that no half of one is left to show as junk:
# CSI (ESC [ ... final byte), the string commands OSC, DCS, SOS, PM and APC (up to
# BEL or ST, or to the end of the text, as a terminal would swallow it), and the
# two- and three-byte escapes (character sets, keypad modes, ...).
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
# Characters a terminal may act on, or that change how a line reads:
# C0 controls, DEL, C1 controls (U+009B is a one-character CSI), the Unicode line
# and paragraph separators, and the bidirectional embeddings, overrides and
# isolates that can make text read in another order than it is stored.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_IN_CELL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Of those, the ones that stand for a space: a line of text stays readable.
_SPACES = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029")
# What a spreadsheet takes for the start of a formula; tab and carriage return
# before one are skipped by some spreadsheets, so they count too.
_FORMULA_START = ("=", "+", "-", "@")


def printable(text: str) -> str:
    """``text`` as one line that is safe on a terminal: escape sequences removed
    whole, line breaks and tabs as spaces, every other control character removed.

    Everything else (accents, emoji, right-to-left scripts) is kept.
    """
    if not _UNSAFE.search(text):
        return text  # the usual case, and the fast one
    text = _SEQUENCE.sub("", text)
    return _UNSAFE.sub(lambda match: " " if match.group() in _SPACES else "", text)


def unsafe_characters(text: str) -> list[str]:
    """The characters ``printable`` would change, each once, in order of appearance."""
    return list(dict.fromkeys(_UNSAFE.findall(text)))


def code_point(character: str) -> str:
    """ "U+001B", for a warning that names a character nobody can see."""
    return f"U+{ord(character):04X}"


def json_safe(text: str) -> str:
    """JSON text (from ``json.dumps``) with every unsafe character written as a
    ``\\uXXXX`` escape: the same data for a program, nothing a terminal acts on.

    ``json.dumps`` escapes C0 controls itself, and outside its strings JSON is
    ASCII (its line breaks and indents included), so only the rest need it.
    """
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def spreadsheet_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: escape sequences and control
    characters left out (line breaks and tabs are data, and kept: CSV quotes
    them), and a cell that would start a formula (``=``, ``+``, ``-``, ``@``,
    also after spaces, a tab or a carriage return) given a leading single
    quote, the usual guard."""
    cleaned = _UNSAFE_IN_CELL.sub("", _SEQUENCE.sub("", text))
    if cleaned.lstrip(" \t\r\n").startswith(_FORMULA_START):
        return "'" + cleaned
    return cleaned


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A value quoted in an error line: ``repr`` (so control characters show as
    escapes), cut to about ``limit`` characters. `kneecoach run /etc/passwd` must
    not print the file."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        try:
            digits = str(value)
        except ValueError:  # past Python's limit on converting a long int to text
            return "a number of thousands of digits"
        return f"{digits[:12]}… ({len(digits.lstrip('-')):,} digits)"
    text = value if isinstance(value, str) else None
    if text is not None and len(text) > limit:
        return repr(text[: limit - 1]) + "…"
    shown = repr(value)
    return shown if len(shown) <= limit + 2 else shown[:limit] + "…"
