"""The terminal watch, without a terminal: a fake check, a fake exit, and the
interval callback called by hand."""

from __future__ import annotations

import threading

from kneecoach.ui import terminal
from kneecoach.ui.terminal import TerminalWatch


class FakeApp:
    def __init__(self) -> None:
        self.intervals: list[tuple[float, object]] = []

    def set_interval(self, interval, callback, name=None):
        self.intervals.append((interval, callback))


def test_nothing_is_watched_without_a_terminal():
    app = FakeApp()
    TerminalWatch(works=lambda: False).start(app, on_lost=lambda: None)
    assert app.intervals == []


def test_a_lost_terminal_saves_once_then_leaves_after_the_grace():
    alive = [True]
    lost: list[bool] = []
    left = threading.Event()
    codes: list[int] = []
    watch = TerminalWatch(
        interval=0.5, grace=0.01, works=lambda: alive[0], leave=lambda code: (codes.append(code), left.set())
    )
    app = FakeApp()
    watch.start(app, on_lost=lambda: lost.append(True))
    [(interval, check)] = app.intervals
    assert interval == 0.5
    check()
    assert lost == [] and watch.watchdog is None  # still there: nothing happens
    alive[0] = False
    check()
    check()  # a second check while leaving does not save again
    assert lost == [True]
    assert left.wait(5) and codes == [0]


def test_the_defaults_are_read_when_the_watch_is_made(monkeypatch):
    monkeypatch.setattr(terminal, "CHECK_EVERY", 0.2)
    monkeypatch.setattr(terminal, "GRACE", 0.7)
    watch = TerminalWatch()
    assert (watch.interval, watch.grace) == (0.2, 0.7)
    assert (TerminalWatch(1.0, 2.0).interval, TerminalWatch(1.0, 2.0).grace) == (1.0, 2.0)
