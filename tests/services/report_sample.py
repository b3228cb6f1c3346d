"""A plausible log for the report: five weeks of the Cleveland Clinic programme.

Each workout is planned at the dose the real progression rule gives that day (so
holds and reps grow as a person's would), and logged step by step as done. Most
days are trained, some are missed; the knee settles from 4/10 to 1-2/10, with a
flare in the third week (pain 6 after a workout and still 4 the morning after);
one wall squat is cut short, one calf stretch skipped; a few notes; and one
rehearsal, which the report leaves out. Used by the report's tests and by
``tools/report_screenshot.py`` for the README's picture.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from kneecoach.engine import build_plan
from kneecoach.services.catalog import resolve, session_dirs
from kneecoach.services.doses import doses_for, overrides
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedStep

SESSION = "cleveland-clinic-runners-knee"
DAYS = 35
MISSED = {3, 9, 10, 16, 22, 23, 29}  # days (from the first) with no workout
NOTES = {
    2: "Knee a bit stiff on the stairs at work.",
    12: "Ran 3 km on Sunday: sore kneecap <b>after</b> the run.",
    13: "Stopped the wall squat early: sharp pain at the front of the knee.",
    20: "Much better. Stairs fine.",
    33: "Best week so far.",
}


def pain_on(day: int) -> tuple[int | None, int | None, int | None]:
    """(before, after, morning after) on ``day``: settling, with a flare on 12-13."""
    if day == 12:
        return 4, 6, 4
    if day == 13:
        return 4, 5, 3
    base = max(1, 4 - day // 8)
    after = base - 1 if day % 3 == 0 else base
    morning = None if day % 5 == 4 else max(0, base - 1)
    before = None if day % 11 == 7 else base
    return before, after, morning


def logged_steps(plan, *, cut: str | None = None, skip: str | None = None) -> list[LoggedStep]:
    """Every step of ``plan`` done as planned; ``cut``: the first hold of that
    exercise cut short and the rest of it skipped; ``skip``: all of it skipped."""
    steps, cutting = [], False
    for step in plan.steps:
        outcome, actual = "done", step.seconds
        if step.exercise == skip or (cutting and step.exercise == cut):
            outcome, actual = "skipped", 0.0
        elif step.exercise == cut and step.kind == "hold":
            outcome, actual, cutting = "cut short", step.seconds / 2, True
        steps.append(
            LoggedStep(
                step.index, step.kind, step.exercise, step.seconds, actual, outcome,
                step.part, step.side, step.set, step.rep,
            )  # fmt: skip
        )
    return steps


def fill_sample(folder: Path, today: date) -> WorkoutLog:
    """The sample log in ``folder``, its last day ``today``; returned open."""
    session = resolve(SESSION, session_dirs())
    log = WorkoutLog(folder)
    first = today - timedelta(days=DAYS - 1)
    for day in range(DAYS):
        if day in MISSED:
            continue
        when = first + timedelta(days=day)
        start = datetime(when.year, when.month, when.day, 7, 15, tzinfo=UTC)
        before, after, morning = pain_on(day)
        plan = build_plan(session, overrides=overrides(doses_for(session, log)))
        workout = log.start_workout(
            session.id, session.title, session.content_hash, started_at=start, pain_before=before
        )
        cut = "wall-squat" if day == 13 else None
        skip = "calf-stretch-stairs" if day in (13, 26) else None
        log.record_steps(workout, logged_steps(plan, cut=cut, skip=skip))
        status = "finished early" if day == 26 else "completed"
        ended = start + timedelta(seconds=plan.total_seconds + 240)
        log.finish_workout(workout, status, ended_at=ended)
        log.annotate(workout, pain_after=after, note=NOTES.get(day))
        if day < DAYS - 1:
            log.set_morning_after(workout, morning)
    rehearsal = log.start_workout(
        session.id, session.title, started_at=datetime.combine(today, datetime.min.time(), UTC)
        + timedelta(hours=20), speed=10, pain_before=9,
    )  # fmt: skip
    log.record_steps(rehearsal, logged_steps(build_plan(session)))
    log.finish_workout(rehearsal, "completed")
    return log
