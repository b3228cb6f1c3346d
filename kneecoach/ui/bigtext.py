"""Large text for the countdown: digits and words drawn with block glyphs, at any
whole-number size, as plain lines of text (no Textual here; tests compare the
lines themselves).

Each glyph is a 5-pixel-high bitmap, scaled by whole steps across and down and
drawn with half blocks (two pixels to a cell, one above the other), so size 1 is
3 rows high, size 2 is 5, size 4 is 10, size 8 is 20. Smaller than size 1 the text
is just itself. ``countdown_layout`` fits the phase word, the big number and the
pace line into a region, as large as they go.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

GLYPH_ROWS = 5
MIN_WIDTH_RATIO = 0.6  # a glyph may be narrowed to this share of its height's scale
_FONT_SOURCE = {
    "0": "###|#.#|#.#|#.#|###",
    "1": ".#.|##.|.#.|.#.|###",
    "2": "###|..#|###|#..|###",
    "3": "###|..#|.##|..#|###",
    "4": "#.#|#.#|###|..#|..#",
    "5": "###|#..|###|..#|###",
    "6": "###|#..|###|#.#|###",
    "7": "###|..#|.#.|.#.|.#.",
    "8": "###|#.#|###|#.#|###",
    "9": "###|#.#|###|..#|###",
    ":": ".|#|.|#|.",
    "A": "###|#.#|###|#.#|#.#",
    "B": "##.|#.#|##.|#.#|##.",
    "C": "###|#..|#..|#..|###",
    "D": "##.|#.#|#.#|#.#|##.",
    "E": "###|#..|##.|#..|###",
    "F": "###|#..|##.|#..|#..",
    "G": "###|#..|#.#|#.#|###",
    "H": "#.#|#.#|###|#.#|#.#",
    "I": "###|.#.|.#.|.#.|###",
    "J": "..#|..#|..#|#.#|###",
    "K": "#.#|#.#|##.|#.#|#.#",
    "L": "#..|#..|#..|#..|###",
    "M": "#...#|##.##|#.#.#|#...#|#...#",
    "N": "#..#|##.#|#.##|#..#|#..#",
    "O": "###|#.#|#.#|#.#|###",
    "P": "###|#.#|###|#..|#..",
    "Q": "###|#.#|#.#|###|..#",
    "R": "###|#.#|##.|#.#|#.#",
    "S": "###|#..|###|..#|###",
    "T": "###|.#.|.#.|.#.|.#.",
    "U": "#.#|#.#|#.#|#.#|###",
    "V": "#.#|#.#|#.#|#.#|.#.",
    "W": "#...#|#...#|#.#.#|##.##|#...#",
    "X": "#.#|#.#|.#.|#.#|#.#",
    "Y": "#.#|#.#|###|.#.|.#.",
    "Z": "###|..#|.#.|#..|###",
    "-": "..|..|##|..|..",
    "'": "#|#|.|.|.",
    ".": ".|.|.|.|#",
    "/": "..#|..#|.#.|#..|#..",
    "?": "###|..#|.##|...|.#.",
    "!": "#|#|#|.|#",
    " ": "..|..|..|..|..",
}
FONT: dict[str, tuple[str, ...]] = {k: tuple(v.split("|")) for k, v in _FONT_SOURCE.items()}


def can_draw(text: str) -> bool:
    return bool(text) and all(char in FONT for char in text.upper())


def rows_for(scale: int) -> int:
    """How many text rows a glyph of ``scale`` takes (0: plain text, one row)."""
    return 1 if scale <= 0 else math.ceil(GLYPH_ROWS * scale / 2)


def text_width(text: str, across: int) -> int:
    """Columns ``text`` takes at ``across`` (pixels are one column wide each)."""
    if across <= 0:
        return len(text)
    glyphs = [FONT[char] for char in text.upper()]
    pixels = sum(len(glyph[0]) for glyph in glyphs) + max(0, len(glyphs) - 1)
    return pixels * across


def render(text: str, across: int, down: int | None = None) -> list[str]:
    """``text`` in block glyphs, each pixel ``across`` columns wide and ``down``
    pixels (half rows) high; every line the same length. 0: the text itself."""
    down = across if down is None else down
    if across <= 0 or down <= 0 or not can_draw(text):
        return [text]
    pixels: list[str] = ["" for _ in range(GLYPH_ROWS)]
    for index, char in enumerate(text.upper()):
        glyph = FONT[char]
        for row in range(GLYPH_ROWS):
            gap = "." if index else ""
            pixels[row] += gap + glyph[row]
    tall = ["".join(pixel * across for pixel in row) for row in pixels for _ in range(down)]
    if len(tall) % 2:
        tall.append("." * len(tall[0]))
    lines = []
    for top, bottom in zip(tall[::2], tall[1::2], strict=True):
        lines.append("".join(_half(a, b) for a, b in zip(top, bottom, strict=True)))
    return lines


def _half(top: str, bottom: str) -> str:
    if top == "#":
        return "█" if bottom == "#" else "▀"
    return "▄" if bottom == "#" else " "


@dataclass(frozen=True)
class Size:
    """A scale: ``down`` sets the height, ``across`` (at most ``down``) the width."""

    across: int
    down: int

    @property
    def rows(self) -> int:
        return rows_for(self.down)


PLAIN = Size(0, 0)


def fit(text: str, width: int, height: int, largest: int = 99) -> Size:
    """The largest size at which ``text`` fits ``width`` × ``height`` (PLAIN when
    even the smallest glyphs do not, or the text has characters the font lacks)."""
    if not can_draw(text):
        return PLAIN
    for down in range(min(largest, height * 2 // GLYPH_ROWS + 1), 0, -1):
        if rows_for(down) > height:
            continue
        narrowest = max(1, math.ceil(down * MIN_WIDTH_RATIO))
        for across in range(down, narrowest - 1, -1):
            if text_width(text, across) <= width:
                return Size(across, down)
    return PLAIN


def wrap_words(text: str, width: int, across: int) -> list[str]:
    """``text`` broken at spaces into lines that fit ``width`` at ``across``."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", across) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


