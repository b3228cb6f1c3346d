"""Who hears engine events besides the screen: audio cues and the workout log.

On every tick the workout screen hands each engine event, in order and at once, to
a ``Listeners`` group (so nothing is lost when the app exits right after), then
calls ``flush`` once. Every listener has the same five methods, called without
looking them up: the group is how the app talks to all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from kneecoach.engine.events import Event
from kneecoach.engine.machine import Workout
from kneecoach.engine.model import Session


class EventListener(Protocol):
    def prepare(self, sessions: Sequence[Session]) -> None:
        """Get ready for these sessions (read sounds, say); run once, off the UI thread."""

    def handle(self, event: Event, workout: Workout, *, muted: bool) -> None:
        """One event of a tick, in order; keep it or act on it."""

    def flush(self, workout: Workout, *, muted: bool) -> None:
        """The tick's events have all been handed over: act on the whole tick (the
        cues choose one sound per moment)."""

    def stop(self) -> None:
        """The person muted: stop anything playing now."""

    def close(self) -> None:
        """The app is going away: save what is open, release what is held. Once."""


class Listeners:
    """Every listener, in order, and whether the person muted the sound."""

    def __init__(self, listeners: Iterable[EventListener] = ()) -> None:
        self.members: list[EventListener] = list(listeners)
        self.muted = False

    def add(self, listener: EventListener) -> None:
        self.members.append(listener)

    def prepare(self, sessions: Sequence[Session]) -> None:
        for listener in self.members:
            listener.prepare(sessions)

    def handle(self, event: Event, workout: Workout) -> None:
        for listener in self.members:
            listener.handle(event, workout, muted=self.muted)

    def flush(self, workout: Workout) -> None:
        for listener in self.members:
            listener.flush(workout, muted=self.muted)

    def toggle_mute(self) -> bool:
        """Mute or unmute; muting stops what is playing. The new state."""
        self.muted = not self.muted
        if self.muted:
            for listener in self.members:
                listener.stop()
        return self.muted

    def close(self) -> None:
        for listener in self.members:
            listener.close()
