"""The progression rule: today's dose of every exercise, from the workouts logged.

The articles give ranges ("hold 5 to 10 seconds", "2 to 3 sets") and say to make
the exercises harder only a little at a time, and to back off what makes the knee
worse. This module does that, per exercise (or part), inside what the session file
allows, and says why in a sentence the workout screen can show.

It keeps no state: ``todays_doses`` replays the whole history from the low end of
every range, so the answer depends only on the session, the history and the rule
(docs/progression.md has the rule as a table). Plain values in, plain values out;
the caller reads the log and the config and writes nothing back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kneecoach.engine.model import (
    PROGRESS_FIELDS,
    DoseLimits,
    Exercise,
    Part,
    ProgressionRule,
    Session,
    dose_limits,
)
from kneecoach.engine.outcomes import ExerciseOutcome
from kneecoach.engine.plan import ChosenDose
from kneecoach.engine.progression_text import reason
from kneecoach.engine.progression_values import (
    Change,
    DoseDecision,
    HistoryEntry,
    ManualDose,
    Pin,
    RuleEvent,
    UnitResult,
    WorkoutResult,
)


@dataclass(frozen=True)
class ProgressionUnit:
    """One exercise (or part) the rule doses: its limits and its own rule."""

    key: str
    exercise: Exercise
    part: Part
    limits: DoseLimits
    rule: ProgressionRule


def progression_units(
    session: Session, rule: ProgressionRule | None = None
) -> dict[str, ProgressionUnit]:
    """Every unit with a hold or reps, by key, in session order.

    Timed units (warm-up and cool-down minutes) are left out: they stay where
    ``build_plan`` puts them, at the low end unless ``--dose high``.
    """
    base = rule or session.progression_rule
    units: dict[str, ProgressionUnit] = {}
    for exercise in session.exercises:
        own = exercise.progression_rule.applied_to(base) if exercise.progression_rule else base
        for part in exercise.units():
            if part.dose.shape == "timed":
                continue
            key = exercise.unit_key(part)
            limits = dose_limits(part.dose, exercise.progression)
            units[key] = ProgressionUnit(key, exercise, part, limits, own)
    return units


class _Unit:
    """One unit's dose as the replay goes; the dose is a list (hold, reps, sets)."""

    __slots__ = (
        "dose", "down", "event", "highs", "info", "lows", "pin", "reset", "sizes", "streak", "up",
    )  # fmt: skip

    def __init__(self, info: ProgressionUnit) -> None:
        self.info = info
        ranges = [info.limits.get(name) for name in PROGRESS_FIELDS]
        self.lows: list[float | None] = [r.low if r else None for r in ranges]
        self.highs: list[float | None] = [r.high if r else None for r in ranges]
        self.sizes: list[float] = [getattr(info.rule.steps, name) for name in PROGRESS_FIELDS]
        room = [i for i, r in enumerate(ranges) if r is not None and r.high > r.low]
        order = [PROGRESS_FIELDS.index(name) for name in info.rule.order]
        self.up = [i for i in order if i in room]
        # Back off what the rule does not progress first (set by hand), then undo
        # the rule's own steps, the last one first.
        self.down = [i for i in (2, 1, 0) if i in room and i not in order] + self.up[::-1]
        self.dose = list(self.lows)
        self.streak = 0
        self.event: RuleEvent | None = None
        self.pin: Pin | None = None
        self.reset: Pin | None = None  # the hand-set dose just handed back to the rule

    def clamped(self, dose: ChosenDose, base: list[float | None]) -> list[float | None]:
        result = list(base)
        for i, value in enumerate((dose.hold_seconds, dose.reps, dose.sets)):
            low, high = self.lows[i], self.highs[i]
            if value is not None and low is not None and high is not None:
                result[i] = min(max(value, low), high)
        return result

    def step(self, fields: list[int], sign: int) -> int | None:
        """One step along ``fields``: the first that can move, moves. Its index, or None."""
        for i in fields:  # only numbers with room: none of these is None
            value, low, high = self.dose[i], self.lows[i], self.highs[i]
            assert value is not None and low is not None and high is not None
            moved = value + sign * self.sizes[i]
            if (value < high) if sign > 0 else (value > low):
                self.dose[i] = round(min(max(moved, low), high), 3)
                return i
        return None

    def workout(self, index: int, workout: WorkoutResult, result: UnitResult) -> None:
        done = result.dose
        if done is None and self.pin is not None:
            done = _chosen(self.pin.dose)  # planned at the dose set by hand
        if done is not None and not workout.gentler:  # a gentler one was not the dose
            actual = self.clamped(done, self.dose)
            if actual != self.dose:
                self.dose, self.streak = actual, 0
        self.reset = None
        rule = self.info.rule
        before, after = workout.pain_before, workout.pain_after
        pain = max((p for p in (before, after) if p is not None), default=None)
        morning = workout.morning_after_pain
        settled = max(rule.safe_pain, before or 0)  # back to the safe zone, or to where it was
        cause = None
        if result.outcome is ExerciseOutcome.SHARP_PAIN:
            cause = "sharp pain"
        elif pain is not None and pain > rule.acceptable_pain:
            cause = "pain"
        elif morning is not None and morning > settled:
            cause = "morning"
        elif result.outcome is ExerciseOutcome.CUT_SHORT:
            cause = "cut short"
        moved = None
        if cause is not None:
            self.streak = 0
            moved = self.step(self.down, -1)
            kind = "down" if moved is not None else "floor"
        elif workout.gentler:  # this once: the streak waits for a workout at the dose
            kind = "gentler"
        elif result.outcome is ExerciseOutcome.PARTLY_DONE or pain is None or pain > rule.safe_pain:
            self.streak = 0
            kind = (
                "partly done"
                if result.outcome is ExerciseOutcome.PARTLY_DONE
                else ("no pain score" if pain is None else "acceptable")
            )
        else:
            self.streak += 1
            kind = "building"
            if self.streak >= rule.workouts_to_progress:
                self.streak = 0
                moved = self.step(self.up, +1)
                kind = "up" if moved is not None else "top"
        self.event = RuleEvent(kind, index, workout, moved, cause, self.streak)

    def manual(self, index: int, entry: ManualDose) -> None:
        if entry.dose is None:
            if self.pin is not None:
                self.reset = self.pin
            self.pin = None
            return
        base = self.pin.dose if self.pin is not None else self.dose
        self.pin = Pin(self.clamped(entry.dose, base), entry.on, index)
        self.reset = None

    def decision(self, last_workout: int, latest: date | None) -> DoseDecision:
        info = self.info
        text = reason(
            info.limits, info.rule, self.dose, self.event, last_workout, latest,
            self.pin, self.reset,
        )  # fmt: skip
        if self.pin is not None:
            return DoseDecision(info.key, _chosen(self.pin.dose), "manual", text)
        change: Change
        if self.reset is not None:
            change = _compare(self.dose, self.reset.dose)
        elif self.event is None:
            change = "start"
        else:
            kind = self.event.kind
            change = "up" if kind == "up" else "down" if kind == "down" else "same"
        return DoseDecision(info.key, _chosen(self.dose), change, text)


