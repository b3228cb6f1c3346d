"""Players: the one small interface every sound backend fits behind.

``play`` hands a sound to the device and returns at once; a player that cannot
play raises ``PlayerError`` (now, or, for players whose failure shows up later,
through the ``on_failure`` callback) and the chain in ``fallback.py`` moves on.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from kneecoach.audio.alsa import quiet_alsa
from kneecoach.audio.sound import Sound


class PlayerError(Exception):
    """This backend cannot play here (no module, no device, server gone)."""


class Player(Protocol):
    on_failure: Callable[[Sound, str], None] | None

    @property
    def name(self) -> str:
        """What plays the sound ("simpleaudio", "aplay"), for notices."""

    @property
    def description(self) -> str:
        """The same in a few words, for "Using ... instead"."""

    def play(self, sound: Sound) -> None: ...

    def stop(self) -> None: ...

    def wait(self) -> None: ...

    def close(self) -> None: ...


class _Quiet:
    """Defaults for players with nothing to stop, wait for or close."""

    name: str
    on_failure: Callable[[Sound, str], None] | None = None

    @property
    def description(self) -> str:
        return self.name

    def stop(self) -> None:
        pass

    def wait(self) -> None:
        pass

    def close(self) -> None:
        pass


class NullPlayer(_Quiet):
    """Plays nothing: ``--audio off``, and the tests that don't listen."""

    name = "off"

    def play(self, sound: Sound) -> None:
        pass


class RecordingPlayer(_Quiet):
    """A test double that keeps what it was asked to play."""

    name = "recording"

    def __init__(self) -> None:
        self.played: list[Sound] = []

    def play(self, sound: Sound) -> None:
        self.played.append(sound)


class BellPlayer(_Quiet):
    """The last resort: the terminal bell and a flash of the screen.

    A bell for every countdown second and tempo rep would be noise, so it marks
    only the moments that need the person's eyes: a hold or side starts, the end.
    """

    name = "bell"
    description = "the terminal bell and a flash"
    MARKS = ("tone:hold_start", "tone:switch_sides", "tone:session_done")

    def __init__(self, ring: Callable[[], None], flash: Callable[[], None] | None = None):
        self.ring = ring
        self.flash = flash

    def play(self, sound: Sound) -> None:
        if not any(mark in sound.name for mark in self.MARKS):
            return
        self.ring()
        if self.flash is not None:
            self.flash()


class _PlayObject(Protocol):
    """What ``simpleaudio.play_buffer`` returns (the module ships no type hints)."""

    def is_playing(self) -> bool: ...

    def stop(self) -> None: ...

    def wait_done(self) -> None: ...


class SimpleaudioPlayer(_Quiet):
    """simpleaudio (the ``audio`` extra): plays from memory on its own thread.

    A new cue stops the one still playing, so that the sound always matches the
    screen; ``wait`` lets tests hear each cue out.
    """

    name = "simpleaudio"

    def __init__(self) -> None:
        try:
            import simpleaudio
        except ImportError as error:
            raise PlayerError(f"simpleaudio is not installed ({error})") from None
        quiet_alsa()
        self._simpleaudio = simpleaudio
        self._current: _PlayObject | None = None

    def play(self, sound: Sound) -> None:
        self.stop()
        try:
            self._current = self._simpleaudio.play_buffer(
                sound.frames, sound.channels, sound.width, sound.rate
            )
        except Exception as error:  # noqa: BLE001 - SimpleaudioError and friends: no device, busy
            reason = _one_line(error).split(" -- ")[0]  # drop "-- CODE: -2 -- MSG: ..."
            raise PlayerError(f"simpleaudio: {reason}") from None

    def stop(self) -> None:
        current, self._current = self._current, None
        if current is not None and current.is_playing():
            current.stop()

    def wait(self) -> None:
        if self._current is not None:
            self._current.wait_done()


COMMANDS: tuple[tuple[str, ...], ...] = (
    ("pw-play",),
    ("paplay",),
    ("aplay", "-q"),
    ("afplay",),
)


SERVER_COMMANDS = frozenset({"pw-play", "paplay"})  # useless without a sound server


def find_command(
    which: Callable[[str], str | None] = shutil.which, server: bool | None = None
) -> tuple[str, ...] | None:
    """The first sound command on this machine, in order of preference."""
    if server is None:
        server = sound_server_running()
    for command in COMMANDS:
        if command[0] in SERVER_COMMANDS and not server:
            continue
        path = which(command[0])
        if path:
            return (path, *command[1:])
    return None


class CommandPlayer(_Quiet):
    """A sound command (pw-play, paplay, aplay, afplay) run on a WAV file per cue.

    Files are written once per cue into a private temporary folder. The command
    runs in the background; if it exits with an error, ``on_failure`` hears of it
    (from a watcher thread) so that the chain can fall back.
    """

    def __init__(self, command: Sequence[str] | None = None) -> None:
        found = tuple(command) if command else find_command()
        if not found:
            raise PlayerError("no sound command found (pw-play, paplay, aplay, afplay)")
        self.command = found
        self.name = Path(found[0]).name
        self._folder = Path(tempfile.mkdtemp(prefix="kneecoach-cues-"))
        self._files: dict[Sound, Path] = {}
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self.watcher: threading.Thread | None = None  # waits for the latest command

    def _file(self, sound: Sound) -> Path:
        path = self._files.get(sound)
        if path is None:
            path = self._folder / f"cue-{len(self._files)}.wav"
            sound.to_wav(path)
            self._files[sound] = path
        return path

    def play(self, sound: Sound) -> None:
        path = self._file(sound)
        self.stop()
        try:
            process = subprocess.Popen(
                [*self.command, str(path)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,  # Ctrl+C in the terminal is the app's, not its
            )
        except OSError as error:
            raise PlayerError(f"{self.name}: {_one_line(error)}") from None
        with self._lock:
            self._process = process
        self.watcher = threading.Thread(target=self._watch, args=(process, sound), daemon=True)
        self.watcher.start()

    def _watch(self, process: subprocess.Popen[bytes], sound: Sound) -> None:
        _, err = process.communicate()
        stopped = process.returncode is not None and process.returncode < 0
        if process.returncode and not stopped and self.on_failure is not None:
            lines = err.decode(errors="replace").strip().splitlines()
            reason = lines[-1] if lines else f"exit status {process.returncode}"
            reason = re.sub(r"^[\w.-]+: \w+:\d+: ", "", reason)  # "aplay: main:831: "
            self.on_failure(sound, f"{self.name}: {reason}")

    def stop(self) -> None:
        with self._lock:
            process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()

    def wait(self) -> None:
        """Until the latest cue is over and, if its command failed, the failure has
        been reported (the watcher runs ``on_failure`` after the process exits)."""
        with self._lock:
            process = self._process
        if process is not None:
            process.wait()
        watcher = self.watcher
        if watcher is not None:
            watcher.join()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self._folder, ignore_errors=True)


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text or type(error).__name__


def sound_server_running() -> bool:
    """Whether a PulseAudio/PipeWire server may answer (only then try pw-play/paplay)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if os.environ.get("PULSE_SERVER"):
        return True
    if not runtime:
        return False
    return any((Path(runtime) / name).exists() for name in ("pulse/native", "pipewire-0"))
