"""`kneecoach history`: the workouts logged, oldest first, with the streaks.

Reading never creates anything: with no log file yet, it says so and leaves the
data folder as it was.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TextIO

from kneecoach.cli.common import data_folder, sessions_dirs
from kneecoach.services.doses import existing_log
from kneecoach.services.history import streaks
from kneecoach.store.export import history_json
from kneecoach.store.records import LoggedWorkout
from kneecoach.text import (
    REHEARSAL_MARK,
    duration_text,
    pain_text,
    plural,
    printable,
    streak_text,
    workout_notes,
)

NO_WORKOUTS = "No workouts logged yet."


def run(args: argparse.Namespace) -> int:
    def names() -> dict[str, str]:
        """The exercises' names as the sessions give them (read only when needed)."""
        from kneecoach.services.catalog import discover, unit_names

        return unit_names(discover(sessions_dirs(args)).sessions.values())

    return print_history(
        data_folder(args), since=args.since, session=args.session, as_json=args.json,
        names=names,
    )  # fmt: skip


def history_lines(
    workouts: Sequence[LoggedWorkout], everything: Sequence[LoggedWorkout], today: date,
    tz: tzinfo | None = None, names: Mapping[str, str] | None = None,
) -> list[str]:  # fmt: skip
    """The text table (oldest first, as a log reads) and the streak line, which is
    always over the whole log, whatever the filters. ``names``: each exercise key's
    name in its session, for the exercises where sharp pain was reported."""
    width = max([7, *(len(workout.session) for workout in workouts)])
    header = (
        f"{'DATE':<10}  {'TIME':<5}  {'SESSION':<{width}}  {'STATUS':<14}  {'DURATION':>8}  PAIN"
    )
    lines = [header]
    for workout in workouts:
        start = workout.started_at.astimezone(tz)
        mark = f"  {REHEARSAL_MARK} ×{workout.speed:g}" if workout.is_rehearsal else ""
        notes = workout_notes(workout.pain_choice, [p.key for p in workout.sharp_pain], names)
        mark += f"  {notes}" if notes else ""
        duration = duration_text(workout.started_at, workout.ended_at, workout.away_seconds)
        lines.append(
            f"{start:%Y-%m-%d}  {start:%H:%M}  {workout.session:<{width}}  "
            f"{workout.status:<14}  {duration:>8}  "
            f"{pain_text(workout.pain_before, workout.pain_after):<5}{mark}".rstrip()
        )
    current, longest = streaks(everything, today, tz=tz)
    rehearsals = sum(1 for workout in workouts if workout.is_rehearsal)
    shown = plural(len(workouts), "workout")
    if rehearsals:
        shown += f", {rehearsals:,} of them {REHEARSAL_MARK} (rehearsals, not counted)"
    lines += ["", f"{streak_text(current, longest)} · {shown}"]
    return [printable(line) for line in lines]  # sessions' ids as the log has them


def print_history(
    folder: Path,
    *,
    since: date | None = None,
    session: str | None = None,
    as_json: bool = False,
    tz: tzinfo | None = None,
    today: date | None = None,
    out: TextIO | None = None,
    names: Callable[[], Mapping[str, str]] | None = None,
) -> int:
    """``names``: reads the sessions' exercise names, called only when a workout
    shown has sharp pain to name."""
    out = out or sys.stdout
    log = existing_log(folder)
    if log is None:
        print(history_json([]) if as_json else NO_WORKOUTS, file=out)
        return 0
    with log:
        if as_json:
            print(history_json(log.workouts(since, session, tz=tz)), file=out)
            return 0
        everything = log.summaries(tz=tz)
    if not everything:
        print(NO_WORKOUTS, file=out)
        return 0
    chosen = [
        workout
        for workout in everything
        if (since is None or workout.day(tz) >= since)
        and (session is None or workout.session == session)
    ]
    if not chosen:
        print("No workouts match.", file=out)
        return 0
    today = today or datetime.now(tz).date()
    named = names() if names is not None and any(w.sharp_pain for w in chosen) else None
    print("\n".join(history_lines(chosen, everything, today, tz, named)), file=out)
    return 0
