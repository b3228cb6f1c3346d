"""The progression rule: simulated patients walked through weeks of logged workouts.

Each walk asks `todays_doses` for today's dose, "does" the workout at that dose and
logs it with the pain the scenario says, as the app will. The rule is in
docs/progression.md; these tests are its table, row by row.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kneecoach.engine import (
    ChosenDose,
    DoseDecision,
    ManualDose,
    ProgressionRule,
    RuleError,
    Session,
    UnitResult,
    WorkoutResult,
    build_plan,
    load_session,
    merge_rule,
    progression_units,
    todays_doses,
)
from kneecoach.engine.model import DoseSteps
from kneecoach.engine.plan import choose_dose
from tests.conftest import ROOT, session_from_yaml

SESSION = """
id: t
title: T
source: test
warm_up: {minutes: [5, 10], what: Walk}
exercises:
  - id: raise
    name: Leg raise
    kind: strength
    steps: [Lift.]
    hold_seconds: [5, 10]
    reps: [10, 12]
    sets: [2, 3]
  - id: sit
    name: Wall sit
    kind: strength
    steps: [Sit.]
    hold_seconds: [20, 30]
    reps: 3
    progression: {note: Work up to a minute., hold_seconds: 60}
  - id: step
    name: Step-up
    kind: strength
    steps: [Step.]
    reps: [10, 12]
    tempo_seconds: 4
  - id: three
    name: Three ways
    kind: strength
    parts:
      - {id: back, name: On your back, steps: [Lift.], hold_seconds: [5, 10], reps: 10}
      - {id: side, name: On your side, steps: [Lift.], hold_seconds: 3, reps: 10}
"""
KEYS = ["raise", "sit", "step", "three/back", "three/side"]
START = date(2024, 11, 1)
SAFE = (1, 1, 0)  # pain before, after, the morning after
Pain = tuple[int | None, int | None, int | None]


@pytest.fixture(scope="module")
def session() -> Session:
    return session_from_yaml(SESSION)


def shipped() -> list[Session]:
    return [load_session(path) for path in sorted((ROOT / "sessions").glob("*.yaml"))]


def as_tuple(dose: ChosenDose) -> tuple[float | None, int | None, int | None]:
    return (dose.hold_seconds, dose.reps, dose.sets)


def workout(day: int, units: dict[str, UnitResult], pain: Pain = SAFE) -> WorkoutResult:
    return WorkoutResult(START + timedelta(days=day), units, *pain)


class Patient:
    """Does each workout at today's dose and logs it, as the app will."""

    def __init__(self, session: Session, rule: ProgressionRule | None = None) -> None:
        self.session, self.rule = session, rule
        self.history: list[WorkoutResult | ManualDose] = []
        self.day = 0
        self.seen: list[dict[str, DoseDecision]] = []  # today's doses before each workout

    def today(self) -> dict[str, DoseDecision]:
        return todays_doses(self.session, self.history, self.rule)

    def train(
        self,
        pain: Pain = SAFE,
        times: int = 1,
        outcome: Callable[[str], str] = lambda key: "done",
    ) -> dict[str, DoseDecision]:
        for _ in range(times):
            doses = self.today()
            self.seen.append(doses)
            units = {k: UnitResult(d.dose, outcome(k)) for k, d in doses.items()}  # type: ignore[arg-type]
            self.history.append(workout(self.day, units, pain))
            self.day += 1
        return self.today()

    def rest(self, days: int) -> None:
        self.day += days

    def set_by_hand(self, key: str, dose: ChosenDose | None) -> None:
        self.history.append(ManualDose(START + timedelta(days=self.day), key, dose))

    def trail(self, key: str) -> list[tuple[float | None, int | None, int | None]]:
        """The distinct doses ``key`` went through, in order."""
        doses = [as_tuple(seen[key].dose) for seen in [*self.seen, self.today()]]
        return [d for i, d in enumerate(doses) if i == 0 or d != doses[i - 1]]


