"""The pure core of kneecoach: sessions, plans, the workout state machine and the
progression rule (today's dose from the workouts logged).

Nothing under this package imports Textual, audio or SQLite (tests/engine/
test_import_hygiene.py checks), so it can be tested with a fake clock and reused
by any front end.
"""

from kneecoach.engine.events import Event, EventKind, Outcome, Snapshot, StepRecord, Tick
from kneecoach.engine.loader import load_session, parse_session
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
from kneecoach.engine.yamlnodes import SessionError, SessionFileError

__all__ = [
    "ChosenDose", "Dose", "DoseDecision", "DoseLimits", "DoseSteps", "Event", "EventKind",
    "Exercise", "ExerciseRule", "ManualDose", "Outcome", "Part", "Plan", "ProgressionRule",
    "ProgressionUnit", "Range", "Rests", "RuleError", "Session", "SessionError",
    "SessionFileError", "Snapshot", "Step", "StepRecord", "Tick", "UnitResult", "Workout",
    "WorkoutResult", "build_plan", "dose_limits", "load_session", "merge_rule", "parse_session",
    "progression_units", "todays_doses",
]  # fmt: skip
