"""The log's writes as plain values, so that a write that cannot be made now can be
kept in memory, tried again, and saved to a recovery file as JSON.

``Write.apply`` makes one on a ``WorkoutLog``. Every write can be made twice with
the effect of once (a step carries its ``seq``; a workout is started with
``ON CONFLICT DO NOTHING``; a reopening names the end it reopens), so a write
that failed half-way, or a recovery file imported after a crash, adds nothing
twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kneecoach.engine.outcomes import PainChoice, WorkoutStatus
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedStep, SharpPain, from_text, to_text

# op -> what it does, for messages ("could not save a step")
WHAT = {
    "start": "start a workout",
    "reopen": "carry on the interrupted workout",
    "step": "save a step",
    "finish": "finish the workout",
    "annotate": "save the pain scores and note",
    "morning_after": "save the morning-after pain",
    "morning_after_choice": "save what you chose after the morning-after pain",
    "sharp_pain": "save the sharp pain you reported",
    "close_interrupted": "close the interrupted workout",
    "checkpoint": "tidy the log's journal",
}
KEPT = frozenset(WHAT) - {"checkpoint"}  # what a recovery file holds


@dataclass(frozen=True)
class Write:
    op: str
    workout_id: str = ""
    values: dict[str, Any] = field(default_factory=dict)  # JSON values only

    def __post_init__(self) -> None:
        if self.op not in WHAT:
            raise ValueError(f"no such write: {self.op!r}")

    @property
    def what(self) -> str:
        return WHAT[self.op]

    def apply(self, log: WorkoutLog) -> None:
        """Make this write (again: every write can be repeated without harm)."""
        v = self.values
        if self.op == "start":
            log.start_workout(
                v["session"], v["title"], v["session_hash"], speed=v["speed"],
                started_at=from_text(v["started_at"]), pain_before=v["pain_before"],
                workout_id=self.workout_id, owner=v["owner"],
                pain_choice=v.get("pain_choice"),  # none in older recovery files
            )  # fmt: skip
        elif self.op == "reopen":
            interrupted = v["interrupted_at"]
            log.reopen_workout(
                self.workout_id,
                interrupted_at=None if interrupted is None else from_text(interrupted),
                at=from_text(v["at"]),
                owner=v["owner"],
            )
        elif self.op == "step":
            log.record_step(self.workout_id, step_from_json(v["step"]), once=True)
        elif self.op == "finish":
            log.finish_workout(
                self.workout_id, WorkoutStatus(v["status"]), ended_at=from_text(v["ended_at"])
            )
        elif self.op == "annotate":
            log.annotate(
                self.workout_id,
                pain_before=v.get("pain_before"),
                pain_after=v.get("pain_after"),
                note=v.get("note"),
            )
        elif self.op == "morning_after":
            log.set_morning_after(self.workout_id, v["pain"])
        elif self.op == "morning_after_choice":
            log.set_morning_after_choice(self.workout_id, PainChoice(v["choice"]))
        elif self.op == "sharp_pain":
            log.record_sharp_pain(self.workout_id, sharp_pain_from_json(v))
        elif self.op == "close_interrupted":
            log.close_interrupted(self.workout_id)
        else:
            log.checkpoint()

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, "workout_id": self.workout_id, "values": self.values}

    @classmethod
    def from_json(cls, data: Any) -> Write:
        """Raises ValueError for anything that is not a write as ``to_json`` makes it."""
        if not isinstance(data, dict) or not isinstance(data.get("values"), dict):
            raise ValueError(f"not a write: {data!r:.80}")
        op, workout_id = data.get("op"), data.get("workout_id")
        if not isinstance(op, str) or not isinstance(workout_id, str):
            raise ValueError(f"not a write: {data!r:.80}")
        return cls(op, workout_id, dict(data["values"]))


def text_or_none(moment: datetime | None) -> str | None:
    return None if moment is None else to_text(moment)


def step_to_json(step: LoggedStep) -> dict[str, Any]:
    return {
        **step.to_json(),
        "planned_seconds": step.planned_seconds,
        "actual_seconds": step.actual_seconds,
        "seq": step.seq,
        "ended_at": text_or_none(step.ended_at),
    }


def step_from_json(data: dict[str, Any]) -> LoggedStep:
    ended = data.get("ended_at")
    return LoggedStep(
        index=int(data["index"]),
        kind=str(data["kind"]),
        exercise=str(data["exercise"]),
        planned_seconds=float(data["planned_seconds"]),
        actual_seconds=float(data["actual_seconds"]),
        outcome=data["outcome"],
        part=data.get("part"),
        side=data.get("side"),
        set=data.get("set"),
        rep=data.get("rep"),
        pauses=int(data.get("pauses", 0)),
        seq=data.get("seq"),
        ended_at=None if ended is None else from_text(ended),
    )


def sharp_pain_from_json(data: dict[str, Any]) -> SharpPain:
    return SharpPain(
        exercise=str(data["exercise"]),
        at=from_text(data["at"]),
        step_index=int(data["step_index"]),
        part=data.get("part"),
        side=data.get("side"),
    )
