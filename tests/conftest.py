"""Shared test helpers: a fake clock and small sessions built in code."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kneecoach.engine import Session, parse_session

ROOT = Path(__file__).resolve().parent.parent


class FakeClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


def session_from_yaml(text: str, name: str = "test.yaml") -> Session:
    return parse_session(textwrap.dedent(text).encode(), name)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def _no_user_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never see the developer's own config or data folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
