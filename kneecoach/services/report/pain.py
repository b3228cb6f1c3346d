"""Pain for the report: each real workout's answers before, after and the
morning after (0-10), its note, and its flags: pain above the acceptable limit,
and a morning after that had not settled (pain still there a day later, when the
articles say to see a clinician). The limits are the progression rule's, so the
page flags what the dose rule acts on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, NamedTuple

from kneecoach.engine import ProgressionRule, merge_rule
from kneecoach.store.records import LoggedWorkout
from kneecoach.text import exercise_names


class PainLimits(NamedTuple):
    """The progression rule's thresholds, so that the page flags what the dose rule
    acts on: pain above ``acceptable``; a morning after above ``safe`` and above the
    pain before the workout has not settled."""

    safe: int = 2
    acceptable: int = 5


class Flag(NamedTuple):
    day: date
    workout_id: str
    kind: str  # "pain", "morning" or "sharp" (sharp pain reported during it)
    text: str


PAIN_ANSWERS = (
    ("pain_before", "before the workout"),
    ("pain_after", "after the workout"),
    ("morning_after_pain", "the morning after"),
)


def workout_flags(
    workout: LoggedWorkout,
    limits: PainLimits,
    tz: tzinfo | None = None,
    names: Mapping[str, str] | None = None,
) -> list[Flag]:
    """Sharp pain reported during it (``names``: the session's names of its
    exercises), pain above the acceptable limit (each answer), and a morning after
    that had not settled: pain still there a day later, when the articles say to
    see a clinician."""
    day = workout.day(tz)
    flags = []
    if workout.sharp_pain:
        where = exercise_names((pain.key for pain in workout.sharp_pain), names)
        flags.append(Flag(day, workout.id, "sharp", f"sharp pain during {where}"))
    for name, when in PAIN_ANSWERS:
        value = getattr(workout, name)
        if value is not None and value > limits.acceptable:
            flags.append(
                Flag(day, workout.id, "pain", f"{value}/10 {when} (above {limits.acceptable}/10)")
            )
    morning, before = workout.morning_after_pain, workout.pain_before
    if morning is not None and morning > max(limits.safe, before or 0):
        start = "not given" if before is None else f"{before}/10"
        flags.append(
            Flag(day, workout.id, "morning",
                 f"not settled by the next morning: {morning}/10 (before the workout: {start})")
        )  # fmt: skip
    return flags


class PainEntry(NamedTuple):
    """One real workout's answers, for the pain chart and the notes."""

    workout_id: str
    day: date
    started_at: datetime
    title: str
    before: int | None
    after: int | None
    morning: int | None
    note: str
    flags: tuple[Flag, ...]

    @property
    def scored(self) -> bool:
        return any(value is not None for value in (self.before, self.after, self.morning))


def pain_entries(
    workouts: Iterable[LoggedWorkout],
    limits: PainLimits,
    tz: tzinfo | None = None,
    names: Mapping[str, Mapping[str, str]] | None = None,
) -> list[PainEntry]:
    """Every real workout with an answer, a note or a flag, in start order. Workouts
    quit before any work are kept: pain reported before quitting is still pain.
    ``names``: per session id, its exercises' names."""
    entries = []
    for w in workouts:
        if w.is_rehearsal:
            continue
        flags = workout_flags(w, limits, tz, (names or {}).get(w.session))
        entry = PainEntry(
            w.id, w.day(tz), w.started_at, w.title, w.pain_before, w.pain_after,
            w.morning_after_pain, w.note, tuple(flags),
        )  # fmt: skip
        if entry.scored or entry.note or entry.flags:
            entries.append(entry)
    return entries


def pain_limits(settings: Mapping[str, Any] | None = None) -> PainLimits:
    """The limits of the default progression rule with the user's ``[progression]``
    settings over it, as the app's own warnings use them."""
    rule = merge_rule(ProgressionRule(), settings or {}, prefix="progression.")
    return PainLimits(rule.safe_pain, rule.acceptable_pain)


class PainPoint(NamedTuple):
    """One point of the pain chart: a workout's answers, or a week's averages."""

    day: date
    before: float | None
    after: float | None
    morning: float | None


def pain_points(entries: Iterable[PainEntry], *, weekly_above: int = 120) -> list[PainPoint]:
    """Each scored workout's answers; with more than ``weekly_above`` of them (months
    of daily workouts, too many to tell apart on a page), each week's averages
    instead, dated on its Monday."""
    scored = [e for e in entries if e.scored]
    if len(scored) <= weekly_above:
        return [PainPoint(e.day, e.before, e.after, e.morning) for e in scored]
    weeks: dict[date, list[PainEntry]] = {}
    for entry in scored:
        weeks.setdefault(entry.day - timedelta(days=entry.day.weekday()), []).append(entry)

    def mean(values: list[int | None]) -> float | None:
        given = [value for value in values if value is not None]
        return round(sum(given) / len(given), 1) if given else None

    return [
        PainPoint(
            monday,
            mean([e.before for e in week]),
            mean([e.after for e in week]),
            mean([e.morning for e in week]),
        )
        for monday, week in sorted(weeks.items())
    ]
