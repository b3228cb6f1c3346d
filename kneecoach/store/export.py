"""The log as JSON or CSV, for the user, their physiotherapist, or a spreadsheet.

CSV has one row per step with the workout's fields repeated, because that is what a
spreadsheet filters and pivots best; a workout with no steps still gets one row, so
an export never silently drops a workout.

Both may be printed on a terminal, and CSV opened in a spreadsheet: JSON writes
control characters as escapes (the same data for a program), and a CSV
text cell has them left out and never starts a formula (``spreadsheet_cell``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from kneecoach.engine.printable import json_safe, spreadsheet_cell
from kneecoach.store.records import LoggedWorkout, to_text

WORKOUT_FIELDS = (
    "workout_id", "session", "title", "started_at", "ended_at", "status", "speed",
    "rehearsal", "pain_before", "pain_after", "morning_after_pain", "pain_choice",
    "morning_after_choice", "sharp_pain", "note",
)  # fmt: skip
STEP_FIELDS = (
    "index", "kind", "exercise", "part", "side", "set", "rep", "planned_seconds",
    "actual_seconds", "outcome", "pauses",
)  # fmt: skip
CSV_FIELDS = WORKOUT_FIELDS + STEP_FIELDS


def history_json(workouts: Iterable[LoggedWorkout]) -> str:
    text = json.dumps([workout.to_json() for workout in workouts], indent=2, ensure_ascii=False)
    return json_safe(text)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    return spreadsheet_cell(str(value))  # text: a title, a note, a status


def sharp_pain_cell(workout: LoggedWorkout) -> str:
    """Where sharp pain was reported, in one cell: "clamshell left; wall-sit"."""
    return "; ".join(
        " ".join(piece for piece in (pain.key, pain.side) if piece) for pain in workout.sharp_pain
    )


def history_csv(workouts: Iterable[LoggedWorkout]) -> str:
    """RFC 4180 CSV with a header row; empty cells for missing values."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for workout in workouts:
        head = [
            workout.id,
            workout.session,
            workout.title,
            to_text(workout.started_at),
            None if workout.ended_at is None else to_text(workout.ended_at),
            workout.status,
            workout.speed,
            workout.is_rehearsal,
            workout.pain_before,
            workout.pain_after,
            workout.morning_after_pain,
            workout.pain_choice,
            workout.morning_after_choice,
            sharp_pain_cell(workout),
            workout.note,
        ]
        if not workout.steps:
            writer.writerow([_cell(value) for value in head] + [""] * len(STEP_FIELDS))
        for step in workout.steps:
            data = step.to_json()
            writer.writerow([_cell(value) for value in head + [data[f] for f in STEP_FIELDS]])
    return out.getvalue()
