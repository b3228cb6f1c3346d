"""`kneecoach` and `kneecoach run SESSION`: start the live UI, the picker or
straight into one session.

Nothing is read here: the app draws its first frame, then reads the session
files, the settings and the log on a worker thread (kneecoach.services.startup).
A problem found there ends the app; its lines are printed here, after the
terminal is restored, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import sys

from kneecoach.cli.common import UsageError, data_folder


def run(args: argparse.Namespace) -> int:
    from kneecoach.settings.launch import LaunchOptions
    from kneecoach.ui.app import launch_app

    if args.theme is not None:
        _check_theme(args.theme)
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
    if app.user_error is not None:
        for line in app.user_error.lines:
            print(line, file=sys.stderr)
        return 1
    return result or 0


def _check_theme(name: str) -> None:
    from textual.theme import BUILTIN_THEMES

    if name not in BUILTIN_THEMES:
        raise UsageError(
            f"no theme called {name!r}; try one of: {', '.join(sorted(BUILTIN_THEMES))}"
        )
