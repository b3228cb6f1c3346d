"""The command palette over a workout, for the app.

Opened over a workout, the palette pauses it, so that no hold runs unseen, and
closing it carries the workout on. Its Quit (like Ctrl+C, and `q` where it quits)
asks first while a workout runs, as `q` on the workout does, pain-after question
included. And it lists the workout's keys, so each can be run by name.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.screen import Screen

if TYPE_CHECKING:
    from kneecoach.ui.screens.workout import WorkoutScreen


class WorkoutPalette:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.under: WorkoutScreen | None = None  # paused while the palette is open

    def opened(self) -> None:
        """The palette over a workout pauses it, so that no hold runs unseen."""
        from kneecoach.ui.screens.workout import WorkoutScreen

        stack = self.app.screen_stack
        under = stack[-2] if len(stack) > 1 else None
        if isinstance(under, WorkoutScreen):  # not over a dialog: that paused it already
            self.under = under
            under.pause_for_dialog()

    def closed(self) -> None:
        """Closed, with or without a command: the workout carries on (before the
        command runs, so that "Pause/resume" pauses and "Quit" asks)."""
        workout, self.under = self.under, None
        if workout is not None:
            workout.resume_after_dialog()

    def quit_asking_first(self) -> None:
        """A workout running (or under the palette) asks first; anything else quits."""
        from textual.command import CommandPalette

        from kneecoach.ui.screens.workout import WorkoutScreen

        app = self.app
        if isinstance(app.screen, CommandPalette) and self.under is not None:
            workout, self.under = self.under, None
            app.pop_screen()  # the palette, closed without a choice
            workout.resume_after_dialog()
            workout.action_request_quit()
        elif isinstance(app.screen, WorkoutScreen) and app.screen.workout.state != "finished":
            app.screen.action_request_quit()
        else:  # nothing is running, or the quit dialog itself is asking
            app.exit(0)

    def workout_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        """The workout's keys as commands, each running what its key runs."""
        from kneecoach.ui.screens.workout import WORKOUT_BINDINGS, WorkoutScreen

        if isinstance(screen, WorkoutScreen):
            for binding in WORKOUT_BINDINGS:
                keys = binding.key_display or binding.key
                run = partial(screen.run_action, binding.action)  # "app.x" reaches the app
                title = binding.tooltip or binding.description
                yield SystemCommand(title, f"Key: {keys}", run)
