"""What the workout screen says, as plain functions: which leg does what, the
marks shown beside the phase, and how a self-paced rep ends."""

from __future__ import annotations

import pytest

from kneecoach.engine import Workout, build_plan
from kneecoach.services.catalog import resolve, session_dirs
from kneecoach.ui.wording import (
    countdown_content,
    counters_side,
    exercise_title,
    leg_text,
    phase_word,
    status_marks,
    step_phrase,
    unit_of,
)
from tests.conftest import FakeClock, session_from_yaml


@pytest.fixture(scope="module")
def goodrx():
    return resolve("goodrx-runners-knee", session_dirs())


@pytest.fixture(scope="module")
def cleveland():
    return resolve("cleveland-clinic-runners-knee", session_dirs())


def test_the_side_lying_raise_says_which_leg_lifts_and_which_side_to_lie_on(goodrx):
    on_side = goodrx.exercise("three-way-leg-raise").unit("on-side")
    assert leg_text(on_side, "left") == "LEFT leg works · lie on your right side"
    assert leg_text(on_side, "right") == "RIGHT leg works · lie on your left side"
    on_back = goodrx.exercise("three-way-leg-raise").unit("on-back")
    assert leg_text(on_back, "left") == "LEFT leg works"  # no side to lie on


def test_the_hip_flexor_stretch_says_the_foot_forward_and_the_leg_stretched(goodrx):
    stretch = goodrx.exercise("standing-hip-flexor-stretch").unit(None)
    assert leg_text(stretch, "right") == "RIGHT foot forward · LEFT leg stretched"
    assert leg_text(stretch, "left", loud=False) == "left foot forward · right leg stretched"


def test_a_stretch_names_the_leg_stretched_and_a_hinge_the_leg_stood_on(goodrx, cleveland):
    hamstring = goodrx.exercise("hamstring-stretch-band").unit(None)
    assert leg_text(hamstring, "right") == "RIGHT leg stretched"
    deadlift = cleveland.exercise("single-leg-romanian-deadlift").unit(None)
    assert leg_text(deadlift, "left") == "stand on your LEFT leg"


def snapshots(session, clock):
    """Every step's snapshot, at one second into it."""
    workout = Workout(build_plan(session), clock=clock)
    workout.start()
    seen = []
    for step in workout.plan.steps:
        if workout.index != step.index:
            workout.skip_step()
        clock.advance(1)
        seen.append(workout.tick().snapshot)
    return seen


def test_the_title_counters_and_up_next_name_the_leg(goodrx):
    shots = snapshots(goodrx, FakeClock())
    raise_on_side = next(
        s for s in shots if s.step.part == "on-side" and s.step.kind == "hold" and s.step.side
    )
    assert exercise_title(raise_on_side) == (
        "Three-way leg raise — On your side · LEFT leg works · lie on your right side"
    )
    unit = unit_of(raise_on_side.exercise, raise_on_side.step)
    assert counters_side(raise_on_side.step, unit) == "leg LEFT → right"
    hip = next(s for s in shots if s.step.exercise == "standing-hip-flexor-stretch")
    assert exercise_title(hip).endswith("· RIGHT foot forward · LEFT leg stretched")
    assert counters_side(hip.step, unit_of(hip.exercise, hip.step)) == "front foot RIGHT → left"
    switch = next(
        s.step for s in shots if s.step.kind == "switch" and s.step.exercise == "clamshell"
    )
    clamshell = goodrx.exercise("clamshell")
    assert step_phrase(switch, clamshell) == (
        "Switch to the right leg · lie on your left side (15 s)"
    )
    prepare = next(
        s.step for s in shots if s.step.kind == "prepare" and s.step.exercise == "clamshell"
    )
    assert step_phrase(prepare, clamshell) == (
        "Get ready: Clamshell — left leg works · lie on your right side"
    )
    hold = next(s.step for s in shots if s.step.kind == "hold" and s.step.exercise == "clamshell")
    assert step_phrase(hold, clamshell).endswith("rep 1/10, left leg")
    hip_switch = next(
        s.step for s in shots if s.step.kind == "switch" and s.step.exercise == hip.step.exercise
    )
    assert step_phrase(hip_switch, hip.exercise).startswith(
        "Switch sides: left foot forward · right leg stretched"
    )


