"""The report page: every piece of text from the log escaped, every chart there,
nothing fetched, an empty log, and one line when the report extra is missing."""

from __future__ import annotations

import re
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kneecoach.services.history import DosePoint
from kneecoach.services.report import charts
from kneecoach.services.report.data import read_report
from kneecoach.services.report.files import ReportError
from kneecoach.services.report.page import dose_text, period_text, render_page, require_extra
from kneecoach.store.log import WorkoutLog
from tests.conftest import session_from_yaml
from tests.store.helpers import step

TODAY = date(2024, 5, 22)
NOW = datetime(2024, 5, 22, 18, 30, tzinfo=UTC)
HOSTILE = '<script>alert("note")</script> & <img src=x onerror=alert(1)>'
SESSION = session_from_yaml(
    """
    id: demo
    title: "Demo </title><script>alert('title')</script>"
    source: test
    exercises:
      - id: wall-sit
        name: "Wall sit <script>alert('name')</script> $x^2$"
        kind: strength
        steps: [Slide down.]
        hold_seconds: [10, 20]
        reps: 2
      - id: clamshell
        name: Clamshell
        kind: strength
        steps: [Open the knee.]
        reps: 3
        tempo_seconds: 2
    """
)


def fill(folder: Path, days: int = 10) -> WorkoutLog:
    log = WorkoutLog(folder)
    for ago in range(days, 0, -1):
        start = datetime.combine(TODAY - timedelta(days=ago), datetime.min.time(), UTC)
        workout_id = log.start_workout("demo", SESSION.title, started_at=start, pain_before=3)
        log.record_steps(workout_id, [
            step(0, "hold", seconds=10 + ago, rep=1), step(1, "hold", seconds=10 + ago, rep=2),
            *(step(1 + r, "rep", "clamshell", seconds=2, rep=r) for r in range(1, 4)),
        ])  # fmt: skip
        log.finish_workout(workout_id, "completed", ended_at=start + timedelta(minutes=9))
        log.annotate(workout_id, pain_after=6 if ago == 2 else 2, note=HOSTILE)
        log.set_morning_after(workout_id, 4 if ago == 4 else 1)
    return log


@pytest.fixture
def page(tmp_path: Path) -> str:
    with fill(tmp_path) as log:
        data = read_report(log, TODAY, sessions={"demo": SESSION}, tz=UTC)
    return render_page(data, NOW)


def test_text_from_the_log_and_the_session_files_is_shown_as_text(page):
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(&#34;note&#34;)&lt;/script&gt; &amp; &lt;img src=x" in page
    assert "Wall sit &lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; $x^2$" in page
    assert "Demo &lt;/title&gt;&lt;script&gt;" in page


def test_every_chart_is_inline_svg_and_nothing_is_fetched(page):
    # adherence, pain, and one per exercise done
    assert page.count("<svg") == 4 and page.count("</svg>") == 4
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page
    # only links inside the page: SVG markers and clip paths (href="#m1", url(#p1))
    tags = " ".join(re.findall(r"<[^>]+>", page))  # markup only: the notes' text is escaped
    assert not re.search(r"\bsrc\s*=|href\s*=\s*\"(?!#)|<link", tags, re.IGNORECASE)
    assert not re.search(r"url\((?!#)|@import", page, re.IGNORECASE)
    assert re.search(r'href="#', tags)  # the check above would see them
    assert "default-src 'none'" in page  # and the browser would refuse anything else
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "two charts share an SVG id"


def test_the_page_has_the_numbers_and_the_flags(page):
    assert "12 May – 22 May 2024" in page  # the period, from the first workout
    assert "6/10 after the workout (above 5/10)" in page
    assert "not settled by the next morning: 4/10 (before the workout: 3/10)" in page
    assert "more than 24 hours" in page and "Cleveland Clinic" in page and "GoodRx" in page
    assert "20 s hold × 2 reps × 1 set" in page  # the latest wall sit
    assert "no weekly target" in page  # the demo session sets none


def test_an_empty_log_says_there_is_nothing_yet(tmp_path):
    page = render_page(read_report(None, TODAY, tz=UTC), NOW)
    assert "Nothing to show yet" in page and "No workouts have been logged yet" in page
    assert "<svg" not in page
    with WorkoutLog(tmp_path) as log:  # a log with only old workouts: this period is empty
        old = log.start_workout("demo", "Demo", started_at=datetime(2023, 1, 2, 7, tzinfo=UTC))
        log.record_steps(old, [step(0, "hold")])
        data = read_report(log, TODAY, tz=UTC)
    page = render_page(data, NOW)
    assert "No workouts in this period" in page and "2 Jan 2023" in page


def test_a_missing_extra_is_one_line_saying_how_to_add_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if not installed
    with pytest.raises(ReportError) as caught:
        require_extra()
    assert str(caught.value) == "the report needs matplotlib: pip install 'kneecoach[report]'"


def test_labels_in_charts_are_drawn_as_written():
    points = [DosePoint(TODAY - timedelta(days=d), 10.0 + d, 12, 1) for d in range(3, 0, -1)]
    svg = charts.dose_chart(points, "dose-0")
    assert svg.startswith("<svg") and "11 s hold" in svg and "12 reps" in svg
    assert "sets" not in svg  # one set throughout: no line for it


def test_days_are_placed_as_matplotlib_places_dates():
    import matplotlib.dates

    assert charts._x([TODAY]) == [matplotlib.dates.date2num(TODAY)]


def test_labels_never_overlap():
    assert charts.label_heights([10, 11, 1], 2) == [10, 12, 1]
    assert charts.label_heights([5, 5, 5], 1) == [5, 6, 7]


def test_words_for_periods_and_doses():
    assert period_text(date(2024, 5, 6), date(2024, 6, 9)) == "6 May – 9 Jun 2024"
    assert period_text(date(2023, 12, 1), date(2024, 1, 9)) == "1 Dec 2023 – 9 Jan 2024"
    assert period_text(TODAY, TODAY) == "22 May 2024"
    assert dose_text(DosePoint(TODAY, 7.5, 10, 2)) == "7.5 s hold × 10 reps × 2 sets"
    assert dose_text(DosePoint(TODAY, None, 1, 1)) == "1 rep × 1 set"
