"""The cue planner's choices, one moment at a time: what wins when moments meet,
what is counted aloud, and what each voice level says."""

from __future__ import annotations

import pytest

from kneecoach.audio.cues import CueChooser
from kneecoach.audio.phrases import count_phrase, number_word, session_phrases
from kneecoach.engine import Event, EventKind, Outcome, build_plan
from tests.conftest import session_from_yaml

SESSION = """\
id: choices
title: Choices
source: kneecoach tests
rests: {between_exercises: 0}
exercises:
  - id: stretch
    name: Hamstring stretch
    kind: stretch
    steps: [Pull the band.]
    hold_seconds: 30
    reps: 2
    per_side: true
    first_side: right
    position: on your back
    side_means: stretched leg
  - id: clam
    name: Clamshell
    kind: strength
    steps: [Open the knee.]
    hold_seconds: 3
    reps: 12
    per_side: true
    position: on your side
    lie_on: other side
  - id: lunge
    name: Hip flexor stretch
    kind: stretch
    steps: [Step forward.]
    hold_seconds: 20
    per_side: true
    first_side: right
    position: standing
    side_means: foot forward
    stretched_leg: other side
  - id: hinge
    name: Deadlift
    kind: strength
    steps: [Hinge.]
    reps: 3
    tempo_seconds: 4
    first_move: down
    per_side: true
    position: standing
    side_means: standing leg
"""


@pytest.fixture(scope="module")
def session():
    return session_from_yaml(SESSION)


@pytest.fixture(scope="module")
def plan(session):
    return build_plan(session)


def step(plan, exercise, kind, **where):
    return next(
        s
        for s in plan.steps
        if s.exercise == exercise
        and s.kind == kind
        and all(getattr(s, key) == value for key, value in where.items())
    )


def keys(session, events, level="coach", can_say=lambda phrase: True):
    cue = CueChooser(session, can_say, level).choose(events)
    return cue.key if cue else None


def test_ten_seconds_wins_over_halfway_when_both_fall_at_once(session, plan):
    hold = step(plan, "stretch", "hold", rep=1)  # 30 s: halfway at 15, ten left at 20
    both = [Event(EventKind.HALFWAY, 15.0, hold), Event(EventKind.TEN_LEFT, 15.0, hold, 10)]
    assert keys(session, both) == "voice:Ten seconds"
    assert keys(session, both[:1]) == "voice:Halfway"


def test_a_countdown_tick_is_never_talked_over(session, plan):
    hold = step(plan, "stretch", "hold", rep=1)
    moment = [Event(EventKind.COUNTDOWN, 27.0, hold, 3), Event(EventKind.HALFWAY, 27.0, hold)]
    assert keys(session, moment) == "tone:countdown"


def test_short_holds_hear_neither_halfway_nor_ten_seconds(session, plan):
    clam = step(plan, "clam", "hold", rep=1)  # 3 s
    lunge = step(plan, "lunge", "hold")  # 20 s: "Ten seconds", but no "Halfway"
    assert keys(session, [Event(EventKind.HALFWAY, 1.5, clam)]) is None
    assert keys(session, [Event(EventKind.HALFWAY, 10.0, lunge)]) is None
    assert keys(session, [Event(EventKind.TEN_LEFT, 10.0, lunge, 10)]) == "voice:Ten seconds"


def test_the_biggest_thing_that_ended_gives_the_only_ending_tone(session, plan):
    last = plan.steps[-1]
    moment = [
        Event(EventKind.STEP_ENDED, 9.0, last, outcome=Outcome.DONE),
        Event(EventKind.SET_DONE, 9.0, last),
        Event(EventKind.EXERCISE_DONE, 9.0, last),
        Event(EventKind.SESSION_DONE, 9.0, last),
    ]
    assert keys(session, moment) == "tone:session_done + voice:Workout complete. Well done."


def test_a_skipped_step_gets_no_ending_tone_and_relax_follows_only_long_holds(session, plan):
    long_hold, rest = step(plan, "stretch", "hold", rep=1), step(plan, "stretch", "rest", rep=2)
    short_hold, short_rest = step(plan, "clam", "hold", rep=1), step(plan, "clam", "rest", rep=2)
    skipped = [
        Event(EventKind.STEP_ENDED, 5.0, long_hold, outcome=Outcome.CUT_SHORT),
        Event(EventKind.STEP_STARTED, 5.0, rest),
    ]
    assert keys(session, skipped) is None
    done = [Event(EventKind.STEP_ENDED, 30.0, long_hold, outcome=Outcome.DONE), skipped[1]]
    assert keys(session, done) == "tone:hold_end + voice:Relax"
    short = [
        Event(EventKind.STEP_ENDED, 3.0, short_hold, outcome=Outcome.DONE),
        Event(EventKind.STEP_STARTED, 3.0, short_rest),
    ]
    assert keys(session, short) == "tone:hold_end"


