"""`kneecoach validate FILE...`: check session files; exit 1 on any problem."""

from __future__ import annotations

import argparse
import sys

from kneecoach.engine import SessionFileError, build_plan, load_session
from kneecoach.text import clock_text


def run(args: argparse.Namespace) -> int:
    failed = False
    for name in args.files:
        try:
            session = load_session(name)
        except SessionFileError as exc:
            failed = True
            for error in exc.errors:
                print(error, file=sys.stderr)
            continue
        total = clock_text(build_plan(session).total_seconds)
        print(f"{name}: ok — {session.id}, {len(session.exercises)} items, {total} at the low end")
    return 1 if failed else 0
