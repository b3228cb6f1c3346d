"""Odd inputs, outputs and files, in real processes: standard input that is no
terminal, output into a pipe, TERM=dumb, a named pipe where a session file or the
config should be, and a umask of 000. Each process has a time limit, so a hang
fails the test instead of stalling the suite.

POSIX only (named pipes, ptys, umask), like the rest of kneecoach's terminal tests.
"""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import stat
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

LIMIT = 20  # seconds any of these may take; each answers in well under one
RUN = [sys.executable, "-m", "kneecoach"]
SESSION = """\
id: mini
title: Mini
source: test
exercises:
  - {id: sit, name: Wall sit, kind: strength, steps: [Slide down.], hold_seconds: 5}
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """kneecoach's folders in tmp_path, a real terminal type, no colours to parse."""
    return {
        **os.environ,
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "share"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
        "NO_COLOR": "1",
    }


def kneecoach(
    *args: str, env: dict[str, str], **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """Run to the end within LIMIT (TimeoutExpired: a hang, which fails the test)."""
    kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run(
        [*RUN, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=LIMIT,
        check=False,
        **kwargs,
    )  # type: ignore[call-overload]


def in_a_terminal(*args: str, env: dict[str, str], output: str = "terminal") -> tuple[int, str]:
    """Run with a pty (80×24) as standard input, and as standard output unless
    ``output="pipe"``; its exit status and everything it wrote. Killed, and the
    test failed, after LIMIT."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    out = slave if output == "terminal" else subprocess.PIPE
    process = subprocess.Popen(
        [*RUN, *args], stdin=slave, stdout=out, stderr=out, env=env, start_new_session=True
    )
    os.close(slave)
    written = b""
    deadline = time.monotonic() + LIMIT
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if select.select([master], [], [], 0.05)[0]:
                try:
                    written += os.read(master, 65536)
                except OSError:  # the child closed its side
                    time.sleep(0.05)
        if process.poll() is None:
            pytest.fail(f"still running after {LIMIT} s: {written[-500:]!r}")
        if output == "pipe":
            assert process.stdout is not None and process.stderr is not None
            written += process.stdout.read() + process.stderr.read()
        while select.select([master], [], [], 0.1)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            written += chunk
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    return process.returncode, written.decode("utf-8", "replace")


# -- no terminal, a pipe, TERM=dumb: one line, exit 2, at once -----------------------


def test_run_with_standard_input_not_a_terminal_says_so_and_exits_2(env):
    started = time.monotonic()
    result = kneecoach("run", "goodrx-runners-knee", env=env, stdin=subprocess.DEVNULL)
    assert time.monotonic() - started < LIMIT / 2
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("kneecoach: the workout screen reads your keys from a terminal")


def test_the_picker_with_standard_input_from_a_pipe_exits_2(env):
    result = kneecoach(env=env, input="q\n", stdin=None)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1


def test_run_with_standard_output_piped_says_so_and_exits_2(env):
    code, written = in_a_terminal("run", "goodrx-runners-knee", env=env, output="pipe")
    assert code == 2
    [line] = written.splitlines()
    assert line.startswith("kneecoach: the workout screen draws on a terminal")
    assert "\x1b" not in written  # nothing was drawn into the pipe


def test_term_dumb_gets_a_plain_message_not_a_broken_screen(env):
    code, written = in_a_terminal("run", "goodrx-runners-knee", env={**env, "TERM": "dumb"})
    assert code == 2
    assert "this terminal (TERM=dumb) cannot draw the workout screen" in written
    assert "\x1b" not in written


def test_a_real_terminal_still_starts_the_app(env, tmp_path):
    """The checks above refuse only what cannot work: in a pty the app starts (and
    a bad session file then ends it with its line, exit 1)."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n")
    code, written = in_a_terminal("run", str(bad), env=env)
    assert code == 1
    assert "\x1b[?1049h" in written  # the screen was drawn (alternate screen)
    assert f"{bad}:2:1: not valid YAML" in written


# -- a named pipe where a file should be ------------------------------------------


@pytest.fixture
def fifo_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    (folder / "mini.yaml").write_text(SESSION)
    os.mkfifo(folder / "x.yaml")  # nobody ever writes to it
    return folder


def test_list_skips_a_named_pipe_in_the_sessions_folder(env, fifo_folder):
    result = kneecoach("list", "--sessions", str(fifo_folder), env=env)
    assert result.returncode == 0, result.stderr
    assert "mini" in result.stdout
    assert f"{fifo_folder / 'x.yaml'}:1:1: is a named pipe (FIFO), not a session file" in (
        result.stdout
    )


def test_plan_and_validate_refuse_a_named_pipe(env, fifo_folder):
    pipe = str(fifo_folder / "x.yaml")
    for command in ("plan", "validate"):
        result = kneecoach(command, pipe, env=env)
        assert result.returncode == 1
        assert result.stderr == f"{pipe}:1:1: is a named pipe (FIFO), not a session file\n"


def test_run_refuses_a_named_pipe(env, fifo_folder):
    pipe = fifo_folder / "x.yaml"
    code, written = in_a_terminal("run", str(pipe), "--data-dir", str(fifo_folder), env=env)
    assert code == 1
    assert f"{pipe}:1:1: is a named pipe (FIFO), not a session file" in written


def test_a_named_pipe_as_config_toml_is_one_line(env, tmp_path):
    config = Path(env["XDG_CONFIG_HOME"]) / "kneecoach"
    config.mkdir(parents=True)
    os.mkfifo(config / "config.toml")
    result = kneecoach("plan", "goodrx-runners-knee", env=env)
    assert result.returncode == 1
    assert result.stderr == (
        f"kneecoach: {config / 'config.toml'}: is a named pipe (FIFO), not a settings file\n"
    )
    code, written = in_a_terminal("run", "goodrx-runners-knee", env=env)
    assert code == 1 and "is a named pipe (FIFO), not a settings file" in written


def test_the_catalog_never_opens_a_named_pipe(fifo_folder):
    """In this process too (a daemon thread, so that a regression fails here and
    does not hang the suite)."""
    from kneecoach.services.catalog import discover

    found: list[object] = []
    reader = threading.Thread(target=lambda: found.append(discover([fifo_folder])), daemon=True)
    reader.start()
    reader.join(LIMIT)
    assert found, "discover() blocked on a named pipe"
    [catalog] = found
    assert list(catalog.sessions) == ["mini"]  # type: ignore[attr-defined]
    assert [u.line for u in catalog.unusable] == [  # type: ignore[attr-defined]
        f"{fifo_folder / 'x.yaml'}:1:1: is a named pipe (FIFO), not a session file"
    ]


def test_a_device_and_an_oversized_file_are_refused(tmp_path):
    from kneecoach.engine import SessionFileError, load_session

    for path, message in (
        ("/dev/zero", "is a device, not a session file"),
        ("/dev/null", "is a device, not a session file"),
    ):
        with pytest.raises(SessionFileError) as info:
            load_session(path)
        assert info.value.lines == [f"{path}:1:1: {message}"]
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * 1_000_000 + b"\n")
    with pytest.raises(SessionFileError) as info:
        load_session(big)
    assert info.value.lines == [
        f"{big}:1:1: file is too large (over 1,000,000 bytes; a session file is at most 1 MB)"
    ]