def started(session, plan, exercise, kind, level="coach", can_say=lambda phrase: True, **where):
    return keys(
        session, [Event(EventKind.STEP_STARTED, 0.0, step(plan, exercise, kind, **where))],
        level, can_say,
    )  # fmt: skip


def test_getting_ready_says_the_exercise_where_to_lie_and_which_leg(session, plan):
    assert started(session, plan, "stretch", "prepare") == (
        "tone:get_ready + voice:Hamstring stretch + voice:On your back"
        " + voice:Stretch your right leg"
    )
    assert started(session, plan, "clam", "prepare") == (
        "tone:get_ready + voice:Clamshell + voice:Lie on your right side + voice:Left leg"
    )
    # the position is in the name already: said once
    assert started(session, plan, "lunge", "prepare") == (
        "tone:get_ready + voice:Hip flexor stretch + voice:Standing + voice:Right foot forward"
    )
    assert started(session, plan, "hinge", "prepare") == (
        "tone:get_ready + voice:Deadlift + voice:Stand on your left leg"
    )


def test_switching_says_the_new_leg_and_where_to_lie(session, plan):
    assert started(session, plan, "stretch", "switch") == (
        "tone:switch_sides + voice:Switch to the left leg"
    )
    assert started(session, plan, "clam", "switch") == (
        "tone:switch_sides + voice:Switch to the right leg + voice:Lie on your left side"
    )
    assert started(session, plan, "lunge", "switch") == (
        "tone:switch_sides + voice:Switch sides + voice:Left foot forward"
    )
    # half a sentence is worse than a plain one
    no_lying = lambda phrase: not phrase.startswith("Lie on")
    assert started(session, plan, "clam", "switch", can_say=no_lying) == (
        "tone:switch_sides + voice:Switch sides"
    )


def test_tempo_reps_sound_and_say_their_moves_in_order(session, plan):
    first = step(plan, "hinge", "rep", rep=1, side="left")
    assert started(session, plan, "hinge", "rep", rep=1, side="left") == (
        "tone:rep_down + voice:One + voice:Down"
    )
    assert started(session, plan, "hinge", "rep", rep=2, side="left") == (
        "tone:rep_down + voice:Two + voice:Down"
    )
    assert keys(session, [Event(EventKind.REP_TURN, 2.0, first)]) == "tone:rep_up + voice:Up"
    # at the cues level, the tones alone, in the same order
    assert started(session, plan, "hinge", "rep", "cues", rep=1, side="left") == "tone:rep_down"
    assert keys(session, [Event(EventKind.REP_TURN, 2.0, first)], "cues") == "tone:rep_up"


def test_each_level_says_more_than_the_one_below(session, plan):
    assert started(session, plan, "clam", "prepare", "off") == "tone:get_ready"
    assert started(session, plan, "clam", "prepare", "cues") == (
        "tone:get_ready + voice:Next + voice:Clamshell"
    )
    assert started(session, plan, "clam", "hold", "cues", rep=1) == "tone:hold_start + voice:Hold"
    assert started(session, plan, "clam", "hold", "coach", rep=1) == "tone:hold_start + voice:One"
    assert session_phrases(session, "off") == []
    assert set(session_phrases(session, "cues")) <= set(session_phrases(session, "coach"))


@pytest.mark.parametrize(
    ("reps", "said"),
    [
        (1, [None]),
        (3, ["One", "Two", "Last one"]),
        (10, ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Last one"]),
        (12, ["One", None, None, None, "Five", None, None, "Five more", None, None, None, "Last one"]),
        (14, ["One", None, None, None, "Five", None, None, None, None, "Five more", None, None, None, "Last one"]),
        (20, ["One", None, None, None, "Five", None, None, None, None, "Ten", None, None, None, None, "Fifteen", "Five more", None, None, None, "Last one"]),
    ],
)  # fmt: skip
def test_counts_every_rep_of_a_short_set_and_marks_a_long_one(reps, said):
    """A short set is counted rep by rep; a long one hears the first, every fifth,
    "Five more" (which wins over "Ten" in a set of 14) and "Last one"."""
    assert [count_phrase(rep, reps) for rep in range(1, reps + 1)] == said


def test_numbers_are_words():
    assert [number_word(n) for n in (1, 12, 20, 25, 99, 100)] == [
        "One", "Twelve", "Twenty", "Twenty-five", "Ninety-nine", "100",
    ]  # fmt: skip


def test_the_session_phrases_cover_every_dose_the_session_allows(session):
    phrases = session_phrases(session, "coach")
    # clamshell: 12 reps is one number; the progression could not go higher
    assert "Five more" in phrases and "Fifteen" not in phrases
    assert {"Hamstring stretch", "Clamshell", "Hip flexor stretch", "Deadlift"} <= set(phrases)
