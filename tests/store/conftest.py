from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kneecoach.store.log import WorkoutLog


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def log(folder: Path) -> Iterator[WorkoutLog]:
    opened = WorkoutLog(folder)
    yield opened
    opened.close()
