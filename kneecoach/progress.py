"""Today's dose for a session, from the workout log and the user's settings.

The rule itself is pure (``kneecoach.engine.progression``); this module reads what
it needs from the log — real workouts of the session with their pain scores, how
each exercise went in each, doses set by hand — and hands it over in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, tzinfo
from typing import Any

from kneecoach.engine import ChosenDose, Session
from kneecoach.engine.progression import (
    DoseDecision,
    HistoryEntry,
    ManualDose,
    UnitResult,
    WorkoutResult,
    todays_doses,
)
from kneecoach.engine.progression_rule import merge_rule
from kneecoach.store.doses import ManualDoseRow, UnitTally, manual_doses, unit_tallies
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedWorkout, local_date

COUNTED = ("completed", "finished early")  # interrupted workouts were carried on or closed


def unit_result(tally: UnitTally) -> UnitResult:
    """The engine's view of one exercise in one workout.

    The dose is passed on only when the exercise was done in full: a partly done
    one reached fewer reps or sets than were planned, and the rule must not take
    that as the dose.
    """
    expected = (tally.reps or 1) * (tally.sets or 1) * max(1, tally.sides)
    reached = tally.done + tally.cut_short
    if tally.done >= expected and tally.cut_short == 0 and tally.skipped == 0:
        dose = ChosenDose(tally.hold_seconds, tally.reps, tally.sets)
        return UnitResult(dose, "done")
    if tally.cut_short:
        return UnitResult(None, "cut short")
    if reached == 0:
        return UnitResult(None, "skipped")
    return UnitResult(None, "partly done")


def progression_history(
    workouts: Iterable[LoggedWorkout],
    tallies: Iterable[UnitTally],
    manual: Iterable[ManualDoseRow],
    tz: tzinfo | None = None,
) -> list[HistoryEntry]:
    """Real finished workouts and hand-set doses, oldest first."""
    by_workout: dict[str, dict[str, UnitResult]] = {}
    for tally in tallies:
        by_workout.setdefault(tally.workout_id, {})[tally.unit] = unit_result(tally)
    timed: list[tuple[datetime, int, HistoryEntry]] = []
    for workout in workouts:
        if workout.is_rehearsal or workout.status not in COUNTED:
            continue
        ended = workout.ended_at or workout.started_at
        result = WorkoutResult(
            ended_on=local_date(ended, tz),
            units=by_workout.get(workout.id, {}),
            pain_before=workout.pain_before,
            pain_after=workout.pain_after,
            morning_after_pain=workout.morning_after_pain,
        )
        timed.append((ended, 0, result))
    for row in manual:
        dose = None if row.reset else ChosenDose(row.hold_seconds, row.reps, row.sets)
        timed.append((row.set_at, 1, ManualDose(local_date(row.set_at, tz), row.unit, dose)))
    timed.sort(key=lambda item: (item[0], item[1]))
    return [entry for _, _, entry in timed]


def doses_for(
    session: Session,
    log: WorkoutLog | None,
    settings: Mapping[str, Any] | None = None,
    tz: tzinfo | None = None,
) -> dict[str, DoseDecision]:
    """Today's dose of every exercise of ``session``, with its reason.

    ``settings`` is the ``[progression]`` table of the user's config; the session
    file's own ``progression_rule`` comes first, the user's settings over it.
    """
    rule = merge_rule(session.progression_rule, settings or {}, prefix="progression.")
    if log is None:
        return todays_doses(session, [], rule)
    history = progression_history(
        log.summaries(session=session.id, tz=tz),
        unit_tallies(log, session.id),
        manual_doses(log, session.id),
        tz,
    )
    return todays_doses(session, history, rule)


def overrides(decisions: Mapping[str, DoseDecision]) -> dict[str, ChosenDose]:
    """The doses in the form ``build_plan`` takes."""
    return {key: decision.dose for key, decision in decisions.items()}
