#!/usr/bin/env python3
"""How heavy is kneecoach's live UI, next to the lightest Textual app that does the
same visible job? Run with the Python of the environment kneecoach is installed in:

    python benchmarks/ui_bench.py [--seconds 60] [--runs 5] [--cpu-runs 3]

Both apps run in a real pseudo-terminal (100x30, TERM=xterm-256color) whose output
is drained all the time. The baseline is a minimal Textual app, written by this
script to a temporary file, that shows one ``Digits`` widget counting down once a
second with ``set_interval(1, ...)``. kneecoach runs ``kneecoach run`` on a one-
exercise session sitting in a 600 s hold, its safety notice acknowledged in advance.

Baseline and kneecoach launches alternate (B K, K B, B K, ...) and every figure is
a median over the runs, so that a noisy machine moves both sides alike; the table
gives kneecoach as a ratio of the baseline measured in this same run.

* start-up: time from spawning the process to the first frame that shows the app's
  own content (kneecoach: its starting screen, drawn before it reads the session
  or opens the log; baseline: a marker in a Static);
* start-up to the first question (kneecoach only, for information): to the frame
  that asks about knee pain, with the session read, the log opened and checked,
  and today's doses worked out;
* CPU in a hold: user+system CPU time of the process (/proc/PID/stat) over a window
  that starts 3 s after the first frame, as a share of one core;
* memory: VmRSS (/proc/PID/status) at the end of that window;
* the countdown's height: how many rows its digits take in a 45 s hold at 80x24,
  100x30 and 200x60, in both layouts (measured headless, in this process, with
  the kneecoach this Python imports; the baseline's Digits are always 3 rows).

Linux only (it reads /proc). Exit status 0 whatever the numbers; 1 if an app did
not start or died.
"""

from __future__ import annotations

import argparse
import codecs
import fcntl
import json
import os
import re
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS, LINES = 100, 30
SETTLE_SECONDS = 3.0
FIRST_FRAME_TIMEOUT = 30.0
CLK_TCK = os.sysconf("SC_CLK_TCK")

BASELINE_MARKER = "Baseline hold"
# kneecoach draws a starting screen first, then (keeping a workout log) asks about
# knee pain; the benchmark answers with Enter (skip) and measures the hold.
KNEECOACH_MARKER = "kneecoach · getting"
KNEECOACH_QUESTION = "Knee pain right now"
KNEECOACH_READY = "Wall sit"

BASELINE_APP = f'''\
from textual.app import App, ComposeResult
from textual.widgets import Digits, Static


class Baseline(App):
    """One Digits widget counting down once a second: the least a timer UI can do."""

    CSS = "Digits {{ width: auto; }}"

    def compose(self) -> ComposeResult:
        yield Static({BASELINE_MARKER!r})
        yield Digits("10:00")

    def on_mount(self) -> None:
        self.left = 600
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        self.left = max(self.left - 1, 0)
        self.query_one(Digits).update(f"{{self.left // 60:02d}}:{{self.left % 60:02d}}")


if __name__ == "__main__":
    Baseline().run()
'''

SESSION_YAML = """\
id: bench
title: Bench
source: benchmark
rests:
  prepare: 0
exercises:
  - id: wall
    name: Wall sit
    kind: strength
    steps:
      - Hold.
    hold_seconds: 600
    reps: 1
"""

# CSI / OSC / two-byte escapes, so that the marker is found however the frame is styled.
ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


class BenchError(Exception):
    """An app did not start, or died: the benchmark cannot go on."""


@dataclass
class Result:
    startup: list[float] = field(default_factory=list)  # seconds
    question: list[float] = field(default_factory=list)  # seconds, to the first question
    cpu: list[float] = field(default_factory=list)  # share of one core, 0..1
    rss: list[float] = field(default_factory=list)  # MiB
    output: list[float] = field(default_factory=list)  # bytes written to the terminal per s


# -- /proc ----------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        text = stat.read()
    fields = text[text.rindex(")") + 2 :].split()  # the name may hold spaces
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) / CLK_TCK


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise BenchError(f"no VmRSS for process {pid}")


