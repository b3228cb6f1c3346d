"""End to end: the installed ``kneecoach`` command, run in a real terminal (tmux).

Everything else in tests/ui drives the app in-process with a fake clock; this one
starts the real console script in a tmux pane, types at it, reads the screen with
``capture-pane`` and checks that it exits 0 and leaves the terminal as it found it.
It needs tmux: CI installs it and fails without it; elsewhere it is skipped.

A real process runs on a real clock, so this is the one test that polls with short
real sleeps; every wait is bounded and fails with the last screen it saw.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

WAIT = 20.0  # seconds, for any one thing to appear
POLL = 0.05

# 55 s of session time, under 3 s at --speed 20. The first exercise's long get-ready
# step (30 s, 1.5 s real) leaves time to pause in it before anything else happens.
SESSION = """\
id: e2e-mini
title: End-to-end mini session
source: kneecoach end-to-end test
rests: {prepare: 30, between_reps: 1, between_sets: 2, switch_sides: 2}
exercises:
  - id: clam
    name: Clamshell
    kind: strength
    steps: [Lie on your side., Open the top knee and hold., Lower it.]
    hold_seconds: 3
    reps: 2
    per_side: true
  - id: step-up
    name: Step-up
    kind: strength
    steps: [Step up., Step down slowly.]
    reps: 3
    tempo_seconds: 2
    rests: {prepare: 3}
