"""The sentences that explain today's dose, for the workout screen and the picker.

Short, exact and plain: "7 s holds today: 3 workouts in a row at pain 2/10 or
less". Each one is built from what the rule last did to the unit (an RuleEvent), so
it never claims more than the history shows.
"""

from __future__ import annotations

from datetime import date

from kneecoach.engine.model import DoseLimits, ProgressionRule, plain_number
from kneecoach.engine.progression_values import DoseNumbers, Pin, RuleEvent

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: date, latest: date | None) -> str:
    """3 Nov, or 3 Nov 2023 when it is not the year of the latest entry."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return text if latest is None or latest.year == day.year else f"{text} {day.year}"


def amount(field: int, value: float | None) -> str:
    if field == 0:
        return f"{plain_number(value or 0)} s holds"
    count = int(value or 1)
    noun = ("rep", "set")[field - 1]
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summary(limits: DoseLimits, dose: DoseNumbers) -> str:
    """The whole dose: 7 s holds × 10 reps × 2 sets (reps and sets only if they vary)."""
    pieces = []
    if dose[0] is not None:
        pieces.append(amount(0, dose[0]))
    if dose[0] is None or limits.reps.high > 1:
        pieces.append(amount(1, dose[1]))
    if limits.sets.high > 1:
        pieces.append(amount(2, dose[2]))
    return " × ".join(pieces)


def _safe(rule: ProgressionRule) -> str:
    return "pain-free" if rule.safe_pain == 0 else f"at pain {rule.safe_pain}/10 or less"


def _which(event: RuleEvent, last_workout: int, latest: date | None) -> str:
    if event.index == last_workout:
        return "the last workout"
    return f"the workout on {day_text(event.workout.ended_on, latest)}"


def _pain(event: RuleEvent, which: str) -> str:
    """Knee pain was 6/10 after the last workout (the higher of before and after)."""
    before, after = event.workout.pain_before, event.workout.pain_after
    if after is not None and (before is None or after >= before):
        return f"knee pain was {after}/10 after {which}"
    return f"knee pain was {before}/10 before {which}"


def _cause(event: RuleEvent, which: str) -> str:
    if event.cause == "sharp pain":
        return f"sharp pain during {which}"
    if event.cause == "pain":
        return _pain(event, which)
    if event.cause == "morning":
        return f"knee pain was {event.workout.morning_after_pain}/10 the morning after {which}"
    return f"it was cut short at {which}"


def reason(
    limits: DoseLimits,
    rule: ProgressionRule,
    dose: DoseNumbers,
    event: RuleEvent | None,
    last_workout: int,
    latest: date | None,
    pin: Pin | None = None,
    reset: Pin | None = None,
) -> str:
    """The sentence for today's dose; see docs/progression.md for every case."""
    if pin is not None:
        text = f"{summary(limits, pin.dose)}, as set by hand on {day_text(pin.on, latest)}"
        if event is not None and event.index > pin.index and event.cause is not None:
            which = _which(event, last_workout, latest)
            text += f"; the rule would step back ({_cause(event, which)})"
        return text
    if reset is not None and (event is None or event.index < reset.index):
        return (
            f"{summary(limits, dose)}: back to the rule after the dose set by hand"
            f" on {day_text(reset.on, latest)}"
        )
    if event is None:
        if limits.fixed:
            return f"{summary(limits, dose)}: the session gives one dose for this exercise"
        return "Starting at the low end of every range"
    which = _which(event, last_workout, latest)
    whole = summary(limits, dose)
    if event.kind == "down":
        return f"Back to {amount(event.moved or 0, dose[event.moved or 0])}: {_cause(event, which)}"
    if event.kind == "floor":
        return f"{whole} again, the lowest the session allows: {_cause(event, which)}"
    if limits.fixed:
        return f"{whole}: the session gives one dose for this exercise"
    if event.kind == "up":
        moved = amount(event.moved or 0, dose[event.moved or 0])
        n = rule.workouts_to_progress
        if n == 1:
            return f"{moved} today: {which} was {_safe(rule)}"
        return f"{moved} today: {n} workouts in a row {_safe(rule)}"
    if event.kind == "acceptable":
        needs = "no pain" if rule.safe_pain == 0 else f"{rule.safe_pain}/10 or less"
        return f"{whole} again: {_pain(event, which)}; stepping up needs {needs}"
    if event.kind == "gentler":
        return f"{whole} again: {which} was a gentler one, at the lowest dose"
    if event.kind == "partly done":
        return f"{whole} again: it was only partly done at {which}"
    if event.kind == "no pain score":
        return f"{whole} again: no pain score was logged for {which}"
    if event.kind == "top" or not _room_up(limits, rule, dose):
        return f"{whole}: the top of what the session allows"
    left = rule.workouts_to_progress - event.streak
    plural = "" if left == 1 else "s"
    return f"{whole} again: {left} more workout{plural} {_safe(rule)} to step up"


def _room_up(limits: DoseLimits, rule: ProgressionRule, dose: DoseNumbers) -> bool:
    names = ("hold_seconds", "reps", "sets")
    for name in rule.order:
        i = names.index(name)
        allowed = limits.get(name)
        value = dose[i]
        if allowed is not None and value is not None and value < allowed.high:
            return True
    return False
