"""What several commands need: the folders named on the command line, the user's
progression settings (checked, so that a mistake is one line), and the error a
command raises for a value it cannot use. Imports stay inside the functions: the
command that starts the UI must draw its first frame before it reads anything.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kneecoach.engine.errors import UserError


class UsageError(UserError):
    """A command-line value that cannot be used; one line for the user."""


def sessions_dirs(args: argparse.Namespace) -> list[Path]:
    """Where to look for sessions: shipped, the user's, then every ``--sessions``."""
    from kneecoach.services.catalog import session_dirs

    return session_dirs(list(args.sessions or []))


def data_folder(args: argparse.Namespace) -> Path:
    from kneecoach.settings.paths import data_dir

    return data_dir(args.data_dir)


def progression_settings() -> dict[str, Any]:
    """The config file's [progression] table, checked (ConfigError: one line)."""
    from kneecoach.services.doses import checked_progression
    from kneecoach.settings.config import load_config

    return checked_progression(load_config())
