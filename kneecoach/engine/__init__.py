"""The pure core of kneecoach: sessions, plans, the workout state machine and the
progression rule (today's dose from the workouts logged).

Nothing under this package imports Textual, audio or SQLite (tests/engine/
test_import_hygiene.py checks), so it can be tested with a fake clock and reused
by any front end. Names are loaded on first use, so that a command that only
reads session files does not import the state machine or the progression rule.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kneecoach.engine.events import Event, EventKind, Outcome, Snapshot, StepRecord, Tick
    from kneecoach.engine.machine import Workout
    from kneecoach.engine.model import (
        Dose,
        DoseLimits,
        DoseSteps,
        Exercise,
        ExerciseRule,
        Part,
        ProgressionRule,
        Range,
        Rests,
        Session,
        dose_limits,
    )
    from kneecoach.engine.plan import ChosenDose, Plan, Step, build_plan
    from kneecoach.engine.progression import (
        DoseDecision,
        ManualDose,
        ProgressionUnit,
        UnitResult,
        WorkoutResult,
        progression_units,
        todays_doses,
    )
    from kneecoach.engine.progression_rule import RuleError, merge_rule
    from kneecoach.engine.session_file import load_session, parse_session
    from kneecoach.engine.yamlnodes import SessionError, SessionFileError

_WHERE = {
    "ChosenDose": "plan",
    "Dose": "model",
    "DoseDecision": "progression",
    "DoseLimits": "model",
    "DoseSteps": "model",
    "Event": "events",
    "EventKind": "events",
    "Exercise": "model",
    "ExerciseRule": "model",
    "ManualDose": "progression",
    "Outcome": "events",
    "Part": "model",
    "Plan": "plan",
    "ProgressionRule": "model",
    "ProgressionUnit": "progression",
    "Range": "model",
    "Rests": "model",
    "RuleError": "progression_rule",
    "Session": "model",
    "SessionError": "yamlnodes",
    "SessionFileError": "yamlnodes",
    "Snapshot": "events",
    "Step": "plan",
    "StepRecord": "events",
    "Tick": "events",
    "UnitResult": "progression",
    "Workout": "machine",
    "WorkoutResult": "progression",
    "build_plan": "plan",
    "dose_limits": "model",
    "load_session": "session_file",
    "merge_rule": "progression_rule",
    "parse_session": "session_file",
    "progression_units": "progression",
    "todays_doses": "progression",
}

__all__ = [
    "ChosenDose",
    "Dose",
    "DoseDecision",
    "DoseLimits",
    "DoseSteps",
    "Event",
    "EventKind",
    "Exercise",
    "ExerciseRule",
    "ManualDose",
    "Outcome",
    "Part",
    "Plan",
    "ProgressionRule",
    "ProgressionUnit",
    "Range",
    "Rests",
    "RuleError",
    "Session",
    "SessionError",
    "SessionFileError",
    "Snapshot",
    "Step",
    "StepRecord",
    "Tick",
    "UnitResult",
    "Workout",
    "WorkoutResult",
    "build_plan",
    "dose_limits",
    "load_session",
    "merge_rule",
    "parse_session",
    "progression_units",
    "todays_doses",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'kneecoach.engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"kneecoach.engine.{_WHERE[name]}"), name)
    globals()[name] = value  # once: the next lookup does not come back here
    return value
