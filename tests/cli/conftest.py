"""The command line's tests never take over the terminal: `kneecoach run` starts
the real app, headless, lets its start-up worker finish, and stops it. (pytest's
standard input is no terminal, which `run` would refuse: tests/cli/
test_odd_terminals.py checks that refusal in real processes.)"""

from __future__ import annotations

import asyncio
import time

import pytest

import kneecoach.cli.run as run_command
from textual.pilot import Pilot, WaitForScreenTimeout

from kneecoach.ui.app import KneecoachApp


def _run_headless(self: KneecoachApp, **_: object) -> int | None:
    async def settle(pilot: Pilot[int]) -> None:
        """Let pending work run; an app that ends meanwhile (a problem found after
        start-up) ends the wait too."""
        await self.workers.wait_for_complete()
        try:
            await pilot.pause()
        except WaitForScreenTimeout:
            if self.is_running and self.user_error is None:
                raise

    async def go() -> None:
        async with self.run_test(headless=True) as pilot:
            deadline = time.monotonic() + 20  # until the start-up worker is done (bounded)
            while time.monotonic() < deadline and self.is_running:
                await settle(pilot)
                if self._coach is not None or self.user_error is not None:
                    break
                await asyncio.sleep(0.01)
            if self.is_running:
                await settle(pilot)

    asyncio.run(go())
    return self.return_value


@pytest.fixture(autouse=True)
def _headless_ui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(KneecoachApp, "run", _run_headless)
    monkeypatch.setattr(run_command, "terminal_problem", lambda: None)