# --- a new patient ------------------------------------------------------------------


def test_a_new_patient_starts_at_the_low_end_of_every_range(session):
    doses = todays_doses(session, [])
    assert list(doses) == KEYS  # warm-up minutes are not progressed
    assert as_tuple(doses["raise"].dose) == (5, 10, 2)
    assert as_tuple(doses["sit"].dose) == (20, 3, 1)
    assert as_tuple(doses["step"].dose) == (None, 10, 1)
    assert {d.change for d in doses.values()} == {"start"}
    assert doses["raise"].reason == "Starting at the low end of every range"
    assert doses["three/side"].reason == (
        "3 s holds × 10 reps: the session gives one dose for this exercise"
    )


def test_units_use_the_same_keys_as_build_plan(session):
    overrides = {k: ChosenDose(hold_seconds=7, reps=11) for k in KEYS}
    plan = build_plan(session, overrides=overrides)
    holds = {(s.exercise, s.part): s.seconds for s in plan.steps if s.kind == "hold"}
    assert holds[("raise", None)] == holds[("three", "back")] == 7
    assert holds[("three", "side")] == 3


# --- stepping up --------------------------------------------------------------------


def test_steady_pain_free_progress_goes_hold_then_reps_then_sets_to_the_top(session):
    patient = Patient(session)
    patient.train(times=30)
    assert patient.trail("raise") == [
        (5, 10, 2), (7, 10, 2), (9, 10, 2), (10, 10, 2), (10, 11, 2), (10, 12, 2), (10, 12, 3),
    ]  # fmt: skip
    changes = [seen["raise"].change for seen in patient.seen[:7]]
    assert changes == ["start", "same", "same", "up", "same", "same", "up"]
    assert patient.seen[3]["raise"].reason == (
        "7 s holds today: 3 workouts in a row at pain 2/10 or less"
    )
    assert patient.seen[1]["raise"].reason == (
        "5 s holds × 10 reps × 2 sets again: 2 more workouts at pain 2/10 or less to step up"
    )
    assert patient.trail("step") == [(None, 10, 1), (None, 11, 1), (None, 12, 1)]
    top = patient.today()["raise"]
    assert (top.change, top.reason) == (
        "same",
        "10 s holds × 12 reps × 3 sets: the top of what the session allows",
    )


def test_a_progression_target_lets_the_hold_grow_past_the_range(session):
    patient = Patient(session)
    doses = patient.train(times=3 * 20 + 5)
    assert as_tuple(doses["sit"].dose) == (60, 3, 1)
    assert max(d["sit"].dose.hold_seconds for d in patient.seen) == 60
    plan = build_plan(session, overrides={k: d.dose for k, d in doses.items()})
    assert {s.seconds for s in plan.steps if s.exercise == "sit" and s.kind == "hold"} == {60}


def test_acceptable_pain_holds_the_dose_and_restarts_the_count(session):
    patient = Patient(session)
    patient.train(times=2)
    doses = patient.train(pain=(1, 4, 1))
    assert as_tuple(doses["raise"].dose) == (5, 10, 2)
    assert doses["raise"].reason == (
        "5 s holds × 10 reps × 2 sets again: knee pain was 4/10 after the last workout;"
        " stepping up needs 2/10 or less"
    )
    assert patient.train(times=2)["raise"].dose.hold_seconds == 5
    assert patient.train()["raise"].dose.hold_seconds == 7


def test_a_missing_pain_score_or_a_partly_done_exercise_holds(session):
    patient = Patient(session)
    patient.train(times=2)
    doses = patient.train(pain=(None, None, None))
    assert doses["raise"].reason == (
        "5 s holds × 10 reps × 2 sets again: no pain score was logged for the last workout"
    )
    patient.train(times=2)
    doses = patient.train(outcome=lambda key: "partly done" if key == "raise" else "done")
    assert doses["raise"].change == "same" and "only partly done" in doses["raise"].reason
    assert doses["step"].change == "up"


