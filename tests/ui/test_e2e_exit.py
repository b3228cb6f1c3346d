"""Exit never hangs: the real `kneecoach` on a real pty whose terminal goes away at a
random moment of its first two seconds (the first frame, the picker, the safety
notice, the pain question, mid-workout), with a SIGHUP (a controlling terminal, as
a terminal window or tmux gives) or without one (as some harnesses do). Every
process must save and leave within seconds, and leave no workout "in progress".

Twenty closes, five at a time; every wait is bounded. A failure names the seed,
the scenario and the moment, to run it again."""

from __future__ import annotations

import os
import random
import select
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from kneecoach.store.log import WorkoutLog
from tests.ui.test_e2e_tmux import SESSION

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pty")

CLOSES = 20
AT_ONCE = 5
WINDOW = 2.0  # seconds after start in which the terminal goes away
LEAVE = 8.0  # seconds after that by which the process must be gone (grace: 3 s)
# The child takes its pty as controlling terminal (so closing it sends SIGHUP), then
# becomes kneecoach itself.
WITH_SIGHUP = (
    "import fcntl, os, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
    "os.execv(sys.executable, [sys.executable, '-m', 'kneecoach', *sys.argv[1:]])"
)
SCENARIOS = {
    "picker": [],
    "safety notice": ["run", "{session}"],
    "pain question": ["run", "{session}"],
    "mid-workout": ["run", "{session}", "--speed", "4"],
}


@dataclass
class Close:
    scenario: str
    sighup: bool
    after: float  # seconds
    left_after: float | None = None  # None: still running
    code: int | None = None
    workouts: tuple[str, ...] = ()

    def __str__(self) -> str:
        how = "with SIGHUP" if self.sighup else "no SIGHUP"
        return f"{self.scenario} ({how}) closed at {self.after:.2f} s"


def run_one(close: Close, folder: Path) -> Close:
    folder.mkdir()
    session = folder / "e2e-mini.yaml"
    session.write_text(SESSION.replace("prepare: 30", "prepare: 2"), encoding="utf-8")
    data = folder / "data"
    data.mkdir(mode=0o700)
    if close.scenario != "safety notice":
        (data / "acknowledged.json").write_text('{"sessions": ["e2e-mini"]}')
    argv = ["--data-dir", str(data), "--audio", "off", *SCENARIOS[close.scenario]]
    argv = [arg.format(session=session) for arg in argv]
    if close.sighup:
        command = [sys.executable, "-c", WITH_SIGHUP, *argv]
    else:
        command = [sys.executable, "-m", "kneecoach", *argv]
    env = {**os.environ, "TERM": "xterm-256color", "HOME": str(folder)}
    env.pop("CI", None)  # CI's own settings must not change how the app starts
    master, slave = os.openpty()
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, start_new_session=True, env=env
    )
    os.close(slave)
    try:
        deadline = time.monotonic() + close.after
        while (left := deadline - time.monotonic()) > 0:  # a terminal reads what it is sent
            if select.select([master], [], [], left)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        os.close(master)  # the terminal goes away
        closed = time.monotonic()
        try:
            close.code = process.wait(timeout=LEAVE)
            close.left_after = time.monotonic() - closed
        except subprocess.TimeoutExpired:
            pass
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if (data / "kneecoach.db").exists():
        with WorkoutLog(data, read_only=True) as log:
            close.workouts = tuple(w.status for w in log.summaries())
    return close


def test_closing_the_terminal_at_any_moment_never_leaves_kneecoach_running(tmp_path: Path):
    seed = int(os.environ.get("KNEECOACH_EXIT_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    closes = [
        Close(rng.choice(list(SCENARIOS)), sighup=index % 2 == 0, after=rng.uniform(0, WINDOW))
        for index in range(CLOSES)
    ]
    with ThreadPoolExecutor(AT_ONCE) as pool:
        done = list(pool.map(run_one, closes, [tmp_path / str(i) for i in range(CLOSES)]))
    stuck = [str(close) for close in done if close.left_after is None]
    assert not stuck, f"still running {LEAVE:g} s after the terminal went (seed {seed}): {stuck}"
    unsaved = [f"{close}: {close.workouts}" for close in done if "in progress" in close.workouts]
    assert not unsaved, f"a workout left in progress (seed {seed}): {unsaved}"
    # a process killed by the SIGHUP itself had opened nothing yet
    for close in done:
        if close.code is not None and close.code < 0:
            assert close.sighup and close.workouts == (), f"{close} (seed {seed})"
