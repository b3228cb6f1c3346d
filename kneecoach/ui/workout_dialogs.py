"""The dialogs over a running workout, for the app: help, the quit question and
the command palette.

Each pauses the workout while it is open and carries it on when it closes
(``WorkoutScreen.pause_for_dialog``), so that no hold runs unseen. Quitting asks
first while a workout runs, however it is asked for: `q` on the workout, Ctrl+C,
or the palette's Quit, which closes the palette and asks as `q` does, pain-after
question included. The palette also lists the workout's keys, each run by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import App, SystemCommand
from textual.screen import Screen

if TYPE_CHECKING:
    from kneecoach.engine import Session
    from kneecoach.services.logbook import Logbook
    from kneecoach.ui.screens.workout import WorkoutScreen

# Said in the terminal after the app has gone, so that a person who quit knows
# where their workout stands.
CARRY_ON = "Saved. Start kneecoach again today to carry on where you stopped."
QUIT = "Stopped. This workout was not logged."


class WorkoutDialogs:
    def __init__(self, app: App[int], logbook: Callable[[], Logbook | None]) -> None:
        """``logbook()``: the app's log, where a workout quit is kept as interrupted."""
        self.app = app
        self.logbook = logbook
        self.under_palette: WorkoutScreen | None = None  # paused while the palette is open

    def help(self, screen: WorkoutScreen, session: Session) -> None:
        from kneecoach.ui.screens.safety import SafetyNotice

        self.app.push_screen(
            SafetyNotice(session, first_time=False),
            lambda _: screen.resume_after_dialog(),
        )

    def ask_quit(self, screen: WorkoutScreen) -> None:
        """Keep going, finish early (the summary follows), or quit straight out."""
        from kneecoach.ui.screens.confirm_quit import ConfirmQuit, QuitChoice

        def chosen(choice: QuitChoice | None) -> None:
            if choice == "finish":
                screen.action_finish()
            elif choice == "quit":  # interrupted: it can be carried on later today
                logbook = self.logbook()
                if logbook is not None:
                    logbook.interrupt(screen.workout)
                screen.action_quit_now()  # straight out: no summary screen
                self.app.exit(0, message=Text(CARRY_ON if logbook is not None else QUIT))
            else:
                screen.resume_after_dialog()

        self.app.push_screen(ConfirmQuit(), chosen)

    def quit_asking_first(self) -> None:
        """A workout running (or under the palette) asks first; anything else quits."""
        from textual.command import CommandPalette

        from kneecoach.ui.screens.workout import WorkoutScreen

        app = self.app
        if isinstance(app.screen, CommandPalette) and self.under_palette is not None:
            workout, self.under_palette = self.under_palette, None
            app.pop_screen()  # the palette, closed without a choice
            workout.resume_after_dialog()
            workout.action_request_quit()
        elif isinstance(app.screen, WorkoutScreen) and app.screen.workout.state != "finished":
            app.screen.action_request_quit()
        else:  # nothing is running, or the quit dialog itself is asking
            app.exit(0)

    def palette_opened(self) -> None:
        """The palette over a workout pauses it, so that no hold runs unseen."""
        from kneecoach.ui.screens.workout import WorkoutScreen

        stack = self.app.screen_stack
        under = stack[-2] if len(stack) > 1 else None
        if isinstance(under, WorkoutScreen):  # not over a dialog: that paused it already
            self.under_palette = under
            under.pause_for_dialog()

    def palette_closed(self) -> None:
        """Closed, with or without a command: the workout carries on (before the
        command runs, so that "Pause/resume" pauses and "Quit" asks)."""
        workout, self.under_palette = self.under_palette, None
        if workout is not None:
            workout.resume_after_dialog()

    def palette_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        """The workout's keys as commands, each running what its key runs."""
        from kneecoach.ui.screens.workout import WORKOUT_BINDINGS, WorkoutScreen

        if isinstance(screen, WorkoutScreen):
            for binding in WORKOUT_BINDINGS:
                keys = binding.key_display or binding.key
                run = partial(screen.run_action, binding.action)  # "app.x" reaches the app
                title = binding.tooltip or binding.description
                yield SystemCommand(title, f"Key: {keys}", run)
