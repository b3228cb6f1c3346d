"""`kneecoach export`: the log as CSV (one row per step) or JSON (exactly
``history --json``), to standard output or to an owner-only file."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, tzinfo
from pathlib import Path
from typing import TextIO

from kneecoach.cli.common import data_folder
from kneecoach.services.doses import existing_log
from kneecoach.store.export import history_csv, history_json
from kneecoach.store.records import LoggedWorkout
from kneecoach.text import plural, printable


def run(args: argparse.Namespace) -> int:
    return export(
        data_folder(args), args.format, args.output, since=args.since, session=args.session
    )


def export(
    folder: Path,
    fmt: str,
    output: str | None = None,
    *,
    since: date | None = None,
    session: str | None = None,
    tz: tzinfo | None = None,
    out: TextIO | None = None,
) -> int:
    log = existing_log(folder)
    workouts: list[LoggedWorkout] = []
    if log is not None:
        with log:
            workouts = log.workouts(since, session, tz=tz)
    text = history_csv(workouts) if fmt == "csv" else history_json(workouts) + "\n"
    if output is None:
        (out or sys.stdout).write(text)
        return 0
    try:
        _write_private(Path(output), text)
    except OSError as error:
        message = f"kneecoach: cannot write {output}: {error.strerror or error}"
        print(printable(message), file=sys.stderr)
        return 1
    steps = sum(len(workout.steps) for workout in workouts)
    print(
        printable(
            f"kneecoach: wrote {plural(len(workouts), 'workout')} ({plural(steps, 'step')}) "
            f"to {output} as {fmt.upper()}"
        ),
        file=sys.stderr,
    )
    return 0


def _write_private(path: Path, text: str) -> None:
    """Health data: readable by its owner only, even if the file was there before."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        if path.is_file():
            os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            descriptor = -1
            handle.write(text)
    finally:
        if descriptor != -1:
            os.close(descriptor)
