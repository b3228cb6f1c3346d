#!/usr/bin/env python3
"""How fast is the workout log with ten years of daily workouts in it?

    python benchmarks/store_bench.py [--runs 5] [--writes 1000] [--dir DIR]

Builds a log of 3,650 daily workouts (about 110 steps each, ~400,000 steps) in a
temporary folder (inside ``--dir`` if given: put it on the disk your data folder is
on), then measures, as medians over ``--runs`` runs:

* (a) the last 30 days with their steps (``WorkoutLog.workouts(since=...)``) turned
  into JSON (``history_json``): what an export of the last month does;
* (b) what a history screen needs: every workout's summary (no steps), streaks,
  the 12-week calendar, the pain series and doses over time (from the doses the
  database keeps per workout, not from the steps);
* (c) writing one step through ``WorkoutLog.record_step`` (its own commit, as the
  live screen's writer thread does): the 99th percentile of ``--writes`` writes.

Each has a baseline measured in the same run, so a slow machine moves both alike:
(a) and (b) the bare SQLite fetch of the same rows, with no Python objects made;
(c) a bare INSERT + commit of a similar row into a one-table database with the
same settings (WAL, synchronous=NORMAL) in the same folder. The table gives both
the absolute figures and the ratio. Exit status 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from kneecoach.services import history
from kneecoach.store import schema
from kneecoach.store.export import history_json
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedStep, to_text

YEARS_OF_DAYS = 3650
TARGET_MS = {"a": 200.0, "b": 200.0, "c": 5.0}

# (exercise, part, hold seconds or None for reps, reps, sets, per side): ~110 steps
EXERCISES = [
    ("warm-up", None, None, 0, 0, False),
    ("three-way-leg-raise", "front", None, 10, 1, True),
    ("three-way-leg-raise", "side", None, 10, 1, True),
    ("wall-sit", None, 10.0, 5, 1, False),
    ("clamshell", None, 3.0, 8, 1, True),
    ("step-up-plus", None, None, 8, 1, True),
    ("hamstring-stretch", None, 30.0, 2, 1, True),
    ("hip-flexor-stretch", None, 30.0, 1, 1, True),
]


def workout_steps(rng: random.Random) -> list[tuple]:
    """One workout's steps as (index, kind, exercise, part, side, set, rep, planned,
    actual, outcome, pauses), shaped like a plan with some steps skipped or cut."""
    steps: list[tuple] = []

    def add(kind, exercise, part, side, set_, rep, seconds):
        roll = rng.random()
        outcome, actual = "done", seconds
        if roll < 0.03:
            outcome, actual = "skipped", 0.0
        elif roll < 0.05:
            outcome, actual = "cut short", seconds * rng.random()
        elif roll < 0.07 and kind in ("hold", "rest"):
            outcome, actual = "extended", seconds + 10
        steps.append((len(steps), kind, exercise, part, side, set_, rep, seconds, actual,
                      outcome, int(rng.random() < 0.02)))  # fmt: skip

    for exercise, part, hold, reps, sets, per_side in EXERCISES:
        if reps == 0:
            add("timed", exercise, part, None, None, None, 300.0)
            continue
        add("prepare", exercise, part, "left" if per_side else None, 1, 1, 5.0)
        for side in ("left", "right") if per_side else (None,):
            for set_ in range(1, sets + 1):
                for rep in range(1, reps + 1):
                    if hold is not None:
                        if rep > 1:
                            add("rest", exercise, part, side, set_, rep, 3.0)
                        add("hold", exercise, part, side, set_, rep, hold)
                    else:
                        add("rep", exercise, part, side, set_, rep, 3.0)
    return steps


def generate(folder: Path, today: date) -> tuple[int, int, float]:
    """Ten years of daily workouts, written with executemany in one transaction."""
    started = time.perf_counter()
    log = WorkoutLog(folder)
    rng = random.Random(2024)
    workouts, steps = [], []
    for days_ago in range(YEARS_OF_DAYS, 0, -1):
        day = today - timedelta(days=days_ago)
        start = datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC)
        workout_id = uuid.uuid4().hex
        status = rng.choices(["completed", "finished early", "interrupted"], [90, 7, 3])[0]
        speed = 4.0 if rng.random() < 0.03 else 1.0
        pain = [rng.choice([None, *range(6)]) for _ in range(3)]
        workouts.append((workout_id, "goodrx-runners-knee", "GoodRx: runner's knee", "h" * 64,
                         to_text(start), to_text(start + timedelta(minutes=25)), speed, status,
                         *pain, "felt fine" if rng.random() < 0.2 else "", 1))  # fmt: skip
        steps.extend((workout_id, *row) for row in workout_steps(rng))
    connection = log.connection
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO workouts (id, session, title, session_hash, started_at, ended_at, speed,"
        " status, pain_before, pain_after, morning_after_pain, note, morning_after_asked)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        workouts,
    )
    connection.executemany(
        "INSERT INTO steps (workout_id, step_index, kind, exercise, part, side, set_number,"
        " rep, planned_seconds, actual_seconds, outcome, pauses)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        steps,
    )
    connection.execute("COMMIT")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("ANALYZE")
    log.close()
    return len(workouts), len(steps), time.perf_counter() - started


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def history_screen(log: WorkoutLog, today: date) -> object:
    summaries = log.summaries()
    return (
        history.streaks(summaries, today),
        history.calendar(summaries, today),
        history.pain_series(summaries),
        history.doses_over_time(summaries, log.dose_records()),
    )


def bare_history_rows(connection: sqlite3.Connection) -> object:
    return (
        connection.execute("SELECT * FROM workouts ORDER BY started_at").fetchall(),
        connection.execute("SELECT * FROM workout_doses").fetchall(),
    )


def bare_month_rows(connection: sqlite3.Connection, since: str) -> object:
    return connection.execute(
        "SELECT * FROM workouts w JOIN steps s ON s.workout_id = w.id"
        " WHERE w.started_at >= ? ORDER BY w.started_at, s.id",
        (since,),
    ).fetchall()


BARE_INSERT = "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


def write_latencies(log: WorkoutLog, baseline: sqlite3.Connection, writes: int) -> tuple:
    """Milliseconds per write: (kneecoach's record_step, the bare insert)."""
    # dated long before the generated ones, so that it does not grow (a) run after run
    long_ago = datetime(2000, 1, 1, tzinfo=UTC) + timedelta(minutes=len(log.summaries()))
    workout_id = log.start_workout("bench", "Bench", started_at=long_ago)
    step = LoggedStep(0, "hold", "wall-sit", 10.0, 10.0, "done", None, "left", 1, 1, 0)
    ours, bare = [], []
    for index in range(writes):
        row = (workout_id, index, "hold", "wall-sit", None, "left", 1, 1, 10.0, 10.0, "done", 0)
        bare.append(timed(lambda row=row: baseline.execute(BARE_INSERT, row)))
        ours.append(timed(lambda: log.record_step(workout_id, step)))
    log.finish_workout(workout_id, "completed")
    return ours, bare


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--writes", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None, help="where to make the temp folder")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="kneecoach-bench-", dir=args.dir))
    try:
        return run(root, args.runs, args.writes)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run(root: Path, runs: int, writes: int) -> int:
    today = date.today()
    folder = root / "data"
    count, steps, seconds = generate(folder, today)
    size = (folder / schema.FILE_NAME).stat().st_size / 2**20
    print(f"generated {count} workouts, {steps} steps in {seconds:.1f} s; {size:.0f} MiB",
          file=sys.stderr)  # fmt: skip

    open_ms = [timed(lambda: WorkoutLog(folder).close()) for _ in range(runs)]
    log = WorkoutLog(folder)
    raw = schema.connect(folder / schema.FILE_NAME)
    baseline = schema.connect(root / "baseline.db")
    baseline.execute("PRAGMA journal_mode = WAL")
    baseline.execute("CREATE TABLE t (a, b, c, d, e, f, g, h, i, j, k, l)")
    since = today - timedelta(days=30)
    since_text = to_text(datetime.combine(since, datetime.min.time()).astimezone())
    month, month_bare, screen, screen_bare, write_p99, bare_p99 = [], [], [], [], [], []
    write_p50, bare_p50, startup = [], [], []
    for number in range(runs):
        month_bare.append(timed(lambda: bare_month_rows(raw, since_text)))
        month.append(timed(lambda: history_json(log.workouts(since=since))))
        screen_bare.append(timed(lambda: bare_history_rows(raw)))
        screen.append(timed(lambda: history_screen(log, today)))
        startup.append(timed(lambda: (log.mark_interrupted_stale(), log.pending_morning_after())))
        ours, bare = write_latencies(log, baseline, writes)
        write_p99.append(percentile(ours, 0.99))
        bare_p99.append(percentile(bare, 0.99))
        write_p50.append(statistics.median(ours))
        bare_p50.append(statistics.median(bare))
        if number == 0:  # what fsync on every commit would cost (power-loss safety)
            log.connection.execute("PRAGMA synchronous = FULL")
            full, _ = write_latencies(log, baseline, writes)
            log.connection.execute("PRAGMA synchronous = NORMAL")
            full_p99, full_p50 = percentile(full, 0.99), statistics.median(full)
        print(f"run {number + 1}: a {month[-1]:.1f} ms, b {screen[-1]:.1f} ms, "
              f"c p99 {write_p99[-1]:.2f} ms", file=sys.stderr)  # fmt: skip
    log.close()

    med = statistics.median
    rows = [
        ("(a) last 30 days + history_json", med(month_bare), med(month), "a"),
        ("(b) history screen data", med(screen_bare), med(screen), "b"),
        ("(c) one step write, p99", med(bare_p99), med(write_p99), "c"),
        ("(c) one step write, median", med(bare_p50), med(write_p50), None),
        ("(c) p99 if synchronous=FULL (info)", None, full_p99, None),
        ("(c) median if synchronous=FULL (info)", None, full_p50, None),
        ("open the log (info)", None, med(open_ms), None),
        ("start-up queries (info)", None, med(startup), None),
    ]
    header = f"{'metric':<38} {'baseline':>10} {'kneecoach':>10} {'ratio':>7}  {'target':<9} result"
    print(header)
    print("-" * len(header))
    for name, base, value, target in rows:
        base_text = "" if base is None else f"{base:.2f} ms"
        ratio = "" if base is None or base == 0 else f"{value / base:.1f}x"
        goal = "" if target is None else f"< {TARGET_MS[target]:g} ms"
        verdict = "" if target is None else ("PASS" if value < TARGET_MS[target] else "FAIL")
        print(f"{name:<38} {base_text:>10} {value:>7.2f} ms {ratio:>7}  {goal:<9} {verdict}")
    print(
        f"\nmedians over {runs} runs; {count} workouts, {steps} steps, {size:.0f} MiB; writes: "
        f"{writes} per run, WAL, synchronous=NORMAL; baselines: bare fetch of the same rows "
        "(a, b), bare INSERT + commit into a one-table database (c)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
