"""The report from the history screen: written on a worker thread (reading the
log and drawing the charts takes a moment), then a dialog says where it went and
offers to open it in the browser.

It goes where ``kneecoach report`` would put it: a dated file in the folder
kneecoach was started from, never over an earlier one. The browser is started
with the terminal handed back for the moment, in case it is one that runs in the
terminal (lynx, w3m); a graphical one returns at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape
from textual.app import App, SuspendNotSupported

from kneecoach.engine.errors import UserError

if TYPE_CHECKING:
    from kneecoach.services.coach import Coach

Opener = Callable[[Path], bool]  # True when a browser was started


def write_report(
    app: App[int],
    coach: Coach,
    folder: Path,
    extra_dirs: Sequence[str] = (),
    opener: Opener | None = None,
) -> None:
    """On a worker thread: write the report, then ask the UI thread to say where.
    ``opener``: how to open it when asked (None: the browser)."""
    from kneecoach.services.catalog import discover, session_dirs
    from kneecoach.services.report.make import make_report, report_request
    from kneecoach.services.report.page import period_text
    from kneecoach.settings.config import load_config
    from kneecoach.text import plural

    assert coach.logbook is not None
    log = coach.logbook.log
    try:
        sessions = dict(discover(session_dirs(extra_dirs)).sessions)
        sessions.update({session.id: session for session in coach.known_sessions})
        request = report_request(load_config(), folder=folder)
        path, data = make_report(request, log.folder, sessions=sessions, log=log)
    except UserError as error:
        app.call_from_thread(app.notify, escape(str(error)), severity="error", timeout=15)
        return
    covered = f"{period_text(data.period.start, data.period.end)}, "
    covered += plural(data.workouts, "workout")
    app.call_from_thread(show_written, app, path, covered, opener or _browser)


def show_written(app: App[int], path: Path, covered: str, opener: Opener) -> None:
    from kneecoach.ui.screens.report_written import ReportWritten

    def chosen(open_it: bool | None) -> None:
        if open_it:
            open_report(app, path, opener)

    app.push_screen(ReportWritten(path, covered), chosen)


def open_report(app: App[int], path: Path, opener: Opener) -> None:
    if app.is_headless:
        opened = opener(path)
    else:
        try:
            with app.suspend():
                opened = opener(path)
        except SuspendNotSupported:
            opened = opener(path)
    if not opened:
        app.notify(
            escape(f"No browser could be started here: open {path} in one."), severity="warning"
        )


def _browser(path: Path) -> bool:
    from kneecoach.services.report.files import open_in_browser

    return open_in_browser(path)
