"""Today's dose, for the command line and the app alike.

The rule itself is pure (``kneecoach.engine.progression``); this module reads what
it needs from the log — real workouts of the session with their pain scores, how
each exercise went in each, doses set by hand — and hands it over in order. It
also checks and keeps a dose set by hand (``kneecoach dose``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kneecoach.engine import (
    ChosenDose,
    DoseDecision,
    ManualDose,
    Plan,
    ProgressionRule,
    ProgressionUnit,
    RuleError,
    Session,
    UnitResult,
    WorkoutResult,
    build_plan,
    merge_rule,
    progression_units,
    todays_doses,
)
from kneecoach.engine.outcomes import ExerciseOutcome
from kneecoach.engine.progression_values import HistoryEntry
from kneecoach.services.errors import DoseError
from kneecoach.settings.config import Config, ConfigError, line_of
from kneecoach.store.doses import ManualDoseRow, UnitTally
from kneecoach.store.records import LoggedWorkout, local_date
from kneecoach.text import number_text, range_text

if TYPE_CHECKING:  # opened only where a log is read, so `kneecoach list` needs no SQLite
    from kneecoach.store.log import WorkoutLog

Settings = Mapping[str, Any]  # the config file's [progression] table


def unit_result(tally: UnitTally) -> UnitResult:
    """The engine's view of one exercise in one workout, classified as the
    summary screen classifies it (``classify_exercise``).

    The dose is passed on only when the exercise was done in full: a partly done
    one reached fewer reps or sets than were planned, and the rule must not take
    that as the dose.
    """
    outcome = tally.outcome
    if outcome is ExerciseOutcome.DONE:
        return UnitResult(ChosenDose(tally.hold_seconds, tally.reps, tally.sets), outcome)
    return UnitResult(None, outcome)


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
        if workout.is_rehearsal or not workout.status.counts_for_progression:
            continue
        ended = workout.ended_at or workout.started_at
        result = WorkoutResult(
            ended_on=local_date(ended, tz),
            units=by_workout.get(workout.id, {}),
            pain_before=workout.pain_before,
            pain_after=workout.pain_after,
            morning_after_pain=workout.morning_after_pain,
            gentler=workout.gentler,
        )
        timed.append((ended, 0, result))
    for row in manual:
        dose = None if row.reset else ChosenDose(row.hold_seconds, row.reps, row.sets)
        timed.append((row.set_at, 1, ManualDose(local_date(row.set_at, tz), row.unit, dose)))
    timed.sort(key=lambda item: (item[0], item[1]))
    return [entry for _, _, entry in timed]


def checked_progression(config: Config) -> dict[str, Any]:
    """The config file's [progression] table, checked now so that a mistake is one
    line naming the file, the line and the field."""
    try:
        merge_rule(ProgressionRule(), config.progression, prefix="progression.")
    except RuleError as error:
        key = error.field.removeprefix("progression.").split(".")[0].split("[")[0]
        where = line_of(config.path, key, "progression") if config.path else "config.toml"
        raise ConfigError(f"{where}: {error}") from None
    return dict(config.progression)


def rule_for(session: Session, settings: Settings | None = None) -> ProgressionRule:
    """The session file's own rule, the user's settings over it."""
    return merge_rule(session.progression_rule, settings or {}, prefix="progression.")


def doses_for(
    session: Session,
    log: WorkoutLog | None,
    settings: Settings | None = None,
    tz: tzinfo | None = None,
) -> dict[str, DoseDecision]:
    """Today's dose of every exercise of ``session``, with its reason."""
    rule = rule_for(session, settings)
    if log is None:
        return todays_doses(session, [], rule)
    history = progression_history(
        log.summaries(session=session.id, tz=tz),
        log.unit_tallies(session.id),
        log.manual_doses(session.id),
        tz,
    )
    return todays_doses(session, history, rule)


def overrides(decisions: Mapping[str, DoseDecision]) -> dict[str, ChosenDose]:
    """The doses in the form ``build_plan`` takes."""
    return {key: decision.dose for key, decision in decisions.items()}


GENTLER_REASON = "Gentler today: the lowest dose the session allows, this once"


@dataclass(frozen=True)
class TodaysPlan:
    """A session at today's doses, with each dose's reason; its steps are made the
    first time they are asked for. ``gentler``: every exercise at the lowest dose
    instead, this once (the person chose it when their pain said to stop)."""

    session: Session
    decisions: Mapping[str, DoseDecision]
    gentler: bool = False

    @cached_property
    def plan(self) -> Plan:
        if self.gentler:
            return build_plan(self.session, "low")
        return build_plan(self.session, overrides=overrides(self.decisions))

    @property
    def seconds(self) -> float:
        return self.plan.total_seconds

    @property
    def reasons(self) -> dict[str, str]:
        if self.gentler:
            return dict.fromkeys(self.decisions, GENTLER_REASON)
        return {key: decision.reason for key, decision in self.decisions.items()}


def todays_plan(
    session: Session, log: WorkoutLog | None, settings: Settings | None = None
) -> TodaysPlan:
    return TodaysPlan(session, doses_for(session, log, settings))


def existing_log(folder: Path) -> WorkoutLog | None:
    """The log if there is one, opened to read only: reading a dose, the history or an
    export never creates, migrates or changes a database."""
    from kneecoach.store.log import WorkoutLog
    from kneecoach.store.schema import FILE_NAME

    return WorkoutLog(folder, read_only=True) if (folder / FILE_NAME).exists() else None


def todays(session: Session, folder: Path, settings: Settings | None) -> dict[str, DoseDecision]:
    """Today's doses from the log in ``folder`` (the low end if there is none)."""
    log = existing_log(folder)
    try:
        return doses_for(session, log, settings)
    finally:
        if log is not None:
            log.close()


def dose_unit(session: Session, unit: str, settings: Settings | None) -> ProgressionUnit:
    units = progression_units(session, rule_for(session, settings))
    found = units.get(unit)
    if found is None:
        raise DoseError(
            f"{session.id} has no exercise {unit!r} with a dose to set; "
            f"try one of: {', '.join(units)}"
        )
    return found


def set_dose(
    session: Session,
    unit: str,
    folder: Path,
    settings: Settings | None = None,
    *,
    hold_seconds: float | None = None,
    reps: int | None = None,
    sets: int | None = None,
    reset: bool = False,
) -> None:
    """Keep a dose set by hand (inside what the session allows), or with ``reset``
    hand it back to the rule. Raises DoseError with one line for the user."""
    from kneecoach.store.log import WorkoutLog
    from kneecoach.store.records import utc_now

    limits = dose_unit(session, unit, settings).limits
    given = {"hold_seconds": hold_seconds, "reps": reps, "sets": sets}
    if reset and any(value is not None for value in given.values()):
        raise DoseError("--reset hands the dose back to the rule: give no numbers with it")
    for name, value in given.items():
        if value is None:
            continue
        allowed = limits.get(name)
        flag = "--hold" if name == "hold_seconds" else f"--{name}"
        if allowed is None:
            raise DoseError(f"{unit} is not held: {flag} does not apply")
        if not allowed.contains(value):
            raise DoseError(
                f"{flag} {number_text(value)} is outside what {session.id} allows for "
                f"{unit}: {range_text(allowed)}"
            )
    row = ManualDoseRow(session.id, unit, utc_now(), hold_seconds, reps, sets, reset)
    with WorkoutLog(folder) as log:
        log.add_manual_dose(row)