# -- one app in a pseudo-terminal -----------------------------------------------------


class PtyApp:
    """A process on the slave side of a fresh pty; a thread drains the master side."""

    def __init__(
        self,
        name: str,
        argv: list[str],
        env: dict[str, str],
        marker: str,
        ready: str = "",
        question: str = "",
    ) -> None:
        self.name = name
        self.marker = marker
        self.question_marker = question  # after the first frame: when this shows, Enter
        self.question_at = 0.0
        self.ready_marker = ready  # after the question (if any): wait for this
        self.ready = threading.Event()
        master, slave = os.openpty()
        winsize = struct.pack("HHHH", LINES, COLUMNS, 0, 0)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, winsize)
        fcntl.ioctl(master, termios.TIOCSWINSZ, winsize)
        self.master = master
        self.bytes_read = 0
        self.tail = ""  # the last few KiB of text, for error reports
        self.first_frame = threading.Event()
        self.first_frame_at = 0.0
        self._lock = threading.Lock()
        self.spawned_at = time.perf_counter()
        try:
            self.proc = subprocess.Popen(
                argv,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=env,
                close_fds=True,
                start_new_session=True,  # its own process group, for killpg
            )
        except BaseException:
            os.close(master)
            os.close(slave)
            raise
        os.close(slave)
        self.reader = threading.Thread(target=self._drain, name=f"drain-{name}", daemon=True)
        self.reader.start()

    def _drain(self) -> None:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        seen = ""
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:  # EIO: the slave side closed, the process is gone
                break
            if not data:
                break
            now = time.perf_counter()
            with self._lock:
                self.bytes_read += len(data)
            if self.ready.is_set():
                continue
            text = decoder.decode(data)
            seen = (seen + text)[-200_000:]
            self.tail = seen[-4000:]
            plain = ANSI.sub("", seen)
            if not self.first_frame.is_set():
                if self.marker in plain:
                    self.first_frame_at = now
                    self.first_frame.set()
                    if not self.question_marker and not self.ready_marker:
                        self.ready.set()
                    seen, plain = "", ""
            if self.first_frame.is_set() and not self.ready.is_set():
                if self.question_marker and not self.question_at:
                    if self.question_marker in plain:
                        self.question_at = now
                        os.write(self.master, b"\r")
                        seen = ""
                elif self.ready_marker in plain:
                    self.ready.set()

    def output_bytes(self) -> int:
        with self._lock:
            return self.bytes_read

    def wait_first_frame(self, timeout: float) -> float:
        """Seconds from spawn to the first frame with the marker in it."""
        deadline = time.monotonic() + timeout
        while not self.first_frame.wait(0.05):
            if self.proc.poll() is not None:
                raise BenchError(
                    f"{self.name} exited with status {self.proc.returncode} before its first "
                    f"frame; its last output:\n{ANSI.sub('', self.tail)[-1500:]}"
                )
            if time.monotonic() > deadline:
                raise BenchError(
                    f"{self.name} showed no {self.marker!r} within {timeout:g} s; "
                    f"its last output:\n{ANSI.sub('', self.tail)[-1500:]}"
                )
        return self.first_frame_at - self.spawned_at

    def check_alive(self) -> None:
        if self.proc.poll() is not None:
            raise BenchError(f"{self.name} died with status {self.proc.returncode}")

    def kill(self) -> None:
        """Stop the process group: SIGTERM (Textual restores the tty), then SIGKILL."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                pass
        try:  # anything left in the group, the process itself included
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.close(self.master)  # ends the drain thread (EIO / EBADF)
        except OSError:
            pass
        self.reader.join(timeout=2)


def measure(app: PtyApp, result: Result, hold: bool, seconds: float) -> str:
    startup = app.wait_first_frame(FIRST_FRAME_TIMEOUT)
    result.startup.append(startup)
    line = f"start-up {startup * 1000:6.0f} ms"
    if not app.ready.wait(FIRST_FRAME_TIMEOUT):
        raise BenchError(f"{app.name} never reached its hold; last output:\n{app.tail[-1500:]}")
    if app.question_at:
        question = app.question_at - app.spawned_at
        result.question.append(question)
        line += f"   to the question {question * 1000:6.0f} ms"
    if not hold:
        return line
    time.sleep(SETTLE_SECONDS)
    app.check_alive()
    pid = app.proc.pid
    cpu0, bytes0, t0 = cpu_seconds(pid), app.output_bytes(), time.monotonic()
    time.sleep(seconds)
    cpu1, bytes1, t1 = cpu_seconds(pid), app.output_bytes(), time.monotonic()
    rss = rss_mib(pid)
    app.check_alive()
    cpu = (cpu1 - cpu0) / (t1 - t0)
    result.cpu.append(cpu)
    result.rss.append(rss)
    result.output.append((bytes1 - bytes0) / (t1 - t0))
    return (
        f"{line}   CPU {cpu * 100:5.2f} % of a core   RSS {rss:5.1f} MiB   "
        f"tty output {(bytes1 - bytes0) / (t1 - t0) / 1024:6.1f} KiB/s"
    )


# -- the countdown's height ---------------------------------------------------------------

HEIGHT_SIZES = ((80, 24), (100, 30), (200, 60))
HEIGHT_SESSION = SESSION_YAML.replace("hold_seconds: 600", "hold_seconds: 45").replace(
    "prepare: 0", "prepare: 1"
)
DIGITS_ROWS = 3  # Textual's Digits


def countdown_heights() -> dict[tuple[str, int, int], int]:
    """Rows of the countdown's digits, 2 s into a 45 s hold, per layout and size."""
    import asyncio

    from kneecoach.engine import parse_session
    from kneecoach.services.acknowledgements import MemoryAcknowledgements
    from kneecoach.ui.ready_made import make_app
    from kneecoach.ui.widgets.countdown import Countdown

    session = parse_session(HEIGHT_SESSION.encode(), "bench.yaml")
    heights: dict[tuple[str, int, int], int] = {}

    async def one(layout: str, columns: int, lines: int) -> int:
        now = [0.0]
        app = make_app(
            [session],
            start=session,
            clock=lambda: now[0],
            live_ticker=False,
            acknowledgements=MemoryAcknowledgements({"bench"}),
            audio="off",
            layout=layout,
        )
        async with app.run_test(size=(columns, lines)) as pilot:
            now[0] += 3.0
            app.screen.tick()
            await pilot.pause()
            return app.screen.query_one(Countdown).digit_rows

    for layout in ("standard", "mat"):
        for columns, lines in HEIGHT_SIZES:
            heights[(layout, columns, lines)] = asyncio.run(one(layout, columns, lines))
    return heights