# --- stepping back ------------------------------------------------------------------


def test_a_flare_up_steps_back_once_per_bad_workout_then_recovers(session):
    patient = Patient(session)
    patient.train(times=12)  # raise: (10, 11, 2)
    assert as_tuple(patient.today()["raise"].dose) == (10, 11, 2)
    doses = patient.train(pain=(2, 7, 4))
    assert as_tuple(doses["raise"].dose) == (10, 10, 2)  # the last step up is undone first
    assert (doses["raise"].change, doses["raise"].reason) == (
        "down",
        "Back to 10 reps: knee pain was 7/10 after the last workout",
    )
    doses = patient.train(pain=(6, 3, 3))
    assert as_tuple(doses["raise"].dose) == (8, 10, 2)
    assert doses["raise"].reason == "Back to 8 s holds: knee pain was 6/10 before the last workout"
    for _ in range(5):
        doses = patient.train(pain=(7, 8, 6))
    assert as_tuple(doses["raise"].dose) == (5, 10, 2)
    assert doses["raise"].change == "same"
    assert doses["raise"].reason == (
        "5 s holds × 10 reps × 2 sets again, the lowest the session allows:"
        " knee pain was 8/10 after the last workout"
    )
    doses = patient.train(times=3)
    assert (as_tuple(doses["raise"].dose), doses["raise"].change) == ((7, 10, 2), "up")


def test_pain_that_has_not_settled_by_the_next_morning_steps_back(session):
    patient = Patient(session)
    patient.train(times=3)
    doses = patient.train(pain=(0, 2, 3))
    assert as_tuple(doses["raise"].dose) == (5, 10, 2)
    assert doses["raise"].reason == (
        "Back to 5 s holds: knee pain was 3/10 the morning after the last workout"
    )


def test_morning_pain_back_where_it_was_before_the_workout_has_settled(session):
    patient = Patient(session)
    patient.train(times=3)
    doses = patient.train(pain=(3, 3, 3))  # a knee that starts each day at 3/10
    assert doses["raise"].dose.hold_seconds == 7
    assert doses["raise"].change == "same" and "knee pain was 3/10" in doses["raise"].reason


def test_cut_short_steps_back_only_that_exercise(session):
    patient = Patient(session)
    patient.train(times=3)
    doses = patient.train(outcome=lambda key: "cut short" if key == "raise" else "done")
    assert doses["raise"].dose.hold_seconds == 5
    assert doses["raise"].reason == "Back to 5 s holds: it was cut short at the last workout"
    assert doses["three/back"].dose.hold_seconds == 7
    assert doses["three/back"].change == "same"


def test_sharp_pain_steps_back_that_exercise_and_says_so(session):
    patient = Patient(session)
    patient.train(times=3)  # raise: 7 s holds
    doses = patient.train(outcome=lambda key: "sharp pain" if key == "raise" else "done")
    assert doses["raise"].dose.hold_seconds == 5 and doses["raise"].change == "down"
    assert doses["raise"].reason == "Back to 5 s holds: sharp pain during the last workout"
    assert doses["three/back"].dose.hold_seconds == 7  # the others hold
    # said whatever else happened: it names the exercise, the pain score does not
    patient.train(times=3)
    doses = patient.train(
        pain=(1, 7, 1), outcome=lambda key: "sharp pain" if key == "raise" else "done"
    )
    assert doses["raise"].reason.endswith("sharp pain during the last workout")
    # an exercise skipped after sharp pain in its first step still steps back
    patient.train(times=3)
    before = patient.today()["sit"].dose.hold_seconds
    patient.history.append(workout(patient.day, {"sit": UnitResult(None, "sharp pain")}, (1, 1, 1)))
    patient.day += 1
    assert patient.today()["sit"].dose.hold_seconds == before - 2
    # on the day: "during the workout on 3 Nov" once another workout came after
    patient.history.append(workout(patient.day + 1, {"raise": UnitResult(None)}))
    assert patient.today()["sit"].reason.startswith("Back to ")
    assert "sharp pain during the workout on" in patient.today()["sit"].reason


