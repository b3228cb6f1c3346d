"""The terminal watch, without a terminal: a fake hang-up, a fake exit, fake saves.
Its thread runs for real; every wait in it is injected, so nothing here sleeps."""

from __future__ import annotations

import threading

from kneecoach.ui import terminal
from kneecoach.ui.terminal import TerminalWatch


def watch(hangups: list[bool], **kwargs) -> tuple[TerminalWatch, threading.Event, list]:
    """A watch whose terminal answers ``hangups`` in turn (True: it hung up)."""
    left = threading.Event()
    events: list = []
    answers = iter(hangups)
    made = TerminalWatch(
        interval=0.5,
        grace=0.01,
        works=lambda: True,
        leave=lambda code: (events.append(("left", code)), left.set()),
        had=lambda: True,
        wait=lambda seconds: next(answers, True),
        **kwargs,
    )
    return made, left, events


def test_nothing_is_watched_without_a_terminal():
    made = TerminalWatch(had=lambda: False, wait=lambda s: True, leave=lambda c: None)
    made.start(on_lost=lambda: None, save=lambda: None)
    assert made.thread is None and made.watchdog is None


def test_a_hang_up_asks_the_app_to_exit_then_saves_and_leaves_after_the_grace():
    made, left, events = watch([False, False, True])
    made.start(on_lost=lambda: events.append("asked"), save=lambda: events.append("saved"))
    assert left.wait(5)
    assert events == ["asked", "saved", ("left", 0)]  # in that order, once each


def test_a_terminal_already_gone_when_the_app_starts_is_noticed_at_once():
    made, left, events = watch([True])
    made.start(on_lost=lambda: events.append("asked"), save=lambda: events.append("saved"))
    assert left.wait(5) and events[0] == "asked"


def test_a_terminal_that_stops_answering_counts_as_gone():
    answers = iter([True, True, False])
    left = threading.Event()
    made = TerminalWatch(
        interval=0.5, grace=0.01, works=lambda: next(answers), had=lambda: True,
        wait=lambda seconds: False, leave=lambda code: left.set(),
    )  # fmt: skip
    made.start(on_lost=lambda: None, save=lambda: None)
    assert left.wait(5)


def test_an_app_that_finishes_in_time_is_not_ended_by_the_watchdog():
    left = threading.Event()
    made = TerminalWatch(grace=0.2, had=lambda: False, leave=lambda code: left.set())
    made.arm()  # a SIGTERM, say
    made.stop()  # the app finished on its own within the grace
    assert not left.wait(0.5)


def test_a_failing_save_does_not_keep_the_process_alive():
    made, left, _ = watch([True])

    def broken() -> None:
        raise RuntimeError("the disk went away")

    made.start(on_lost=lambda: None, save=broken)
    assert left.wait(5)


def test_the_defaults_are_read_when_the_watch_is_made(monkeypatch):
    monkeypatch.setattr(terminal, "CHECK_EVERY", 0.2)
    monkeypatch.setattr(terminal, "GRACE", 0.7)
    made = TerminalWatch()
    assert (made.interval, made.grace) == (0.2, 0.7)
    assert (TerminalWatch(1.0, 2.0).interval, TerminalWatch(1.0, 2.0).grace) == (1.0, 2.0)


def test_a_hung_up_pty_is_still_a_terminal_and_a_pipe_is_not(monkeypatch):
    import os

    master, slave = os.openpty()
    read, write = os.pipe()
    try:
        monkeypatch.setattr(terminal, "stdin_fd", lambda: slave)
        assert terminal.had_terminal() and terminal.terminal_works()
        assert not terminal.hung_up(0)
        os.close(master)
        master = -1
        assert terminal.had_terminal() and not terminal.terminal_works()
        assert terminal.hung_up(5)  # at once: poll reports the hang-up
        monkeypatch.setattr(terminal, "stdin_fd", lambda: read)
        assert not terminal.had_terminal()
    finally:
        for fd in (master, slave, read, write):
            if fd >= 0:
                os.close(fd)
