"""What the live app asks of kneecoach below the screen: the sessions it knows,
today's plan for each, whether to ask about pain, the acknowledged safety
notices and the workout log. Plain Python, so the questions a workout raises can
be answered (and tested) without Textual.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from kneecoach.engine import ProgressionRule, Session, Workout, merge_rule
from kneecoach.engine.machine import Clock
from kneecoach.services.acknowledgements import Acknowledgements, MemoryAcknowledgements
from kneecoach.services.catalog import Unusable, unit_names
from kneecoach.services.doses import TodaysPlan, todays_plan
from kneecoach.services.logbook import Logbook, carry_over
from kneecoach.store.records import LoggedWorkout


class Coach:
    def __init__(
        self,
        sessions: Sequence[Session] = (),
        *,
        start: Session | None = None,
        speed: float = 1.0,
        logbook: Logbook | None = None,
        acknowledgements: Acknowledgements | None = None,
        progression: Mapping[str, Any] | None = None,
        unusable: Sequence[Unusable] = (),
    ) -> None:
        self.sessions = list(sessions)  # the picker's
        self.unusable = list(unusable)  # files the picker lists as unusable
        self.start = start  # the one named on the command line
        self.speed = speed
        self.logbook = logbook
        self.acknowledgements = acknowledgements or MemoryAcknowledgements()
        self.progression = dict(progression or {})  # the config file's [progression]

    @property
    def rehearsal(self) -> bool:
        return self.speed != 1

    @property
    def asks_pain(self) -> bool:
        """Real workouts with a log ask about pain; rehearsals never do."""
        return self.logbook is not None and not self.rehearsal

    @property
    def known_sessions(self) -> list[Session]:
        """The picker's sessions and the one named on the command line."""
        return [*self.sessions, *([self.start] if self.start else [])]

    def find_session(self, session_id: str) -> Session | None:
        return next((s for s in self.known_sessions if s.id == session_id), None)

    def unit_names(self) -> dict[str, str]:
        return unit_names(self.known_sessions)

    def plan_for(self, session: Session, *, gentler: bool = False) -> TodaysPlan:
        """Today's plan of ``session``: each exercise at the dose the log points to
        (``gentler``: at the lowest dose instead, this once)."""
        log = None
        if self.logbook is not None:
            self.logbook.writer.flush(timeout=1)  # a morning-after answer just given counts
            log = self.logbook.log
        planned = todays_plan(session, log, self.progression)
        return replace(planned, gentler=True) if gentler else planned

    def pain_limit(self) -> int:
        """The pain above which the rule steps back (the user's setting or 5)."""
        return merge_rule(
            ProgressionRule(), self.progression, prefix="progression."
        ).acceptable_pain

    def new_workout(
        self,
        planned: TodaysPlan,
        clock: Clock,
        resume: LoggedWorkout | None = None,
    ) -> tuple[Workout, int]:
        """A workout of today's plan, and the step to start at (not 0 when it
        carries on ``resume``, a workout interrupted today, at that workout's speed:
        a rehearsal stays a rehearsal)."""
        speed = resume.speed if resume is not None else self.speed
        workout = Workout(planned.plan, clock=clock, speed=speed)
        first = carry_over(workout, resume) if resume is not None else 0
        return workout, first