def height_table(heights: dict[tuple[str, int, int], int]) -> str:
    minimum = {(80, 24): 5, (100, 30): 9, (200, 60): 20}
    head = ("countdown digits, 45 s hold", "Digits", "standard", "mat", "target", "result")
    rows = []
    for columns, lines in HEIGHT_SIZES:
        standard = heights[("standard", columns, lines)]
        mat = heights[("mat", columns, lines)]
        least = minimum[(columns, lines)]
        rows.append(
            (
                f"rows at {columns}x{lines}",
                str(DIGITS_ROWS),
                str(standard),
                str(mat),
                f">= {least}",
                "PASS" if min(standard, mat) >= least else "FAIL",
            )
        )
    widths = [max(len(row[i]) for row in (head, *rows)) for i in range(len(head))]
    aligns = ["<", ">", ">", ">", "<", "<"]

    def fmt(row: tuple[str, ...]) -> str:
        return "  ".join(f"{cell:{a}{w}}" for cell, a, w in zip(row, aligns, widths)).rstrip()

    return "\n".join([fmt(head), fmt(tuple("-" * w for w in widths)), *map(fmt, rows)])


# -- the table ------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def table(base: Result, knee: Result, runs: int, cpu_runs: int, seconds: float) -> str:
    rows: list[tuple[str, str, str, str, str, str]] = []

    def ratio(k: float, b: float) -> float:
        return k / b if b > 0 else float("inf")

    b, k = median(base.cpu), median(knee.cpu)
    r = ratio(k, b)
    rows.append(
        (
            "CPU in hold (% of one core)",
            f"{b * 100:.2f} %",
            f"{k * 100:.2f} %",
            f"{r:.2f}x",
            "<= 1.5x",
            "PASS" if r <= 1.5 else "FAIL",
        )
    )
    rows.append(
        (
            "CPU in hold, absolute",
            f"{b * 100:.2f} %",
            f"{k * 100:.2f} %",
            "",
            "< 1 % of a core",
            "PASS" if k < 0.01 else "FAIL",
        )
    )
    b, k = median(base.startup), median(knee.startup)
    r = ratio(k, b)
    rows.append(
        (
            "start-up to first frame",
            f"{b * 1000:.0f} ms",
            f"{k * 1000:.0f} ms",
            f"{r:.2f}x",
            "<= 1.3x",
            "PASS" if r <= 1.3 else "FAIL",
        )
    )
    k = median(knee.question)
    rows.append(
        (
            "start-up to the first question (info)",
            "",
            f"{k * 1000:.0f} ms",
            f"{ratio(k, b):.2f}x",
            "",
            "",
        )
    )
    b, k = median(base.rss), median(knee.rss)
    rows.append(
        (
            "resident memory in hold",
            f"{b:.1f} MiB",
            f"{k:.1f} MiB",
            f"{ratio(k, b):.2f}x",
            "< 80 MB",
            "PASS" if k * 1024 * 1024 < 80e6 else "FAIL",
        )
    )
    b, k = median(base.output), median(knee.output)
    rows.append(
        (
            "tty output in hold (info)",
            f"{b / 1024:.2f} KiB/s",
            f"{k / 1024:.2f} KiB/s",
            f"{ratio(k, b):.2f}x",
            "",
            "",
        )
    )
    head = ("metric", "baseline", "kneecoach", "ratio", "target", "result")
    widths = [max(len(row[i]) for row in (head, *rows)) for i in range(len(head))]
    aligns = ["<", ">", ">", ">", "<", "<"]

    def fmt(row: tuple[str, ...]) -> str:
        return "  ".join(f"{cell:{a}{w}}" for cell, a, w in zip(row, aligns, widths)).rstrip()

    lines = [fmt(head), fmt(tuple("-" * w for w in widths)), *(fmt(row) for row in rows)]
    lines.append("")
    lines.append(
        f"medians: start-up over {runs} launches of each app; CPU, memory and output over "
        f"{cpu_runs} holds of {seconds:g} s each (measured from {SETTLE_SECONDS:g} s after "
        "the first frame); baseline and kneecoach interleaved."
    )
    return "\n".join(lines)


