"""The report in a real browser: headless Chromium loads the page made from a
sample log (five weeks of the Cleveland Clinic programme) with no network request
and no console message, finds every chart in its DOM, takes screenshots at a
desktop's and a phone's width, and prints it on at most two A4 pages.

It needs Chromium (Debian's ``chromium`` package): skipped without it on a
developer's machine; in CI (CI=true) a missing Chromium fails. Every run gets a
fresh profile, no background networking, and a host resolver that resolves
nothing, so that nothing leaves the machine whatever Chromium itself tries.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kneecoach.services.catalog import discover, session_dirs
from kneecoach.services.report.data import read_report
from kneecoach.services.report.page import render_page
from tests.services.report_sample import fill_sample

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
IN_CI = bool(os.environ.get("CI"))
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars",
]  # fmt: skip
TODAY = date(2024, 6, 9)
Browser = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Browser:
    if CHROMIUM is None:
        if IN_CI:
            pytest.fail("Chromium is not installed: CI needs the Debian package chromium")
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        profile = tmp_path_factory.mktemp("profile")
        return subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip

    return run


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int]:
    """The sample report's file URL, and how many charts it should have."""
    folder = tmp_path_factory.mktemp("report")
    with fill_sample(folder / "data", TODAY) as log:
        data = read_report(log, TODAY, sessions=discover(session_dirs()).sessions, tz=UTC)
    page = folder / "report.html"
    page.write_text(render_page(data, datetime(2024, 6, 9, 18, 5)), encoding="utf-8")
    exercises = sum(1 for g in data.exercises for e in g.exercises if e.points)
    assert exercises == 5  # the programme's five exercises, each done
    return page.as_uri(), 2 + exercises  # adherence, pain, one per exercise


def console_messages(stderr: str, url: str) -> list[str]:
    """What the page said on its console, or the browser said about it (a refused
    load, a script error): Chromium logs each as CONSOLE with the page as source."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line and url in line]


def page_requests(net_log: Path) -> list[str]:
    """URLs the page itself asked the network for (Chromium's own background
    requests are keyed to no page; file:// loads never reach the network log)."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        event["params"]["url"]
        for event in log["events"]
        if event["type"] == start
        and "file://" in event.get("params", {}).get("network_isolation_key", "")
    ]


def load(browser: Browser, url: str, tmp_path: Path) -> tuple[str, list[str], list[str]]:
    """The DOM once loaded, the console messages, and the page's own requests."""
    net_log = tmp_path / "net.json"
    done = browser(
        "--enable-logging=stderr", "--v=0", f"--log-net-log={net_log}", "--dump-dom", url
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, console_messages(done.stderr, url), page_requests(net_log)


def test_the_page_loads_with_every_chart_no_request_and_no_console_message(
    browser, report, tmp_path
):
    url, charts = report
    dom, console, requests = load(browser, url, tmp_path)
    assert "Knee rehab report" in dom and "Cleveland Clinic" in dom
    assert len(re.findall(r"<svg\b", dom)) == charts
    assert len(re.findall(r'<figure class="chart', dom)) == charts
    assert console == [] and requests == []


def test_the_checks_would_see_a_request_and_a_console_message(browser, tmp_path):
    probe = tmp_path / "probe.html"
    probe.write_text(
        '<!DOCTYPE html><p>probe</p><img src="http://kneecoach.invalid/x.png">'
        '<script>console.error("from the probe")</script>'
    )
    _, console, requests = load(browser, probe.as_uri(), tmp_path)
    assert any("from the probe" in line for line in console)
    assert requests == ["http://kneecoach.invalid/x.png"]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", [(1000, 1400), (390, 844)], ids=["desktop", "phone"])
def test_screenshots_at_a_desktop_and_a_phone_width(browser, report, tmp_path, size):
    shot = tmp_path / "report.png"
    done = browser(f"--window-size={size[0]},{size[1]}", f"--screenshot={shot}", report[0])
    assert done.returncode == 0, done.stderr[-2000:]
    assert png_size(shot) == size
    assert shot.stat().st_size > 20_000  # a drawn page, not a blank one


def test_it_prints_on_one_or_two_a4_pages(browser, report, tmp_path):
    pdf = tmp_path / "report.pdf"
    done = browser("--no-pdf-header-footer", f"--print-to-pdf={pdf}", report[0])
    assert done.returncode == 0, done.stderr[-2000:]
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    assert 1 <= pages <= 2
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)


def busy_years() -> tuple[list, list, list]:
    """Three years of daily workouts with a long note and a flag every other day,
    and ten exercises: the most a page has to hold (summaries, doses, tallies)."""
    from datetime import timedelta

    from kneecoach.store.doses import UnitTally
    from kneecoach.store.records import DoseRecord, LoggedWorkout

    workouts, records, tallies = [], [], []
    for ago in range(3 * 365, 0, -1):
        day = TODAY - timedelta(days=ago)
        start = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
        workout_id = f"w{ago}"
        workouts.append(LoggedWorkout(
            workout_id, "cleveland-clinic-runners-knee", "Cleveland Clinic", start,
            "completed" if ago % 9 else "finished early", done_steps=40,
            pain_before=ago % 4, pain_after=(ago % 7) + (3 if ago % 2 else 0),
            morning_after_pain=ago % 5, note="A long note about the stairs at work, " * 4,
        ))  # fmt: skip
        for number in range(10):
            unit = f"exercise-{number}"
            records.append(DoseRecord(workout_id, unit, 5.0 + ago % 20, 10, 1 + ago % 3))
            tallies.append(UnitTally(workout_id, unit, 10 - ago % 4, ago % 2, 0, 5.0, 10, 1, 1))
    return workouts, records, tallies


def test_years_of_busy_workouts_still_print_on_two_pages(browser, tmp_path):
    from kneecoach.services.report.data import report_data

    workouts, records, tallies = busy_years()
    since = TODAY.replace(year=TODAY.year - 3)
    data = report_data(workouts, records, tallies, TODAY, since=since, tz=UTC)
    assert len(data.flags) > 500 and len(data.noted) > 500 and data.exercises[0].exercises
    page = tmp_path / "busy.html"
    page.write_text(render_page(data, datetime(2024, 6, 9, 18, 5)), encoding="utf-8")
    pdf = tmp_path / "busy.pdf"
    done = browser("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))
    assert 1 <= pages <= 2
