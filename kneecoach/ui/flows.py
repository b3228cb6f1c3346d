"""The questions around a workout, in order, written as plain sequences.

At start-up: how the knee felt the morning after the last workout, then whether
to carry on a workout interrupted today. Before a workout: the safety notice (the
first time) and knee pain now. After it: knee pain and a note, then the summary.
Pain above the acceptable limit before a workout, or the morning after one, asks
when to stop (``WhenToStop``): a gentler workout, stop for today, or go on.
Each step waits for its dialog (``push_screen_wait`` in a worker), so the order is
read top to bottom rather than through nested callbacks. Rehearsals (``--speed``)
ask nothing: they are not real workouts.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App

from kneecoach.engine import Session, Workout
from kneecoach.engine.listeners import Listeners
from kneecoach.engine.machine import Clock
from kneecoach.engine.outcomes import PainChoice
from kneecoach.services.coach import Coach
from kneecoach.services.display import DisplayChoice
from kneecoach.services.doses import TodaysPlan
from kneecoach.services.logbook import resume_index
from kneecoach.store.records import LoggedWorkout, local_date
from kneecoach.ui.screens.pain import PainAnswer, PainPrompt
from kneecoach.ui.screens.resume import ResumePrompt
from kneecoach.ui.screens.safety import SafetyNotice
from kneecoach.ui.screens.summary import SummaryScreen
from kneecoach.ui.screens.when_to_stop import WhenToStop
from kneecoach.ui.screens.workout import WorkoutScreen

STOPPED = "No workout today. Rest your knee; the pain score is saved in your log."


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
        self.gentler_next = False  # chosen the morning after: the next workout is gentler

    def workout_screen(
        self,
        session: Session,
        *,
        resume: LoggedWorkout | None = None,
        planned: TodaysPlan | None = None,
        gentler: bool = False,
    ) -> WorkoutScreen:
        """``planned``: ``coach.plan_for(session)`` when the caller has just worked it out;
        ``gentler``: every exercise at its lowest dose, this once."""
        planned = planned or self.coach.plan_for(session, gentler=gentler)
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
            gentler=planned.gentler,
        )

    # -- start-up --------------------------------------------------------------------

    async def startup(self) -> None:
        """The morning-after question, the offer to resume, then the session named
        on the command line (if one was)."""
        if self.coach.logbook is not None:
            if await self._ask_morning_after():  # stopped for today
                if self.coach.start is not None:  # `run SESSION`: nothing else to show
                    self.app.exit(0, message=Text(STOPPED))
                return
            if await self._offer_resume():
                return
        if self.coach.start is not None:
            await self._start(self.coach.start, from_picker=False)

    async def _ask_morning_after(self) -> bool:
        """The morning-after question; True when the person then stopped for today."""
        logbook = self.coach.logbook
        assert logbook is not None
        due = logbook.morning_after_due()
        if due is None:
            return False
        day = local_date(due.ended_at or due.started_at).strftime("%a %-d %b")
        answer: PainAnswer = await self.app.push_screen_wait(
            PainPrompt(
                f"How did your knee feel the morning after your workout on {day}?",
                hint="0 = no pain, 10 = the worst you can imagine. Enter with no number skips.",
            )
        )
        logbook.record_morning_after(due.id, answer.pain)
        if answer.pain is None or answer.pain <= self.coach.pain_limit():
            return False
        moment = f"the morning after your workout on {day}"
        choice = await self.app.push_screen_wait(WhenToStop(answer.pain, moment))
        logbook.record_morning_after_choice(due.id, choice)
        self.gentler_next = choice is PainChoice.GENTLER
        if choice is PainChoice.STOP:
            self.app.notify(STOPPED, timeout=10)
        return choice is PainChoice.STOP

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
        # a gentler workout carries on gentler: the same plan, so the same steps
        planned = coach.plan_for(session, gentler=stopped.gentler) if session else None
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
        await self._run(session, resume=stopped, planned=planned, pain_choice=stopped.pain_choice)
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
        choice = PainChoice.GENTLER if self.gentler_next else None
        logbook = self.coach.logbook
        if self.coach.asks_pain and logbook is not None:
            answer: PainAnswer = await self.app.push_screen_wait(
                PainPrompt("Knee pain right now, 0–10?")
            )
            pain = answer.pain
            if pain is not None and pain > self.coach.pain_limit():
                choice = await self.app.push_screen_wait(WhenToStop(pain, "before this workout"))
                if choice is PainChoice.STOP:
                    logbook.stopped(session, pain)  # the pain score, and the choice, kept
                    self.gentler_next = False
                    if from_picker:
                        self.app.notify(STOPPED, timeout=10)
                    else:  # `run SESSION`: nothing else to show, but that it is saved
                        self.app.exit(0, message=Text(STOPPED))
                    return
        self.gentler_next = False  # this once
        await self._run(session, pain_before=pain, pain_choice=choice)

    async def _run(
        self,
        session: Session,
        *,
        pain_before: int | None = None,
        resume: LoggedWorkout | None = None,
        planned: TodaysPlan | None = None,
        pain_choice: PainChoice | None = None,
    ) -> None:
        gentler = pain_choice is PainChoice.GENTLER
        screen = self.workout_screen(session, resume=resume, planned=planned, gentler=gentler)
        if self.coach.logbook is not None:
            self.coach.logbook.begin(
                screen.workout, pain_before=pain_before, resume=resume, pain_choice=pain_choice
            )
        await self.app.push_screen(screen)

    async def finish(self, workout: Workout, *, gentler: bool = False) -> None:
        """Pain after the workout and a note, then the summary (``gentler``: it was
        the gentler workout, which the summary says)."""
        logbook = self.coach.logbook
        if self.coach.asks_pain and logbook is not None and workout.speed == 1:
            answer: PainAnswer = await self.app.push_screen_wait(
                PainPrompt("Knee pain now, after the workout, 0–10?", with_note=True)
            )
            logbook.after(workout, answer.pain, answer.note)
            pain = (logbook.pain_before(workout), answer.pain)
            await self.app.push_screen(
                SummaryScreen(workout, pain=pain, note=answer.note, gentler=gentler)
            )
            return
        await self.app.push_screen(SummaryScreen(workout, gentler=gentler))
