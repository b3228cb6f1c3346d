"""The history screen on a real log in a temp folder: what it shows, what it leaves
out (rehearsals), an empty log, a log that cannot be read, and the way back."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App
from textual.widgets import DataTable, Static

from kneecoach.services.logbook import Logbook
from kneecoach.store.log import WorkoutLog
from kneecoach.store.records import LogError, LoggedStep
from kneecoach.ui.app import CSS_PATH
from kneecoach.ui.ready_made import make_app
from kneecoach.ui.screens.history import HistoryScreen
from kneecoach.ui.screens.pain import PainPrompt
from kneecoach.ui.screens.picker import SessionPicker
from kneecoach.ui.screens.report_written import ReportWritten
from kneecoach.ui.widgets.bars import bars
from kneecoach.ui.widgets.calendar import TrainingCalendar
from kneecoach.ui.widgets.pain_chart import PainChart
from tests.conftest import FakeClock
from tests.ui.waiting import history_drawn

TODAY = date(2024, 5, 15)  # a Wednesday
SESSION, TITLE = "goodrx-runners-knee", "GoodRx: runner's knee"


def workout_steps(hold: float, reps: int, *, cut_last: bool = False) -> list[LoggedStep]:
    """A wall sit of 5 holds, clamshells on both sides and a two-part leg raise."""
    steps: list[LoggedStep] = []

    def add(kind, exercise, seconds, outcome="done", **where):
        steps.append(LoggedStep(len(steps), kind, exercise, seconds, seconds, outcome, **where))

    add("timed", "warm-up", 300.0)
    for rep in range(1, 6):
        outcome = "cut short" if cut_last and rep == 5 else "done"
        add("hold", "wall-sit", hold, outcome, set=1, rep=rep)
    for side in ("left", "right"):
        for rep in range(1, reps + 1):
            add("rep", "clamshell", 3.0, side=side, set=1, rep=rep)
    for part in ("front", "side"):
        for rep in range(1, 11):
            add("rep", "three-way-leg-raise", 3.0, part=part, side="left", set=1, rep=rep)
    return steps


def fill(folder: Path, today: date = TODAY, days: int = 41) -> WorkoutLog:
    """``days`` days up to ``today``, most of them trained (not 3, 10 or 11 days ago,
    nor on Thursdays before that): a current streak of 3 days, the longest 8. The
    wall sit gets longer and the clamshells more; statuses and pain vary; and a
    rehearsal today, after the real workout, with pain 9 and 60 s holds."""
    log = WorkoutLog(folder)
    for ago in range(days - 1, -1, -1):
        day = today - timedelta(days=ago)
        if (day.weekday() == 3 and ago > 14) or ago in (3, 10, 11):
            continue
        start = datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC)
        progress = days - 1 - ago
        status = "finished early" if ago == 5 else "interrupted" if ago == 12 else "completed"
        pain_before = None if ago % 9 == 4 else 2 + (ago * 7) % 5
        workout_id = log.start_workout(
            SESSION, TITLE, "hash", started_at=start, pain_before=pain_before
        )
        steps = workout_steps(10.0 + 2 * (progress // 8), 8 + progress // 10, cut_last=ago == 5)
        log.record_steps(workout_id, steps)
        log.finish_workout(workout_id, status, ended_at=start + timedelta(minutes=20 + ago % 7))
        if ago % 6 != 1:
            log.annotate(workout_id, pain_after=max(0, (pain_before or 3) - 1 - ago % 3))
    start = datetime(today.year, today.month, today.day, 18, 0, tzinfo=UTC)
    rehearsal = log.start_workout(SESSION, TITLE, "hash", speed=8, started_at=start, pain_before=9)
    log.record_steps(rehearsal, workout_steps(60.0, 20))
    log.finish_workout(rehearsal, "completed", ended_at=start + timedelta(minutes=3))
    log.annotate(rehearsal, pain_after=9)
    return log


class HistoryApp(App[None]):
    """Just the history screen, with the app's styles."""

    CSS_PATH = CSS_PATH
    TITLE = "kneecoach"

    def __init__(self, log: WorkoutLog, **kwargs: object) -> None:
        super().__init__()
        self.workout_log = log
        self.kwargs = kwargs

    def on_mount(self) -> None:
        self.push_screen(HistoryScreen(self.workout_log, TODAY, UTC, **self.kwargs))


