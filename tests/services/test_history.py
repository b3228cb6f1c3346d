"""kneecoach.services.history with hand-made workouts: streaks, the calendar, pain and doses."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from kneecoach.services.history import (
    CalendarDay,
    DosePoint,
    PainPoint,
    calendar,
    dose_records,
    doses_over_time,
    pain_series,
    streaks,
)
from kneecoach.store.records import DoseRecord, LoggedStep, LoggedWorkout

from tests.store.helpers import step, workout

TODAY = date(2024, 5, 15)  # a Wednesday


def on(day: date, hour: int = 8, **kwargs) -> LoggedWorkout:
    return workout(datetime(day.year, day.month, day.day, hour, tzinfo=UTC), **kwargs)


def days_ago(*offsets: int, **kwargs) -> list[LoggedWorkout]:
    return [on(TODAY - timedelta(days=offset), **kwargs) for offset in offsets]


def test_streaks_count_consecutive_days_back_from_today_or_yesterday():
    assert streaks([], TODAY, tz=UTC) == (0, 0)
    assert streaks(days_ago(0, 1, 2, 5, 6, 7, 8), TODAY, tz=UTC) == (3, 4)
    # nothing yet today: yesterday's streak is still alive
    assert streaks(days_ago(1, 2), TODAY, tz=UTC) == (2, 2)
    # a gap of one day breaks it
    assert streaks(days_ago(2, 3), TODAY, tz=UTC) == (0, 2)
    # two workouts on one day are one day; a future workout is ignored
    assert streaks(days_ago(0, 0, 1, -1), TODAY, tz=UTC) == (2, 2)


def test_rehearsals_and_empty_workouts_do_not_count():
    rehearsal = days_ago(0, speed=4)
    empty = days_ago(1, steps=(step(0, "prepare"), step(1, outcome="skipped")))
    cut_short = days_ago(2, steps=(step(0, outcome="cut short"),))
    assert streaks(rehearsal + empty + cut_short, TODAY, tz=UTC) == (0, 0)
    only_timed = days_ago(0, steps=(step(0, "timed"),))
    assert streaks(only_timed + rehearsal, TODAY, tz=UTC) == (1, 1)


def test_days_are_the_users_local_days():
    late = workout(datetime(2024, 5, 15, 3, 30, tzinfo=UTC))  # 23:30 on the 14th in UTC-4
    new_york_summer = timezone(timedelta(hours=-4))
    assert streaks([late], TODAY, tz=UTC) == (1, 1)
    assert streaks([late], date(2024, 5, 14), tz=new_york_summer) == (1, 1)
    [point] = pain_series([workout(late.started_at, pain_before=1)], tz=new_york_summer)
    assert point.day == date(2024, 5, 14)


def test_without_a_time_zone_the_computers_own_is_used(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "UTC+10")  # POSIX: ten hours *behind* UTC
    time.tzset()
    try:
        late = workout(datetime(2024, 5, 15, 3, 30, tzinfo=UTC))
        assert late.day() == date(2024, 5, 14)
        assert streaks([late], date(2024, 5, 14)) == (1, 1)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_calendar_is_twelve_weeks_of_seven_days_monday_first():
    grid = calendar(days_ago(0, 1, 1, 9) + days_ago(3, speed=2), TODAY, tz=UTC)
    assert len(grid) == 12 and all(len(week) == 7 for week in grid)
    assert grid[0][0].day == date(2024, 2, 26) and grid[0][0].day.weekday() == 0
    assert grid[-1][-1].day == date(2024, 5, 19)
    cells = {cell.day: cell for week in grid for cell in week}
    assert cells[TODAY] == CalendarDay(TODAY, 1, 2)  # half the busiest day's work
    assert cells[date(2024, 5, 14)] == CalendarDay(date(2024, 5, 14), 2, 4)  # the busiest
    assert cells[date(2024, 5, 12)].count == 0  # a rehearsal only
    assert cells[date(2024, 5, 16)].future and not cells[TODAY].future
    assert sum(cell.count for cell in cells.values()) == 4
    assert len(calendar([], TODAY, weeks=1, tz=UTC)) == 1


def test_calendar_intensity_follows_the_work_done():
    light = on(TODAY, steps=(step(0),))
    heavy = on(TODAY - timedelta(days=1), steps=tuple(step(i) for i in range(8)))
    grid = calendar([light, heavy], TODAY, weeks=1, tz=UTC)
    assert [cell.intensity for cell in grid[0]] == [0, 4, 1, 0, 0, 0, 0]


def test_pain_series_has_the_real_workouts_with_a_pain_score_in_order():
    series = pain_series(
        [
            on(TODAY, pain_before=2, pain_after=3),
            on(TODAY - timedelta(days=1), pain_before=4),
            on(TODAY - timedelta(days=2)),  # no scores
            on(TODAY - timedelta(days=3), pain_before=9, speed=2),  # rehearsal
            on(TODAY - timedelta(days=4), pain_after=1, steps=()),  # empty, still pain
        ],
        tz=UTC,
    )
    assert series == [
        PainPoint(date(2024, 5, 11), None, 1),
        PainPoint(date(2024, 5, 14), 4, None),
        PainPoint(TODAY, 2, 3),
    ]


def held(exercise: str, seconds: float, side: str | None, set_: int, rep: int, **kw) -> LoggedStep:
    return step(0, "hold", exercise, actual=seconds, side=side, set=set_, rep=rep, **kw)


def test_doses_over_time_take_the_best_of_each_day_and_skip_rehearsals():
    monday = on(TODAY - timedelta(days=2), steps=(
        held("wall-sit", 10, None, 1, 1), held("wall-sit", 12, None, 1, 2),
        held("wall-sit", 10, None, 2, 1),
        held("wall-sit", 30, None, 3, 1, outcome="cut short"),  # not done: not counted
        step(0, "rep", "clamshell", part="band", side="left", set=1, rep=1),
        step(0, "rep", "clamshell", part="band", side="left", set=1, rep=2),
        step(0, "rep", "clamshell", part="band", side="right", set=1, rep=1),
        step(0, "rep", "clamshell", part="band", side="left", set=1, rep=2),  # a restart
        step(0, "timed", "warm-up"),  # timed: no dose
    ), id="monday")  # fmt: skip
    morning = on(TODAY, 7, steps=(held("wall-sit", 8, None, 1, 1),), id="morning")
    evening = on(TODAY, 19, steps=(
        held("wall-sit", 6, None, 1, 1), held("wall-sit", 6, None, 1, 2),
        held("wall-sit", 6, None, 1, 3),
    ), id="evening")  # fmt: skip
    rehearsal = on(TODAY, 9, steps=(held("wall-sit", 99, None, 9, 9),), speed=3, id="fast")
    workouts = [evening, rehearsal, monday, morning]
    assert sorted(dose_records(workouts)) == sorted([
        DoseRecord("monday", "wall-sit", 12.0, 2, 2),
        DoseRecord("monday", "clamshell/band", None, 2, 1),
        DoseRecord("morning", "wall-sit", 8.0, 1, 1),
        DoseRecord("evening", "wall-sit", 6.0, 3, 1),
    ])  # fmt: skip
    doses = doses_over_time(workouts, tz=UTC)
    assert doses == {
        "clamshell/band": [DosePoint(date(2024, 5, 13), None, 2, 1)],
        "wall-sit": [
            DosePoint(date(2024, 5, 13), 12.0, 2, 2),
            DosePoint(TODAY, 8.0, 3, 1),  # two workouts that day: the larger of each
        ],
    }
    # the same from records (as the database keeps them) and summaries without steps
    summaries = [replace(w, steps=(), done_steps=len(w.steps)) for w in workouts]
    assert doses_over_time(summaries, dose_records(workouts), tz=UTC) == doses
    assert doses_over_time(summaries, tz=UTC) == {}


def test_history_and_the_records_it_reads_import_no_sqlite():
    code = (
        "import json, sys\n"
        "import kneecoach.services.history, kneecoach.store.records, kneecoach.store\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert not {"sqlite3", "_sqlite3"} & loaded
    assert "kneecoach.store.log" not in loaded
