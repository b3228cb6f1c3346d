"""`kneecoach dose` and `plan` at today's dose: the log decides, a hand-set dose wins."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from kneecoach import cli
from kneecoach.engine import Workout, build_plan, load_session
from kneecoach.settings.resources import shipped_dir
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LoggedStep

GOODRX = "goodrx-runners-knee"


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def plan_json(capsys, data):
    code, out, err = run(capsys, "--data-dir", str(data), "plan", GOODRX, "--json")
    assert code == 0, err
    return json.loads(out)


def log_pain_free_workouts(data, count: int, pain: int = 1) -> None:
    """``count`` real workouts of GoodRx, every step done, on consecutive past days."""
    session = load_session(shipped_dir("sessions") / f"{GOODRX}.yaml")
    plan = build_plan(session)
    with WorkoutLog(data) as log:
        for number in range(count):
            day = datetime(2026, 11, 1, 7, tzinfo=UTC) + timedelta(days=number)
            wid = log.start_workout(
                GOODRX, session.title, session.content_hash, started_at=day, pain_before=pain
            )
            log.record_steps(wid, [
                LoggedStep(s.index, s.kind, s.exercise, s.seconds, s.seconds, "done", s.part,
                           s.side, s.set, s.rep) for s in plan.steps
            ])  # fmt: skip
            log.finish_workout(wid, "completed", ended_at=day + timedelta(minutes=35))
            log.annotate(wid, pain_after=pain)
            log.set_morning_after(wid, 0)


def test_plan_starts_at_the_low_end_and_does_not_create_a_log(capsys, tmp_path):
    data = tmp_path / "data"
    plan = plan_json(capsys, data)
    assert plan["today"]["wall-sit"]["hold_seconds"] == 20
    assert not (data / "kneecoach.db").exists()
    low = json.loads(run(capsys, "plan", GOODRX, "--json", "--dose", "low")[1])
    assert [s["seconds"] for s in low["steps"]] == [s["seconds"] for s in plan["steps"]]


def test_three_pain_free_workouts_step_the_holds_up(capsys, tmp_path):
    log_pain_free_workouts(tmp_path, 3)
    today = plan_json(capsys, tmp_path)["today"]["three-way-leg-raise/on-back"]
    assert today["change"] == "up" and today["hold_seconds"] == 7
    assert "7 s holds" in today["reason"]
    assert "Why these doses:" in run(capsys, "--data-dir", str(tmp_path), "plan", GOODRX)[1]


def test_painful_workouts_do_not_step_up(capsys, tmp_path):
    log_pain_free_workouts(tmp_path, 3, pain=4)
    today = plan_json(capsys, tmp_path)["today"]["three-way-leg-raise/on-back"]
    assert today["hold_seconds"] == 5 and today["change"] == "same"


def test_a_dose_set_by_hand_is_used_and_reset_hands_it_back(capsys, tmp_path):
    code, out, err = run(
        capsys, "--data-dir", str(tmp_path), "dose", GOODRX, "wall-sit", "--hold", "40"
    )
    assert code == 0, err
    assert out.startswith("wall-sit: set by hand")
    today = plan_json(capsys, tmp_path)
    assert today["today"]["wall-sit"] == {
        "hold_seconds": 40, "reps": 3, "sets": 1, "change": "manual",
        "reason": today["today"]["wall-sit"]["reason"],
    }  # fmt: skip
    holds = {
        s["seconds"] for s in today["steps"] if s["exercise"] == "wall-sit" and s["kind"] == "hold"
    }
    assert holds == {40}
    assert run(capsys, "--data-dir", str(tmp_path), "dose", GOODRX, "wall-sit", "--reset")[0] == 0
    assert plan_json(capsys, tmp_path)["today"]["wall-sit"]["hold_seconds"] == 20


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["wall-sit", "--hold", "200"],
            "--hold 200 is outside what goodrx-runners-knee allows for wall-sit: 20–60",
        ),
        (["wallsit", "--hold", "30"], "has no exercise 'wallsit' with a dose to set; try one of:"),
        (["step-up-plus", "--hold", "5"], "step-up-plus is not held: --hold does not apply"),
        (["wallsit"], "has no exercise 'wallsit' with a dose; try: kneecoach dose"),
        (["wall-sit", "--reset", "--hold", "30"], "--reset hands the dose back to the rule"),
    ],
)
def test_a_dose_that_cannot_be_set_is_one_line(capsys, tmp_path, argv, message):
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "dose", GOODRX, *argv)
    assert code == 1
    assert message in err and err.count("\n") == 1


def test_dose_with_an_exercise_alone_shows_that_exercise(capsys, tmp_path):
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "dose", GOODRX, "three-way-leg-raise")
    assert code == 0
    assert out.count("three-way-leg-raise/") == 3 and "wall-sit" not in out


def test_dose_shows_each_exercise_with_its_reason(capsys, tmp_path):
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "dose", GOODRX)
    assert code == 0
    assert "wall-sit" in out and "hold 20 s (20–60) × 3 reps × 1 set" in out
    assert "Starting at the low end of every range" in out


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--hold", "1e308", "must be more than 0 and at most 1,800 seconds, not '1e308'"),
        ("--hold", "nan", "must be more than 0 and at most 1,800 seconds, not 'nan'"),
        ("--hold", "inf", "must be more than 0 and at most 1,800 seconds, not 'inf'"),
        ("--reps", "9" * 400, f"at most 100 reps, not '{'9' * 39}'…"),
        ("--sets", "0", "must be more than 0 and at most 20 sets, not '0'"),
        ("--sets", "two", "not a whole number: 'two'"),
    ],
)
def test_a_dose_number_beyond_any_session_is_one_line(capsys, tmp_path, option, value, message):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["dose", GOODRX, "wall-sit", option, value, "--data-dir", str(tmp_path)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].endswith(message) and "Traceback" not in err
    assert not (tmp_path / "kneecoach.db").exists()