async def drawn(pilot) -> HistoryScreen:
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return await history_drawn(pilot, screen)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


def rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


@pytest.fixture
def log(tmp_path):
    opened = fill(tmp_path / "data")
    yield opened
    opened.close()


async def test_streaks_workouts_newest_first_and_the_rehearsal_marked(log):
    async with HistoryApp(log).run_test(size=(100, 30)) as pilot:
        screen = await drawn(pilot)
        header = text_of(screen, "#history-header")
        assert "Current streak 3 days · longest 8 days" in header
        assert f"· {screen.view.total - 1} workouts" in header
        table = screen.query_one("#workouts", DataTable)
        shown = rows(table)
        assert len(shown) == screen.view.total
        first, second = shown[0], shown[1]
        assert first[0] == "2024-05-15" and first[-1] == "R"  # the rehearsal: newest
        assert table.get_row_at(0)[0].style == "dim"
        assert second[0] == "2024-05-15" and second[-1] == ""
        assert second[2] == "✔ done" and second[3] == "20:00"
        statuses = {row[2] for row in shown}
        assert {"✔ done", "◐ early", "✗ stopped"} <= statuses
        assert "R rehearsal, not counted" in table.border_title
        assert screen.focused is table


async def test_calendar_pain_and_doses_leave_the_rehearsal_out(log):
    async with HistoryApp(log).run_test(size=(100, 30)) as pilot:
        screen = await drawn(pilot)
        calendar = text_of(screen, TrainingCalendar.__name__).splitlines()
        # 12 weeks from Monday 26 February, whose week holds 1 March
        assert calendar[0].split() == ["Mar", "Apr", "May"]
        assert calendar[0].index("Apr") == 3 + 2 * 5  # Monday 1 April: the 6th week
        cells = {line[:2]: line[3:26:2] for line in calendar[1:]}
        assert cells["Th"] == "·········■■ "  # trained on Thursdays from 2 May; 16th: to come
        assert cells["Su"] == "·····■■■■·· "  # from 7 April; 5 and 12 May: rest days
        assert cells["We"][-1] == "■" and calendar[3].endswith("■ most")  # today
        assert all(mark in "·▪■ " for mark in "".join(cells.values()))
        pain = text_of(screen, PainChart.__name__).splitlines()
        assert pain[0].startswith("before ") and pain[0].rstrip().endswith("latest 2/10")
        assert pain[1].startswith("after ")
        assert "9/10" not in "".join(pain)  # the rehearsal's pain is not charted
        doses = {row[0]: row[1:4] for row in rows(screen.query_one("#doses", DataTable))}
        assert doses["Wall sit"] == ["20s", "5", "1"]  # not the rehearsal's 60 s
        assert doses["Clamshell"] == ["–", "12", "1"]
        assert doses["Three way leg raise: front"] == ["–", "10", "1"]
        trend = str(screen.query_one("#doses", DataTable).get_row("wall-sit")[-1])
        assert trend[0] < trend[-1]  # longer holds: the bars rise


async def test_only_the_last_few_are_listed_and_the_title_says_so(log):
    async with HistoryApp(log, limit=3).run_test(size=(100, 30)) as pilot:
        screen = await drawn(pilot)
        table = screen.query_one("#workouts", DataTable)
        assert table.row_count == 3
        assert f"last 3 of {screen.view.total}" in table.border_title


async def test_readable_at_80x24(log):
    async with HistoryApp(log).run_test(size=(80, 24)) as pilot:
        screen = await drawn(pilot)
        names = [row[0] for row in rows(screen.query_one("#doses", DataTable))]
        assert len(set(names)) == len(names)  # the two leg-raise parts stay apart
        assert any(name.endswith(": front") for name in names)
        for selector in ("#workouts", "#doses", "#calendar", "#pain-chart"):
            region = screen.query_one(selector).region
            assert region.width > 0 and region.right <= 80 and region.bottom <= 24


async def test_an_empty_log_says_so_kindly(tmp_path):
    log = WorkoutLog(tmp_path / "data")
    async with HistoryApp(log).run_test(size=(80, 24)) as pilot:
        screen = await drawn(pilot)
        assert screen.has_class("-empty")
        message = screen.query_one("#history-empty", Static)
        assert message.display and "your first one will show up here" in str(message.render())
        assert not screen.query_one("#workouts").display
    log.close()


