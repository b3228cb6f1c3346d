#!/usr/bin/env python3
"""How fast is history with ten years of daily workouts in the log?

    python benchmarks/history_bench.py [--runs 7] [--dir DIR] [--kneecoach PATH]

Builds the log of ``store_bench.py`` (3,650 daily workouts, ~400,000 steps) in a
temporary folder, then measures, as medians over ``--runs`` runs, each against a
baseline measured in the same run (baseline and kneecoach interleaved):

* (a) opening the history screen: in a headless ``App.run_test()`` at 100×30, from
  ``push_screen(HistoryScreen(...))`` until the loaded history has been drawn (the
  first refresh after its data is in the widgets). Baseline: pushing a screen with
  one ``DataTable`` of as many rows as the history lists (200), until it is drawn.
* (b) ``kneecoach history --json --since <30 days ago>`` as a real process, from
  spawning it to its exit, output read through a pipe. Baseline: ``kneecoach
  --version``, so both include the interpreter's start-up.

Run it with the Python of the environment kneecoach is installed in (it starts the
``kneecoach`` command next to that Python). The table goes to stdout, per-run
figures to stderr; the exit status is 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from textual.app import App
from textual.screen import Screen
from textual.widgets import DataTable

from kneecoach.store.log import WorkoutLog
from kneecoach.ui.app import CSS_PATH
from kneecoach.ui.screens.history import LIMIT, HistoryScreen

import store_bench  # the script beside this one (Python puts its folder on the path)

TARGET_MS = 200.0
SIZE = (100, 30)


class TableScreen(Screen[None]):
    """The baseline: one DataTable of ``rows`` short rows, drawn once."""

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows
        self.drawn = False

    def compose(self):
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Date", "Session", "Status", "Duration", "Pain", "")
        table.add_rows(
            [f"2024-05-{n % 28 + 1:02d}", "GoodRx: runner's knee", "✔ done", "25:00", "3→2", ""]
            for n in range(self.rows)
        )
        self.call_after_refresh(setattr, self, "drawn", True)


class Bench(App[None]):
    CSS_PATH = CSS_PATH


async def time_screens(makers: list[Callable[[], Screen]], runs: int) -> list[list[float]]:
    """Milliseconds from push to drawn for each maker, interleaved, ``runs`` times;
    one uncounted push of each first (imports, CSS)."""
    times: list[list[float]] = [[] for _ in makers]
    app = Bench()
    async with app.run_test(size=SIZE) as pilot:
        for number in range(runs + 1):
            for index, make in enumerate(makers):
                screen = make()
                started = time.perf_counter()
                await app.push_screen(screen)
                while not screen.drawn:  # type: ignore[attr-defined]
                    await asyncio.sleep(0.0005)
                elapsed = (time.perf_counter() - started) * 1000
                if number:
                    times[index].append(elapsed)
                await app.pop_screen()
                await pilot.pause()
            if number:
                print(f"run {number}: (a) baseline {times[1][-1]:.0f} ms, history "
                      f"{times[0][-1]:.0f} ms", file=sys.stderr)  # fmt: skip
    return times


def time_commands(commands: list[list[str]], runs: int) -> list[list[float]]:
    times: list[list[float]] = [[] for _ in commands]
    for number in range(runs + 1):  # the first, uncounted: bytecode and disk caches
        for index, argv in enumerate(commands):
            started = time.perf_counter()
            result = subprocess.run(argv, capture_output=True, check=False)
            elapsed = (time.perf_counter() - started) * 1000
            if result.returncode != 0:
                raise SystemExit(f"{' '.join(argv)} failed: {result.stderr.decode()}")
            if number:
                times[index].append(elapsed)
        if number:
            print(f"run {number}: (b) baseline {times[1][-1]:.0f} ms, history "
                  f"{times[0][-1]:.0f} ms", file=sys.stderr)  # fmt: skip
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=None, help="where to make the temp folder")
    parser.add_argument("--kneecoach", default=str(Path(sys.executable).parent / "kneecoach"))
    args = parser.parse_args()
    if not Path(args.kneecoach).exists():
        parser.error(f"no kneecoach command at {args.kneecoach}; pass --kneecoach")
    root = Path(tempfile.mkdtemp(prefix="kneecoach-history-bench-", dir=args.dir))
    try:
        return run(root, args.runs, args.kneecoach)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run(root: Path, runs: int, kneecoach: str) -> int:
    today = date.today()
    folder = root / "data"
    count, steps, seconds = store_bench.generate(folder, today)
    print(f"generated {count} workouts, {steps} steps in {seconds:.1f} s", file=sys.stderr)

    log = WorkoutLog(folder)
    screen_ms, table_ms = asyncio.run(
        time_screens([lambda: HistoryScreen(log, today), lambda: TableScreen(LIMIT)], runs)
    )
    log.close()
    since = (today - timedelta(days=30)).isoformat()
    history = [kneecoach, "--data-dir", str(folder), "history", "--json", "--since", since]
    json_ms, version_ms = time_commands([history, [kneecoach, "--version"]], runs)

    med = statistics.median
    rows = [
        ("(a) open the history screen", med(table_ms), med(screen_ms), True),
        ("(b) history --json --since 30 days", med(version_ms), med(json_ms), True),
        ("(b) minus interpreter start-up (info)", None, med(json_ms) - med(version_ms), False),
    ]
    header = f"{'metric':<38} {'baseline':>10} {'kneecoach':>10} {'ratio':>7}  {'target':<9} result"
    print(header)
    print("-" * len(header))
    for name, base, value, judged in rows:
        base_text = "" if base is None else f"{base:.0f} ms"
        ratio = "" if base is None else f"{value / base:.1f}x"
        goal = f"< {TARGET_MS:g} ms" if judged else ""
        verdict = ("PASS" if value < TARGET_MS else "FAIL") if judged else ""
        print(f"{name:<38} {base_text:>10} {value:>7.0f} ms {ratio:>7}  {goal:<9} {verdict}")
    print(
        f"\nmedians over {runs} runs; {count} workouts, {steps} steps; baselines: (a) a screen "
        f"with one DataTable of {LIMIT} rows, pushed in the same headless app at "
        f"{SIZE[0]}x{SIZE[1]}; (b) `kneecoach --version`"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