# -- umask 000: what kneecoach creates is still the user's alone ------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_under_umask_000_folders_are_0700_and_files_0600(env, tmp_path):
    share = Path(env["XDG_DATA_HOME"])  # none of it there yet: kneecoach makes it all
    export = tmp_path / "out" / "export.csv"
    export.parent.mkdir()
    script = f"""
import os, sys
from pathlib import Path
os.umask(0)
from kneecoach.cli import main
assert main(["dose", "goodrx-runners-knee", "wall-sit", "--hold", "20"]) == 0
assert main(["export", "--format", "csv", "--output", {str(export)!r}]) == 0
from kneecoach.services.acknowledgements import FileAcknowledgements
FileAcknowledgements(Path({str(tmp_path / "acks" / "deep")!r})).acknowledge("goodrx-runners-knee")
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env, capture_output=True, text=True, timeout=LIMIT, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = share / "kneecoach"
    assert {p: oct(mode(p)) for p in (share, data)} == {share: "0o700", data: "0o700"}
    assert oct(mode(data / "kneecoach.db")) == "0o600"
    for extra in ("kneecoach.db-wal", "kneecoach.db-shm"):
        if (data / extra).exists():
            assert oct(mode(data / extra)) == "0o600"
    assert oct(mode(export)) == "0o600"
    acks = tmp_path / "acks"
    assert oct(mode(acks)) == oct(mode(acks / "deep")) == "0o700"
    assert oct(mode(acks / "deep" / "acknowledged.json")) == "0o600"


@pytest.mark.skipif(
    shutil.which("espeak-ng") is None and not os.environ.get("CI"), reason="needs espeak-ng"
)
def test_under_umask_000_the_voice_cache_is_the_users_alone(env, tmp_path):
    cache = tmp_path / "cache" / "kneecoach" / "voices"
    script = f"""
import os
from pathlib import Path
os.umask(0)
from kneecoach.audio import SoundBank, sound_folders
from kneecoach.audio.voices import render_missing
folder = Path({str(cache)!r})
assert render_missing(SoundBank(sound_folders(folder)), ["Next: Hamstring hello"], folder)
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env, capture_output=True, text=True, timeout=LIMIT, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for folder in (tmp_path / "cache", tmp_path / "cache" / "kneecoach", cache):
        assert oct(mode(folder)) == "0o700", folder
    [voice] = cache.iterdir()
    assert oct(mode(voice)) == "0o600"