async def test_a_log_that_cannot_be_read_is_one_line_not_a_crash():
    class Broken:
        def summaries(self, *args, **kwargs):
            raise LogError("/data/kneecoach.db is locked by another program")

    async with HistoryApp(Broken()).run_test(size=(80, 24)) as pilot:  # type: ignore[arg-type]
        screen = pilot.app.screen
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert pilot.app.is_running
        assert "is locked by another program" in text_of(screen, "#history-empty")


@pytest.mark.parametrize("key", ["escape", "q", "h"])
async def test_escape_q_and_h_go_back(log, key):
    async with HistoryApp(log).run_test(size=(80, 24)) as pilot:
        await drawn(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(pilot.app.screen, HistoryScreen)


async def test_h_in_the_picker_asks_the_app_for_the_history(log):
    logbook = Logbook(log.folder)
    app = make_app([], clock=FakeClock(), live_ticker=False, audio="off", logbook=logbook)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if isinstance(app.screen, PainPrompt):  # the morning after the last workout
            await pilot.press("escape")
        assert isinstance(app.screen, SessionPicker)
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.workout_log is logbook.log  # the app's own log, read
        await drawn(pilot)
        assert app.screen.view is not None and app.screen.view.total == log_total(log)
        await pilot.press("escape")
        assert isinstance(app.screen, SessionPicker)


async def test_h_without_a_log_says_so_and_stays(log):
    app = make_app([], clock=FakeClock(), live_ticker=False, audio="off")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, SessionPicker)
        assert any("No workout log" in str(n.message) for n in app._notifications)


def log_total(log: WorkoutLog) -> int:
    return len(log.summaries())


def test_bars_keep_the_scale_they_are_given():
    assert bars([0, 5, 10], 10, top=10) == "▁▅█"  # never stretched to the width
    assert bars([2, 3], 10, top=10) == "▂▃"  # not "▁█": 2 and 3 of 10 are both low
    assert bars([None, 4], 10, top=10) == " ▄"  # a skipped answer is a gap
    assert bars([1, 9, 2, 2], 2, top=10) == "▇▂"  # squeezed: the worst of each pair
    assert bars([7, 7], 5) == "██" and bars([], 5) == ""


async def test_r_writes_the_report_says_where_and_opens_it_if_asked(log, tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    logbook = Logbook(log.folder)
    app = make_app([], clock=FakeClock(), live_ticker=False, audio="off", logbook=logbook)
    opened: list[Path] = []
    app.report_opener = lambda path: opened.append(path) or True
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        if isinstance(app.screen, PainPrompt):
            await pilot.press("escape")
        await pilot.press("h")
        await drawn(pilot)
        await pilot.press("r")
        await app.workers.wait_for_complete()  # the report is written on a thread
        await pilot.pause()
        assert isinstance(app.screen, ReportWritten)
        [written] = list(here.glob("kneecoach-report-*.html"))
        assert app.screen.path == written and written.stat().st_mode & 0o777 == 0o600
        assert str(written) in str(app.screen.query_one("#report-path", Static).render())
        assert "Knee rehab report" in written.read_text(encoding="utf-8")
        await pilot.press("o")
        await pilot.pause()
        assert opened == [written] and isinstance(app.screen, HistoryScreen)
        await pilot.press("r")  # again: a second file, never over the first
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert opened == [written] and isinstance(app.screen, HistoryScreen)
        assert len(list(here.glob("kneecoach-report-*.html"))) == 2


async def test_a_report_that_cannot_be_written_is_a_notice(log, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # the report extra not installed
    app = make_app(
        [], clock=FakeClock(), live_ticker=False, audio="off", logbook=Logbook(log.folder)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if isinstance(app.screen, PainPrompt):
            await pilot.press("escape")
        await pilot.press("h")
        await drawn(pilot)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        shown = [Text.from_markup(str(n.message)).plain for n in app._notifications]
        assert "the report needs matplotlib: pip install 'kneecoach[report]'" in shown
        assert list(tmp_path.glob("kneecoach-report-*")) == []
