"""The workout log: a SQLite database in the user's data folder.

``records`` (plain values, no SQLite), ``schema`` (opening and migrations), ``log``
(``WorkoutLog``), ``owners`` (which process runs a workout), ``writer``
(``LogWriter``, writes off the UI thread) and ``export`` (JSON and CSV). Names are
loaded on first use, so importing ``kneecoach.store.records`` alone does not import
``sqlite3``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kneecoach.store.export import history_csv, history_json
    from kneecoach.store.log import WorkoutLog
    from kneecoach.store.owners import new_workout_id
    from kneecoach.store.records import DoseRecord, LogError, LoggedStep, LoggedWorkout
    from kneecoach.store.writer import LogWriter

_WHERE = {
    "DoseRecord": "records",
    "LoggedStep": "records",
    "LoggedWorkout": "records",
    "LogError": "records",
    "WorkoutLog": "log",
    "new_workout_id": "owners",
    "LogWriter": "writer",
    "history_csv": "export",
    "history_json": "export",
}

__all__ = [
    "DoseRecord",
    "LogError",
    "LogWriter",
    "LoggedStep",
    "LoggedWorkout",
    "WorkoutLog",
    "history_csv",
    "history_json",
    "new_workout_id",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'kneecoach.store' has no attribute {name!r}")
    return getattr(importlib.import_module(f"kneecoach.store.{_WHERE[name]}"), name)
