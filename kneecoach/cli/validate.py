"""`kneecoach validate FILE...`: check session files; exit 1 on any problem.

Problems and warnings go to standard error, one ``FILE:LINE:COL: message (field)``
line each, in the order they appear in the file. A warning alone (control
characters in a text, which kneecoach leaves out when it shows it) does not fail
the file: it works, and the warning says what to tidy.
"""

from __future__ import annotations

import argparse
import sys

from kneecoach.engine import SessionError, SessionFileError
from kneecoach.engine.session_file import check_session
from kneecoach.engine.plan import build_plan
from kneecoach.text import clock_text, plural, printable


def run(args: argparse.Namespace) -> int:
    failed = False
    for name in args.files:
        try:
            checked = check_session(name)
        except SessionFileError as exc:
            failed = True
            _report([*exc.errors, *exc.warnings])
            continue
        session = checked.session
        _report(list(checked.warnings))
        total = clock_text(build_plan(session).total_seconds)
        warned = f" ({plural(len(checked.warnings), 'warning')})" if checked.warnings else ""
        print(
            printable(
                f"{name}: ok{warned} — {session.id}, {len(session.exercises)} items,"
                f" {total} at the low end"
            )
        )
    return 1 if failed else 0


def _report(lines: list[SessionError]) -> None:
    for line in sorted(lines, key=lambda error: (error.line, error.column)):
        print(printable(str(line)), file=sys.stderr)
