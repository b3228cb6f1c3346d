"""What the state machine reports: events (things that happened) and snapshots
(what to show now). Both are plain values, so the UI, the audio cues and the log
can each take what they need without reaching into the machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kneecoach.engine.model import Exercise, Part
from kneecoach.engine.plan import Step


class EventKind(StrEnum):
    STEP_STARTED = "step_started"
    COUNTDOWN = "countdown"  # one of the last 3 seconds of a step
    REP_TURN = "rep_turn"  # halfway through a tempo rep: its second move begins
    HALFWAY = "halfway"  # half of a hold has passed
    TEN_LEFT = "ten_left"  # ten seconds of a hold are left (holds longer than that)
    STEP_ENDED = "step_ended"
    SIDE_SWITCH = "side_switch"
    SET_DONE = "set_done"
    EXERCISE_DONE = "exercise_done"
    SESSION_DONE = "session_done"
    PAUSED = "paused"
    RESUMED = "resumed"
    SHARP_PAIN = "sharp_pain"  # the person reported sharp pain in this step's exercise


class Outcome(StrEnum):
    """How one step went; the values are what the log stores."""

    DONE = "done"
    SKIPPED = "skipped"
    CUT_SHORT = "cut short"
    EXTENDED = "extended"

    @property
    def is_done(self) -> bool:
        """Done as planned, or longer."""
        return self in DONE_OUTCOMES


DONE_OUTCOMES = frozenset({Outcome.DONE, Outcome.EXTENDED})


@dataclass(frozen=True)
class Event:
    """Something that happened at clock time ``at`` (late ticks report the true time)."""

    kind: EventKind
    at: float
    step: Step | None = None
    seconds_left: int | None = None  # COUNTDOWN: 3, 2 or 1
    outcome: Outcome | None = None  # STEP_ENDED
    active_seconds: float | None = None  # STEP_ENDED: clock seconds in the step, pauses excluded
    early: bool = False  # SESSION_DONE: finished before the plan's end


@dataclass(frozen=True)
class Snapshot:
    """Everything the workout screen shows, at one moment."""

    state: str  # ready, running, paused, finished
    speed: float
    step: Step | None
    exercise: Exercise | None
    part: Part | None
    step_seconds: float  # planned length of the current step, with any extensions
    remaining: float  # session seconds left in the current step
    exercise_number: int
    exercise_count: int
    position: float  # session seconds covered so far (skipped steps count as covered)
    total: float
    next_step: Step | None
    next_exercise: Exercise | None
    done_seconds: float = 0.0  # session seconds actually spent in steps (skips not counted)

    @property
    def elapsed(self) -> float:
        return self.step_seconds - self.remaining

    @property
    def progress(self) -> float:
        return 1.0 if self.total <= 0 else min(1.0, self.position / self.total)

    @property
    def remaining_total(self) -> float:
        return max(0.0, self.total - self.position)


@dataclass(frozen=True)
class Tick:
    snapshot: Snapshot
    events: list[Event] = field(default_factory=list)


@dataclass(frozen=True)
class StepRecord:
    """How one planned step went; ``outcome`` is None for a step never reached."""

    step: Step
    outcome: Outcome | None = None
    active_seconds: float = 0.0
    pauses: int = 0
