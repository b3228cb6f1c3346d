"""The app ready-made, everything read already, for the tests and the benchmarks.

They pass a fake clock, stores and listeners, and get the app the command line
runs; only its start differs. The command line launches it with ``launch_app``
instead (in ``app``), which draws its first frame before anything is read.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kneecoach.ui.screen_cues import cue_listener

if TYPE_CHECKING:
    from kneecoach.engine import Session
    from kneecoach.engine.listeners import EventListener
    from kneecoach.engine.machine import Clock
    from kneecoach.services.acknowledgements import Acknowledgements
    from kneecoach.services.display import LayoutMemory
    from kneecoach.services.logbook import Logbook
    from kneecoach.settings.config import VoiceLevel
    from kneecoach.ui.app import KneecoachApp
    from kneecoach.ui.terminal import TerminalWatch


def make_app(
    sessions: Sequence[Session],
    *,
    start: Session | None = None,
    data_dir: Path | None = None,
    clock: Clock = time.monotonic,
    speed: float = 1.0,
    audio: str = "auto",
    volume: int = 100,
    voice: VoiceLevel = "coach",
    live_ticker: bool = True,
    acknowledgements: Acknowledgements | None = None,
    listeners: Iterable[EventListener] | None = None,
    theme: str | None = None,
    logbook: Logbook | None = None,
    progression: Mapping[str, Any] | None = None,
    notices: Sequence[str] = (),
    terminal_watch: TerminalWatch | None = None,
    layout: str = "standard",
    layout_memory: LayoutMemory | None = None,
) -> KneecoachApp:
    """The app with ``sessions`` read and ``start`` (if given) to start with."""
    from kneecoach.engine.listeners import Listeners
    from kneecoach.services.acknowledgements import (
        FileAcknowledgements,
        MemoryAcknowledgements,
    )
    from kneecoach.services.coach import Coach
    from kneecoach.services.display import DisplayChoice
    from kneecoach.ui.app import KneecoachApp

    if acknowledgements is None:
        acknowledgements = FileAcknowledgements(data_dir) if data_dir else MemoryAcknowledgements()
    coach = Coach(
        sessions,
        start=start,
        speed=speed,
        logbook=logbook,
        acknowledgements=acknowledgements,
        progression=progression,
    )
    app = KneecoachApp(
        clock=clock, live_ticker=live_ticker, theme=theme, terminal_watch=terminal_watch
    )
    group = Listeners(listeners or ())
    if logbook is not None:
        group.add(logbook)
    if listeners is None and audio != "off":
        group.add(cue_listener(app.cues, audio, volume, voice))
    app.ready(coach, group, notices, DisplayChoice(layout, layout_memory))
    return app