@dataclass(frozen=True)
class Block:
    """Lines of one part of the countdown, and what it is ("phase", "digits", "pace")."""

    role: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class CountdownLayout:
    blocks: tuple[Block, ...]
    digits: Size  # the size the number was drawn at

    @property
    def height(self) -> int:
        return sum(len(block.lines) for block in self.blocks)

    @property
    def digit_rows(self) -> int:
        return next((len(b.lines) for b in self.blocks if b.role == "digits"), 0)


def _phase_block(phase: str, width: int, height: int, down: int) -> Block | None:
    """The phase word at ``down`` (0: plain text), on one line or broken at spaces;
    None if it does not fit."""
    if not phase:
        return Block("phase", ())
    if down <= 0:
        return Block("phase", (phase[:width],)) if height >= 1 else None
    words = wrap_words(phase, width, down)
    if not can_draw(phase) or any(text_width(word, down) > width for word in words):
        return None
    lines: list[str] = []
    for word in words:
        if lines:
            lines.append("")
        lines += render(word, down)
    return Block("phase", tuple(lines)) if len(lines) <= height else None


def countdown_layout(
    phase: str, number: str, pace: str, width: int, height: int, status: str = ""
) -> CountdownLayout:
    """Fit the phase word above the number, and the pace line under it, into
    ``width`` × ``height``: the number as large as it can be with the phase word in
    glyphs a third of its height (plain text beside a number smaller than 3 steps,
    or when the glyphs cannot fit). A blank row between them when there is room.
    ``status`` (paused, muted) is a plain line right above the phase word."""
    # Every digit is as wide as every other: the sizes depend on the number's shape
    # only ("45" as "00"), worked out once and kept; a new second only draws digits.
    shape = "".join("0" if char.isdigit() else char for char in number)
    status_block = [Block("status", (status,))] if status and height > 1 else []
    plan = _plan(phase, shape, bool(pace), width, height - len(status_block))
    if plan is None:
        return CountdownLayout((*status_block, Block("digits", (number[:width],))), PLAIN)
    digits, phase_block, gap_above, gap_below = plan
    blocks = [*status_block, phase_block]
    if gap_above:
        blocks.append(Block("gap", ("",)))
    blocks.append(Block("digits", tuple(render(number, digits.across, digits.down))))
    if pace:
        if gap_below:
            blocks.append(Block("gap", ("",)))
        blocks.append(Block("pace", (pace[:width],)))
    return CountdownLayout(tuple(blocks), digits)


@lru_cache(maxsize=64)
def _plan(
    phase: str, shape: str, pace: bool, width: int, height: int
) -> tuple[Size, Block, bool, bool] | None:
    """The number's size, the phase word's lines, and where the blank rows go."""
    pace_rows = 1 if pace else 0
    for plain in (False, True):
        for down in range(max(1, height * 2 // GLYPH_ROWS + 1), -1, -1):
            digits = _number_size(shape, width, down)
            if digits is None:
                continue
            number_rows = rows_for(digits.down) if can_draw(shape) else 1
            left = height - number_rows - pace_rows
            # the word a third of the number's height, never taller than a small number
            word_size = 0 if plain or down < 3 else down // 3
            phase_block = _phase_block(phase, width, left, word_size)
            if phase_block is None:
                continue
            spare = left - len(phase_block.lines)
            gap_above = bool(phase_block.lines) and spare > 0
            return digits, phase_block, gap_above, spare - gap_above > 0
    return None


def _number_size(number: str, width: int, down: int) -> Size | None:
    if down == 0:
        return PLAIN if len(number) <= width else None
    if not can_draw(number):
        return None
    narrowest = max(1, math.ceil(down * MIN_WIDTH_RATIO))
    for across in range(down, narrowest - 1, -1):
        if text_width(number, across) <= width:
            return Size(across, down)
    return None
