#!/usr/bin/env python3
"""The README's pictures of the report, made from the sample log the tests use.

    python tools/report_screenshot.py [--out docs]

Writes the report of five weeks of the Cleveland Clinic programme (see
``tests/services/report_sample.py``) and photographs it with headless Chromium
(Debian's ``chromium``): ``report.png`` at a laptop's width and ``report-phone.png``
at a phone's (390 px). Chromium gets a fresh profile and a host resolver that
resolves nothing, so nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the sample log lives with the tests

from kneecoach.services.catalog import discover, session_dirs  # noqa: E402
from kneecoach.services.report.data import read_report  # noqa: E402
from kneecoach.services.report.page import render_page  # noqa: E402
from tests.services.report_sample import fill_sample  # noqa: E402

TODAY = datetime(2024, 6, 9, 18, 5, tzinfo=UTC)
SHOTS = {"report.png": (1000, 1960), "report-phone.png": (390, 844)}
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars",
]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Chromium is needed (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        with fill_sample(Path(folder) / "data", TODAY.date()) as log:
            data = read_report(log, TODAY.date(), sessions=discover(session_dirs()).sessions)
        page = Path(folder) / "report.html"
        page.write_text(render_page(data, TODAY.replace(tzinfo=None)), encoding="utf-8")
        for name, (width, height) in SHOTS.items():
            profile = Path(folder) / f"profile-{width}"
            subprocess.run(
                [chromium, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                 f"--screenshot={args.out / name}", page.as_uri()],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
            print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
