"""The report's numbers: the period, the weekly target, adherence week by week,
the calendar, the flags, pain and the exercises, from hand-made workouts and from
a real log built in the test."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kneecoach.engine.outcomes import ExerciseOutcome
from kneecoach.services.report.adherence import (
    Period,
    Target,
    WeekAdherence,
    pro_rata,
    report_calendar,
    report_period,
    weekly_adherence,
    weekly_target,
)
from kneecoach.services.report.data import read_report, report_data
from kneecoach.services.report.pain import (
    PainLimits,
    PainPoint,
    pain_entries,
    pain_limits,
    pain_points,
    workout_flags,
)
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedWorkout
from tests.conftest import session_from_yaml
from tests.store.helpers import step, workout

TODAY = date(2024, 5, 22)  # a Wednesday
DONE = "completed"


def on(day: date, status: str = DONE, *, hour: int = 7, **kwargs: object) -> LoggedWorkout:
    start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return workout(start, status=status, id=f"w-{day}-{hour}-{status}", **kwargs)  # type: ignore[arg-type]


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


# -- period and target -----------------------------------------------------------------


def test_the_default_period_is_twelve_weeks_from_a_monday_but_not_before_the_first_workout():
    long_ago = [on(date(2023, 1, 2))]
    assert report_period(long_ago, TODAY, tz=UTC) == Period(date(2024, 3, 4), TODAY)
    recent = [on(days_ago(3), speed=2), on(days_ago(10)), on(days_ago(20), steps=())]
    # the rehearsal and the workout with nothing done do not start anything
    assert report_period(recent, TODAY, tz=UTC) == Period(days_ago(10), TODAY)
    assert report_period([], TODAY, tz=UTC).start == date(2024, 3, 4)
    assert report_period(recent, TODAY, date(2024, 5, 1), tz=UTC) == Period(date(2024, 5, 1), TODAY)
    assert report_period([], TODAY, date(2030, 1, 1)) == Period(TODAY, TODAY)


def test_the_target_is_the_users_else_the_sessions_else_none():
    sessions = {"GoodRx": None, "Cleveland Clinic": 7, "Mine": 4}
    assert weekly_target(5, sessions) == Target(5, "config.toml")
    assert weekly_target(None, sessions) == Target(7, "Cleveland Clinic")
    assert weekly_target(None, {"GoodRx": None}) == Target(None, "")


@pytest.mark.parametrize(
    ("per_week", "days", "expected"),
    [(7, 7, 7), (5, 7, 5), (5, 3, 2), (5, 5, 4), (7, 3, 3), (3, 1, 0), (4, 1, 1), (1, 4, 1)],
)
def test_a_cut_week_gets_its_share_of_the_target_rounded_half_up(per_week, days, expected):
    assert pro_rata(per_week, days) == expected


# -- adherence ----------------------------------------------------------------------------


def test_adherence_counts_completed_workouts_per_week_against_the_target():
    period = Period(date(2024, 5, 8), TODAY)  # Wednesday to Wednesday: three weeks touched
    workouts = [
        on(date(2024, 5, 6)),  # before the period
        on(date(2024, 5, 8)), on(date(2024, 5, 9)), on(date(2024, 5, 9), hour=18),
        on(date(2024, 5, 10), "finished early"),
        on(date(2024, 5, 11), speed=4),  # a rehearsal: never counts
        on(date(2024, 5, 12), steps=()),  # opened and quit: nothing done
        *(on(date(2024, 5, 13) + timedelta(days=d)) for d in range(5)),
        on(date(2024, 5, 20), "interrupted"),
        on(date(2024, 5, 21)),
    ]  # fmt: skip
    weeks = weekly_adherence(workouts, period, 5, UTC)
    assert weeks == [
        WeekAdherence(date(2024, 5, 6), 5, 3, 1, 4),  # Wed-Sun: 5 days, 4 of 5 expected
        WeekAdherence(date(2024, 5, 13), 7, 5, 0, 5),
        WeekAdherence(date(2024, 5, 20), 3, 1, 1, 2, current=True),
    ]
    assert [week.met for week in weeks] == [False, True, False]
    assert weekly_adherence(workouts, period, None, UTC)[0].met is None


def test_a_busy_week_does_not_make_up_for_a_missed_one():
    period = Period(date(2024, 5, 6), date(2024, 5, 19))
    busy = [on(date(2024, 5, 6) + timedelta(days=d)) for d in range(7)]
    data = report_data(busy, [], [], date(2024, 5, 19), since=period.start,
                       target=Target(5, "config.toml"), tz=UTC)  # fmt: skip
    adherence = data.adherence
    assert adherence.completed == 7 and adherence.weeks_met == 1 and adherence.weeks_judged == 2
    assert adherence.share == 5 / 10  # 7 done in week one count as its 5; 0 of 5 in week two
    assert adherence.per_week == 3.5


def test_the_calendar_splits_each_day_into_completed_and_not():
    period = Period(days_ago(8), TODAY)  # from a Tuesday
    workouts = [on(days_ago(8)), on(days_ago(8), "finished early", hour=19), on(days_ago(1))]
    grid = report_calendar(workouts, period, tz=UTC)
    assert [cell.day.weekday() for cell in grid[0]] == list(range(7))
    assert len(grid) == 2 and grid[-1][-1].day == date(2024, 5, 26)
    cells = {cell.day: cell for week in grid for cell in week}
    assert cells[days_ago(8)][1:] == (1, 1, True)
    assert cells[days_ago(1)][1:] == (1, 0, True)
    assert not cells[date(2024, 5, 13)].in_period and not cells[date(2024, 5, 23)].in_period
    long = report_calendar(workouts, Period(date(2023, 1, 1), TODAY), tz=UTC)
    assert len(long) == 12  # at most twelve weeks, the last ones


# -- flags and pain -------------------------------------------------------------------------


def flagged(**answers: object) -> list[tuple[str, str]]:
    w = LoggedWorkout("w", "s", "S", datetime(2024, 5, 6, 7, tzinfo=UTC), DONE, **answers)  # type: ignore[arg-type]
    return [(flag.kind, flag.text) for flag in workout_flags(w, PainLimits(2, 5), UTC)]


def test_pain_above_five_is_flagged_for_each_answer():
    assert flagged(pain_before=5, pain_after=5) == []
    assert flagged(pain_before=6, pain_after=7) == [
        ("pain", "6/10 before the workout (above 5/10)"),
        ("pain", "7/10 after the workout (above 5/10)"),
    ]


def test_a_morning_after_above_the_safe_limit_and_the_pain_before_has_not_settled():
    assert flagged(pain_before=4, morning_after_pain=4) == []  # back to where it was
    assert flagged(pain_before=1, morning_after_pain=2) == []  # within the safe limit
    assert flagged(pain_before=2, morning_after_pain=3) == [
        ("morning", "not settled by the next morning: 3/10 (before the workout: 2/10)")
    ]
    assert flagged(morning_after_pain=3) == [
        ("morning", "not settled by the next morning: 3/10 (before the workout: not given)")
    ]
    assert [kind for kind, _ in flagged(pain_before=3, morning_after_pain=7)] == [
        "pain", "morning",
    ]  # fmt: skip


def test_sharp_pain_is_a_flag_naming_the_exercises_as_the_session_does():
    from kneecoach.store.records import SharpPain

    at = datetime(2024, 5, 6, 7, 10, tzinfo=UTC)
    pains = (SharpPain("clam", at, 3, None, "left"), SharpPain("clam", at, 5, None, "right"),
             SharpPain("raise", at, 9, "front", "left"))  # fmt: skip
    w = LoggedWorkout("w", "s", "S", at, DONE, sharp_pain=pains)
    names = {"clam": "Clamshell", "raise/front": "Leg raise: Front"}
    flags = workout_flags(w, PainLimits(2, 5), UTC, names)
    assert [(f.kind, f.text) for f in flags] == [
        ("sharp", "sharp pain during Clamshell, Leg raise: Front")
    ]
    # a workout with nothing said but sharp pain is on the page all the same
    [entry] = pain_entries([w], PainLimits(2, 5), UTC, {"s": names})
    assert entry.flags == tuple(flags)


def test_the_limits_are_the_users_progression_settings():
    assert pain_limits() == PainLimits(2, 5)
    assert pain_limits({"acceptable_pain": 4, "safe_pain": 1}) == PainLimits(1, 4)


def test_pain_entries_keep_real_workouts_with_an_answer_or_a_note():
    workouts = [
        on(days_ago(4), pain_before=3),
        on(days_ago(3)),  # nothing said
        on(days_ago(2), speed=2, pain_before=9),  # rehearsal
        on(days_ago(1), steps=(), pain_after=6),  # quit before any work: still pain
    ]
    noted = LoggedWorkout("n", "s", "S", datetime(2024, 5, 22, 7, tzinfo=UTC), DONE, note="sore")
    entries = pain_entries([*workouts, noted], PainLimits(), UTC)
    assert [(e.day, e.before, e.after, e.note) for e in entries] == [
        (days_ago(4), 3, None, ""), (days_ago(1), None, 6, ""), (TODAY, None, None, "sore"),
    ]  # fmt: skip
    assert [len(e.flags) for e in entries] == [0, 1, 0]


# -- from a real log ----------------------------------------------------------------------------

SESSION_YAML = """
id: demo
title: "Demo <programme>"
source: test
per_week: 4
exercises:
  - id: wall-sit
    name: Wall sit
    kind: strength
    steps: [Slide down.]
    hold_seconds: [10, 20]
    reps: 2
  - id: clamshell
    name: Clamshell
    kind: strength
    steps: [Open the knee.]
    reps: 3
    tempo_seconds: 2
