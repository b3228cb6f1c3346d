"""JSON and CSV exports read back exactly, whatever the note holds."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import timedelta

from kneecoach.store.export import CSV_FIELDS, STEP_FIELDS, history_csv, history_json
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedWorkout

from .helpers import T0, step, workout

NOTE = 'knee "ok", stairs hard\nsecond line, with a comma; ünïcödé ✓ 膝'


def sample() -> list[LoggedWorkout]:
    real = replace(
        workout(
            T0, (step(0, "prepare", seconds=5), step(1, part="band", side="left", actual=12.5))
        ),
        pain_before=3,
        pain_after=None,
        note=NOTE,
        morning_after_pain=2,
    )
    rehearsal = workout(T0 + timedelta(hours=1), (), speed=4, status="interrupted")
    return [real, rehearsal]


def test_json_is_each_workouts_to_json_with_an_indent_of_two():
    text = history_json(sample())
    assert json.loads(text) == [w.to_json() for w in sample()]
    assert text.startswith('[\n  {\n    "id"')
    assert json.loads(text)[0]["note"] == NOTE


def test_csv_has_a_row_per_step_and_one_for_a_workout_without_steps():
    rows = list(csv.DictReader(io.StringIO(history_csv(sample()), newline="")))
    assert list(rows[0]) == list(CSV_FIELDS)
    assert len(rows) == 3
    first, second, empty = rows
    assert first["note"] == NOTE and second["note"] == NOTE
    assert first["workout_id"] == second["workout_id"]
    assert (first["started_at"], first["ended_at"]) == (
        "2024-05-06T07:30:00Z",
        "2024-05-06T07:50:00Z",
    )
    assert (first["speed"], first["rehearsal"], first["pain_before"], first["pain_after"]) == (
        "1", "false", "3", "",
    )  # fmt: skip
    assert first["morning_after_pain"] == "2"
    assert (second["index"], second["kind"], second["part"], second["side"]) == (
        "1", "hold", "band", "left",
    )  # fmt: skip
    assert (second["planned_seconds"], second["actual_seconds"], second["outcome"]) == (
        "10", "12.5", "done",
    )  # fmt: skip
    assert (empty["status"], empty["speed"], empty["rehearsal"]) == ("interrupted", "4", "true")
    assert all(empty[name] == "" for name in STEP_FIELDS)


def test_an_empty_history_exports_a_header_and_an_empty_list():
    assert history_csv([]).splitlines() == [",".join(CSV_FIELDS)]
    assert json.loads(history_json([])) == []


def test_what_the_log_reads_exports_the_same(log: WorkoutLog):
    workout_id = log.start_workout("demo", "Demo", started_at=T0, pain_before=1)
    log.record_steps(workout_id, [step(0), step(1, "rep", rep=2)])
    log.annotate(workout_id, note=NOTE)
    log.finish_workout(workout_id, "completed", ended_at=T0 + timedelta(minutes=5))
    [read] = json.loads(history_json(log.workouts()))
    assert read["note"] == NOTE and [s["kind"] for s in read["steps"]] == ["hold", "rep"]
    rows = list(csv.DictReader(io.StringIO(history_csv(log.workouts()), newline="")))
    assert [r["rep"] for r in rows] == ["1", "2"] and rows[0]["note"] == NOTE
