"""The command line's tests never take over the terminal: `kneecoach run` starts
the real app, headless, lets its start-up worker finish, and stops it. (pytest's
standard input is no terminal, which `run` would refuse: tests/cli/
test_odd_terminals.py checks that refusal in real processes.)"""

from __future__ import annotations

import asyncio

import pytest

import kneecoach.cli.run as run_command
from kneecoach.ui.app import KneecoachApp


def _run_headless(self: KneecoachApp, **_: object) -> int | None:
    async def go() -> None:
        async with self.run_test(headless=True) as pilot:
            await self.workers.wait_for_complete()
            await pilot.pause()

    asyncio.run(go())
    return self.return_value


@pytest.fixture(autouse=True)
def _headless_ui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(KneecoachApp, "run", _run_headless)
    monkeypatch.setattr(run_command, "terminal_problem", lambda: None)