# -- main -----------------------------------------------------------------------------


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # run the finally blocks that kill the children


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="kneecoach's live UI against a minimal Textual countdown, in one run."
    )
    parser.add_argument(
        "--seconds", type=float, default=60.0, help="CPU window of each hold (default 60)"
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="launches of each app for start-up time (default 5)"
    )
    parser.add_argument(
        "--cpu-runs",
        type=int,
        default=3,
        help="how many of those launches also hold for the CPU window (default 3)",
    )
    parser.add_argument(
        "--kneecoach",
        default=str(Path(sys.executable).parent / "kneecoach"),
        help="the kneecoach command (default: the one next to this Python)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or not 1 <= args.cpu_runs <= args.runs or args.seconds <= 0:
        parser.error("need --runs >= 1, 1 <= --cpu-runs <= --runs and --seconds > 0")
    if not Path("/proc/self/stat").exists():
        parser.error("this benchmark reads /proc: Linux only")
    if not os.access(args.kneecoach, os.X_OK):
        parser.error(f"no kneecoach command at {args.kneecoach}; pass --kneecoach")

    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)

    with tempfile.TemporaryDirectory(prefix="kneecoach-bench-") as tmp:
        root = Path(tmp)
        baseline_py = root / "baseline_app.py"
        baseline_py.write_text(BASELINE_APP, encoding="utf-8")
        session = root / "bench.yaml"
        session.write_text(SESSION_YAML, encoding="utf-8")

        def env_for(name: str) -> dict[str, str]:
            home = root / name
            for sub in ("config", "data", "cache"):
                (home / sub).mkdir(parents=True, exist_ok=True)
            env = dict(os.environ)
            for key in list(env):  # no devtools, colour overrides or bytecode opt-outs
                if key.startswith("TEXTUAL") or key in (
                    "NO_COLOR",
                    "FORCE_COLOR",
                    "PYTHONDONTWRITEBYTECODE",
                ):
                    del env[key]
            env.update(
                TERM="xterm-256color",
                COLUMNS=str(COLUMNS),
                LINES=str(LINES),
                XDG_CONFIG_HOME=str(home / "config"),  # no user sessions found
                XDG_DATA_HOME=str(home / "data"),
                XDG_CACHE_HOME=str(home / "cache"),
                # Both apps start from compiled bytecode, as an installed app does from
                # its second launch on: the warm-up launch compiles every module (Textual
                # and kneecoach alike) into this private cache, and nothing is written
                # next to the sources (an editable install would otherwise compile
                # kneecoach afresh on every launch where bytecode writing is off).
                PYTHONPYCACHEPREFIX=str(root / "pycache"),
            )
            return env

        def launch_kneecoach(run: int) -> PtyApp:
            data = root / f"knee-data-{run}"
            data.mkdir()
            (data / "acknowledged.json").write_text(
                json.dumps({"sessions": ["bench"]}), encoding="utf-8"
            )
            argv = [
                args.kneecoach,
                "--data-dir",
                str(data),
                "run",
                str(session),
                "--audio",
                "off",
            ]
            return PtyApp(
                "kneecoach",
                argv,
                env_for("kneecoach"),
                KNEECOACH_MARKER,
                KNEECOACH_READY,
                KNEECOACH_QUESTION,
            )

        def launch_baseline(run: int) -> PtyApp:
            argv = [sys.executable, str(baseline_py)]
            return PtyApp("baseline", argv, env_for("baseline"), BASELINE_MARKER)

        results = {"baseline": Result(), "kneecoach": Result()}
        launchers = {"baseline": launch_baseline, "kneecoach": launch_kneecoach}
        total = (
            args.cpu_runs * 2 * (args.seconds + SETTLE_SECONDS + 1)
            + (args.runs - args.cpu_runs) * 2 * 1.5
        )
        duration = f"{total / 60:.0f} min" if total >= 90 else f"{total:.0f} s"
        print(
            f"kneecoach: {args.kneecoach}\nbaseline:  {sys.executable} (Textual countdown)\n"
            f"{args.runs} launches of each, {args.cpu_runs} with a {args.seconds:g} s hold; "
            f"about {duration}.\n",
            file=sys.stderr,
        )
        # A warm-up launch of each, not counted: compiles the bytecode cache and fills
        # the OS page cache for both sides.
        for name in ("baseline", "kneecoach"):
            app = launchers[name](-1 if name == "baseline" else 0)
            try:
                app.wait_first_frame(FIRST_FRAME_TIMEOUT)
            finally:
                app.kill()
        for run in range(1, args.runs + 1):
            order = ("baseline", "kneecoach") if run % 2 else ("kneecoach", "baseline")
            hold = run <= args.cpu_runs
            for name in order:
                app = launchers[name](run)
                try:
                    line = measure(app, results[name], hold, args.seconds)
                finally:
                    app.kill()
                print(f"run {run}  {name:<9}  {line}", file=sys.stderr, flush=True)

    print()
    print(table(results["baseline"], results["kneecoach"], args.runs, args.cpu_runs, args.seconds))
    print()
    print(height_table(countdown_heights()))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"ui_bench: {exc}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
