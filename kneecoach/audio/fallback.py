"""A chain of players: the first that works plays; a failure moves down, once.

"Once" means each backend gets one chance: after it fails, the chain never goes
back to it in this run, and the person is told, in one line, what took over.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from kneecoach.audio.players import NullPlayer, Player, PlayerError
from kneecoach.audio.sound import Sound


class FallbackPlayer:
    """A ``Player`` itself: the app plays through the chain without knowing it is one."""

    on_failure: Callable[[Sound, str], None] | None = None  # failures are handled here

    def __init__(self, players: Sequence[Player], notify: Callable[[str], None]) -> None:
        self.players = list(players) or [NullPlayer()]
        self.notify = notify
        self._index = 0
        self._lock = threading.RLock()
        for player in self.players:
            player.on_failure = self._watcher(player)

    @property
    def current(self) -> Player:
        return self.players[self._index]

    @property
    def name(self) -> str:
        return self.current.name

    @property
    def description(self) -> str:
        return self.current.description

    def play(self, sound: Sound) -> None:
        with self._lock:
            while True:
                try:
                    self.current.play(sound)
                    return
                except PlayerError as error:
                    if not self._move_on(str(error)):
                        return

    def _watcher(self, player: Player) -> Callable[[Sound, str], None]:
        def failed_later(sound: Sound, reason: str) -> None:
            """``player`` failed after ``play`` returned (a command's exit status)."""
            with self._lock:
                if player is self.current and self._move_on(reason):
                    self.play(sound)

        return failed_later

    def _move_on(self, reason: str) -> bool:
        """Drop the current player for the next; False when nothing is left to try."""
        reason = reason.rstrip(".")
        if self._index + 1 < len(self.players):
            self._index += 1
            description = self.current.description
            self.notify(f"Sound: {reason}. Using {description} instead.")
            return True
        self.notify(f"Sound: {reason}. No other way to play sound: cues are off.")
        self.players.append(NullPlayer())
        self._index = len(self.players) - 1
        return False

    def stop(self) -> None:
        self.current.stop()

    def wait(self) -> None:
        self.current.wait()

    def close(self) -> None:
        for player in self.players:
            player.close()
