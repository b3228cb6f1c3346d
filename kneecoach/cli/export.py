"""`kneecoach export`: the log as CSV (one row per step) or JSON (exactly
``history --json``), to standard output or to an owner-only file.

The log is opened to read only. An output file is never the log itself, its
``-wal`` or ``-shm`` file or a copy kneecoach set aside (``kneecoach.db.*``), and an
existing file is replaced only with ``--force``, whole (written beside it, then
renamed over it)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, tzinfo
from pathlib import Path
from typing import TextIO

from kneecoach.cli.common import data_folder
from kneecoach.services.doses import existing_log
from kneecoach.store.schema import FILE_NAME
from kneecoach.store.export import history_csv, history_json
from kneecoach.store.records import LoggedWorkout
from kneecoach.text import plural, printable


def run(args: argparse.Namespace) -> int:
    return export(
        data_folder(args),
        args.format,
        args.output,
        since=args.since,
        session=args.session,
        force=args.force,
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
    force: bool = False,
) -> int:
    if output is not None:
        refusal = _refusal(Path(output), folder, force)
        if refusal:
            print(f"kneecoach: {refusal}", file=sys.stderr)
            return 1
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


def _refusal(output: Path, folder: Path, force: bool) -> str:
    """Why ``output`` must not be written, or ''."""
    log = folder / FILE_NAME
    if _is_logs(output, folder):
        return (
            f"will not write {output}: it is the workout log or a file kept with it "
            f"({log}); choose another --output"
        )
    if os.path.lexists(output) and not force:
        return f"{output} exists; add --force to replace it"
    if output.exists() and not output.is_file():
        return f"will not write {output}: it is not a regular file"
    return ""


def _is_logs(output: Path, folder: Path) -> bool:
    """Whether ``output`` is (or links to) the log, its WAL or SHM file, or a
    copy or recovery file kept beside it."""
    log = folder / FILE_NAME
    target = output.resolve()
    for protected_folder in {folder.resolve(), log.resolve().parent}:
        if target.parent == protected_folder and target.name.startswith(FILE_NAME):
            return True
    if output.exists():
        for name in (FILE_NAME, f"{FILE_NAME}-wal", f"{FILE_NAME}-shm"):
            kept = folder / name
            try:
                if kept.exists() and os.path.samefile(output, kept):
                    return True  # a hard link, or another name for the same file
            except OSError:
                continue
    return False


def _write_private(path: Path, text: str) -> None:
    """Health data: readable by its owner only. Written whole beside ``path``, then
    renamed over it, so a full disk never leaves half a file where one was."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
