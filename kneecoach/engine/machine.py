"""The workout state machine: a plan run against an injected monotonic clock.

Time is derived, never counted. The current step started at ``_step_start`` (a
clock reading); it ends at ``_step_start + paused + seconds / speed``, and the next
step starts exactly there, not at the tick that noticed. So however irregular or
late the ticks, the session ends where the plan says, and a late tick reports every
event it passed, in order, each with its true time.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import replace

from kneecoach.engine.events import Event, EventKind, Outcome, Snapshot, StepRecord, Tick
from kneecoach.engine.model import Part
from kneecoach.engine.plan import Plan, Step

Clock = Callable[[], float]
COUNTDOWN_KINDS = frozenset({"timed", "prepare", "hold", "rest", "switch"})
EXTENDABLE_KINDS = COUNTDOWN_KINDS
EXTEND_SECONDS = 10.0
TEN = 10.0  # seconds before a hold's end that TEN_LEFT marks
RESUME_GET_READY = 10.0  # seconds, when the exercise carried on has no get-ready of its own


def get_ready_seconds(plan: Plan, index: int) -> float:
    """How long to get ready before carrying on at step ``index``: the get-ready of
    its exercise (as at its start), or ``RESUME_GET_READY``."""
    exercise = plan.session.exercises[plan.steps[index].exercise_index]
    return float(exercise.rests.prepare.low) or RESUME_GET_READY


class Workout:
    def __init__(
        self,
        plan: Plan,
        clock: Clock = time.monotonic,
        speed: float = 1.0,
        *,
        carry_on_get_ready: bool = True,
    ) -> None:
        """``carry_on_get_ready``: a workout started part-way (``start(first_step=…)``,
        carrying on an interrupted one) begins with a get-ready countdown before
        that step, unless the step is one."""
        if not plan.steps:
            raise ValueError("the plan has no steps")
        if not speed > 0:
            raise ValueError("speed must be greater than zero")
        self.plan = plan
        self.speed = float(speed)
        self.carry_on_get_ready = carry_on_get_ready
        self._lead_in: Step | None = None  # the get-ready before a step carried on
        self._clock = clock
        self._steps = plan.steps
        self._before = list(itertools.accumulate((s.seconds for s in self._steps), initial=0.0))
        self._starts = plan.exercise_starts()
        self.records = [StepRecord(step) for step in self._steps]
        self.sharp_pain: list[Step] = []  # where sharp pain was reported, in order
        self._recorded = 0.0  # clock seconds of every record, kept as records change
        self.state = "ready"
        self._events: list[Event] = []
        self._index = 0
        self._step_start = 0.0
        self._extra = 0.0  # seconds added to the current step with extend()
        self._paused_total = 0.0  # clock seconds paused during the current step
        self._paused_at: float | None = None
        self._pauses = 0
        self._last_elapsed = 0.0  # session seconds of the step already processed
        self._marks_key: tuple[int, float] | None = None
        self._marks_cache: list[tuple[float, EventKind, int | None]] = []

    # -- reading ------------------------------------------------------------------

    @property
    def index(self) -> int:
        return self._index

    @property
    def step(self) -> Step:
        """The step running now: the get-ready before a step carried on, then it."""
        return self._lead_in or self._steps[self._index]

    def tick(self, now: float | None = None) -> Tick:
        """Bring the machine up to ``now``; return what to show and what happened."""
        now = self._now(now)
        events = self.advance(now)
        return Tick(self.snapshot(now), events)

    def advance(self, now: float | None = None) -> list[Event]:
        """Bring the machine up to ``now``; what happened, in order (no snapshot:
        for a listener-only run, such as a rehearsal of the cues)."""
        self._advance(self._now(now))
        events, self._events = self._events, []
        return events

    def snapshot(self, now: float | None = None) -> Snapshot:
        now = self._now(now)
        step = self.step
        duration = step.seconds + self._extra
        if self.state == "ready":
            elapsed = 0.0
        elif self.state == "finished":
            elapsed = duration
        else:
            elapsed = min(duration, max(0.0, self._elapsed(now)))
        exercises = self.plan.session.exercises
        exercise_number = step.exercise_index + 1
        after = self._index if self._lead_in is not None else self._index + 1
        following = self._steps[after] if after < len(self._steps) else None
        if self._lead_in is not None:
            elapsed_in_plan = 0.0  # the get-ready is not part of the plan's time
        else:
            elapsed_in_plan = elapsed
        return Snapshot(
            state=self.state,
            speed=self.speed,
            step=step,
            exercise=exercises[step.exercise_index],
            part=self._part(step),
            step_seconds=duration,
            remaining=duration - elapsed,
            exercise_number=exercise_number,
            exercise_count=len(exercises),
            position=self._before[self._index] + elapsed_in_plan,
            total=self._before[-1] + self._extra,
            next_step=following,
            next_exercise=exercises[exercise_number] if exercise_number < len(exercises) else None,
            done_seconds=self._recorded * self.speed + self._current_done(elapsed),
        )

    def _current_done(self, elapsed: float) -> float:
        """Session seconds of the current step done so far (none before it starts,
        none of a get-ready before a step carried on, and none once it is recorded)."""
        if self.state in ("ready", "finished") or self._lead_in is not None:
            return 0.0
        return elapsed

    def set_record(self, index: int, record: StepRecord) -> None:
        """How step ``index`` went (the machine's own, or one carried over from the
        log when an interrupted workout carries on)."""
        self._recorded += record.active_seconds - self.records[index].active_seconds
        self.records[index] = record

    # -- controls -----------------------------------------------------------------

    def start(self, now: float | None = None, first_step: int = 0) -> None:
        """Start at the first step, or at ``first_step`` to carry on an interrupted run."""
        if self.state != "ready":
            return
        self.state = "running"
        first = min(max(0, first_step), len(self._steps) - 1)
        step = self._steps[first]
        if first > 0 and self.carry_on_get_ready and step.kind != "prepare":
            self._lead_in = replace(
                step, kind="prepare", seconds=get_ready_seconds(self.plan, first),
                ends_set=False, ends_exercise=False, self_paced=False,
            )  # fmt: skip
        self._begin(first, self._now(now), carried_on=first > 0)

    def pause(self, now: float | None = None) -> None:
        now = self._sync(now)
        if self.state == "running":
            self.state = "paused"
            self._paused_at = now
            self._pauses += 1
            self._emit(EventKind.PAUSED, now, self.step)

    def resume(self, now: float | None = None) -> None:
        now = self._now(now)
        if self.state == "paused" and self._paused_at is not None:
            self._paused_total += now - self._paused_at
            self._paused_at = None
            self.state = "running"
            self._emit(EventKind.RESUMED, now, self.step)

    def toggle_pause(self, now: float | None = None) -> None:
        if self.state == "paused":
            self.resume(now)
        else:
            self.pause(now)

    def skip_step(self, now: float | None = None) -> None:
        """End the current step now (a rest, say) and start the next one."""
        now = self._sync(now)
        if self._live() and self._lead_in is not None:  # ready now: the step starts
            self._lead_in = None
            self._begin(self._index, now, carried_on=True)
        elif self._live():
            if self._index + 1 < len(self._steps):
                self._jump(self._index + 1, now)
            else:
                self._end_session(now)

    def next_exercise(self, now: float | None = None) -> None:
        now = self._sync(now)
        if self._live():
            later = [start for start in self._starts if start > self._index]
            if later:
                self._jump(later[0], now)
            else:
                self._end_session(now)

    def previous_exercise(self, now: float | None = None) -> None:
        now = self._sync(now)
        if self._live():
            current = self.step.exercise_index
            self._jump(self._starts[max(0, current - 1)], now)

    def restart_exercise(self, now: float | None = None) -> None:
        now = self._sync(now)
        if self._live():
            self._jump(self._starts[self.step.exercise_index], now)

    def extend(self, seconds: float = EXTEND_SECONDS, now: float | None = None) -> bool:
        """Add ``seconds`` to the current hold, rest, switch or timed step."""
        self._sync(now)
        if not self._live() or self.step.kind not in EXTENDABLE_KINDS:
            return False
        self._extra += seconds
        return True

    def count_rep(self, now: float | None = None) -> bool:
        """The user says a self-paced rep is done; False if this step is not one."""
        now = self._sync(now)
        if not self._live() or not self.step.self_paced:
            return False
        if self.state == "paused":
            self.resume(now)
        self._complete(now, Outcome.DONE)
        return True

    def report_sharp_pain(self, now: float | None = None) -> Step | None:
        """Sharp pain in the current exercise: it is reported (``SHARP_PAIN``), the
        step in progress is cut short and the rest of the exercise, its other parts
        included, skipped. The step it happened in, or None when nothing runs."""
        now = self._sync(now)
        if not self._live():
            return None
        step = self.step
        self.sharp_pain.append(step)
        self._emit(EventKind.SHARP_PAIN, now, step)
        later = [start for start in self._starts if start > self._index]
        if later:
            self._jump(later[0], now)
        else:
            self._end_session(now)
        return step

    def finish(self, now: float | None = None) -> None:
        """Finish early: the current step is cut short and the session ends."""
        now = self._sync(now)
        if self._live():
            self._end_session(now)

    # -- internals ----------------------------------------------------------------

    def _now(self, now: float | None) -> float:
        return self._clock() if now is None else now

    def _sync(self, now: float | None) -> float:
        now = self._now(now)
        self._advance(now)
        return now

    def _live(self) -> bool:
        return self.state in ("running", "paused")

    def _part(self, step: Step) -> Part | None:
        if step.part is None:
            return None
        exercise = self.plan.session.exercises[step.exercise_index]
        return next((part for part in exercise.parts if part.id == step.part), None)

    def _elapsed(self, now: float) -> float:
        """Session seconds of activity in the current step at clock time ``now``."""
        paused = self._paused_total
        if self._paused_at is not None:
            paused += max(0.0, now - self._paused_at)
        return (now - self._step_start - paused) * self.speed

    def _at(self, elapsed: float) -> float:
        """The clock time at which the current step reaches ``elapsed`` session seconds."""
        return self._step_start + self._paused_total + elapsed / self.speed

    def _emit(
        self,
        kind: EventKind,
        at: float,
        step: Step | None,
        *,
        seconds_left: int | None = None,
        outcome: Outcome | None = None,
        active_seconds: float | None = None,
        early: bool = False,
    ) -> None:
        self._events.append(Event(kind, at, step, seconds_left, outcome, active_seconds, early))

    def _advance(self, now: float) -> None:
        while self.state == "running":
            step = self.step
            duration = step.seconds + self._extra
            elapsed = min(duration, self._elapsed(now))
            for mark, kind, left in self._marks_of(step, duration):
                if self._last_elapsed < mark <= elapsed:
                    self._emit(kind, self._at(mark), step, seconds_left=left)
            timed = not step.self_paced or step.timed_fallback
            self._last_elapsed = max(self._last_elapsed, elapsed)
            if elapsed < duration or not timed:  # a self-paced rep ends on count_rep()
                return
            if self._lead_in is not None:  # ready: the step carried on starts
                self._lead_in = None
                self._begin(self._index, self._at(duration), carried_on=True)
                continue
            self._complete(
                self._at(duration), Outcome.EXTENDED if self._extra > 0 else Outcome.DONE
            )

    def _marks_of(self, step: Step, duration: float) -> list[tuple[float, EventKind, int | None]]:
        """``_marks`` of the current step, worked out once per step and length (not
        on every tick: this is the machine's hot path)."""
        key = (step.index, duration)
        if self._marks_key != key:
            self._marks_key, self._marks_cache = key, self._marks(step, duration)
        return self._marks_cache

    @staticmethod
    def _marks(step: Step, duration: float) -> list[tuple[float, EventKind, int | None]]:
        """The moments inside a step that are reported, in order: session seconds
        into it, the event, the seconds left it announces. The last three seconds of
        anything counted down (again, after ``extend``); halfway through a hold and
        ten seconds before its end (when it is longer than that); the turn of a
        tempo rep."""
        marks: list[tuple[float, EventKind, int | None]] = []
        if step.kind in COUNTDOWN_KINDS:
            marks += [(duration - left, EventKind.COUNTDOWN, left) for left in (3, 2, 1)]
            marks = [mark for mark in marks if mark[0] > 0]
        if step.kind == "hold":  # halfway as planned: ten more seconds do not move it
            marks.append((step.seconds / 2, EventKind.HALFWAY, None))
            if duration > TEN:
                marks.append((duration - TEN, EventKind.TEN_LEFT, int(TEN)))
        if step.kind == "rep" and (not step.self_paced or step.timed_fallback):
            marks.append((step.seconds / 2, EventKind.REP_TURN, None))
        return sorted(marks, key=lambda mark: mark[0])

    def _complete(self, end: float, outcome: Outcome) -> None:
        """The current step is done at ``end``: report it and start the next one."""
        step = self.step
        self._close(end, outcome)
        if step.ends_set:
            self._emit(EventKind.SET_DONE, end, step)
        if step.ends_exercise:
            self._emit(EventKind.EXERCISE_DONE, end, step)
        if self._index + 1 >= len(self._steps):
            self._finish_state(end, early=False)
        else:
            self._begin(self._index + 1, end)

    def _close(self, at: float, outcome: Outcome) -> None:
        """Record and report the end of the current step at clock time ``at``."""
        step = self._steps[self._index]
        active = max(0.0, self._elapsed(at)) / self.speed
        if self._lead_in is not None:  # left during its get-ready: the step was not begun
            self._lead_in = None
            active = 0.0
        if outcome is not Outcome.DONE and outcome is not Outcome.EXTENDED:
            outcome = Outcome.CUT_SHORT if active > 0 else Outcome.SKIPPED
        self.set_record(self._index, StepRecord(step, outcome, active, self._pauses))
        self._emit(EventKind.STEP_ENDED, at, step, outcome=outcome, active_seconds=active)

    def _begin(self, index: int, at: float, *, carried_on: bool = False) -> None:
        """Start step ``index`` at ``at``; ``carried_on``: it (or its get-ready) is
        where an interrupted workout carries on, so no side switch is announced."""
        previous = self._steps[index - 1] if index > 0 and not carried_on else None
        self._index = index
        self._step_start = at
        self._extra = 0.0
        self._paused_total = 0.0
        self._pauses = 0
        self._last_elapsed = 0.0
        if self.state == "paused":  # a jump while paused: the new step starts paused
            self._paused_at = at
            self._pauses = 1
        step = self.step
        self._emit(EventKind.STEP_STARTED, at, step)
        if (
            step.side is not None
            and previous is not None
            and previous.exercise_index == step.exercise_index
            and previous.part == step.part
            and previous.side is not None
            and previous.side != step.side
        ):
            self._emit(EventKind.SIDE_SWITCH, at, step)

    def _jump(self, index: int, now: float) -> None:
        self._close(now, Outcome.SKIPPED)
        for passed in range(self._index + 1, index):  # jumped over: skipped, and said so
            step = self._steps[passed]
            self.set_record(passed, StepRecord(step, Outcome.SKIPPED, 0.0, 0))
            self._emit(EventKind.STEP_ENDED, now, step, outcome=Outcome.SKIPPED, active_seconds=0.0)
        self._begin(index, now)

    def _end_session(self, now: float) -> None:
        self._close(now, Outcome.SKIPPED)
        self._finish_state(now, early=True)

    def _finish_state(self, at: float, early: bool) -> None:
        self.state = "finished"
        self._paused_at = None
        self._emit(EventKind.SESSION_DONE, at, self.step, early=early)