def _chosen(dose: list[float | None]) -> ChosenDose:
    hold, reps, sets = dose
    return ChosenDose(hold, int(reps or 1), int(sets or 1))


def _compare(now: list[float | None], before: list[float | None]) -> Change:
    if now == before:
        return "same"
    # the rule moves one number at a time; after a hand-set dose, any bigger number is "up"
    pairs = [(a, b) for a, b in zip(now, before, strict=True) if a is not None and b is not None]
    return "up" if any(a > b for a, b in pairs) else "down"


def _day(entry: HistoryEntry) -> int:
    if isinstance(entry, WorkoutResult):
        return entry.ended_on.toordinal()
    if isinstance(entry, ManualDose):
        return entry.on.toordinal()
    raise TypeError(f"history entries are WorkoutResult or ManualDose, got {entry!r}")


def todays_doses(
    session: Session,
    history: Iterable[HistoryEntry],
    rule: ProgressionRule | None = None,
) -> dict[str, DoseDecision]:
    """Today's dose of every unit with a hold or reps, keyed as ``build_plan``'s
    ``overrides`` are, each with the reason for it.

    ``history`` is every logged workout and hand-set dose, oldest first (entries
    on one day keep their given order). ``rule`` defaults to the session's; pass
    ``merge_rule(session.progression_rule, config)`` to apply the user's config.
    """
    units = {key: _Unit(info) for key, info in progression_units(session, rule).items()}
    entries = sorted(history, key=_day)  # stable: same-day entries keep their order
    last_workout = -1
    latest: date | None = None
    for index, entry in enumerate(entries):
        if isinstance(entry, WorkoutResult):
            last_workout, latest = index, entry.ended_on
            for key, result in entry.units.items():
                unit = units.get(key)
                if unit is not None and result.outcome is not ExerciseOutcome.SKIPPED:
                    unit.workout(index, entry, result)
        else:
            latest = entry.on
            unit = units.get(entry.key)
            if unit is not None:
                unit.manual(index, entry)
    return {key: unit.decision(last_workout, latest) for key, unit in units.items()}
