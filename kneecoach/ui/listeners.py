"""What happens to engine events besides the screen: audio cues, the log.

On every tick the workout screen hands each engine event, in order and at once, to
``KneecoachApp.deliver``, which passes it to every listener (so nothing is lost
when the app exits right after); it also posts it as a message for the screen. Audio cues (kneecoach.audio.CueListener) and the
workout log listen here.
"""

from __future__ import annotations

from typing import Protocol

from kneecoach.engine import Event, Workout


class EventListener(Protocol):
    """Hears every event of a tick through ``handle``, then ``flush`` once.

    A listener that needs the whole tick (the cues choose one sound per moment)
    acts in ``flush``; one that keeps every event (the log) can ignore it.
    """

    def handle(self, event: Event, workout: Workout, *, muted: bool) -> None: ...

    def flush(self, workout: Workout, *, muted: bool) -> None: ...
