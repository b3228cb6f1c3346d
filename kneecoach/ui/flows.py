"""The questions around a workout, in order, written as plain sequences.

At start-up: how the knee felt the morning after the last workout, then whether
to carry on a workout interrupted today. Before a workout: the safety notice (the
first time) and knee pain now. After it: knee pain and a note, then the summary.
Each step waits for its dialog (``push_screen_wait`` in a worker), so the order is
read top to bottom rather than through nested callbacks. Rehearsals (``--speed``)
ask nothing: they are not real workouts.
"""

from __future__ import annotations

from textual.app import App

from kneecoach.engine import Session, Workout
from kneecoach.engine.listeners import Listeners
from kneecoach.engine.machine import Clock
from kneecoach.services.coach import Coach
from kneecoach.services.display import DisplayChoice
from kneecoach.services.doses import TodaysPlan
from kneecoach.services.logbook import resume_index
from kneecoach.store.records import LoggedWorkout, local_date
from kneecoach.ui.screens.pain import PainAnswer, PainPrompt
from kneecoach.ui.screens.resume import ResumePrompt
from kneecoach.ui.screens.safety import SafetyNotice
from kneecoach.ui.screens.summary import SummaryScreen
from kneecoach.ui.screens.workout import WorkoutScreen

MORNING_WARNING = (
    "Knee pain of {pain}/10 the morning after: both articles advise seeing a clinician "
    "when pain lasts more than 24 hours. kneecoach will step back the next dose."
)


class WorkoutFlows:
    """Everything between the picker and the summary, for ``app``: each flow is a
    coroutine the app runs as a worker, so it can wait for its dialogs."""

    def __init__(
        self,
        app: App[int],
        coach: Coach,
        *,
        clock: Clock,
        listeners: Listeners,
        live_ticker: bool,
        display: DisplayChoice | None = None,
    ) -> None:
        self.app = app
        self.coach = coach
        self.clock = clock
        self.listeners = listeners
        self.live_ticker = live_ticker  # False in tests: they tick by hand
        self.display = display or DisplayChoice()

    def workout_screen(
        self,
        session: Session,
        *,
        resume: LoggedWorkout | None = None,
        planned: TodaysPlan | None = None,
    ) -> WorkoutScreen:
        """``planned``: ``coach.plan_for(session)`` when the caller has just worked it out."""
        planned = planned or self.coach.plan_for(session)
        workout, first = self.coach.new_workout(planned, self.clock, resume)
        return WorkoutScreen(
            workout,
            clock=self.clock,
            listeners=self.listeners,
            live_ticker=self.live_ticker,
            first_step=first,
            reasons=planned.reasons,
            layout=self.display.layout,
            muted=self.listeners.muted,
        )

    # -- start-up --------------------------------------------------------------------

    async def startup(self) -> None:
        """The morning-after question, the offer to resume, then the session named
        on the command line (if one was)."""
        if self.coach.logbook is not None:
            await self._ask_morning_after()
            if await self._offer_resume():
                return
        if self.coach.start is not None:
            await self._start(self.coach.start, from_picker=False)

    async def _ask_morning_after(self) -> None:
        logbook = self.coach.logbook
        assert logbook is not None
        due = logbook.morning_after_due()
        if due is None:
            return
        day = local_date(due.ended_at or due.started_at).strftime("%a %-d %b")
        answer: PainAnswer = await self.app.push_screen_wait(
            PainPrompt(
                f"How did your knee feel the morning after your workout on {day}?",
                hint="0 = no pain, 10 = the worst you can imagine. Enter with no number skips.",
            )
        )
        logbook.record_morning_after(due.id, answer.pain)
        if answer.pain is not None and answer.pain > self.coach.pain_limit():
            self.app.notify(
                MORNING_WARNING.format(pain=answer.pain), severity="warning", timeout=20
            )

    async def _offer_resume(self) -> bool:
        """Offer today's interrupted workout; True when it was resumed. A real run
        is offered a real workout, a rehearsal a rehearsal (carried on at its own
        speed); carrying on asks no pain question again (it was asked when the
        workout started) but still shows a safety notice never acknowledged."""
        coach, logbook = self.coach, self.coach.logbook
        assert logbook is not None
        # `run SESSION` offers only that session's; the picker offers any
        wanted = coach.start.id if coach.start is not None else None
        stopped = logbook.resumable(wanted, rehearsal=coach.rehearsal)
        if stopped is None:
            return False
        session = coach.find_session(stopped.session)
        planned = coach.plan_for(session) if session is not None else None
        index = resume_index(stopped)
        if (
            session is None
            or planned is None
            or session.content_hash != stopped.session_hash
            or index >= len(planned.plan.steps)
        ):
            logbook.close_interrupted(stopped.id)  # nothing it could carry on
            return False
        where = session.exercises[planned.plan.steps[index].exercise_index].name
        when = stopped.stopped_at.astimezone().strftime("%H:%M")
        title = stopped.title
        if stopped.is_rehearsal:
            title += f" (rehearsal ×{stopped.speed:g})"
        if not await self.app.push_screen_wait(ResumePrompt(title, when, where)):
            logbook.close_interrupted(stopped.id)
            return False
        if await self._safety_declined(session, from_picker=coach.start is None):
            return True
        await self._run(session, resume=stopped, planned=planned)
        return True

    # -- one workout ---------------------------------------------------------------

    async def start(self, session: Session) -> None:
        """A session chosen in the picker."""
        await self._start(session, from_picker=True)

    async def _safety_declined(self, session: Session, *, from_picker: bool) -> bool:
        """The safety notice the first time; True if the person declined it."""
        acknowledgements = self.coach.acknowledgements
        if acknowledgements.is_acknowledged(session.id):
            return False
        if not await self.app.push_screen_wait(SafetyNotice(session, first_time=True)):
            if not from_picker:  # `run SESSION` declined: nothing else to show
                self.app.exit(0)
            return True
        acknowledgements.problem = None
        acknowledgements.acknowledge(session.id)
        if acknowledgements.problem:
            self.app.notify(acknowledgements.problem, severity="warning", timeout=15)
        return False

    async def _start(self, session: Session, *, from_picker: bool) -> None:
        if await self._safety_declined(session, from_picker=from_picker):
            return
        pain = None
        if self.coach.asks_pain:
            answer: PainAnswer = await self.app.push_screen_wait(
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
        planned: TodaysPlan | None = None,
    ) -> None:
        screen = self.workout_screen(session, resume=resume, planned=planned)
        if self.coach.logbook is not None:
            self.coach.logbook.begin(screen.workout, pain_before=pain_before, resume=resume)
        await self.app.push_screen(screen)

    async def finish(self, workout: Workout) -> None:
        """Pain after the workout and a note, then the summary."""
        logbook = self.coach.logbook
        if self.coach.asks_pain and logbook is not None and workout.speed == 1:
            answer: PainAnswer = await self.app.push_screen_wait(
                PainPrompt("Knee pain now, after the workout, 0–10?", with_note=True)
            )
            logbook.after(workout, answer.pain, answer.note)
            pain = (logbook.pain_before(workout), answer.pain)
            await self.app.push_screen(SummaryScreen(workout, pain=pain, note=answer.note))
            return
        await self.app.push_screen(SummaryScreen(workout))
