"""Which cue a moment of the workout deserves: tones and words, decided from events.

A "moment" is the events of one tick that share a clock time: a hold ending, the
set it closes and the rest that follows arrive together, and deserve one cue
("set done" tone, rest tone, "Rest. Set two of three"), not three sounds fighting.
When marks meet, one wins: the end of the biggest thing that ended (session >
exercise > set > hold) gives the only ending tone, "Ten seconds" beats "Halfway",
and a countdown tick is never talked over.

How much is said depends on the voice level: ``off`` (tones only), ``cues`` (a
word at each change: "Hold", "Rest", "Switch sides") or ``coach`` (what a coach
beside the mat would say: the exercise, the position, the leg, the rep counts,
the time left). Pure: no device, no files. The listener turns a ``Cue`` into sound.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from kneecoach.audio import phrases as say
from kneecoach.engine import Event, EventKind, Outcome, Part, Plan, Session, Step, Workout
from kneecoach.settings.config import VoiceLevel

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

    def __init__(
        self, session: Session, can_say: Callable[[str], bool], level: VoiceLevel = "coach"
    ) -> None:
        self.session = session
        self.can_say = can_say
        self.level = level

    @property
    def coach(self) -> bool:
        return self.level == "coach"

    def choose(self, moment: Sequence[Event]) -> Cue | None:
        parts = self._ending(moment)
        for event in moment:
            step = event.step
            if event.kind is EventKind.STEP_STARTED and step is not None:
                parts += self._start(step)
            elif event.kind is EventKind.COUNTDOWN:
                parts.append(tone("countdown"))
            elif event.kind is EventKind.REP_TURN and step is not None:
                parts += self._turn(step)
            elif event.kind is EventKind.SESSION_DONE and not event.early:
                parts += self._say(say.SESSION_DONE)
        parts += self._time_left(moment)
        return Cue(tuple(parts)) if parts else None

    # -- what ended -------------------------------------------------------------------

    def _ending(self, moment: Sequence[Event]) -> list[CuePart]:
        """One tone for the biggest thing that ended now: session > exercise > set >
        hold; after a long hold, "Relax"."""
        if any(event.kind is EventKind.SESSION_DONE for event in moment):
            return [tone("session_done")]
        finished = [
            event.step
            for event in moment
            if event.kind is EventKind.STEP_ENDED
            and event.step is not None
            and event.outcome in (Outcome.DONE, Outcome.EXTENDED)
        ]
        if not finished:
            return []
        step = finished[-1]
        relax = (
            self._say(say.RELAX)
            if self.coach and step.kind == "hold" and step.seconds >= say.LONG_HOLD
            else []
        )
        if step.ends_exercise:
            return [tone("exercise_done"), *relax]
        if step.ends_set:
            return [tone("set_done"), *relax]
        if step.kind == "hold":
            return [tone("hold_end"), *relax]
        return []

    # -- what starts ------------------------------------------------------------------

    def _start(self, step: Step) -> list[CuePart]:
        if step.kind == "prepare":
            return [tone("get_ready"), *self._introduce(step)]
        if step.kind == "timed":
            name = self._exercise_name(step)
            words = self._say_all(name) if self.coach else self._say_all(say.NEXT, name)
            return [tone("hold_start"), *words]
        if step.kind == "hold":
            count = say.count_phrase(step.rep or 1, step.reps or 1) if self.coach else None
            return [tone("hold_start"), *self._say(count or say.HOLD)]
        if step.kind == "rep":
            return self._rep(step)
        if step.kind == "switch":
            return [tone("switch_sides"), *self._switch(step)]
        if step.kind == "rest" and step.rep == 1 and step.set and step.sets:
            # the rest before a new set; rests between reps are marked by the hold's end
            set_words = self._say(say.set_phrase(step.set, step.sets))
            return [tone("rest"), *self._say(say.REST), *set_words]
        return []

    def _introduce(self, step: Step) -> list[CuePart]:
        """Getting ready: at ``cues``, "Next" and the name; at ``coach``, the name,
        where the body goes and which leg ("Clamshell. Lie on your right side. Left
        leg."). A name nobody recorded falls back to "Get ready"."""
        name = self._exercise_name(step)
        if not self.coach:
            return self._say_all(say.NEXT, name) or self._say(say.GET_READY)
        parts = self._say(name) or self._say(say.GET_READY)
        unit = self._unit(step)
        for phrase in say.where_phrases(unit, step.side):
            if phrase.lower() not in name.lower():  # "Standing hip flexor stretch. Standing."
                parts += self._say(phrase)
        if step.side is not None:
            parts += self._say(say.leg_phrase(step.side, unit.side_sense.means))
        return parts

    def _rep(self, step: Step) -> list[CuePart]:
        """A tempo rep begins: its first move's tone; at ``coach`` the count, if this
        rep is counted aloud, and the move ("Three. Down.")."""
        first = step.first_move or "up"
        parts = [tone(f"rep_{first}")]
        if self.coach:
            count = say.count_phrase(step.rep or 1, step.reps or 1)
            parts += self._say(count) if count else []
            parts += self._say(say.MOVE_WORDS[first])
        return parts

    def _turn(self, step: Step) -> list[CuePart]:
        second = step.second_move or "down"
        words = self._say(say.MOVE_WORDS[second]) if self.coach else []
        return [tone(f"rep_{second}"), *words]

    def _switch(self, step: Step) -> list[CuePart]:
        if not self.coach or step.side is None:
            return self._say(say.SWITCH_SIDES)
        sense = self._unit(step).side_sense
        return self._say_all(*say.switch_phrases(step.side, sense)) or self._say(say.SWITCH_SIDES)

    # -- marks inside a hold ----------------------------------------------------------

    def _time_left(self, moment: Sequence[Event]) -> list[CuePart]:
        """Say "Ten seconds" before a long hold ends, "Halfway" through a longer one;
        when both fall at once the first wins, and neither talks over a tick."""
        if not self.coach or any(event.kind is EventKind.COUNTDOWN for event in moment):
            return []
        for kind, phrase, shortest in (
            (EventKind.TEN_LEFT, say.TEN_SECONDS, say.LONG_HOLD),
            (EventKind.HALFWAY, say.HALFWAY, say.HALFWAY_HOLD),
        ):
            for event in moment:
                if event.kind is kind and event.step and event.step.seconds >= shortest:
                    return self._say(phrase)
        return []

    # -- words ------------------------------------------------------------------------

    def _exercise_name(self, step: Step) -> str:
        return self.session.exercises[step.exercise_index].name

    def _unit(self, step: Step) -> Part:
        return self.session.exercises[step.exercise_index].unit(step.part)

    def _say(self, phrase: str) -> list[CuePart]:
        if self.level == "off" or not self.can_say(phrase):
            return []
        return [voice(phrase)]

    def _say_all(self, *phrases: str) -> list[CuePart]:
        """All of ``phrases``, or none: half a sentence is worse than a tone."""
        if self.level == "off" or not all(self.can_say(phrase) for phrase in phrases):
            return []
        return [voice(phrase) for phrase in phrases]


def rehearse(plan: Plan, chooser: CueChooser, tick: float = 0.5) -> list[tuple[float, Cue]]:
    """Every cue of a whole run of ``plan``, with its time in seconds from the start:
    the workout run on a clock that moves only here, self-paced reps counted when
    their estimate is up. Each moment's cue is kept (a live ticker hears them all)."""
    now = [0.0]
    workout = Workout(plan, clock=lambda: now[0])
    workout.start()
    events: list[Event] = []
    while workout.state != "finished":
        now[0] += tick
        events += workout.advance()
        if workout.state == "running" and workout.snapshot().remaining <= 0:
            workout.count_rep()  # a self-paced rep nobody counts: count it on time
            events += workout.advance()
    script = []
    for moment in moments(events):
        cue = chooser.choose(moment)
        if cue is not None:
            script.append((moment[0].at, cue))
    return script
