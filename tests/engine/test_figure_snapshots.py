"""Text snapshots of every shipped figure: the start and the end of each exercise
and part of both sessions, drawn at 40×12 on the first side, compared exactly with
``tests/engine/figures/<session>.txt``.

After a deliberate change to a figure (or to the drawing), write them again with
``KNEECOACH_UPDATE_FIGURES=1 python -m pytest tests/engine/test_figure_snapshots.py``
and look at every one (``tools/figure_sheet.py`` draws them larger, in colour).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kneecoach.engine.figures.render import draw
from kneecoach.services.catalog import resolve, session_dirs

SHIPPED = ["goodrx-runners-knee", "cleveland-clinic-runners-knee"]
FOLDER = Path(__file__).with_name("figures")
SIZE = (40, 12)


def units(session_id: str):
    session = resolve(session_id, session_dirs())
    for exercise in session.exercises:
        for part in exercise.units():
            name = exercise.name + (f" — {part.name}" if part.name else "")
            yield name, part


def sheet(session_id: str) -> str:
    out = []
    for name, part in units(session_id):
        figure = part.figure
        assert figure is not None, f"{name} has no figure"
        side = part.first_side if part.per_side else None
        for label, t in (("start", 0.0), ("end", 1.0)):
            out.append(f"== {name}: {label} ({side or 'both legs'}) ==")
            out += [row.rstrip() for row in draw(figure, t, *SIZE, side).rows]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("session_id", SHIPPED)
def test_every_figure_is_as_it_was_drawn(session_id):
    path = FOLDER / f"{session_id}.txt"
    text = sheet(session_id)
    if os.environ.get("KNEECOACH_UPDATE_FIGURES"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("session_id", SHIPPED)
def test_every_shipped_exercise_has_a_figure_that_moves(session_id):
    for name, part in units(session_id):
        assert part.figure is not None, f"{name} has no figure"
        side = part.first_side if part.per_side else None
        start = draw(part.figure, 0.0, *SIZE, side)
        end = draw(part.figure, 1.0, *SIZE, side)
        assert start.rows != end.rows, f"{name}: its start and end figures are the same"
