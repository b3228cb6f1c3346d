"""What a session says for the coach: position, what a side means, the first move of
a tempo rep, a self-paced rep's timed fallback, and the time to move between
exercises and positions; each checked like the rest of the file."""

from __future__ import annotations

import pytest

from kneecoach.engine import EventKind, SessionFileError, Workout, build_plan, parse_session
from kneecoach.engine.model import SideSense
from tests.conftest import FakeClock, session_from_yaml

BASE = """\
id: t
title: T
source: test
exercises:
  - id: clam
    name: Clamshell
    kind: strength
    steps: [Open the knee.]
    hold_seconds: 3
    reps: 2
"""
# line 5 is "  - id: clam"; keys added below start on line 11, column 5


def errors(extra: str, base: str = BASE) -> list[str]:
    with pytest.raises(SessionFileError) as caught:
        parse_session((base + extra).encode(), "s.yaml")
    return caught.value.lines


def test_the_keys_are_read_and_parts_inherit_them():
    session = session_from_yaml(
        BASE.replace("    hold_seconds: 3\n    reps: 2\n", "")
        + """\
    per_side: true
    side_means: working leg
    position: on your back
    parts:
      - {id: back, name: On your back, steps: [Lift.], hold_seconds: 5}
      - {id: side, name: On your side, steps: [Lift.], hold_seconds: 3,
         position: on your side, lie_on: other side}
  - id: lunge
    name: Lunge stretch
    kind: stretch
    steps: [Step forward.]
    hold_seconds: 60
    per_side: true
    first_side: right
    side_means: foot forward
    stretched_leg: other side
  - id: hinge
    name: Deadlift
    kind: strength
    steps: [Hinge.]
    reps: 10
    tempo_seconds: 4
    first_move: down
"""
    )
    clam, lunge, hinge = session.exercises
    back, side = clam.parts
    assert (back.position, back.side_sense) == ("on your back", SideSense("working leg"))
    assert (side.position, side.side_sense.lie_on) == ("on your side", "other side")
    assert side.side_sense.lying_on("left") == "right"
    assert lunge.side_sense.stretched("right") == "left"
    assert lunge.unit(None).side_sense.means == "foot forward"
    assert hinge.dose.first_move == "down" and clam.parts[0].dose.first_move == "up"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "    position: lying\n",
            (
                "s.yaml:11:15: must be one of standing, sitting, kneeling, on your back, on your"
                " side, on your stomach, on hands and knees; got 'lying' (did you mean 'kneeling'?)"
                " (exercises[0].position)"
            ),
        ),
        (
            "    side_means: working leg\n",
            (
                "s.yaml:11:17: 'side_means' says what a side means: it needs per_side: true"
                " (exercises[0].side_means)"
            ),
        ),
        (
            "    per_side: true\n    side_means: left leg\n",
            (
                "s.yaml:12:17: must be one of working leg, stretched leg, foot forward, standing leg;"
                " got 'left leg' (did you mean 'standing leg'?) (exercises[0].side_means)"
            ),
        ),
        (
            "    per_side: true\n    position: standing\n    lie_on: other side\n",
            (
                "s.yaml:13:13: 'lie_on' is for exercises done lying on one side"
                " (position: on your side) (exercises[0].lie_on)"
            ),
        ),
        (
            "    per_side: true\n    side_means: stretched leg\n    stretched_leg: other side\n",
            (
                "s.yaml:13:20: 'stretched_leg' is for a side that names another leg; side_means is"
                " already 'stretched leg' (exercises[0].stretched_leg)"
            ),
        ),
        (
            "    first_move: down\n",
            (
                "s.yaml:11:17: 'first_move' is for reps without a hold (tempo or self-paced reps)"
                " (exercises[0].first_move)"
            ),
        ),
        (
            "    per_side: true\n    lie_on: beside\n",
            (
                "s.yaml:12:13: must be one of same side, other side; got 'beside'"
                " (did you mean 'same side'?) (exercises[0].lie_on)"
            ),
        ),
    ],
)
def test_bad_guidance_keys_are_one_line_each(extra, expected):
    assert errors(extra) == [expected]


