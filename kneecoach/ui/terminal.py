"""Leaving when the terminal goes away, whatever the moment.

When its pty closes under it (a terminal window closed, a tmux pane killed, an SSH
connection dropped), Textual's input thread spins on the dead terminal and its
shutdown can wait forever on output nobody will read; a SIGHUP may come, or not.
So a thread of its own (not the app's event loop, which may be the thing that is
stuck) waits for the terminal to hang up (``poll`` reports it at once; the check
is repeated every ``interval`` seconds as well) from the moment the app starts,
even if the terminal was gone before its first frame. Then the app is asked to
save and exit, and a watchdog ends the process ``grace`` seconds later if it has
not, saving the log itself first (``save``). SIGTERM and SIGHUP arm the same
watchdog: the process saves and leaves within ``grace`` seconds whatever Textual
is doing. Every time and action is injectable, so that a test does not wait on them.
"""

from __future__ import annotations

import asyncio
import errno
import os
import select
import signal
import sys
import termios
import threading
from collections.abc import Callable
from typing import Any

CHECK_EVERY = 5.0  # seconds between checks; poll reports a hang-up at once, between them
GRACE = 3.0  # seconds the app's own shutdown gets before the process leaves anyway
SAVE_TIMEOUT = 1.5  # seconds the watchdog gives the log to take what is queued


def stdin_fd() -> int | None:
    stdin = sys.__stdin__
    if stdin is None:
        return None
    try:
        return stdin.fileno()
    except (OSError, ValueError):
        return None


def had_terminal() -> bool:
    """Whether standard input is a terminal, working or already hung up (False: a
    pipe, a file, nothing: there is no terminal to lose)."""
    fd = stdin_fd()
    if fd is None:
        return False
    try:
        termios.tcgetattr(fd)
    except termios.error as error:
        return bool(error.args) and error.args[0] == errno.EIO  # a terminal that hung up
    except (OSError, ValueError):
        return False
    return True


def terminal_works() -> bool:
    """Whether stdin is a terminal that still answers (False: none, or hung up)."""
    fd = stdin_fd()
    if fd is None:
        return False
    try:
        termios.tcgetattr(fd)
    except (OSError, ValueError, termios.error):
        return False
    return True


def hung_up(timeout: float) -> bool:
    """Wait up to ``timeout`` seconds for stdin to hang up; True if it did."""
    fd = stdin_fd()
    if fd is None or not hasattr(select, "poll"):
        return False
    watch = select.poll()
    watch.register(fd, 0)  # no events asked for: hang-ups and errors only
    try:
        found = watch.poll(timeout * 1000)
    except (OSError, ValueError):
        return True
    return any(events & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, events in found)


class TerminalWatch:
    def __init__(
        self,
        interval: float | None = None,
        grace: float | None = None,
        works: Callable[[], bool] = terminal_works,
        leave: Callable[[int], object] = os._exit,
        *,
        had: Callable[[], bool] = had_terminal,
        wait: Callable[[float], bool] = hung_up,
    ) -> None:
        """``interval`` and ``grace`` default to ``CHECK_EVERY`` and ``GRACE`` as
        they are when the watch is made, so a test can set them for a real process.
        ``wait(seconds)`` returns True once the terminal hung up."""
        self.interval = CHECK_EVERY if interval is None else interval
        self.grace = GRACE if grace is None else grace
        self.works = works
        self.leave = leave
        self.had = had
        self.wait = wait
        self.save: Callable[[], object] = lambda: None
        self.watchdog: threading.Timer | None = None
        self.thread: threading.Thread | None = None
        self._stopped = threading.Event()
        self._lock = threading.Lock()

    def start(self, on_lost: Callable[[], object], save: Callable[[], object]) -> None:
        """Watch from now on (only when there is a terminal to lose): ``on_lost`` is
        called on this watch's thread (post a message: it must not block), ``save``
        by the watchdog before the process leaves."""
        self.save = save
        if not self.had():
            return
        self.thread = threading.Thread(
            target=self._watch, args=(on_lost,), name="kneecoach-terminal", daemon=True
        )
        self.thread.start()

    def _watch(self, on_lost: Callable[[], object]) -> None:
        while not self._stopped.is_set():
            hung = self.wait(self.interval)
            if self._stopped.is_set():
                return
            if hung or not self.works():
                self.arm()
                on_lost()
                return

    def arm(self) -> None:
        """Leave within ``grace`` seconds, saving first, unless ``stop`` comes first
        (the app finished on its own). Once; from any thread or a signal handler."""
        with self._lock:
            if self.watchdog is not None or self._stopped.is_set():
                return
            self.watchdog = threading.Timer(self.grace, self._leave)
            self.watchdog.daemon = True
            self.watchdog.start()

    def _leave(self) -> None:
        try:
            self.save()
        except BaseException:  # noqa: BLE001, S110 - leaving matters more than a failed save
            pass
        finally:
            self.leave(0)

    def stop(self) -> None:
        """The app has finished: no more watching, no watchdog."""
        with self._lock:
            self._stopped.set()
            if self.watchdog is not None:
                self.watchdog.cancel()


def catch_signals(
    interrupted: Callable[[], None], watch: TerminalWatch, headless: bool
) -> dict[int, Any]:
    """SIGTERM and SIGHUP (the terminal closed): ``interrupted`` runs on the event
    loop (save, exit cleanly, terminal restored). In a real terminal a plain signal
    handler also arms the watchdog, which ends the process within seconds even if
    Textual's shutdown is stuck (the event loop, where asyncio's handlers run, may
    be the thing stuck). The handlers replaced, for ``restore_signals``."""
    loop = asyncio.get_running_loop()
    replaced: dict[int, Any] = {}
    for number in (signal.SIGTERM, signal.SIGHUP):
        try:
            if headless:  # tests: the test process keeps its own handlers
                loop.add_signal_handler(number, interrupted)
                continue

            def caught(signum: int, frame: object) -> None:
                watch.arm()
                loop.call_soon_threadsafe(interrupted)

            replaced[number] = signal.signal(number, caught)
        except (NotImplementedError, RuntimeError, ValueError):
            pass
    return replaced


def restore_signals(replaced: dict[int, Any]) -> None:
    for number, handler in replaced.items():
        try:
            signal.signal(number, handler)
        except (TypeError, ValueError):
            pass
