"""The user's settings file: ``config.toml`` in kneecoach's config folder.

Command-line options win over the file, the file over the defaults. A value that
cannot be used is one line naming the file, the line and the field, never a
traceback; an absent file is simply the defaults.

    [audio]
    backend = "auto"   # auto, simpleaudio, command, bell or off
    volume = 80        # 0-100
    voice = true       # spoken cues as well as tones

    [display]
    layout = "mat"     # the workout screen: standard, or mat (to follow from the floor)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kneecoach.engine.errors import UserError

AUDIO_MODES = ("auto", "simpleaudio", "command", "bell", "off")
LAYOUTS = ("standard", "mat")  # the workout screen's two layouts


class ConfigError(UserError):
    """A settings file that cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class AudioSettings:
    backend: str = "auto"
    volume: int = 100
    voice: bool = True


@dataclass(frozen=True)
class DisplaySettings:
    layout: str | None = None  # None: not set in the file


@dataclass(frozen=True)
class Config:
    audio: AudioSettings = field(default_factory=AudioSettings)
    display: DisplaySettings = field(default_factory=DisplaySettings)
    progression: Mapping[str, Any] = field(default_factory=dict)  # checked by the engine
    path: Path | None = None


def config_path() -> Path:
    from kneecoach.settings.paths import config_dir

    return config_dir() / "config.toml"


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read settings ({error})") from None
    import tomllib  # here, not at the top: commands that read no settings skip it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from None
    where = _Locator(path, text)
    unknown = sorted(set(data) - {"audio", "display", "progression"})
    if unknown:
        raise ConfigError(
            f"{where(unknown[0])}: unknown section {unknown[0]!r}"
            " (known: audio, display, progression)"
        )
    audio = _section(data, "audio", where)
    display = _display(_section(data, "display", where), where)
    progression = _section(data, "progression", where)
    return Config(audio=_audio(audio, where), display=display, progression=progression, path=path)


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
            f"{where('backend', 'audio')}: audio.backend: expected one of {', '.join(AUDIO_MODES)}, found {backend!r}"
        )
    volume = values.get("volume", 100)
    if isinstance(volume, bool) or not isinstance(volume, int) or not 0 <= volume <= 100:
        raise ConfigError(
            f"{where('volume', 'audio')}: audio.volume: expected a whole number from 0 to 100, found {volume!r}"
        )
    voice = values.get("voice", True)
    if not isinstance(voice, bool):
        raise ConfigError(
            f"{where('voice', 'audio')}: audio.voice: expected true or false, found {voice!r}"
        )
    return AudioSettings(backend=backend, volume=volume, voice=voice)


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
            f"{', '.join(LAYOUTS)}, found {layout!r}"
        )
    return DisplaySettings(layout=layout)


def line_of(path: Path, key: str, section: str) -> str:
    """``FILE:LINE`` of ``key`` in ``[section]`` (``FILE`` alone if not found)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return str(path)
    return _Locator(path, text)(key, section)


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
