"""`kneecoach list`: the sessions found, as a table or JSON.

Each session's minutes come from its plan at the low end; a file that
cannot be used is listed as such, one line each, and never stops the others.
"""

from __future__ import annotations

import argparse
import json
import sys

from kneecoach.cli.common import sessions_dirs
from kneecoach.engine.printable import json_safe
from kneecoach.services.catalog import discover, summarize_session
from kneecoach.text import printable


def run(args: argparse.Namespace) -> int:
    catalog = discover(sessions_dirs(args))
    for problem in catalog.problems:
        print(printable(f"kneecoach: {problem}"), file=sys.stderr)
    rows = [summarize_session(session) for session in catalog.sorted()]
    if args.json:
        for file in catalog.unusable:  # the JSON lists sessions; what is not one, aside
            print(printable(f"kneecoach: {file.line}"), file=sys.stderr)
        text = json.dumps([row.to_json() for row in rows], indent=2, ensure_ascii=False)
        print(json_safe(text))
        return 0
    if not rows and not catalog.unusable:
        print("No sessions found.")
        return 0
    if rows:
        width = max(len(row.id) for row in rows)
        print(f"{'ID':<{width}}  {'MIN':>3}  {'EX':>2}  TITLE")
        for row in rows:
            print(
                printable(f"{row.id:<{width}}  {row.minutes:>3}  {row.exercises:>2}  {row.title}")
            )
    if catalog.unusable:
        print("\nCannot be used (`kneecoach validate FILE` lists every problem):")
        for file in catalog.unusable:
            print(printable(f"  {file.line}"))
    print("\n`kneecoach run ID` starts one; `kneecoach plan ID` shows its steps.")
    return 0