PACED = """
id: t
title: T
source: test
rests: {prepare: 2}
exercises:
  - id: bridge
    name: Bridge
    kind: strength
    steps: [Lift your hips.]
    reps: 3
    self_paced: true
    FALLBACK
"""


def first_rep(fallback: str, clock: FakeClock):
    session = session_from_yaml(PACED.replace("FALLBACK", fallback))
    workout = Workout(build_plan(session), clock=clock)
    workout.start()
    clock.advance(2.5)  # half a second into rep 1
    return workout


def test_a_self_paced_rep_with_a_timed_fallback_says_when_it_counts_itself():
    clock = FakeClock()
    workout = first_rep("tempo_seconds: 4\n    timed_fallback: true", clock)
    assert countdown_content(workout.tick().snapshot)[2] == (
        "press Enter when rep 1 is done, or it counts itself in 4 s"
    )
    clock.advance(2)
    assert countdown_content(workout.tick().snapshot)[2].endswith("counts itself in 2 s")
    plain = first_rep("", FakeClock())
    assert countdown_content(plain.tick().snapshot)[2] == "press Enter when rep 1 is done"


def test_pause_and_mute_are_shown_beside_the_phase_not_instead_of_it(goodrx):
    clock = FakeClock()
    workout = Workout(build_plan(goodrx), clock=clock)
    workout.start()
    clock.advance(1)
    running = workout.tick().snapshot
    assert status_marks(running) == "" and status_marks(running, muted=True) == "✕ sound off"
    workout.pause()
    paused = workout.tick().snapshot
    assert phase_word(paused) == phase_word(running) == "WARM-UP"
    phase, number, under, marks = countdown_content(paused, muted=True)
    assert (phase, marks) == ("WARM-UP", "‖ PAUSED  ✕ sound off")
    assert under == "space to carry on"


def test_the_picker_numbers_exercises_as_the_workout_and_names_its_source_for_people(goodrx):
    from kneecoach.ui.screens.picker import preview_text

    text = preview_text(goodrx).plain
    rows = text.splitlines()
    assert "Warm-up" in rows and "1. Three-way leg raise" in rows
    numbered = [row for row in rows if row[:1].isdigit()]
    assert len(numbered) == 8 and numbered[-1] == "8. Standing hip flexor stretch"
    assert (
        "Source: “8 Runner's Knee Exercises and Stretches for Pain Relief”, GoodRx Health" in rows
    )
    assert ".txt" not in text and "article" not in text.lower()
    assert (
        "You need: mat, pillow (optional), ankle weight (optional), wall, resistance band, "
        "step, something stable to hold" in rows
    )


def test_a_wrapped_instruction_goes_on_under_its_text_not_under_its_number():
    from rich.console import Console

    from kneecoach.ui.literal import hanging

    console = Console(width=30, record=True, color_system=None)
    console.print(
        hanging(
            [
                ("1.", "Lie on your side with your knees bent and stacked.", ""),
                ("10.", "Squat [B] stays as written.", ""),
            ]
        )
    )
    rows = [row.rstrip() for row in console.export_text().splitlines()]
    assert rows[0] == " 1. Lie on your side with your"
    assert rows[1].startswith("    knees bent")  # under "Lie", not under "1."
    assert rows[-2:] == ["10. Squat [B] stays as", "    written."]


def test_the_big_phase_word_says_which_side_from_the_floor(cleveland):
    """Every step of the clamshell (worked on each side) in the words the big
    countdown shows: the side with the get-ready, the work and the switch; none
    with a rest."""
    workout = Workout(build_plan(cleveland), clock=FakeClock())
    workout.start()
    words: dict[tuple[str, str | None], set[str]] = {}
    while workout.state != "finished":
        snapshot = workout.tick().snapshot
        step = snapshot.step
        if step is not None and step.exercise == "clamshell":
            words.setdefault((step.kind, step.side), set()).add(phase_word(snapshot))
        elif words:
            break  # past the clamshell
        workout.skip_step()
    assert words[("prepare", "left")] == {"GET READY LEFT"}
    assert words[("hold", "left")] == {"HOLD LEFT"} and words[("hold", "right")] == {"HOLD RIGHT"}
    assert words[("switch", "right")] == {"SWITCH TO RIGHT"}
    assert {word for (kind, _), found in words.items() if kind == "rest" for word in found} == {
        "REST"
    }