def test_a_gentler_workout_neither_sets_the_dose_nor_counts_to_step_up(session):
    patient = Patient(session)
    patient.train(times=3)  # raise: 7 s holds, the streak at 0
    patient.train(times=2)  # two of three towards the next step
    low = {key: UnitResult(ChosenDose(5, 10, 2)) for key in ("raise",)}
    patient.history.append(
        WorkoutResult(START + timedelta(days=patient.day), low, 1, 1, 0, gentler=True)
    )
    patient.day += 1
    doses = patient.today()
    assert doses["raise"].dose.hold_seconds == 7  # not the gentler one's 5 s
    assert doses["raise"].reason == (
        "7 s holds × 10 reps × 2 sets again: the last workout was a gentler one, at the lowest dose"
    )
    doses = patient.train()  # the third at the dose: the streak had waited
    assert doses["raise"].dose.hold_seconds == 9 and doses["raise"].change == "up"


# --- nothing happens ----------------------------------------------------------------


def test_skipped_days_and_skipped_exercises_change_nothing(session):
    patient = Patient(session)
    patient.train(times=2)
    patient.rest(days=21)
    doses = patient.train(outcome=lambda key: "skipped" if key == "raise" else "done")
    assert doses["raise"].dose.hold_seconds == 5 and doses["three/back"].dose.hold_seconds == 7
    # a key left out of the log is skipped too; the count of 2 is kept
    patient.history.append(workout(patient.day, {"sit": UnitResult(None)}))
    doses = patient.train(pain=(0, 0, None))
    assert as_tuple(doses["raise"].dose) == (7, 10, 2)
    assert doses["raise"].change == "up"


def test_a_reason_names_the_day_when_the_exercise_was_not_in_the_last_workout(session):
    patient = Patient(session)
    patient.train(pain=(1, 7, 2), times=4)  # raise at the low end, pain 7/10
    patient.history.append(workout(patient.day + 2, {"sit": UnitResult(None)}))
    reason = patient.today()["raise"].reason
    assert reason.endswith("knee pain was 7/10 after the workout on 4 Nov")


# --- by hand ------------------------------------------------------------------------


def test_a_dose_set_by_hand_stays_until_reset(session):
    patient = Patient(session)
    patient.set_by_hand("raise", ChosenDose(hold_seconds=9))
    patient.set_by_hand("raise", ChosenDose(reps=99))  # kept inside the range
    doses = patient.train(times=6)
    assert (as_tuple(doses["raise"].dose), doses["raise"].change) == ((9, 12, 2), "manual")
    assert doses["raise"].reason == "9 s holds × 12 reps × 2 sets, as set by hand on 1 Nov"
    doses = patient.train(pain=(1, 7, 1))
    assert doses["raise"].dose.hold_seconds == 9
    assert doses["raise"].reason.endswith(
        "; the rule would step back (knee pain was 7/10 after the last workout)"
    )
    patient.set_by_hand("raise", None)
    back = patient.today()["raise"]
    # the rule carries on from the dose actually done, 9 s, and the 7/10 steps it back
    assert (as_tuple(back.dose), back.change) == ((9, 11, 2), "down")
    assert back.reason == "Back to 11 reps: knee pain was 7/10 after the last workout"


def test_a_reset_straight_after_setting_by_hand_undoes_it(session):
    patient = Patient(session)
    patient.train(times=3)
    patient.set_by_hand("raise", ChosenDose(hold_seconds=10, reps=12, sets=3))
    patient.set_by_hand("raise", None)
    back = patient.today()["raise"]
    assert (as_tuple(back.dose), back.change) == ((7, 10, 2), "down")
    assert back.reason == (
        "7 s holds × 10 reps × 2 sets: back to the rule after the dose set by hand on 4 Nov"
    )
    assert todays_doses(session, [ManualDose(START, "nowhere", None)])["raise"].change == "start"


