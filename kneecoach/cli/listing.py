"""`kneecoach list`: the sessions found, as a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys

from kneecoach.cli.common import sessions_dirs
from kneecoach.services.catalog import discover, summarize_session


def run(args: argparse.Namespace) -> int:
    catalog = discover(sessions_dirs(args))
    for problem in catalog.problems:
        print(f"kneecoach: {problem}", file=sys.stderr)
    rows = [summarize_session(session) for session in catalog.sorted()]
    if args.json:
        print(json.dumps([row.to_json() for row in rows], indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No sessions found.")
        return 0
    width = max(len(row.id) for row in rows)
    print(f"{'ID':<{width}}  {'MIN':>3}  {'EX':>2}  TITLE")
    for row in rows:
        print(f"{row.id:<{width}}  {row.minutes:>3}  {row.exercises:>2}  {row.title}")
    print("\n`kneecoach run ID` starts one; `kneecoach plan ID` shows its steps.")
    return 0
