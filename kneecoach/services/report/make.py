"""Making the report, for the command line and the history screen alike: check
where it goes, read the log, draw the page, write it privately.

The output path is checked first, so that a wrong one costs nothing; then that
the ``report`` extra is there; only then is the log read. Reading never creates a
log: with none yet, the page says there is nothing to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from kneecoach.services.report.data import ReportData, read_report
from kneecoach.services.report.files import check_output, default_path, write_private
from kneecoach.services.report.page import render_page, require_extra
from kneecoach.services.report.pain import PainLimits, pain_limits

if TYPE_CHECKING:
    from collections.abc import Mapping

    from kneecoach.engine.model import Session
    from kneecoach.settings.config import Config
    from kneecoach.store.log import WorkoutLog


@dataclass(frozen=True)
class ReportRequest:
    """What to report on and where to write it."""

    since: date | None = None
    session: str | None = None
    output: Path | None = None  # None: a dated name in ``folder``
    folder: Path = Path()  # where a report without a name goes
    force: bool = False  # write over an existing file
    target_per_week: int | None = None  # config.toml's, if set
    limits: PainLimits = field(default_factory=PainLimits)


def report_request(
    config: Config,
    *,
    since: date | None = None,
    session: str | None = None,
    output: Path | None = None,
    folder: Path | None = None,
    force: bool = False,
) -> ReportRequest:
    """A request with the user's settings: the weekly target and the pain limits
    of their ``[progression]`` (checked: a mistake is one line naming the file)."""
    from kneecoach.services.doses import checked_progression

    return ReportRequest(
        since=since,
        session=session,
        output=output,
        folder=folder or Path.cwd(),
        force=force,
        target_per_week=config.report.target_per_week,
        limits=pain_limits(checked_progression(config)),
    )


def make_report(
    request: ReportRequest,
    log_folder: Path,
    *,
    sessions: Mapping[str, Session] | None = None,
    log: WorkoutLog | None = None,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> tuple[Path, ReportData]:
    """Write the report; returns where it went and what is on it. ``log``: an open
    log to read (the app's); without it the one in ``log_folder`` is opened, if
    there is one. Raises ReportError (or LogError) with one line."""
    now = now or datetime.now(tz).astimezone(tz)
    today = now.date()
    path = request.output or default_path(request.folder, today)
    check_output(path, force=request.force, log_folder=log_folder)
    require_extra()

    def read(source: WorkoutLog | None) -> ReportData:
        return read_report(
            source,
            today,
            since=request.since,
            session=request.session,
            target_per_week=request.target_per_week,
            sessions=sessions,
            limits=request.limits,
            tz=tz,
        )

    if log is not None:
        data = read(log)
    else:
        from kneecoach.services.doses import existing_log

        opened = existing_log(log_folder)
        try:
            data = read(opened)
        finally:
            if opened is not None:
                opened.close()
    write_private(path, render_page(data, now), force=request.force)
    return path, data