def test_the_logged_dose_is_where_the_rule_carries_on_from(session):
    units = {"raise": UnitResult(ChosenDose(hold_seconds=9, reps=40), "done")}
    doses = todays_doses(session, [workout(0, units)] * 2)
    assert as_tuple(doses["raise"].dose) == (9, 12, 2)  # inside the range, count started
    doses = todays_doses(session, [workout(0, units)] * 3)
    assert as_tuple(doses["raise"].dose) == (10, 12, 2)


# --- the rule's settings --------------------------------------------------------------


def test_order_and_steps_from_the_session_file(session):
    custom = session_from_yaml(
        SESSION.replace(
            "exercises:",
            "progression_rule: {workouts_to_progress: 1, steps: {hold_seconds: 5}}\nexercises:",
        ).replace(
            "    sets: [2, 3]\n", "    sets: [2, 3]\n    progression_rule: {order: [sets, reps]}\n"
        )
    )
    patient = Patient(custom)
    patient.train(times=5)
    assert patient.trail("raise") == [(5, 10, 2), (5, 10, 3), (5, 11, 3), (5, 12, 3)]
    assert patient.trail("three/back") == [(5, 10, 1), (10, 10, 1)]
    assert (
        patient.seen[1]["raise"].reason == "3 sets today: the last workout was at pain 2/10 or less"
    )
    doses = patient.train(pain=(0, 9, 0))
    assert as_tuple(doses["raise"].dose) == (5, 11, 3)  # back along the same order


def test_the_users_config_is_laid_over_the_sessions_rule(session):
    rule = merge_rule(
        session.progression_rule, {"safe_pain": 0, "acceptable_pain": 3, "steps": {"reps": 2}}
    )
    assert rule == ProgressionRule(0, 3, 3, ("hold_seconds", "reps", "sets"), DoseSteps(2, 2, 1))
    patient = Patient(session, rule)
    doses = patient.train(pain=(0, 1, 0), times=3)
    assert doses["raise"].dose.hold_seconds == 5
    assert "stepping up needs no pain" in doses["raise"].reason
    doses = patient.train(pain=(0, 0, 0), times=3)
    assert doses["raise"].reason == "7 s holds today: 3 workouts in a row pain-free"
    assert patient.train(pain=(4, 4, 0))["raise"].change == "down"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"safe_pian": 1}, "safe_pian: unknown key 'safe_pian' (did you mean 'safe_pain'?)"),
        ({"safe_pain": 11}, "safe_pain: must be a whole number from 0 to 10 (a pain score), got 11"),
        ({"safe_pain": True}, "safe_pain: must be a whole number from 0 to 10 (a pain score), got True"),
        ({"safe_pain": 6}, "safe_pain: safe_pain (6) must not be above acceptable_pain (5)"),
        ({"workouts_to_progress": 0}, "workouts_to_progress: must be a whole number, 1 or more, got 0"),
        ({"order": "reps"}, "order: expected a list such as [hold_seconds, reps, sets], got 'reps'"),
        ({"order": ["reps", "set"]}, "order[1]: must be one of hold_seconds, reps, sets; got 'set' (did you mean 'sets'?)"),
        ({"steps": {"hold_second": 1}}, "steps.hold_second: unknown key 'hold_second' (did you mean 'hold_seconds'?)"),
        ({"steps": {"time": 1}}, "steps.time: unknown key 'time'; expected one of: hold_seconds, reps, sets"),
        ({"steps": {"reps": 0.5}}, "steps.reps: must be a whole number greater than zero, got 0.5"),
        ({"steps": 2}, "steps: expected a mapping such as {reps: 1}, got 2"),
    ],
)  # fmt: skip
def test_merge_rule_names_the_bad_field(overrides, message):
    with pytest.raises(RuleError) as info:
        merge_rule(ProgressionRule(), overrides)
    assert str(info.value) == message
    assert info.value.field == message.split(":")[0]


