"""What the history screen looks like, at 100×30 and 80×24, with a fixed log and a
fixed today (15 May 2024, UTC), and with an empty log.

Regenerate after a deliberate change with
``pytest tests/ui/test_history_snapshots.py --snapshot-update`` and look at each.
"""

from __future__ import annotations

import pytest

from kneecoach.store.log import WorkoutLog
from tests.ui.test_history_screen import HistoryApp, drawn, fill

SIZES = pytest.mark.parametrize("terminal_size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])


async def wait_for_history(pilot) -> None:
    await drawn(pilot)
    await pilot.pause()


@SIZES
def test_history(snap_compare, terminal_size, tmp_path):
    log = fill(tmp_path / "data")
    try:
        app = HistoryApp(log)
        assert snap_compare(app, terminal_size=terminal_size, run_before=wait_for_history)
    finally:
        log.close()


def test_history_empty(snap_compare, tmp_path):
    log = WorkoutLog(tmp_path / "data")
    try:
        app = HistoryApp(log)
        assert snap_compare(app, terminal_size=(80, 24), run_before=wait_for_history)
    finally:
        log.close()
