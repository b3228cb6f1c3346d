"""Which cue a moment of the workout deserves: tones and words, decided from events.

A "moment" is the events of one tick that share a clock time: a hold ending, the
set it closes and the rest that follows arrive together, and deserve one cue
("set done" tone, rest tone, "Rest. Set two of three"), not three sounds fighting.
Pure: no device, no files. The listener turns a ``Cue`` into sound.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from kneecoach.engine import Event, EventKind, Outcome, Session, Step

TONES: tuple[str, ...] = (
    "get_ready",
    "hold_start",
    "countdown",
    "hold_end",
    "rep_up",
    "rep_down",
    "rest",
    "switch_sides",
    "set_done",
    "exercise_done",
    "session_done",
)
NUMBERS = ("zero", "one", "two", "three", "four", "five", "six")
MAX_SPOKEN_SETS = 6  # "Set N of M" is rendered for M up to this
SESSION_DONE_PHRASE = "Workout complete. Well done."
FIXED_PHRASES: tuple[str, ...] = (
    "Get ready",
    "Hold",
    "Rest",
    "Switch sides",
    "Last set",
    SESSION_DONE_PHRASE,
)

PartKind = Literal["tone", "voice"]


@dataclass(frozen=True)
class CuePart:
    kind: PartKind
    name: str  # a tone from TONES, or a phrase to speak


@dataclass(frozen=True)
class Cue:
    parts: tuple[CuePart, ...]

    @property
    def key(self) -> str:
        return " + ".join(f"{part.kind}:{part.name}" for part in self.parts)


def tone(name: str) -> CuePart:
    return CuePart("tone", name)


def voice(phrase: str) -> CuePart:
    return CuePart("voice", phrase)


def next_phrase(name: str) -> str:
    return f"Next: {name}"


def set_phrase(number: int, total: int) -> str:
    """Written with digits (the file name); espeak-ng says "Set two of three"."""
    return "Last set" if number == total else f"Set {number} of {total}"


def session_phrases(session: Session) -> list[str]:
    """Every phrase a run of ``session`` may speak, fixed ones first."""
    phrases = list(FIXED_PHRASES)
    phrases += [next_phrase(exercise.name) for exercise in session.exercises]
    for total in range(2, MAX_SPOKEN_SETS + 1):
        phrases += [set_phrase(number, total) for number in range(2, total)]
    return phrases


def moments(events: Sequence[Event]) -> list[list[Event]]:
    """``events`` grouped by clock time, in order."""
    groups: list[list[Event]] = []
    for event in events:
        if groups and groups[-1][0].at == event.at:
            groups[-1].append(event)
        else:
            groups.append([event])
    return groups


class CueChooser:
    """Decides the cue for one moment of one session.

    ``can_say(phrase)`` tells whether a phrase is available as speech; words that
    are not are left out (or replaced by a plainer phrase), tones always play.
    """

    def __init__(self, session: Session, can_say: Callable[[str], bool], voice_on: bool = True):
        self.session = session
        self.can_say = can_say
        self.voice_on = voice_on

    def choose(self, moment: Sequence[Event]) -> Cue | None:
        parts: list[CuePart] = []
        ending = self._ending(moment)
        if ending:
            parts.append(ending)
        for event in moment:
            if event.kind is EventKind.STEP_STARTED and event.step is not None:
                parts += self._start(event.step)
            elif event.kind is EventKind.COUNTDOWN:
                parts.append(tone("countdown"))
            elif event.kind is EventKind.REP_TURN:
                parts.append(tone("rep_down"))
            elif event.kind is EventKind.SESSION_DONE and not event.early:
                parts += self._say(SESSION_DONE_PHRASE)
        return Cue(tuple(parts)) if parts else None

    def _ending(self, moment: Sequence[Event]) -> CuePart | None:
        """One tone for the biggest thing that ended now: session > exercise > set > hold."""
        if any(event.kind is EventKind.SESSION_DONE for event in moment):
            return tone("session_done")
        finished = [
            event.step
            for event in moment
            if event.kind is EventKind.STEP_ENDED
            and event.step is not None
            and event.outcome in (Outcome.DONE, Outcome.EXTENDED)
        ]
        if not finished:
            return None
        step = finished[-1]
        if step.ends_exercise:
            return tone("exercise_done")
        if step.ends_set:
            return tone("set_done")
        if step.kind == "hold":
            return tone("hold_end")
        return None

    def _start(self, step: Step) -> list[CuePart]:
        name = self.session.exercises[step.exercise_index].name
        if step.kind == "prepare":
            return [tone("get_ready"), *self._say(next_phrase(name), "Get ready")]
        if step.kind == "timed":
            return [tone("hold_start"), *self._say(next_phrase(name))]
        if step.kind == "hold":
            return [tone("hold_start"), *self._say("Hold")]
        if step.kind == "rep":
            return [tone("rep_up")]
        if step.kind == "switch":
            return [tone("switch_sides"), *self._say("Switch sides")]
        if step.kind == "rest" and step.rep == 1 and step.set and step.sets:
            # the rest before a new set; rests between reps are marked by the hold's end
            return [tone("rest"), *self._say("Rest"), *self._say(set_phrase(step.set, step.sets))]
        return []

    def _say(self, phrase: str, fallback: str | None = None) -> list[CuePart]:
        if not self.voice_on:
            return []
        for candidate in (phrase, fallback):
            if candidate and self.can_say(candidate):
                return [voice(candidate)]
        return []
