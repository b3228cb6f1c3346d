"""`kneecoach` and `kneecoach run SESSION`: start the live UI, the picker or
straight into one session.

Nothing is read here: the app draws its first frame, then reads the session
files, the settings and the log on a worker thread (kneecoach.services.startup).
A problem found there ends the app; its lines are printed here, after the
terminal is restored, and the exit status is 1.

The screen needs a terminal to read keys from and to draw on. Without one (input
from /dev/null or a pipe, output into a pipe or a file) or on a terminal that
cannot draw it (TERM=dumb), it says so in one line and exits with status 2 before
Textual is even imported: no screen drawn into a pipe, no spinning on an input
that never comes.
"""

from __future__ import annotations

import argparse
import os
import sys

from kneecoach.cli.common import UsageError, data_folder
from kneecoach.engine.printable import printable

NO_TERMINAL = 2  # exit status: kneecoach cannot run its screen here
PLAIN_OUTPUT = "`kneecoach plan SESSION` prints a session's steps without the screen"


def terminal_problem() -> str | None:
    """Why the workout screen cannot run on this terminal, or None if it can."""
    if not sys.stdin.isatty():
        return (
            "the workout screen reads your keys from a terminal, and standard input is"
            " not one: run kneecoach in a terminal, without '<' or a pipe"
        )
    if not sys.stdout.isatty():
        return (
            "the workout screen draws on a terminal, and standard output is not one:"
            " run kneecoach without '>' or '|'"
        )
    if os.environ.get("TERM", "") == "dumb":
        return (
            "this terminal (TERM=dumb) cannot draw the workout screen: run kneecoach in"
            " a full terminal"
        )
    return None


def run(args: argparse.Namespace) -> int:
    problem = terminal_problem()
    if problem is not None:
        print(f"kneecoach: {problem} ({PLAIN_OUTPUT}).", file=sys.stderr)
        return NO_TERMINAL
    if args.theme is not None:
        _check_theme(args.theme)

    from kneecoach.settings.launch import LaunchOptions
    from kneecoach.ui.app import launch_app

    options = LaunchOptions(
        session=args.session if args.command == "run" else None,
        data_dir=data_folder(args),
        extra_dirs=tuple(args.sessions or ()),
        speed=args.speed,
        audio=args.audio,
        volume=args.volume,
        voice=args.voice,
        layout=args.layout,
    )
    app = launch_app(options, theme=args.theme)
    result = app.run()
    app.terminal_watch.stop()  # the app has finished: no watchdog to end it
    lines = app.user_error.lines if app.user_error is not None else []
    if app.unsaved is not None:  # the workout is kept, but not in the log yet
        lines.append(f"kneecoach: {app.unsaved}")
    try:
        for line in lines:
            print(printable(line), file=sys.stderr)
    except OSError:
        pass  # the terminal is gone: the exit status still says it
    return 1 if lines else result or app.return_code or 0


def _check_theme(name: str) -> None:
    from textual.theme import BUILTIN_THEMES

    if name not in BUILTIN_THEMES:
        raise UsageError(
            f"no theme called {name!r}; try one of: {', '.join(sorted(BUILTIN_THEMES))}"
        )