def test_a_timed_fallback_needs_a_self_paced_rep_with_a_tempo():
    reps = BASE.replace("    hold_seconds: 3\n", "")
    assert errors("    tempo_seconds: 4\n    timed_fallback: true\n", reps) == [
        (
            "s.yaml:11:21: 'timed_fallback' is for self-paced reps: it needs self_paced: true"
            " (exercises[0].timed_fallback)"
        )
    ]
    assert errors("    self_paced: true\n    timed_fallback: true\n", reps) == [
        (
            "s.yaml:11:21: 'timed_fallback' needs tempo_seconds: how long a rep runs when not"
            " counted (exercises[0].timed_fallback)"
        )
    ]


def test_a_part_that_leaves_the_side_cannot_keep_the_exercises_lie_on():
    text = BASE.replace("    hold_seconds: 3\n    reps: 2\n", "") + (
        "    per_side: true\n"
        "    position: on your side\n"
        "    lie_on: other side\n"
        "    parts:\n"
        "      - {id: back, name: Back, steps: [Lift.], hold_seconds: 5, position: on your back}\n"
    )
    with pytest.raises(SessionFileError) as caught:
        parse_session(text.encode(), "s.yaml")
    assert caught.value.lines == [
        (
            "s.yaml:13:75: position 'on your back' does not go with the exercise's lie_on; give"
            " this part lie_on only if it is done on your side (exercises[0].parts[0].position)"
        )
    ]


MOVING = """\
id: moving
title: Moving
source: test
rests: {prepare: 10, between_reps: 0, switch_sides: 5, between_exercises: 15, change_position: 10}
warm_up: {minutes: 1, what: Walk}
exercises:
  - id: wall
    name: Wall sit
    kind: strength
    steps: [Slide down.]
    hold_seconds: 20
    position: standing
  - id: clam
    name: Clamshell
    kind: strength
    steps: [Open the knee.]
    hold_seconds: 3
    per_side: true
    position: on your side
    lie_on: other side
  - id: bridge
    name: Bridge
    kind: strength
    steps: [Lift the hips.]
    hold_seconds: 3
    per_side: true
    position: on your back
"""


def test_moving_between_exercises_and_positions_takes_its_own_time():
    plan = build_plan(session_from_yaml(MOVING))
    shape = [(s.exercise, s.kind, s.seconds, s.changes_position) for s in plan.steps]
    assert shape == [
        ("warm-up", "timed", 60, False),
        ("wall", "prepare", 10 + 15, False),  # a warm-up ends on your feet: no change
        ("wall", "hold", 20, False),
        ("clam", "prepare", 10 + 15 + 10, True),  # down to the floor
        ("clam", "hold", 3, False),
        ("clam", "switch", 5 + 10, True),  # rolling over to the other side
        ("clam", "hold", 3, False),
        ("bridge", "prepare", 10 + 15 + 10, True),  # onto your back
        ("bridge", "hold", 3, False),
        ("bridge", "switch", 5, False),  # on your back: just the other leg
        ("bridge", "hold", 3, False),
    ]


def test_the_transition_defaults_are_a_therapists_not_zero():
    rests = MOVING.splitlines(keepends=True)[3]
    assert rests.startswith("rests:")
    plain = session_from_yaml(MOVING.replace(rests, ""))  # kneecoach's own defaults
    prepares = [s.seconds for s in build_plan(plain).steps if s.kind in ("prepare", "switch")]
    assert prepares == [10 + 15, 10 + 15 + 10, 5 + 10, 10 + 15 + 10, 5]


def run_until_finished(plan, clock, *, count_at=None):
    workout = Workout(plan, clock=clock)
    workout.start()
    events = []
    for _ in range(10_000):
        if workout.state == "finished":
            break
        clock.advance(0.5)
        events += workout.tick().events
        if count_at is not None and workout.step.self_paced and clock.now >= count_at:
            workout.count_rep()
            count_at = None
    return workout, events


def test_a_self_paced_rep_with_a_timed_fallback_ends_on_time_or_when_counted():
    text = BASE.replace("    hold_seconds: 3\n    reps: 2\n", "") + (
        "    reps: 2\n    self_paced: true\n    tempo_seconds: 4\n    timed_fallback: true\n"
        "    rests: {prepare: 2}\n"
    )
    plan = build_plan(session_from_yaml(text))
    assert [(s.kind, s.self_paced, s.timed_fallback) for s in plan.steps][1:] == [
        ("rep", True, True),
        ("rep", True, True),
    ]
    clock = FakeClock(0.0)
    workout, events = run_until_finished(plan, clock)
    assert workout.state == "finished" and clock.now == pytest.approx(2 + 4 + 4)
    assert [e.kind for e in events].count(EventKind.REP_TURN) == 2
    counted = FakeClock(0.0)
    workout, _ = run_until_finished(plan, counted, count_at=3.0)  # the first rep, counted at 3 s
    assert counted.now == pytest.approx(3 + 4)
    without = build_plan(session_from_yaml(text.replace("    timed_fallback: true\n", "")))
    waiting = Workout(without, clock=FakeClock(0.0))
    waiting.start(now=0.0)
    waiting.tick(now=600.0)
    assert waiting.state == "running" and waiting.step.kind == "rep"  # waits for Enter


