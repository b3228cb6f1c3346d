"""What happens to engine events besides the screen: audio cues, the log.

On every tick the workout screen hands each engine event, in order and at once, to
``KneecoachApp.deliver``, which passes it to every listener (so nothing is lost
when the app exits right after); it also posts it as a message for the screen. The audio and log issues add listeners here; until then the
terminal bell marks the moments that matter most.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from kneecoach.engine import Event, EventKind, Workout


class EventListener(Protocol):
    def handle(self, event: Event, workout: Workout, *, muted: bool) -> None: ...


class BellListener:
    """Rings the terminal bell when a hold or tempo set starts and when the session ends."""

    RING_ON_START = frozenset({"hold", "switch"})

    def __init__(self, ring: Callable[[], None] | None = None) -> None:
        self.ring = ring

    def handle(self, event: Event, workout: Workout, *, muted: bool) -> None:
        if muted or self.ring is None:
            return
        if event.kind is EventKind.SESSION_DONE:
            self.ring()
        elif event.kind is EventKind.STEP_STARTED and event.step is not None:
            if event.step.kind in self.RING_ON_START:
                self.ring()
