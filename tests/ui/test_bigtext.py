"""Large text for the countdown: glyphs at whole-number sizes (text snapshots in
``tests/ui/bigtext/``, written again with KNEECOACH_UPDATE_FIGURES=1), the size
picked for a region, and the countdown's layout at the terminal sizes that count."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kneecoach.ui.bigtext import (
    PLAIN,
    countdown_layout,
    fit,
    render,
    rows_for,
    text_width,
)

FOLDER = Path(__file__).with_name("bigtext")
SAMPLES = {
    "digits-1": ("0123456789", 1, 1),
    "digits-2": ("0123456789", 2, 2),
    "clock-3-narrowed": ("1:30", 2, 3),
    "words-1": ("HOLD REST SWITCH SIDES GET READY", 1, 1),
    "words-2": ("PAUSED DONE REPS GO", 2, 2),
    "alphabet-1": ("ABCDEFGHIJKLMNOPQRSTUVWXYZ-'./?!", 1, 1),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_glyphs_as_drawn(name):
    text, across, down = SAMPLES[name]
    drawn = "\n".join(render(text, across, down)) + "\n"
    path = FOLDER / f"{name}.txt"
    if os.environ.get("KNEECOACH_UPDATE_FIGURES"):
        path.write_text(drawn, encoding="utf-8")
    assert drawn == path.read_text(encoding="utf-8")


def test_a_small_number_exactly():
    assert render("10", 1) == [
        "▄█  █▀█",
        " █  █ █",
        "▀▀▀ ▀▀▀",
    ]


@pytest.mark.parametrize(("scale", "rows"), [(0, 1), (1, 3), (2, 5), (3, 8), (4, 10), (8, 20)])
def test_sizes_go_by_whole_steps(scale, rows):
    assert rows_for(scale) == rows
    if scale:
        lines = render("45", scale)
        assert len(lines) == rows
        assert {len(line) for line in lines} == {text_width("45", scale)}


def test_what_the_font_lacks_is_plain_text():
    assert render("Ölçü", 3) == ["Ölçü"]
    assert fit("Ölçü", 80, 20) == PLAIN


def test_fit_takes_the_largest_size_and_narrows_before_shrinking():
    assert fit("45", 100, 10).down == 4  # 10 rows
    size = fit("1:30", 40, 10)  # too narrow for 4 across: narrowed, as tall as it can be
    assert (size.down, size.across) == (4, 3)
    assert fit("1:30", 28, 10).down == 3  # narrowing has a limit: then it is smaller
    assert fit("45", 3, 3) == PLAIN


def test_the_phase_word_breaks_at_spaces_when_it_is_too_wide():
    layout = countdown_layout("SWITCH SIDES", "5", "", 30, 20)
    phase = next(block for block in layout.blocks if block.role == "phase")
    assert len(phase.lines) == 7  # SWITCH, a blank row, SIDES
    assert all(len(line) <= 30 for block in layout.blocks for line in block.lines)


# The countdown's region in the standard layout's clock column at each size (the
# column's inside, less the counters under it); the minimum digit heights.
@pytest.mark.parametrize(
    ("region", "at_least"),
    [((38, 14), 5), ((48, 20), 9), ((98, 50), 20)],
    ids=["80x24", "100x30", "200x60"],
)
@pytest.mark.parametrize(
    ("phase", "number", "pace"),
    [
        ("HOLD", "45", ""),
        ("REST", "20", ""),
        ("SWITCH SIDES", "5", ""),
        ("GO", "9:59", ""),
        ("REPS", "12", "▲ UP    ━━━━●────"),
    ],
)
def test_the_countdown_fills_its_region(region, at_least, phase, number, pace):
    width, height = region
    layout = countdown_layout(phase, number, pace, width, height)
    assert layout.height <= height
    assert all(len(line) <= width for block in layout.blocks for line in block.lines)
    if ":" not in number:  # m:ss is wider: it may be smaller, never plain
        assert layout.digit_rows >= at_least
    else:
        assert layout.digit_rows >= 5
    roles = [block.role for block in layout.blocks if block.role != "gap"]
    assert roles == ["phase", "digits", *(["pace"] if pace else [])]


def test_a_tiny_region_still_shows_the_number():
    layout = countdown_layout("SWITCH SIDES", "45", "", 6, 2)
    assert "45" in "".join(line for block in layout.blocks for line in block.lines)