def test_merge_rule_can_prefix_the_field_and_keeps_the_base_for_keys_not_given():
    with pytest.raises(RuleError, match=r"^progression\.steps\.sets: "):
        merge_rule(ProgressionRule(), {"steps": {"sets": -1}}, prefix="progression.")
    assert merge_rule(ProgressionRule(workouts_to_progress=5), {"order": []}) == ProgressionRule(
        workouts_to_progress=5, order=()
    )
    assert merge_rule(ProgressionRule(), {"steps": {"hold_seconds": 2.5}}).steps.hold_seconds == 2.5


def test_bad_history_values_are_refused():
    with pytest.raises(ValueError, match="pain_after must be a whole number from 0 to 10"):
        WorkoutResult(START, {}, pain_after=11)
    with pytest.raises(ValueError, match="outcome must be one of"):
        UnitResult(None, "finished")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="history entries are WorkoutResult or ManualDose"):
        todays_doses(session_from_yaml(SESSION), ["yesterday"])  # type: ignore[list-item]


def test_history_order_is_by_date_and_same_day_entries_keep_theirs(session):
    patient = Patient(session)
    patient.train(times=3)
    patient.train(pain=(1, 7, 1))
    shuffled = [patient.history[3], patient.history[1], patient.history[0], patient.history[2]]
    assert todays_doses(session, shuffled) == patient.today()


# --- plans and limits -----------------------------------------------------------------


def test_choose_dose_allows_up_to_the_progression_target_and_no_further(session):
    sit = session.exercise("sit")
    (part,) = sit.units()
    assert choose_dose(part, "low", ChosenDose(hold_seconds=45), sit.progression).hold_seconds == 45
    assert choose_dose(part, "low", ChosenDose(hold_seconds=99), sit.progression).hold_seconds == 60
    assert choose_dose(part, "low", ChosenDose(hold_seconds=99)).hold_seconds == 30
    assert choose_dose(part, "high").hold_seconds == 30  # --dose high is the range's end
    plan = build_plan(session, overrides={"sit": ChosenDose(hold_seconds=99, reps=7)})
    holds = [s for s in plan.steps if s.exercise == "sit" and s.kind == "hold"]
    assert {s.seconds for s in holds} == {60} and len(holds) == 3


@pytest.mark.parametrize("shipped_session", shipped(), ids=lambda s: s.id)
def test_shipped_sessions_plan_at_todays_dose(shipped_session):
    patient = Patient(shipped_session)
    for week in range(12):
        patient.train(times=4)
        patient.train(pain=(2, 6 if week % 3 == 2 else 1, 2))
        patient.rest(days=2)
    doses = patient.today()
    plan = build_plan(shipped_session, overrides={k: d.dose for k, d in doses.items()})
    units = progression_units(shipped_session)
    for key, decision in doses.items():
        unit = units[key]
        assert (
            choose_dose(unit.part, "low", decision.dose, unit.exercise.progression) == decision.dose
        )
        reps = [s for s in plan.steps if s.exercise == unit.exercise.id and s.reps is not None]
        assert {s.reps for s in reps if s.part == (unit.part.id or None)} == {decision.dose.reps}
    assert any(d.change != "start" for d in doses.values())


# --- every dose inside what the session allows ------------------------------------------

PAINS = st.one_of(st.none(), st.integers(0, 10))
OUTCOMES = st.sampled_from(["done", "done", "done", "cut short", "partly done", "skipped"])
DOSES = st.builds(
    ChosenDose,
    st.one_of(st.none(), st.floats(0.5, 200, allow_nan=False)),
    st.one_of(st.none(), st.integers(1, 50)),
    st.one_of(st.none(), st.integers(1, 6)),
)


