"""The words kneecoach says: every phrase, and which ones a session can need.

Each phrase is one voice file (``voice-<slug>.wav``), and a spoken cue is a few of
them in a row: "Clamshell" "Lie on your right side" "Left leg". Words shared by
every session (positions, legs, counts, "Halfway") are a small closed set that
ships; an exercise's own name ships for the shipped sessions and is rendered once
at start-up for anyone else's. Pure: no files, no device.
"""

from __future__ import annotations

from kneecoach.engine import Exercise, Part, Session, dose_limits
from kneecoach.engine.model import LEG_ROLES, POSITIONS, SIDES, LegRole, Position, SideSense
from kneecoach.settings.config import VoiceLevel

SESSION_DONE = "Workout complete. Well done."
GET_READY = "Get ready"
HOLD = "Hold"
REST = "Rest"
SWITCH_SIDES = "Switch sides"
LAST_SET = "Last set"
NEXT = "Next"
RELAX = "Relax"
HALFWAY = "Halfway"
TEN_SECONDS = "Ten seconds"
FIVE_MORE = "Five more"
LAST_ONE = "Last one"
MOVE_WORDS = {"up": "Up", "down": "Down"}

SHORT_SET = 10  # up to this many reps, every rep is counted aloud
LONG_HOLD = 20.0  # seconds: a hold this long hears "Ten seconds" before it ends, and "Relax"
HALFWAY_HOLD = 30.0  # ... and this long, "Halfway" too (well clear of "Ten seconds")
MAX_SHIPPED_SETS = 4  # "Set N of M" ships for M up to this; more is rendered when needed
SHIPPED_COUNTS = range(1, SHORT_SET + 1)  # the counts every session may need, shipped

_ONES = (
    "", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen",
    "Eighteen", "Nineteen",
)  # fmt: skip
_TENS = ("", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety")


def number_word(number: int) -> str:
    """1 -> "One", 15 -> "Fifteen", 25 -> "Twenty-five"; digits from 100 on."""
    if not 0 < number < 100:
        return str(number)
    if number < 20:
        return _ONES[number]
    tens, ones = divmod(number, 10)
    return _TENS[tens] + (f"-{_ONES[ones].lower()}" if ones else "")


def count_phrase(rep: int, reps: int) -> str | None:
    """What is said as rep ``rep`` of ``reps`` starts, or None (not counted aloud).

    Short sets count every rep; longer ones say the first, every fifth, "Five more"
    as the last five begin and "Last one" (which wins over a number) at the end.
    """
    if reps <= 1:
        return None
    if rep == reps:
        return LAST_ONE
    if reps <= SHORT_SET:
        return number_word(rep)
    if rep == reps - 4:
        return FIVE_MORE
    if rep == 1 or (rep % 5 == 0 and rep < reps - 4):
        return number_word(rep)
    return None


def set_phrase(number: int, total: int) -> str:
    """Written with digits (the file name); espeak-ng says "Set two of three"."""
    return LAST_SET if number == total else f"Set {number} of {total}"


def position_phrase(position: Position) -> str:
    return position[0].upper() + position[1:]


def leg_phrase(side: str, means: LegRole) -> str:
    """The side as the person needs to hear it: which leg works, is stretched, is
    in front or carries the weight."""
    if means == "stretched leg":
        return f"Stretch your {side} leg"
    if means == "foot forward":
        return f"{side.capitalize()} foot forward"
    if means == "standing leg":
        return f"Stand on your {side} leg"
    return f"{side.capitalize()} leg"


def lie_on_phrase(side: str) -> str:
    return f"Lie on your {side} side"


def switch_phrases(side: str, sense: SideSense) -> list[str]:
    """Changing to ``side``: "Switch to the right leg" where the side is a leg that
    works or is stretched; else "Switch sides" and what the side now means; and
    where to lie, when the exercise is done on one side."""
    if sense.means in ("working leg", "stretched leg"):
        phrases = [f"Switch to the {side} leg"]
    else:
        phrases = [SWITCH_SIDES, leg_phrase(side, sense.means)]
    lying = sense.lying_on(side)
    if lying is not None:
        phrases.append(lie_on_phrase(lying))
    return phrases


def where_phrases(unit: Part, side: str | None) -> list[str]:
    """Where the body goes for ``unit``: lying on which side, or the position, or
    (a part with no position) the part's name."""
    lying = unit.side_sense.lying_on(side) if side is not None else None
    if lying is not None:
        return [lie_on_phrase(lying)]
    if side is not None and unit.side_sense.means == "standing leg":
        return []  # "Stand on your left leg" says it
    if unit.position is not None:
        return [position_phrase(unit.position)]
    return [unit.name] if unit.name else []


def closed_phrases() -> list[str]:
    """The words any session may need, whatever its exercises: they all ship."""
    phrases = [GET_READY, HOLD, REST, SWITCH_SIDES, LAST_SET, NEXT, SESSION_DONE]
    phrases += [RELAX, HALFWAY, TEN_SECONDS, FIVE_MORE, LAST_ONE, *MOVE_WORDS.values()]
    phrases += [number_word(n) for n in SHIPPED_COUNTS]
    phrases += [set_phrase(n, m) for m in range(2, MAX_SHIPPED_SETS + 1) for n in range(2, m)]
    phrases += [position_phrase(position) for position in POSITIONS]
    for side in SIDES:
        phrases += [leg_phrase(side, means) for means in LEG_ROLES]
        phrases += [lie_on_phrase(side), f"Switch to the {side} leg"]
    return list(dict.fromkeys(phrases))


def session_phrases(session: Session, level: VoiceLevel = "coach") -> list[str]:
    """Every phrase a run of ``session`` may speak at ``level``, at any dose it
    allows; the closed set first, then the session's own words."""
    if level == "off":
        return []
    phrases = closed_phrases()
    for exercise in session.exercises:
        phrases.append(exercise.name)
        for unit in exercise.units():
            phrases += _unit_phrases(exercise, unit) if level == "coach" else []
            phrases += _set_phrases(exercise, unit)
    return list(dict.fromkeys(phrases))


def _unit_phrases(exercise: Exercise, unit: Part) -> list[str]:
    phrases: list[str] = []
    sides = SIDES if unit.per_side else (None,)
    for side in sides:
        phrases += where_phrases(unit, side)
    if unit.dose.minutes is not None:
        return phrases
    limits = dose_limits(unit.dose, exercise.progression)
    for reps in range(int(limits.reps.low), int(limits.reps.high) + 1):
        found = (count_phrase(rep, reps) for rep in range(1, reps + 1))
        phrases += [phrase for phrase in found if phrase is not None]
    return phrases


def _set_phrases(exercise: Exercise, unit: Part) -> list[str]:
    if unit.dose.minutes is not None:
        return []
    limits = dose_limits(unit.dose, exercise.progression)
    totals = range(int(limits.sets.low), int(limits.sets.high) + 1)
    return [set_phrase(n, total) for total in totals for n in range(2, total + 1)]
