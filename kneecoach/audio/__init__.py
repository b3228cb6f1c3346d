"""Audio cues: sounds, players and the listener that turns engine events into sound.

``make_player`` builds the chain of backends for ``--audio``; ``make_cue_listener``
puts sounds, chooser and player together for the app.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kneecoach.audio.fallback import FallbackPlayer
from kneecoach.audio.listener import CueListener
from kneecoach.audio.players import (
    BellPlayer,
    CommandPlayer,
    NullPlayer,
    Player,
    PlayerError,
    RecordingPlayer,
    SimpleaudioPlayer,
)
from kneecoach.audio.sound import Sound, SoundBank
from kneecoach.settings.config import AUDIO_MODES

BACKENDS = ("simpleaudio", "command", "bell")

__all__ = [
    "AUDIO_MODES", "BellPlayer", "CommandPlayer", "CueListener", "FallbackPlayer",
    "NullPlayer", "Player", "PlayerError", "RecordingPlayer", "SimpleaudioPlayer", "Sound",
    "SoundBank", "make_player",
]  # fmt: skip


def make_player(
    mode: str,
    *,
    ring: Callable[[], None],
    flash: Callable[[], None] | None = None,
    notify: Callable[[str], None],
) -> FallbackPlayer:
    """The backends for ``mode``, best first; ``auto`` tries them all quietly.

    A named backend comes first and the ones after it stay as fallbacks; one that
    cannot even start (no module, no command) is reported unless ``auto`` chose it.
    """
    if mode == "off":
        return FallbackPlayer([NullPlayer()], notify)
    names = BACKENDS if mode == "auto" else BACKENDS[BACKENDS.index(mode) :]
    players: list[Player] = []
    for name in names:
        try:
            if name == "simpleaudio":
                players.append(SimpleaudioPlayer())
            elif name == "command":
                players.append(CommandPlayer())
            else:
                players.append(BellPlayer(ring, flash))
        except PlayerError as error:
            if mode != "auto" and name == mode:
                notify(f"Sound: {error}.")
    return FallbackPlayer(players, notify)


def sound_folders(cache: Path | None) -> list[Path]:
    from kneecoach.settings.resources import shipped_dir

    folders = [shipped_dir("sounds")]
    if cache is not None:
        folders.append(cache)
    return folders
