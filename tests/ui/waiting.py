"""Waiting for the history screen without sleeping: its rows are read on a thread,
handed back as a message, drawn, and marked drawn after the next refresh. Each
step needs the app's queue to run, which on a loaded machine can take more than
one pause; this gives it a bounded number of turns."""

from __future__ import annotations

from textual.pilot import Pilot

from kneecoach.ui.screens.history import HistoryScreen

TURNS = 200  # pauses, not seconds: each lets every pending message be handled


async def history_drawn(pilot: Pilot[object], screen: HistoryScreen) -> HistoryScreen:
    await pilot.app.workers.wait_for_complete()  # the loading thread: awaited
    for _ in range(TURNS):
        if screen.drawn:
            return screen
        await pilot.pause()
    raise AssertionError("the history screen never finished drawing")
