"""The command line's tests never take over the terminal: `kneecoach run` starts
the real app, headless, lets its start-up worker finish, and stops it."""

from __future__ import annotations

import asyncio

import pytest

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
