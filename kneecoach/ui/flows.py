"""The questions around a workout, in order, written as plain sequences.

At start-up: how the knee felt the morning after the last workout, then whether
to carry on a workout interrupted today. Before a workout: the safety notice (the
first time) and knee pain now. After it: knee pain and a note, then the summary.
Each step waits for its dialog (``push_screen_wait`` in a worker), so the order is
read top to bottom rather than through nested callbacks. Rehearsals (``--speed``)
ask nothing: they are not real workouts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from kneecoach.engine import Outcome, Plan, Session, StepRecord, Workout
from kneecoach.engine.progression import DoseDecision
from kneecoach.logbook import resume_index
from kneecoach.store.records import LoggedWorkout, local_date
from kneecoach.ui.screens.pain import PainAnswer, PainPrompt
from kneecoach.ui.screens.resume import ResumePrompt
from kneecoach.ui.screens.safety import SafetyNotice
from kneecoach.ui.screens.summary import SummaryScreen

if TYPE_CHECKING:
    from kneecoach.ui.app import KneecoachApp

MORNING_WARNING = (
    "Knee pain of {pain}/10 the morning after: both articles advise seeing a clinician "
    "when pain lasts more than 24 hours. kneecoach will step back the next dose."
)


class WorkoutFlows:
    """Mixed into ``KneecoachApp``: everything between the picker and the summary."""

    @property
    def _app(self) -> KneecoachApp:
        return self  # type: ignore[return-value]

    @property
    def asks_pain(self) -> bool:
        return self._app.logbook is not None and self._app.speed == 1

    # -- start-up --------------------------------------------------------------------

    @work(exclusive=True, group="flow")
    async def startup_flow(self) -> None:
        app = self._app
        if app.logbook is not None:
            await self._ask_morning_after()
            if await self._offer_resume():
                return
        if app.start_session is not None:
            await self._start(app.start_session, from_picker=False)

    async def _ask_morning_after(self) -> None:
        app = self._app
        assert app.logbook is not None
        due = app.logbook.morning_after_due()
        if due is None:
            return
        day = local_date(due.ended_at or due.started_at).strftime("%a %-d %b")
        answer: PainAnswer = await app.push_screen_wait(
            PainPrompt(
                f"How did your knee feel the morning after your workout on {day}?",
                hint="0 = no pain, 10 = the worst you can imagine. Enter with no number skips.",
            )
        )
        app.logbook.record_morning_after(due.id, answer.pain)
        if answer.pain is not None and answer.pain > app.progression_limit():
            app.notify(MORNING_WARNING.format(pain=answer.pain), severity="warning", timeout=20)

    async def _offer_resume(self) -> bool:
        """Offer today's interrupted workout; True when it was resumed."""
        app = self._app
        assert app.logbook is not None
        # `run SESSION` offers only that session's; the picker offers any
        wanted = app.start_session.id if app.start_session is not None else None
        stopped = app.logbook.resumable(wanted)
        if stopped is None:
            return False
        session = app.find_session(stopped.session)
        planned = app.plan_for(session) if session is not None else None
        plan = planned[0] if planned is not None else None
        index = resume_index(stopped)
        if (
            session is None
            or plan is None
            or session.content_hash != stopped.session_hash
            or index >= len(plan.steps)
        ):
            app.logbook.close_interrupted(stopped.id)  # nothing it could carry on
            return False
        where = session.exercises[plan.steps[index].exercise_index].name
        when = stopped.started_at.astimezone().strftime("%H:%M")
        if not await app.push_screen_wait(ResumePrompt(stopped.title, when, where)):
            app.logbook.close_interrupted(stopped.id)
            return False
        await self._run(session, resume=stopped, planned=planned)
        return True

    # -- one workout ---------------------------------------------------------------

    @work(exclusive=True, group="flow")
    async def start_flow(self, session: Session) -> None:
        await self._start(session, from_picker=True)

    async def _start(self, session: Session, *, from_picker: bool) -> None:
        app = self._app
        if not app.acknowledgements.is_acknowledged(session.id):
            if not await app.push_screen_wait(SafetyNotice(session, first_time=True)):
                if not from_picker:  # `run SESSION` declined: nothing else to show
                    app.exit(0)
                return
            app.acknowledgements.acknowledge(session.id)
        pain = None
        if self.asks_pain:
            answer: PainAnswer = await app.push_screen_wait(
                PainPrompt("Knee pain right now, 0–10?")
            )
            pain = answer.pain
        await self._run(session, pain_before=pain)

    async def _run(
        self,
        session: Session,
        *,
        pain_before: int | None = None,
        resume: LoggedWorkout | None = None,
        planned: tuple[Plan, dict[str, DoseDecision]] | None = None,
    ) -> None:
        app = self._app
        screen = app.workout_screen(session, resume=resume, planned=planned)
        if app.logbook is not None:
            resumes = resume.id if resume else None
            app.logbook.begin(screen.workout, pain_before=pain_before, resumes=resumes)
        await app.push_screen(screen)

    @work(exclusive=True, group="flow")
    async def finish_flow(self, workout: Workout) -> None:
        app = self._app
        if self.asks_pain and app.logbook is not None:
            answer: PainAnswer = await app.push_screen_wait(
                PainPrompt("Knee pain now, after the workout, 0–10?", with_note=True)
            )
            app.logbook.after(workout, answer.pain, answer.note)
            pain = (app.logbook.pain_before(workout), answer.pain)
            await app.push_screen(SummaryScreen(workout, pain=pain, note=answer.note))
            return
        await app.push_screen(SummaryScreen(workout))


def carry_over(workout: Workout, resume: LoggedWorkout) -> int:
    """Fill ``workout``'s records with the steps already logged; the step to start at."""
    for step in resume.steps:
        if 0 <= step.index < len(workout.records):
            planned = workout.plan.steps[step.index]
            workout.records[step.index] = StepRecord(
                planned, Outcome(step.outcome), step.actual_seconds, step.pauses
            )
    return resume_index(resume)
