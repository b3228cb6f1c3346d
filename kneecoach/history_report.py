"""The workout log as people read it: ``kneecoach history`` and ``export``, and the
numbers the history screen shows.

No Textual here, so the command line stays fast; the screen builds on
``HistoryView`` and the same few formatters, so the two never disagree about what
a status, a duration or a pain score looks like.

Reading never creates anything: with no log file yet, ``history`` says so and
leaves the data folder as it was.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TextIO

from kneecoach import history
from kneecoach.report import clock_text
from kneecoach.store.export import history_csv, history_json
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedWorkout
from kneecoach.store.schema import FILE_NAME

NO_WORKOUTS = "No workouts logged yet."
REHEARSAL_MARK = "R"
# The mark carries the meaning where colour cannot (NO_COLOR, a printout).
STATUS_MARK = {
    "completed": "✔ done",
    "finished early": "◐ early",
    "interrupted": "✗ stopped",
    "in progress": "▶ running",
}


# -- small formatters, shared with the screen -------------------------------------


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def streak_text(current: int, longest: int) -> str:
    """Like "Current streak 4 days · longest 12 days"; rehearsals never count."""
    now = f"Current streak {plural(current, 'day')}" if current else "No streak going"
    return f"{now} · longest {plural(longest, 'day')}"


def duration_text(workout: LoggedWorkout) -> str:
    """Wall time from start to end, pauses included; "–" while it has no end."""
    if workout.ended_at is None:
        return "–"
    return clock_text((workout.ended_at - workout.started_at).total_seconds())


def pain_text(before: int | None, after: int | None) -> str:
    """ "3→2"; "–" stands for a question skipped, "" for no answers at all."""
    if before is None and after is None:
        return ""
    return f"{'–' if before is None else before}→{'–' if after is None else after}"


def short(text: str, width: int) -> str:
    """Cut to ``width`` with an ellipsis; a "name: part" keeps its part, so that
    "Three-way leg raise: front" and "...: side" stay apart in a narrow column."""
    if len(text) <= width:
        return text
    name, colon, part = text.rpartition(": ")
    if colon and len(part) + 4 <= width:
        return short(name, width - len(part) - 2) + colon + part
    return text[: width - 1] + "…"


def exercise_name(key: str, names: Mapping[str, str] | None = None) -> str:
    """A readable name for a dose key ("three-way-leg-raise/front"): the session's
    own name when known, else the id with its dashes turned into spaces."""
    if names and key in names:
        return names[key]
    exercise, _, part = key.partition("/")
    text = exercise.replace("-", " ").replace("_", " ").strip().capitalize()
    return f"{text}: {part.replace('-', ' ')}" if part else text


# -- what the history screen shows ---------------------------------------------------


@dataclass(frozen=True)
class HistoryView:
    """Everything the history screen draws, worked out off the UI thread from
    summaries and per-workout doses (never from 400,000 steps)."""

    today: date
    total: int = 0
    rehearsals: int = 0
    recent: tuple[LoggedWorkout, ...] = ()  # newest first, at most ``limit``
    current_streak: int = 0
    longest_streak: int = 0
    calendar: tuple[tuple[history.CalendarDay, ...], ...] = ()
    pain: tuple[history.PainPoint, ...] = ()
    doses: Mapping[str, Sequence[history.DosePoint]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.total == 0


def build_view(
    log: WorkoutLog, today: date, *, tz: tzinfo | None = None, limit: int = 200
) -> HistoryView:
    summaries = log.summaries()
    current, longest = history.streaks(summaries, today, tz=tz)
    grid = history.calendar(summaries, today, tz=tz)
    return HistoryView(
        today=today,
        total=len(summaries),
        rehearsals=sum(1 for workout in summaries if workout.is_rehearsal),
        recent=tuple(reversed(summaries[-limit:])),
        current_streak=current,
        longest_streak=longest,
        calendar=tuple(tuple(week) for week in grid),
        pain=tuple(history.pain_series(summaries, tz=tz)),
        doses=history.doses_over_time(summaries, log.dose_records(), tz=tz),
    )


# -- the commands ------------------------------------------------------------------


def _open(folder: Path) -> WorkoutLog | None:
    """The log, or None if there is none yet (and then nothing is created)."""
    if not (folder / FILE_NAME).exists():
        return None
    return WorkoutLog(folder)


def history_lines(
    workouts: Sequence[LoggedWorkout], everything: Sequence[LoggedWorkout], today: date,
    tz: tzinfo | None = None,
) -> list[str]:  # fmt: skip
    """The text table (oldest first, as a log reads) and the streak line, which is
    always over the whole log, whatever the filters."""
    width = max([7, *(len(workout.session) for workout in workouts)])
    header = (
        f"{'DATE':<10}  {'TIME':<5}  {'SESSION':<{width}}  {'STATUS':<14}  {'DURATION':>8}  PAIN"
    )
    lines = [header]
    for workout in workouts:
        start = workout.started_at.astimezone(tz)
        mark = f"  {REHEARSAL_MARK} ×{workout.speed:g}" if workout.is_rehearsal else ""
        lines.append(
            f"{start:%Y-%m-%d}  {start:%H:%M}  {workout.session:<{width}}  "
            f"{workout.status:<14}  {duration_text(workout):>8}  "
            f"{pain_text(workout.pain_before, workout.pain_after):<5}{mark}".rstrip()
        )
    current, longest = history.streaks(everything, today, tz=tz)
    rehearsals = sum(1 for workout in workouts if workout.is_rehearsal)
    shown = plural(len(workouts), "workout")
    if rehearsals:
        shown += f", {rehearsals:,} of them {REHEARSAL_MARK} (rehearsals, not counted)"
    lines += ["", f"{streak_text(current, longest)} · {shown}"]
    return lines


def print_history(
    folder: Path,
    *,
    since: date | None = None,
    session: str | None = None,
    as_json: bool = False,
    tz: tzinfo | None = None,
    today: date | None = None,
    out: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    log = _open(folder)
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
    print("\n".join(history_lines(chosen, everything, today, tz)), file=out)
    return 0


def export(
    folder: Path,
    fmt: str,
    output: str | None = None,
    *,
    since: date | None = None,
    session: str | None = None,
    tz: tzinfo | None = None,
    out: TextIO | None = None,
) -> int:
    """CSV (one row per step) or JSON (exactly ``history --json``), to stdout or to
    an owner-only file."""
    log = _open(folder)
    workouts: list[LoggedWorkout] = []
    if log is not None:
        with log:
            workouts = log.workouts(since, session, tz=tz)
    text = history_csv(workouts) if fmt == "csv" else history_json(workouts) + "\n"
    if output is None:
        (out or sys.stdout).write(text)
        return 0
    try:
        _write_private(Path(output), text)
    except OSError as error:
        print(f"kneecoach: cannot write {output}: {error.strerror or error}", file=sys.stderr)
        return 1
    steps = sum(len(workout.steps) for workout in workouts)
    print(
        f"kneecoach: wrote {plural(len(workouts), 'workout')} ({plural(steps, 'step')}) "
        f"to {output} as {fmt.upper()}",
        file=sys.stderr,
    )
    return 0


def _write_private(path: Path, text: str) -> None:
    """Health data: readable by its owner only, even if the file was there before."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        if path.is_file():
            os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            descriptor = -1
            handle.write(text)
    finally:
        if descriptor != -1:
            os.close(descriptor)
