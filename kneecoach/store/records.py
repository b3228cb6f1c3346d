"""What the workout log holds, as plain values: no SQLite here.

``kneecoach.services.history`` and the exporters work on these, so charts and exports can be
tested with hand-made workouts and never need a database.

Times are aware ``datetime`` values in UTC. In the database and in exports they are
ISO 8601 text to the second with a ``Z`` ("2024-05-01T07:30:00Z"): fixed width, so
text order is time order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from typing import NamedTuple

from kneecoach.engine.errors import UserError
from kneecoach.engine.events import Outcome, StepRecord
from kneecoach.engine.model import unit_key
from kneecoach.engine.outcomes import PainChoice, WorkoutStatus, as_member
from kneecoach.engine.plan import WORK_KINDS


class DoseRecord(NamedTuple):
    """The dose one exercise (``key``: "exercise" or "exercise/part") reached in one
    workout: the longest hold done (None for reps without a hold), the most distinct
    reps done in one set of one side, and how many set numbers had a rep done."""

    workout_id: str
    key: str
    hold_seconds: float | None
    reps: int
    sets: int


class LogError(UserError):
    """The workout log cannot be used; ``str()`` is one line that names the file."""


class LogRefused(LogError):
    """The log refused one write (a constraint): that write is wrong, not the disk,
    so trying it again would not help."""


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def to_text(moment: datetime) -> str:
    """An aware datetime as the log's UTC text; naive datetimes are refused, not guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a timezone-aware datetime is needed, not {moment!r}")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_text(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def local_date(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day ``moment`` falls on where the user is (``tz``; None: this computer's)."""
    return moment.astimezone(tz).date()


def local_midnight(day: date, tz: tzinfo | None = None) -> datetime:
    """The start of ``day`` in ``tz`` (None: this computer's zone), as a UTC datetime."""
    naive = datetime.combine(day, time())
    start = naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()
    return start.astimezone(UTC)


@dataclass(frozen=True)
class LoggedStep:
    """How one step of a workout went. ``index`` is the plan's step index: a restarted
    exercise logs its steps again, so an index can appear more than once."""

    index: int
    kind: str
    exercise: str
    planned_seconds: float
    actual_seconds: float  # pauses excluded
    outcome: Outcome
    part: str | None = None
    side: str | None = None
    set: int | None = None
    rep: int | None = None
    pauses: int = 0
    seq: int | None = None  # its place in the workout's log, from 0 (None in old logs)
    ended_at: datetime | None = None  # when it ended (None in old logs)

    def __post_init__(self) -> None:
        object.__setattr__(self, "outcome", as_member(Outcome, self.outcome, "outcome"))

    @classmethod
    def from_record(
        cls, record: StepRecord, *, seq: int | None = None, ended_at: datetime | None = None
    ) -> LoggedStep:
        """From the engine's record of a step that was reached (``outcome`` set)."""
        if record.outcome is None:
            raise ValueError(f"step {record.step.index} was never reached: nothing to log")
        step = record.step
        return cls(
            index=step.index,
            kind=step.kind,
            exercise=step.exercise,
            planned_seconds=step.seconds,
            actual_seconds=record.active_seconds,
            outcome=record.outcome,
            part=step.part,
            side=step.side,
            set=step.set,
            rep=step.rep,
            pauses=record.pauses,
            seq=seq,
            ended_at=ended_at,
        )

    @property
    def is_work(self) -> bool:
        return self.kind in WORK_KINDS

    @property
    def is_done(self) -> bool:
        """A hold, rep or timed step done as planned or longer."""
        return self.kind in WORK_KINDS and self.outcome.is_done

    @property
    def key(self) -> str:
        """``exercise`` or ``exercise/part``, as session overrides name doses."""
        return unit_key(self.exercise, self.part)

    def to_json(self) -> dict[str, object]:
        return {
            "index": self.index,
            "kind": self.kind,
            "exercise": self.exercise,
            "part": self.part,
            "side": self.side,
            "set": self.set,
            "rep": self.rep,
            "planned_seconds": round(self.planned_seconds, 3),
            "actual_seconds": round(self.actual_seconds, 3),  # a millisecond is plenty
            "outcome": self.outcome,
            "pauses": self.pauses,
        }


@dataclass(frozen=True)
class SharpPain:
    """Sharp pain reported during a workout (the "o" key): on which exercise (or
    part) and side, when, and in which step of the plan."""

    exercise: str
    at: datetime
    step_index: int
    part: str | None = None
    side: str | None = None

    @property
    def key(self) -> str:
        """``exercise`` or ``exercise/part``, as doses are named."""
        return unit_key(self.exercise, self.part)

    def to_json(self) -> dict[str, object]:
        return {
            "exercise": self.exercise,
            "part": self.part,
            "side": self.side,
            "at": to_text(self.at),
            "step_index": self.step_index,
        }


def as_choice(value: str | None, name: str) -> PainChoice | None:
    return None if value is None else as_member(PainChoice, value, name)


@dataclass(frozen=True)
class LoggedWorkout:
    """One run of a session. ``steps`` is empty when read as a summary; then
    ``done_steps`` (kept by the database) still says whether any work was done."""

    id: str
    session: str
    title: str
    started_at: datetime
    status: WorkoutStatus
    speed: float = 1.0
    session_hash: str = ""
    ended_at: datetime | None = None
    pain_before: int | None = None
    pain_after: int | None = None
    note: str = ""
    morning_after_pain: int | None = None
    morning_after_asked: bool = False
    resumable: bool = True  # False once closed, or once another workout resumed it
    resumes: str | None = None  # only in logs older than version 3
    steps: tuple[LoggedStep, ...] = field(default_factory=tuple)
    done_steps: int | None = None  # None: count ``steps``
    away_seconds: float = 0.0  # stood interrupted before it was carried on
    last_step_at: datetime | None = None  # when its last logged step ended
    pain_choice: PainChoice | None = None  # chosen when pain said to stop, for this one
    morning_after_choice: PainChoice | None = None  # ... after its morning-after answer
    sharp_pain: tuple[SharpPain, ...] = ()  # reported during it, in order

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", as_member(WorkoutStatus, self.status, "status"))
        object.__setattr__(self, "pain_choice", as_choice(self.pain_choice, "pain_choice"))
        object.__setattr__(
            self,
            "morning_after_choice",
            as_choice(self.morning_after_choice, "morning_after_choice"),
        )

    @property
    def gentler(self) -> bool:
        """Run at the lowest dose, this once, as the person chose."""
        return self.pain_choice is PainChoice.GENTLER

    @property
    def stopped_for_pain(self) -> bool:
        """Not run: the person stopped for today when their pain said to."""
        return self.pain_choice is PainChoice.STOP

    @property
    def is_rehearsal(self) -> bool:
        return self.speed != 1

    @property
    def steps_done(self) -> int:
        if self.done_steps is not None:
            return self.done_steps
        return sum(1 for step in self.steps if step.is_done)

    @property
    def counts(self) -> bool:
        """Whether it counts towards streaks and charts: real, and some work done."""
        return not self.is_rehearsal and self.steps_done > 0

    @property
    def stopped_at(self) -> datetime:
        """When it stopped: its last logged step, else its end, else its start."""
        return self.last_step_at or self.ended_at or self.started_at

    @property
    def active_seconds(self) -> float | None:
        """Its length, start to end, less the time it stood interrupted."""
        if self.ended_at is None:
            return None
        return max(0.0, (self.ended_at - self.started_at).total_seconds() - self.away_seconds)

    def day(self, tz: tzinfo | None = None) -> date:
        return local_date(self.started_at, tz)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "session": self.session,
            "title": self.title,
            "started_at": to_text(self.started_at),
            "ended_at": None if self.ended_at is None else to_text(self.ended_at),
            "status": self.status,
            "speed": self.speed,
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "morning_after_pain": self.morning_after_pain,
            "pain_choice": self.pain_choice,
            "morning_after_choice": self.morning_after_choice,
            "sharp_pain": [pain.to_json() for pain in self.sharp_pain],
            "note": self.note,
            "steps": [step.to_json() for step in self.steps],
        }