"""

# Skipped on a developer's machine without tmux; in CI (CI=true) a missing tmux fails.
pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None and not os.environ.get("CI"), reason="tmux is not installed"
)


class Tmux:
    """One private tmux server (its own -L socket) holding one session."""

    def __init__(self, name: str) -> None:
        self.name = name

    def run(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.name, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def start(self, command: str, width: int = 100, height: int = 30) -> None:
        self.run("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.name, *keys)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.name, check=False)

    def pane(self, fmt: str) -> str:
        return self.run("display-message", "-p", "-t", self.name, fmt).strip()

    def kill(self) -> None:
        """Stop this server and remove its socket, which tmux leaves behind."""
        socket = self.run("display-message", "-p", "#{socket_path}", check=False).strip()
        self.run("kill-server", check=False)
        if socket.endswith(self.name):
            Path(socket).unlink(missing_ok=True)

    def wait_for(self, what: str, ok: Callable[[str], bool], timeout: float = WAIT) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if ok(screen):
                return screen
            time.sleep(POLL)
        raise AssertionError(
            f"timed out after {timeout:g} s waiting for {what}; last screen:\n{screen}"
        )

    def wait_stable(self, settle: float = 0.2, timeout: float = WAIT) -> str:
        """The screen once two reads ``settle`` s apart agree (no frame half drawn)."""
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while time.monotonic() < deadline:
            time.sleep(settle)
            previous, screen = screen, self.screen()
            if screen == previous:
                return screen
        raise AssertionError(
            f"timed out after {timeout:g} s waiting for the screen to settle; last screen:\n{screen}"
        )

    def wait_text(self, *texts: str, timeout: float = WAIT) -> str:
        return self.wait_for(
            " or ".join(repr(t) for t in texts),
            lambda screen: any(t in screen for t in texts),
            timeout,
        )


def wait_file(path: Path, tmux: Tmux, timeout: float = WAIT) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().endswith("\n"):
            return path.read_text()
        time.sleep(POLL)
    raise AssertionError(f"timed out waiting for {path.name}; last screen:\n{tmux.screen()}")


def test_a_rehearsal_from_notice_to_summary_in_a_real_terminal(tmp_path: Path) -> None:
    kneecoach = Path(sys.executable).parent / "kneecoach"
    assert kneecoach.exists(), f"the console script is not installed: {kneecoach}"
    session = tmp_path / "e2e-mini.yaml"
    session.write_text(SESSION, encoding="utf-8")
    data = tmp_path / "data"
    exit_file = tmp_path / "exit.txt"
    stty_file = tmp_path / "stty.txt"
    # After kneecoach: its exit status, the terminal's modes, a marker; then stay
    # alive so that the pane (and its modes) can still be read.
    command = textwrap.dedent(
        f"""\
        '{kneecoach}' --data-dir '{data}' run '{session}' --speed 20 --audio off;
        echo EXIT=$? > '{exit_file}'; stty -a > '{stty_file}'; echo KNEECOACH-E2E-DONE;
        exec sleep 600"""
    ).replace("\n", " ")

    tmux = Tmux(f"kneecoach-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    started = time.monotonic()
    try:
        tmux.start(command)

        # The safety notice, the first time a session is run: accept it.
        tmux.wait_text("I understand")
        tmux.keys("Enter")
        # The workout, in rehearsal: pause in the 30 s get-ready step.
        tmux.wait_text("REHEARSAL")
        tmux.keys("Space")
        tmux.wait_text("PAUSED")
        paused = tmux.wait_stable()
        time.sleep(0.5)  # 10 s of session time at x20, were it running
        now = tmux.screen()
        assert now == paused, f"the screen changed while paused:\n{paused}\n---\n{now}"

        # Resume, and at once skip twice: the get-ready step, then the first hold
        # as soon as it starts. That hold is the one piece of work not done.
        tmux.keys("Space", "s", "s")
        summary = tmux.wait_text("Session complete", "Session finished early")
        assert "Session finished early" in summary, summary
        assert "rehearsal at ×20" in summary, summary
        clam = next(line for line in summary.splitlines() if "Clamshell" in line)
        assert "3 / 4" in clam, summary
        step_up = next(line for line in summary.splitlines() if "Step-up" in line)
        assert "3 / 3" in step_up, summary
        assert data.joinpath("acknowledged.json").exists(), "the notice was not remembered"

        tmux.keys("Enter")
        assert wait_file(exit_file, tmux).strip() == "EXIT=0"
        final = tmux.wait_text("KNEECOACH-E2E-DONE")

        # The terminal is back as it was: the normal screen, with nothing of the
        # app left on it, a visible cursor, no mouse reporting, cooked input.
        assert "Session finished early" not in final, final
        assert tmux.pane("#{alternate_on}") == "0"
        assert tmux.pane("#{cursor_flag}") == "1"
        assert tmux.pane("#{mouse_any_flag}#{mouse_all_flag}#{mouse_button_flag}") == "000"
        modes = wait_file(stty_file, tmux).split()
        for mode in ("echo", "icanon", "isig", "icrnl"):
            assert mode in modes and f"-{mode}" not in modes, f"{mode} not restored: {modes}"
    finally:
        tmux.kill()
    assert time.monotonic() - started < 60


NO_ALSA_DEVICE = """\
</usr/share/alsa/alsa.conf>
pcm.!default { type hw card 31 }
"""


def test_without_a_sound_device_the_app_falls_back_and_the_screen_stays_clean(
    tmp_path: Path,
) -> None:
    """Every backend that needs a device fails; the person sees one notice each and
    the workout goes on, with none of alsa-lib's error text drawn over it."""
    kneecoach = Path(sys.executable).parent / "kneecoach"
    session = tmp_path / "e2e-mini.yaml"
    session.write_text(SESSION, encoding="utf-8")
    config = tmp_path / "asound.conf"
    config.write_text(NO_ALSA_DEVICE)
    data = tmp_path / "data"
    exit_file = tmp_path / "exit.txt"
    command = (
        f"env ALSA_CONFIG_PATH='{config}' '{kneecoach}' --data-dir '{data}' "
        f"run '{session}' --speed 20 --audio auto; echo EXIT=$? > '{exit_file}'; exec sleep 600"
    )
    tmux = Tmux(f"kneecoach-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        tmux.start(command)
        tmux.wait_text("I understand")
        tmux.keys("Enter")
        notice = tmux.wait_text("instead", "cues are off")
        tmux.keys("Space")  # pause, so the notices can be read before they fade
        screen = tmux.wait_text("PAUSED")
        # On a busy machine a notice may fade before the pause is drawn, so the
        # screen that first showed it counts as well.
        seen = [notice, screen] + [tmux.screen() for _ in range(5)]
        for shot in seen:
            assert "ALSA" not in shot and "Traceback" not in shot, shot
        assert any("Sound: " in shot for shot in seen), screen
        tmux.keys("q")
        tmux.wait_text("Quit")
        tmux.keys("y")
        assert wait_file(exit_file, tmux).strip() == "EXIT=0"
        # once the screen is gone, one line says where the workout stands
        tmux.wait_text("Saved. Start kneecoach again today to carry on where you stopped.")
    finally:
        tmux.kill()
