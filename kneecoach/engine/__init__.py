"""The pure core of kneecoach: sessions, plans and the workout state machine.

Nothing under this package imports Textual, audio or SQLite (tests/engine/
test_import_hygiene.py checks), so it can be tested with a fake clock and reused
by any front end.
"""

from kneecoach.engine.events import Event, EventKind, Outcome, Snapshot, StepRecord, Tick
from kneecoach.engine.loader import load_session, parse_session
from kneecoach.engine.machine import Workout
from kneecoach.engine.model import Dose, Exercise, Part, Range, Rests, Session
from kneecoach.engine.plan import ChosenDose, Plan, Step, build_plan
from kneecoach.engine.yamlnodes import SessionError, SessionFileError

__all__ = [
    "ChosenDose", "Dose", "Event", "EventKind", "Exercise", "Outcome", "Part", "Plan",
    "Range", "Rests", "Session", "SessionError", "SessionFileError", "Snapshot", "Step",
    "StepRecord", "Tick", "Workout", "build_plan", "load_session", "parse_session",
]  # fmt: skip
