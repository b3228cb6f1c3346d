"""The complete example in docs/sessions.md is a valid session and plans as described."""

from __future__ import annotations

import re

from kneecoach.engine import build_plan, parse_session
from tests.conftest import ROOT


def test_the_documented_example_loads_and_plans():
    text = (ROOT / "docs" / "sessions.md").read_text(encoding="utf-8")
    example = re.search(r"## A complete example\s+```yaml\n(.*?)```", text, re.S).group(1)
    session = parse_session(example.encode(), "docs/sessions.md")
    assert [e.id for e in session.exercises] == [
        "warm-up",
        "clamshell",
        "wall-sit",
        "step-up",
        "leg-raise",
        "hinge",
    ]
    plan = build_plan(session)
    assert [s.kind for s in plan.steps if s.exercise == "step-up"] == [
        "prepare",
        *["rep"] * 10,
        "rest",
        *["rep"] * 10,
    ]
    assert session.rests.between_sets.low == 30
    clamshell, hinge = session.exercise("clamshell"), session.exercise("hinge")
    assert clamshell.side_sense.lying_on("left") == "right"
    assert session.exercise("leg-raise").parts[1].side_sense.lying_on("left") == "right"
    assert (hinge.side_sense.means, hinge.dose.first_move, hinge.dose.timed_fallback) == (
        "standing leg", "down", True,
    )  # fmt: skip
    # down to the mat for the clamshell: getting set, moving on and changing position
    prepare = next(s for s in plan.steps if s.exercise == "clamshell")
    assert (prepare.kind, prepare.seconds, prepare.changes_position) == ("prepare", 35, True)


def test_the_documented_figures_load():
    text = (ROOT / "docs" / "sessions.md").read_text(encoding="utf-8")
    session = parse_session(
        re.search(r"## A complete example\s+```yaml\n(.*?)```", text, re.S).group(1).encode(),
        "docs/sessions.md",
    )
    wall_sit = session.exercise("wall-sit").figure
    assert wall_sit is not None and wall_sit.props == ("floor", "wall")
    figures = re.search(r"## Figures(.*?)## A complete example", text, re.S).group(1)
    blocks = re.findall(r"```yaml\n(.*?)```", figures, re.S)
    assert len(blocks) == 2
    own = blocks[1]
    indented = "".join(f"    {line}\n" for line in own.splitlines())
    session = parse_session(
        (
            "id: t\ntitle: T\nsource: docs\nexercises:\n  - id: raise\n    name: Raise\n"
            "    kind: strength\n    steps: [Lift.]\n    hold_seconds: 5\n" + indented
        ).encode(),
        "docs/sessions.md",
    )
    figure = session.exercises[0].figure
    assert figure is not None
    assert (figure.end.working.hip, figure.end.other.knee) == (30, 90)