"""


def fill(folder: Path) -> WorkoutLog:
    """Demo, days 1-6 before TODAY: holds growing, a clamshell cut short on day 3,
    skipped on day 2; a rehearsal; and an older workout of another session."""
    log = WorkoutLog(folder)
    for ago in range(6, 0, -1):
        start = datetime.combine(days_ago(ago), datetime.min.time(), UTC) + timedelta(hours=7)
        hold = 10.0 + (6 - ago)
        steps = [step(0, "hold", seconds=hold, rep=1), step(1, "hold", seconds=hold, rep=2)]
        clam = "skipped" if ago == 2 else "done"
        for rep in range(1, 4):
            outcome = "cut short" if ago == 3 and rep == 2 else clam
            steps.append(step(1 + rep, "rep", "clamshell", outcome, seconds=2, rep=rep))
        workout_id = log.start_workout("demo", "Demo <programme>", started_at=start,
                                       pain_before=2)  # fmt: skip
        log.record_steps(workout_id, steps)
        log.finish_workout(workout_id, DONE, ended_at=start + timedelta(minutes=10))
        log.annotate(workout_id, pain_after=7 if ago == 3 else 1, note="<script>x</script>")
    rehearsal = log.start_workout(
        "demo", "Demo", speed=3, started_at=datetime(2024, 5, 21, 20, tzinfo=UTC)
    )
    log.record_steps(rehearsal, [step(0, "hold", seconds=99)])
    other = log.start_workout("other", "Other", started_at=datetime(2024, 3, 1, 7, tzinfo=UTC))
    log.record_steps(other, [step(0, "hold", "bridge")])
    log.finish_workout(other, DONE)
    return log


@pytest.fixture
def demo_log(tmp_path: Path):
    log = fill(tmp_path)
    yield log
    log.close()


def test_a_report_read_from_a_log(demo_log):
    session = session_from_yaml(SESSION_YAML)
    everything = read_report(demo_log, TODAY, tz=UTC)
    assert everything.period == Period(date(2024, 3, 4), TODAY)  # 12 weeks: "other" began before
    data = read_report(demo_log, TODAY, session="demo", sessions={"demo": session}, tz=UTC)
    assert data.period == Period(days_ago(6), TODAY)  # from the first workout of "demo"
    assert data.sessions == {"Demo <programme>": 6} and data.workouts == 6
    assert data.rehearsals == 1 and not data.empty and not data.log_empty
    assert data.adherence.target == Target(4, "Demo <programme>")
    # Thu-Sun and Mon-Wed: 4 a week is 2.3 and 1.7 of them, rounded
    assert [(w.completed, w.target) for w in data.adherence.weeks] == [(4, 2), (2, 2)]
    assert [(f.day, f.kind) for f in data.flags] == [(days_ago(3), "pain")]
    [group] = data.exercises
    assert group.session == "demo"
    wall_sit, clamshell = group.exercises
    assert (wall_sit.name, clamshell.name) == ("Wall sit", "Clamshell")  # the session's order
    assert [p.hold_seconds for p in wall_sit.points] == [10, 11, 12, 13, 14, 15]
    assert wall_sit.outcomes == {ExerciseOutcome.DONE: 6}
    assert clamshell.outcomes == {
        ExerciseOutcome.DONE: 4, ExerciseOutcome.CUT_SHORT: 1, ExerciseOutcome.SKIPPED: 1,
    }  # fmt: skip
    # reps done in full: two of three on the day one was cut short, none when skipped
    assert not clamshell.held and [p.reps for p in clamshell.points] == [3, 3, 3, 2, 3]


def test_the_period_and_the_session_filter_what_is_counted(demo_log):
    data = read_report(demo_log, TODAY, since=days_ago(2), tz=UTC)
    assert data.workouts == 2
    [group] = data.exercises
    clamshell, wall_sit = group.exercises  # no session file: by id, the id made readable
    assert (clamshell.name, wall_sit.name) == ("Clamshell", "Wall sit")
    assert clamshell.outcomes == {ExerciseOutcome.SKIPPED: 1, ExerciseOutcome.DONE: 1}
    everything = read_report(demo_log, TODAY, since=date(2024, 1, 1), tz=UTC)
    assert [g.session for g in everything.exercises] == ["other", "demo"]
    only = read_report(demo_log, TODAY, since=date(2024, 1, 1), session="other", tz=UTC)
    assert only.workouts == 1 and only.sessions == {"Other": 1}
    assert read_report(demo_log, TODAY, session="nobody", tz=UTC).empty


def test_the_users_target_wins_over_the_sessions(demo_log):
    session = session_from_yaml(SESSION_YAML)
    data = read_report(demo_log, TODAY, target_per_week=7, sessions={"demo": session}, tz=UTC)
    assert data.adherence.target == Target(7, "config.toml")
    data = read_report(demo_log, TODAY, target_per_week=None, sessions={}, tz=UTC)
    assert data.adherence.target == Target(None, "") and data.adherence.share is None
    data = read_report(demo_log, TODAY, target_per_week=7, sessions={"demo": session}, tz=UTC)
    assert data.adherence.target == Target(7, "config.toml")


def test_no_log_is_an_empty_report():
    data = read_report(None, TODAY, tz=UTC)
    assert data.empty and data.log_empty and data.exercises == () and data.flags == []
    assert data.period == Period(date(2024, 3, 4), TODAY)


def test_months_of_daily_pain_scores_are_drawn_as_weekly_averages():
    entries = pain_entries(
        [on(days_ago(d), pain_before=d % 3, pain_after=None if d % 2 else 4) for d in range(20)],
        PainLimits(),
        UTC,
    )
    assert [p.day for p in pain_points(entries)] == [e.day for e in entries]  # one by one
    weekly = pain_points(entries, weekly_above=10)
    assert [p.day.weekday() for p in weekly] == [0, 0, 0, 0]  # Mondays, oldest first
    assert weekly[-1] == PainPoint(date(2024, 5, 20), 1.0, 4.0, None)  # Mon-Wed: 2, 1, 0
    assert weekly[0].day == date(2024, 4, 29) and weekly[0].before == 1.0  # Fri-Sun: 1, 0, 2
