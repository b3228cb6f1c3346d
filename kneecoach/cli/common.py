"""What several commands need: the folders named on the command line, the user's
progression settings (checked, so that a mistake is one line), and the error a
command raises for a value it cannot use."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kneecoach.services.catalog import session_dirs
from kneecoach.settings.config import line_of, load_config


class UsageError(Exception):
    """A command-line value that cannot be used; one line for the user."""


def sessions_dirs(args: argparse.Namespace) -> list[Path]:
    """Where to look for sessions: shipped, the user's, then every ``--sessions``."""
    return session_dirs(list(args.sessions or []))


def data_folder(args: argparse.Namespace) -> Path:
    from kneecoach.settings.paths import data_dir

    return data_dir(args.data_dir)


def progression_settings() -> dict[str, Any]:
    """The config file's [progression] table, checked now so that a mistake is one line."""
    from kneecoach.engine import ProgressionRule, RuleError, merge_rule

    config = load_config()
    try:
        merge_rule(ProgressionRule(), config.progression, prefix="progression.")
    except RuleError as error:
        key = error.field.removeprefix("progression.").split(".")[0].split("[")[0]
        where = line_of(config.path, key, "progression") if config.path else "config.toml"
        raise UsageError(f"{where}: {error}") from None
    return dict(config.progression)
