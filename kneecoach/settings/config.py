"""The user's settings file: ``config.toml`` in kneecoach's config folder.

Command-line options win over the file, the file over the defaults. A value that
cannot be used is one line naming the file, the line and the field, never a
traceback; an absent file is simply the defaults. Only a regular file of at most
64 KB is read (a named pipe called config.toml is one line, not a hang), and a
value quoted in an error is cut short.

    [audio]
    backend = "auto"   # auto, simpleaudio, command, bell or off
    volume = 80        # 0-100
    voice = "coach"    # off, cues or coach (true and false, from older files: coach, off)

    [display]
    layout = "mat"     # the workout screen: standard, or mat (to follow from the floor)

    [report]
    target_per_week = 5   # workouts a week the report measures against (1-21)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kneecoach.engine.errors import UserError
from kneecoach.engine.files import FileTooLarge, NotARegularFile, read_regular_file
from kneecoach.engine.printable import excerpt

AUDIO_MODES = ("auto", "simpleaudio", "command", "bell", "off")
MAX_PER_WEEK = 21  # as a session file's per_week
MAX_CONFIG_BYTES = 64_000  # a settings file is a few lines
VoiceLevel = Literal["off", "cues", "coach"]
# off: tones only; cues: a word at each change ("Hold", "Rest"); coach: the exercise,
# the position, the leg, the counts and the time left, as a coach beside the mat would
VOICE_LEVELS: tuple[VoiceLevel, ...] = ("off", "cues", "coach")
LAYOUTS = ("standard", "mat")  # the workout screen's two layouts


class ConfigError(UserError):
    """A settings file that cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class AudioSettings:
    backend: str = "auto"
    volume: int = 100
    voice: VoiceLevel = "coach"


@dataclass(frozen=True)
class ReportSettings:
    target_per_week: int | None = None  # None: from the session files


@dataclass(frozen=True)
class DisplaySettings:
    layout: str | None = None  # None: not set in the file


@dataclass(frozen=True)
class Config:
    audio: AudioSettings = field(default_factory=AudioSettings)
    report: ReportSettings = field(default_factory=ReportSettings)
    display: DisplaySettings = field(default_factory=DisplaySettings)
    progression: Mapping[str, Any] = field(default_factory=dict)  # checked by the engine
    path: Path | None = None


def config_path() -> Path:
    from kneecoach.settings.paths import config_dir

    return config_dir() / "config.toml"


def _read(path: Path) -> str | None:
    """The settings file's text; None when there is none."""
    try:
        return read_regular_file(path, MAX_CONFIG_BYTES).decode("utf-8")
    except FileNotFoundError:
        return None
    except NotARegularFile as error:
        raise ConfigError(f"{path}: is {error.kind}, not a settings file") from None
    except FileTooLarge:
        raise ConfigError(
            f"{path}: too large for a settings file (over {MAX_CONFIG_BYTES:,} bytes)"
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: cannot read settings (not UTF-8 text)") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read settings ({error.strerror or error})") from None


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    text = _read(path)
    if text is None:
        return Config()
    import tomllib  # here, not at the top: commands that read no settings skip it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from None
    except ValueError:  # a number of thousands of digits, which Python will not read
        raise ConfigError(f"{path}: a number in it is too long to read") from None
    where = _Locator(path, text)
    unknown = sorted(set(data) - {"audio", "display", "progression", "report"})
    if unknown:
        raise ConfigError(
            f"{where(unknown[0])}: unknown section {excerpt(unknown[0])}"
            " (known: audio, display, progression, report)"
        )
    audio = _section(data, "audio", where)
    display = _display(_section(data, "display", where), where)
    progression = _section(data, "progression", where)
    report = _report(_section(data, "report", where), where)
    return Config(
        audio=_audio(audio, where),
        display=display,
        report=report,
        progression=progression,
        path=path,
    )


def _section(data: Mapping[str, Any], name: str, where: _Locator) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where(name)}: {name}: expected a [{name}] table")
    return value


def _audio(values: Mapping[str, Any], where: _Locator) -> AudioSettings:
    known = {"backend", "volume", "voice"}
    for key in values:
        if key not in known:
            raise ConfigError(
                f"{where(key, 'audio')}: audio.{key}: unknown setting (known: {', '.join(sorted(known))})"
            )
    backend = values.get("backend", "auto")
    if backend not in AUDIO_MODES:
        raise ConfigError(
            f"{where('backend', 'audio')}: audio.backend: expected one of {', '.join(AUDIO_MODES)}, found {excerpt(backend)}"
        )
    volume = values.get("volume", 100)
    if isinstance(volume, bool) or not isinstance(volume, int) or not 0 <= volume <= 100:
        raise ConfigError(
            f"{where('volume', 'audio')}: audio.volume: expected a whole number from 0 to 100, found {excerpt(volume)}"
        )
    voice = voice_level(values.get("voice", "coach"))
    if voice is None:
        raise ConfigError(
            f"{where('voice', 'audio')}: audio.voice: expected one of"
            f" {', '.join(VOICE_LEVELS)}, found {excerpt(values['voice'])}"
        )
    return AudioSettings(backend=backend, volume=volume, voice=voice)


def _report(values: Mapping[str, Any], where: _Locator) -> ReportSettings:
    for key in values:
        if key != "target_per_week":
            raise ConfigError(
                f"{where(key, 'report')}: report.{key}: unknown setting (known: target_per_week)"
            )
    target = values.get("target_per_week")
    if target is not None and (
        isinstance(target, bool) or not isinstance(target, int) or not 1 <= target <= MAX_PER_WEEK
    ):
        raise ConfigError(
            f"{where('target_per_week', 'report')}: report.target_per_week: expected a whole"
            f" number from 1 to {MAX_PER_WEEK}, found {excerpt(target)}"
        )
    return ReportSettings(target_per_week=target)


def voice_level(value: object) -> VoiceLevel | None:
    """A voice level by name; true and false (older files said only that) are
    coach and off. None for anything else."""
    if value is True:
        return "coach"
    if value is False:
        return "off"
    return next((level for level in VOICE_LEVELS if level == value), None)


def _display(values: Mapping[str, Any], where: _Locator) -> DisplaySettings:
    for key in values:
        if key != "layout":
            raise ConfigError(
                f"{where(key, 'display')}: display.{key}: unknown setting (known: layout)"
            )
    layout = values.get("layout")
    if layout is not None and layout not in LAYOUTS:
        raise ConfigError(
            f"{where('layout', 'display')}: display.layout: expected one of "
            f"{', '.join(LAYOUTS)}, found {excerpt(layout)}"
        )
    return DisplaySettings(layout=layout)


def line_of(path: Path, key: str, section: str) -> str:
    """``FILE:LINE`` of ``key`` in ``[section]`` (``FILE`` alone if not found)."""
    try:
        text = _read(path)
    except ConfigError:
        return str(path)
    return _Locator(path, text)(key, section) if text is not None else str(path)


class _Locator:
    """``FILE:LINE`` for a key (tomllib keeps no positions, so look for it)."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def __call__(self, key: str, section: str | None = None) -> str:
        in_section = section is None
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            header = re.fullmatch(r"\[\s*([^\]]+?)\s*\]", stripped)
            if header:
                if section is None and header.group(1) == key:
                    return f"{self.path}:{number}"
                in_section = section is None or header.group(1) == section
                continue
            if in_section and re.match(rf"{re.escape(key)}\s*=", stripped):
                return f"{self.path}:{number}"
        return str(self.path)
