"""`kneecoach report`: the page for the physiotherapist, written privately and,
with --open, opened in the browser.

Reading never creates a log: with none yet, the page says there is nothing to
show. The charts' library is imported only by this command, and only once the
output path has been found usable.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kneecoach.cli.common import data_folder, sessions_dirs


def run(args: argparse.Namespace) -> int:
    from kneecoach.services.catalog import discover
    from kneecoach.services.report.files import open_in_browser
    from kneecoach.services.report.make import make_report, report_request
    from kneecoach.services.report.page import period_text
    from kneecoach.settings.config import load_config
    from kneecoach.text import plural

    request = report_request(
        load_config(),
        since=args.since,
        session=args.session,
        output=None if args.output is None else Path(args.output).expanduser(),
        force=args.force,
    )
    sessions = discover(sessions_dirs(args)).sessions
    path, data = make_report(request, data_folder(args), sessions=sessions)
    covered = period_text(data.period.start, data.period.end)
    print(f"Wrote the report ({covered}, {plural(data.workouts, 'workout')}) to {path}")
    if args.open and not open_in_browser(path):
        print("No browser could be started here: open the file above in one.")
    return 0
