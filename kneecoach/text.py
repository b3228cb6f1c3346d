"""Words and numbers for people, in one place: clocks, numbers, ranges, plurals,
doses, pain scores and statuses; and ``printable``, which every text read from a
session file, the config or the log goes through before it is shown (defined in
the engine, whose loader needs it too).

The command line and the screens both print through these, so a duration, a
range or a status never reads one way in `kneecoach history` and another on the
history screen. Plain functions of plain values: no Textual, no database.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from kneecoach.engine.model import DoseEnd, Part, Progression, Range, dose_limits
from kneecoach.engine.outcomes import ExerciseOutcome, PainChoice, WorkoutStatus
from kneecoach.engine.plan import ChosenDose, choose_dose
from kneecoach.engine.printable import printable  # the one cleaner of text from files

# -- numbers and time ---------------------------------------------------------------


def clock_text(seconds: float) -> str:
    """42:05, or 1:02:05 past an hour."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def countdown_text(seconds: float) -> str:
    """Whole seconds left, rounded up, so 0 appears only when the step ends: 45, 1:30."""
    whole = max(0, math.ceil(seconds - 1e-9))
    if whole < 60:
        return str(whole)
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


def duration_text(started: datetime, ended: datetime | None, away: float = 0.0) -> str:
    """Wall time from start to end, pauses included, less ``away`` (seconds it stood
    interrupted before it was carried on); "–" while it has no end."""
    if ended is None:
        return "–"
    return clock_text(max(0.0, (ended - started).total_seconds() - away))


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def range_text(value: Range) -> str:
    if value.low == value.high:
        return number_text(value.low)
    return f"{number_text(value.low)}–{number_text(value.high)}"


def plural(count: int, word: str) -> str:
    """ "1 workout", "1,204 workouts"."""
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def short(text: str, width: int, *, keep_part: bool = True) -> str:
    """Cut to ``width`` with an ellipsis; a "name: part" keeps its part, so that
    "Three-way leg raise: front" and "...: side" stay apart in a narrow column.
    ``keep_part=False`` (a title: "Cleveland Clinic: 5 exercises…") keeps its
    start instead. Text from a file is made ``printable`` first: what is cut is
    what is shown."""
    text = printable(text)
    if len(text) <= width:
        return text
    name, colon, part = text.rpartition(": ")
    if keep_part and colon and len(part) + 4 <= width:
        return short(name, width - len(part) - 2) + colon + part
    return text[: width - 1] + "…"


# -- doses --------------------------------------------------------------------------


def dose_text(
    part: Part,
    end: DoseEnd,
    override: ChosenDose | None = None,
    progression: Progression | None = None,
) -> str:
    """A dose (an end of the ranges, or ``override``: today's), with the session's
    range beside each number that has one: "hold 20 s (20–30, up to 60) × 1 rep"."""
    dose = part.dose
    if dose.minutes is not None:
        return f"{number_text(dose.minutes.pick(end))} min" + _range_note(dose.minutes)
    chosen = choose_dose(part, end, override, progression)
    limits = dose_limits(dose, progression)
    pieces = []
    if dose.hold_seconds is not None:
        note = _range_note(dose.hold_seconds, limits.hold_seconds)
        pieces.append(f"hold {number_text(chosen.hold_seconds or 0)} s{note}")
    else:
        tempo = dose.tempo_seconds.pick(end) if dose.tempo_seconds else 0
        pieces.append(f"{number_text(tempo)} s a rep")
    for count, noun, given, allowed in (
        (chosen.reps or 1, "rep", dose.reps, limits.reps),
        (chosen.sets or 1, "set", dose.sets, limits.sets),
    ):
        pieces.append(plural(count, noun) + _range_note(given, allowed))
    text = " × ".join(pieces)
    if part.per_side:
        text += f", each side ({part.first_side} first)"
    return text


def count_in_range(value: int, noun: str, allowed: Range) -> str:
    """ "12 reps (10–15)"; the range left out when there is no choice."""
    text = plural(value, noun)
    return text if allowed.low == allowed.high else f"{text} ({range_text(allowed)})"


def _range_note(value: Range | None, allowed: Range | None = None) -> str:
    """ " (5–10)" for a range; " (20–30, up to 60)" where the exercise's progression
    lets the dose grow past the range ("work up to 1 minute")."""
    if value is None:
        return ""
    beyond = allowed is not None and allowed.high > value.high
    if value.low == value.high and not beyond:
        return ""
    up_to = f", up to {number_text(allowed.high)}" if beyond and allowed else ""
    return f" ({range_text(value)}{up_to})"


def unit_name(key: str, names: Mapping[str, str] | None = None) -> str:
    """A readable name for a dose key ("three-way-leg-raise/front"): the session's
    own name when known, else the id with its dashes turned into spaces."""
    if names and key in names:
        return names[key]
    exercise, _, part = key.partition("/")
    text = exercise.replace("-", " ").replace("_", " ").strip().capitalize()
    return f"{text}: {part.replace('-', ' ')}" if part else text


# -- pain and statuses ----------------------------------------------------------------


def pain_text(before: int | None, after: int | None) -> str:
    """ "3→2"; "–" stands for a question skipped, "" for no answers at all."""
    if before is None and after is None:
        return ""
    return f"{'–' if before is None else before}→{'–' if after is None else after}"


def pain_score(value: int | None) -> str:
    """ "3/10", or "–" for a question skipped."""
    return "–" if value is None else f"{value}/10"


PAIN_CHOICE_NOTE = {
    PainChoice.GENTLER: "gentler",
    PainChoice.STOP: "stopped for pain",
    PainChoice.GO_ON: "went on despite pain",
}


def workout_notes(
    choice: PainChoice | None,
    sharp_pain: Sequence[str] = (),
    names: Mapping[str, str] | None = None,
) -> str:
    """What else a history row says: what was chosen when pain said to stop, and
    where sharp pain was reported ("gentler · sharp pain: Clamshell")."""
    pieces = [PAIN_CHOICE_NOTE[choice]] if choice is not None else []
    if sharp_pain:
        pieces.append("sharp pain: " + exercise_names(sharp_pain, names))
    return " · ".join(pieces)


def exercise_names(keys: Iterable[str], names: Mapping[str, str] | None = None) -> str:
    """Dose keys as their names, each once, in order: "Clamshell, Wall sit"."""
    return ", ".join(dict.fromkeys(unit_name(key, names) for key in keys))


def streak_text(current: int, longest: int) -> str:
    """Like "Current streak 4 days · longest 12 days"; rehearsals never count."""
    now = f"Current streak {plural(current, 'day')}" if current else "No streak going"
    return f"{now} · longest {plural(longest, 'day')}"


REHEARSAL_MARK = "R"

# The mark carries the meaning where colour cannot (NO_COLOR, a printout).
WORKOUT_STATUS_MARK: dict[WorkoutStatus, str] = {
    WorkoutStatus.COMPLETED: "✔ done",
    WorkoutStatus.FINISHED_EARLY: "◐ early",
    WorkoutStatus.INTERRUPTED: "✗ stopped",
    WorkoutStatus.IN_PROGRESS: "▶ running",
}

EXERCISE_OUTCOME_MARK: dict[ExerciseOutcome, str] = {
    ExerciseOutcome.DONE: "✔ done",
    ExerciseOutcome.SKIPPED: "– skipped",
    ExerciseOutcome.CUT_SHORT: "✂ cut short",
    ExerciseOutcome.PARTLY_DONE: "◐ partly done",
    ExerciseOutcome.SHARP_PAIN: "⚠ sharp pain",
}