def _entries(keys: Sequence[str]) -> st.SearchStrategy[list[WorkoutResult | ManualDose]]:
    key = st.sampled_from([*keys, "no-such-exercise"])
    workouts = st.builds(
        WorkoutResult,
        st.dates(date(2024, 1, 1), date(2024, 3, 1)),
        st.dictionaries(key, st.builds(UnitResult, st.one_of(st.none(), DOSES), OUTCOMES)),
        PAINS,
        PAINS,
        PAINS,
    )
    manual = st.builds(
        ManualDose, st.dates(date(2024, 1, 1), date(2024, 3, 1)), key, st.one_of(st.none(), DOSES)
    )
    return st.lists(st.one_of(workouts, workouts, workouts, manual), max_size=40)


SESSIONS = [session_from_yaml(SESSION), *shipped()]
RULES = st.builds(
    ProgressionRule,
    st.integers(0, 3),
    st.integers(3, 10),
    st.integers(1, 4),
    st.permutations(["hold_seconds", "reps", "sets"]).map(tuple),
    st.builds(DoseSteps, st.sampled_from([0.5, 1, 2, 7]), st.integers(1, 3), st.integers(1, 2)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), index=st.integers(0, len(SESSIONS) - 1), rule=RULES)
def test_every_dose_stays_inside_what_the_session_allows(data, index, rule):
    session = SESSIONS[index]
    units = progression_units(session, rule)
    history = data.draw(_entries(list(units)))
    for end in range(len(history) + 1):
        doses = todays_doses(session, history[:end], rule)
        assert list(doses) == list(units)
        for key, decision in doses.items():
            unit = units[key]
            limits = unit.limits
            hold, reps, sets = as_tuple(decision.dose)
            if limits.hold_seconds is None:
                assert hold is None
            else:
                assert limits.hold_seconds.low <= hold <= limits.hold_seconds.high
            assert limits.reps.low <= reps <= limits.reps.high
            assert limits.sets.low <= sets <= limits.sets.high
            assert choose_dose(unit.part, "low", decision.dose, unit.exercise.progression) == (
                decision.dose
            )
            assert decision.reason.strip() and decision.change in (
                "start", "up", "same", "down", "manual",
            )  # fmt: skip


def test_ten_years_of_daily_workouts_replay_quickly(session):
    """3,650 workouts of 15 units: the whole replay on every start must stay cheap."""
    wide = session_from_yaml(
        SESSION
        + "".join(
            f"  - {{id: extra{i}, name: Extra, kind: strength, steps: [Go.],"
            f" hold_seconds: [5, 60], reps: [5, 15], sets: [1, 3]}}\n"
            for i in range(10)
        )
    )
    keys = list(progression_units(wide))
    assert len(keys) == 15
    history = [
        workout(day, {k: UnitResult(None) for k in keys}, (1, (day % 7 == 6) * 6, day % 3))
        for day in range(3650)
    ]
    started = time.perf_counter()
    doses = todays_doses(wide, history)
    assert time.perf_counter() - started < 2.0  # about 0.1 s on a laptop
    assert all(d.reason for d in doses.values())


# --- the docs -------------------------------------------------------------------------


def test_the_example_in_docs_progression_loads_and_progresses_as_it_says():
    text = (ROOT / "docs" / "progression.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(id: .*?)```", text, re.DOTALL).group(1)
    session = session_from_yaml(example, "docs/progression.md")
    assert (session.progression_rule.safe_pain, session.progression_rule.workouts_to_progress) == (
        1,
        4,
    )
    patient = Patient(session)
    patient.train(times=4 * 9, pain=(0, 1, 0))
    assert [hold for hold, _, _ in patient.trail("wall-sit")] == list(range(20, 61, 5))
    assert patient.trail("step-up")[:3] == [(None, 10, 2), (None, 10, 3), (None, 11, 3)]


def test_the_snippet_in_docs_sessions_is_the_defaults():
    text = (ROOT / "docs" / "sessions.md").read_text(encoding="utf-8")
    snippet = re.search(r"```yaml\n(progression_rule:.*?)```", text, re.DOTALL).group(1)
    session = session_from_yaml(SESSION.replace("exercises:", snippet + "exercises:"))
    assert session.progression_rule == ProgressionRule()
