#!/usr/bin/env python3
"""How fast is the report with ten years of daily workouts in the log?

    python benchmarks/report_bench.py [--runs 5] [--dir DIR]

Builds the log of ``store_bench.py`` (3,650 daily workouts, ~400,000 steps) in a
temporary folder, then measures, as medians over ``--runs`` runs, each against a
baseline measured in the same run (baseline and kneecoach interleaved):

* (a) the report on the last 12 weeks (what ``kneecoach report`` does by default):
  reading the log (``read_report``) and drawing the page (``render_page``: the
  charts and the template), in this process, matplotlib and Jinja2 already
  imported. Baseline: bare ``sqlite3`` fetching the same rows — every workout,
  every per-workout dose, and the steps of those 12 weeks — with no Python objects
  made from them.
* (b) the same over all ten years (``--since`` ten years ago). Baseline: the same
  rows over ten years (every step).
* (c) ``kneecoach report`` as a real process, from spawning it to its exit: the
  interpreter, the imports (matplotlib's are the largest), (a), and writing the
  file. Baseline: a Python process that opens the log with ``sqlite3`` and fetches
  the rows of (a). For information, a process that only imports Jinja2 and
  matplotlib as the report does.

Run it with the Python of the environment kneecoach is installed in, with the
``report`` extra (it starts the ``kneecoach`` command next to that Python). The
table goes to stdout, per-run figures to stderr; exit status 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from kneecoach.services.catalog import discover, session_dirs
from kneecoach.services.report.adherence import report_period
from kneecoach.services.report.data import read_report
from kneecoach.services.report.page import render_page
from kneecoach.store import schema
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import local_midnight, to_text

import store_bench  # the script beside this one (Python puts its folder on the path)

TARGET_MS = 1000.0
TEN_YEARS = timedelta(days=3660)

BARE_ROWS = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("SELECT * FROM workouts ORDER BY started_at").fetchall()
connection.execute("SELECT * FROM workout_doses").fetchall()
connection.execute(
    "SELECT s.* FROM steps s JOIN workouts w ON w.id = s.workout_id WHERE w.started_at >= ?",
    (sys.argv[2],),
).fetchall()
"""


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def bare_rows(connection: sqlite3.Connection, since: str) -> None:
    """What the report reads, fetched bare: every workout and dose, the period's steps."""
    connection.execute("SELECT * FROM workouts ORDER BY started_at").fetchall()
    connection.execute("SELECT * FROM workout_doses").fetchall()
    connection.execute(
        "SELECT s.* FROM steps s JOIN workouts w ON w.id = s.workout_id WHERE w.started_at >= ?",
        (since,),
    ).fetchall()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None, help="where to make the temp folder")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="kneecoach-report-bench-", dir=args.dir))
    try:
        return run(root, args.runs)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run(root: Path, runs: int) -> int:
    today = date.today()
    folder = root / "data"
    count, steps, seconds = store_bench.generate(folder, today)
    print(f"generated {count} workouts, {steps} steps in {seconds:.1f} s", file=sys.stderr)
    log = WorkoutLog(folder)
    sessions = discover(session_dirs()).sessions
    raw = schema.connect(folder / schema.FILE_NAME)
    start = report_period(log.summaries(), today).start
    recent_text = to_text(local_midnight(start))
    all_text = to_text(local_midnight(today - TEN_YEARS))
    command = Path(sys.executable).with_name("kneecoach")
    env = {**os.environ, "XDG_CONFIG_HOME": str(root / "config")}  # nobody's own settings
    pages: dict[str, int] = {}

    def report(since: date | None, name: str) -> None:
        data = read_report(log, today, since=since, sessions=sessions)
        pages[name] = len(render_page(data, datetime.now()))

    def process(argv: list[str]) -> None:
        subprocess.run(argv, check=True, capture_output=True, env=env, cwd=root)

    report(None, "warm-up")  # imports, font cache: not what a second report costs
    results: dict[str, list[float]] = {
        key: [] for key in ("a0", "a", "b0", "b", "c0", "c", "imports")
    }
    imports = [
        sys.executable,
        "-c",
        "import jinja2, matplotlib.figure, matplotlib.backends.backend_svg",
    ]
    for number in range(runs):
        results["a0"].append(timed(lambda: bare_rows(raw, recent_text)))
        results["a"].append(timed(lambda: report(None, "recent")))
        results["b0"].append(timed(lambda: bare_rows(raw, all_text)))
        results["b"].append(timed(lambda: report(today - TEN_YEARS, "all")))
        output = root / f"report-{number}.html"
        bare = [sys.executable, "-c", BARE_ROWS, str(folder / schema.FILE_NAME), recent_text]
        results["c0"].append(timed(lambda bare=bare: process(bare)))
        mine = [str(command), "--data-dir", str(folder), "report", "--output", str(output)]
        results["c"].append(timed(lambda mine=mine: process(mine)))
        results["imports"].append(timed(lambda: process(imports)))
        print(
            f"run {number + 1}: a {results['a'][-1]:.0f} ms, b {results['b'][-1]:.0f} ms, "
            f"c {results['c'][-1]:.0f} ms",
            file=sys.stderr,
        )
    log.close()
    raw.close()

    med = {key: statistics.median(values) for key, values in results.items()}
    rows = [
        ("(a) report, last 12 weeks", med["a0"], med["a"]),
        ("(b) report, all ten years", med["b0"], med["b"]),
        ("(c) kneecoach report, a process", med["c0"], med["c"]),
    ]
    header = (
        f"{'metric':<34} {'baseline':>10} {'kneecoach':>10} {'ratio':>7}  {'target':<10} result"
    )
    print(header)
    print("-" * len(header))
    for name, base, value in rows:
        verdict = "PASS" if value < TARGET_MS else "FAIL"
        print(
            f"{name:<34} {base:>7.0f} ms {value:>7.0f} ms {value / base:>6.1f}x  "
            f"< {TARGET_MS:.0f} ms  {verdict}"
        )
    print(f"{'(c) of it: Python + report imports':<34} {'':>10} {med['imports']:>7.0f} ms  (info)")
    print(
        f"\nmedians over {runs} runs; {count} workouts, {steps} steps; pages of "
        f"{pages['recent'] // 1024} KiB (12 weeks) and {pages['all'] // 1024} KiB (ten years); "
        "baselines: bare sqlite3 fetch of the rows the report reads (a, b), and a Python "
        "process doing that fetch (c)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