def test_long_holds_report_halfway_and_ten_seconds_left_at_their_times():
    plan = build_plan(session_from_yaml(MOVING))
    clock = FakeClock(0.0)
    _, events = run_until_finished(plan, clock)
    wall = [e for e in events if e.step and e.step.exercise == "wall" and e.step.kind == "hold"]
    start = next(e.at for e in wall if e.kind is EventKind.STEP_STARTED)
    marks = [
        (e.kind, e.at - start, e.seconds_left)
        for e in wall
        if e.kind in (EventKind.HALFWAY, EventKind.TEN_LEFT, EventKind.COUNTDOWN)
    ]
    assert marks == [
        (EventKind.HALFWAY, 10.0, None),
        (EventKind.TEN_LEFT, 10.0, 10),
        (EventKind.COUNTDOWN, 17.0, 3),
        (EventKind.COUNTDOWN, 18.0, 2),
        (EventKind.COUNTDOWN, 19.0, 1),
    ]
    clam = [e for e in events if e.step and e.step.exercise == "clam" and e.step.kind == "hold"]
    assert EventKind.TEN_LEFT not in {e.kind for e in clam}  # 3 s: nothing to announce


def test_the_shipped_sessions_say_what_each_side_means_and_where_the_body_is():
    from kneecoach.services.catalog import resolve, session_dirs

    goodrx = resolve("goodrx-runners-knee", session_dirs())
    cleveland = resolve("cleveland-clinic-runners-knee", session_dirs())
    units = {
        f"{session.id}:{exercise.id}/{part.id}".rstrip("/"): part
        for session in (goodrx, cleveland)
        for exercise in session.exercises
        for part in exercise.units()
    }
    # every unit of work says where the body is
    assert all(unit.position for unit in units.values())
    side_lying = {key for key, unit in units.items() if unit.side_sense.lie_on == "other side"}
    assert side_lying == {
        "goodrx-runners-knee:three-way-leg-raise/on-side",
        "goodrx-runners-knee:clamshell",
        "cleveland-clinic-runners-knee:clamshell",
    }
    lunge = units["goodrx-runners-knee:standing-hip-flexor-stretch"]
    assert (lunge.first_side, lunge.side_sense.means, lunge.side_sense.stretched("right")) == (
        "right", "foot forward", "left",
    )  # fmt: skip
    deadlift = units["cleveland-clinic-runners-knee:single-leg-romanian-deadlift"]
    assert (deadlift.dose.first_move, deadlift.side_sense.means) == ("down", "standing leg")
    step_up = units["goodrx-runners-knee:step-up-plus"]
    assert not step_up.per_side and step_up.dose.first_move == "up"  # as the article: no switch
    plan = build_plan(cleveland)
    assert {s.first_move for s in plan.steps if s.exercise == "single-leg-romanian-deadlift"} == {
        None,  # prepare and switch
        "down",
    }


def test_ten_more_seconds_move_the_ten_seconds_mark_but_not_halfway():
    plan = build_plan(session_from_yaml(MOVING))
    clock = FakeClock(0.0)
    workout = Workout(plan, clock=clock)
    workout.start()
    hold = next(s for s in plan.steps if s.exercise == "wall" and s.kind == "hold")
    clock.now = 60 + 25  # the wall sit's hold begins
    workout.tick()
    assert workout.step == hold
    clock.advance(12)  # past halfway (10) and the first "ten seconds left" (10)
    first = [e.kind for e in workout.tick().events]
    workout.extend()
    clock.advance(18)  # to the new end at 30 s
    later = [(e.kind, e.at - (60 + 25)) for e in workout.tick().events]
    assert first.count(EventKind.HALFWAY) == 1 and first.count(EventKind.TEN_LEFT) == 1
    assert (EventKind.TEN_LEFT, 20.0) in later
    assert EventKind.HALFWAY not in [kind for kind, _ in later]
