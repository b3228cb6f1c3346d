"""`kneecoach` and `kneecoach run SESSION`: start the live UI, the picker or
straight into one session. Textual is imported here, and only here."""

from __future__ import annotations

import argparse
import sys

from kneecoach.cli.common import UsageError, data_folder, progression_settings, sessions_dirs
from kneecoach.engine import Session
from kneecoach.services.catalog import discover, resolve
from kneecoach.settings.config import load_config


def run(args: argparse.Namespace) -> int:
    dirs = sessions_dirs(args)
    notices: list[str] = []
    start: Session | None = None
    sessions: list[Session] = []
    if args.command == "run":
        start = resolve(args.session, dirs)
    else:  # the picker lists them all, and says which files it could not read
        catalog = discover(dirs)
        for problem in catalog.problems:
            print(f"kneecoach: {problem}", file=sys.stderr)
            notices.append(f"Not listed: {problem}")
        sessions = catalog.sorted()
    if args.theme is not None:
        _check_theme(args.theme)
    settings = load_config().audio
    progression = progression_settings()
    from kneecoach.services.logbook import Logbook
    from kneecoach.ui.app import make_app

    folder = data_folder(args)
    app = make_app(
        sessions,
        start=start,
        data_dir=folder,
        logbook=Logbook(folder),  # LogError (damaged, newer, locked): one line, exit 1
        progression=progression,
        notices=notices,
        speed=args.speed,
        audio=args.audio or settings.backend,
        volume=settings.volume if args.volume is None else args.volume,
        voice=settings.voice if args.voice is None else args.voice,
        theme=args.theme,
    )
    result = app.run()
    return result or 0


def _check_theme(name: str) -> None:
    from textual.theme import BUILTIN_THEMES

    if name not in BUILTIN_THEMES:
        raise UsageError(
            f"no theme called {name!r}; try one of: {', '.join(sorted(BUILTIN_THEMES))}"
        )
