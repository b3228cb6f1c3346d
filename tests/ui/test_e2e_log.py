"""The log survives the process: a real `kneecoach run` killed with SIGKILL, and
one whose terminal closes (SIGHUP), in tmux. Real processes run on a real clock,
so these poll (bounded) for what the log holds; see test_e2e_tmux.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from kneecoach.store.log import WorkoutLog
from tests.ui.test_e2e_tmux import SESSION, WAIT, Tmux, pytestmark  # noqa: F401

KNEECOACH = Path(sys.executable).parent / "kneecoach"
# `kneecoach` itself, with the terminal checked every 0.2 s instead of every 5 s
WATCHED_CLOSELY = (
    "import sys, kneecoach.ui.terminal as watch; watch.CHECK_EVERY = 0.2; "
    "from kneecoach.cli import main; sys.exit(main(sys.argv[1:]))"
)


def start(tmp_path: Path) -> tuple[Tmux, Path]:
    session = tmp_path / "e2e-mini.yaml"
    session.write_text(SESSION.replace("prepare: 30", "prepare: 2"), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "acknowledged.json").write_text('{"sessions": ["e2e-mini"]}')
    tmux = Tmux(f"kneecoach-log-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    # --speed 4: a step ends every second or so, and the whole session takes ~15 s
    tmux.start(
        f"'{KNEECOACH}' --data-dir '{data}' run '{session}' --speed 4 --audio off; exec sleep 600"
    )
    return tmux, data


def logged(data: Path) -> list:
    if not (data / "kneecoach.db").exists():
        return []
    with WorkoutLog(data) as log:
        return log.workouts()


def wait_for_steps(data: Path, count: int) -> list:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        workouts = logged(data)
        if workouts and len(workouts[0].steps) >= count:
            return workouts
        time.sleep(0.05)
    raise AssertionError(f"fewer than {count} steps logged in {WAIT} s: {logged(data)}")


def kneecoach_pid(data: Path) -> int:
    """The kneecoach process itself (not the shell that started it)."""
    found = subprocess.run(
        ["pgrep", "-f", "--", f"data-dir {data}"], capture_output=True, text=True
    )
    pids = []
    for pid in map(int, found.stdout.split()):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"sleep 600" not in command and pid != os.getpid():
            pids.append(pid)
    assert len(pids) == 1, found.stdout
    return pids[0]


def test_kill_9_mid_session_loses_at_most_the_step_in_progress(tmp_path: Path) -> None:
    tmux, data = start(tmp_path)
    try:
        before = wait_for_steps(data, 3)[0]
        pid = kneecoach_pid(data)
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + WAIT
        while (
            time.monotonic() < deadline
            and subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode == 0
        ):
            time.sleep(0.05)
    finally:
        tmux.kill()
    [after] = logged(data)
    assert after.status == "in progress"  # nobody was left to say otherwise
    indexes = [step.index for step in after.steps]
    assert indexes == list(range(len(indexes)))  # no gap: every ended step is there
    assert len(indexes) >= len(before.steps)
    with WorkoutLog(data) as log:
        assert log.mark_interrupted_stale() == [after.id]  # the next start closes it
        assert log.workout(after.id).status == "interrupted"


def test_closing_the_terminal_saves_the_workout_as_interrupted(tmp_path: Path) -> None:
    tmux, data = start(tmp_path)
    try:
        wait_for_steps(data, 2)
        pid = kneecoach_pid(data)
    finally:
        tmux.kill()  # the pane's terminal goes: SIGHUP
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        [workout] = logged(data)
        if workout.status != "in progress":
            break
        time.sleep(0.05)
    assert workout.status == "interrupted" and workout.ended_at is not None
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        if Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":
            break  # exited; its parent (tmux's shell, gone too) never reaped it
        time.sleep(0.05)
    assert (
        not Path(f"/proc/{pid}").exists() or "Z" == Path(f"/proc/{pid}/stat").read_text().split()[2]
    ), "kneecoach kept running after its terminal closed"


def test_a_terminal_that_vanishes_without_a_hangup_still_ends_the_workout(tmp_path: Path) -> None:
    """A pty closed under kneecoach with no SIGHUP (no controlling terminal, as under
    some harnesses): Textual's input thread would spin on the dead tty at 100 % CPU.
    kneecoach notices within seconds, saves the workout as interrupted and exits."""
    import pty  # noqa: F401  (POSIX only, like the rest of this file)

    session = tmp_path / "e2e-mini.yaml"
    session.write_text(SESSION.replace("prepare: 30", "prepare: 2"), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "acknowledged.json").write_text('{"sessions": ["e2e-mini"]}')
    master, slave = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", WATCHED_CLOSELY, "--data-dir", str(data), "run", str(session),
         "--speed", "4", "--audio", "off"],
        stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    try:
        import select

        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:  # keep the pty drained until a step is logged
            if select.select([master], [], [], 0.05)[0]:
                os.read(master, 65536)
            workouts = logged(data)
            if workouts and workouts[0].steps:
                break
        os.close(master)
        process.wait(timeout=WAIT)
    finally:
        if process.poll() is None:
            process.kill()
    [workout] = logged(data)
    assert workout.status == "interrupted"
