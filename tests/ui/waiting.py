"""Waiting for the app without sleeping: what a test waits for (a screen pushed by
a worker, the history's rows read on a thread and drawn) needs the app's queue to
run, which on a loaded machine can take more than one pause. These give it a
bounded number of turns, and fail with the reason when it never comes."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from kneecoach.ui.screens.history import HistoryScreen

TURNS = 200  # pauses, not seconds: each lets every pending message be handled


async def until(pilot: Pilot[object], condition: Callable[[], object], what: str) -> None:
    for _ in range(TURNS):
        if condition():
            return
        await pilot.pause()
    if not condition():
        raise AssertionError(f"never happened: {what}")


async def history_drawn(pilot: Pilot[object], screen: HistoryScreen) -> HistoryScreen:
    await pilot.app.workers.wait_for_complete()  # the loading thread: awaited
    await until(pilot, lambda: screen.drawn, "the history screen finished drawing")
    return screen
