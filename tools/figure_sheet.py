#!/usr/bin/env python3
"""Every figure of one or more session files on one HTML page, to look at.

    python tools/figure_sheet.py sessions/*.yaml --out sheet.html [--cols 44 --rows 14]
    chromium --headless --no-sandbox --disable-gpu --window-size=1400,4000 \\
        --screenshot=sheet.png sheet.html

For each exercise and part: its start and end figure, on the first side and the
other (mirrored), in the colours the workout screen uses (the working leg orange).
"""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kneecoach.engine import load_session  # noqa: E402
from kneecoach.engine.figures.render import Picture, draw  # noqa: E402

COLOURS = {"w": "#ff9f1c", "b": "#e8e8e8", "p": "#6fa8dc", " ": "#e8e8e8"}


_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


def picture_svg(picture: Picture, dot: int = 4) -> str:
    """The dots themselves, square, as a terminal with 1:2 cells shows them."""
    width, height = len(picture.rows[0]) * 2 * dot, len(picture.rows) * 4 * dot
    shapes = []
    for row, (text, marks) in enumerate(zip(picture.rows, picture.marks, strict=True)):
        for col, (char, mark) in enumerate(zip(text, marks, strict=True)):
            bits = ord(char) - 0x2800 if char != " " else 0
            for dy in range(4):
                for dx in range(2):
                    if bits & _BITS[dy][dx]:
                        x, y = (col * 2 + dx) * dot, (row * 4 + dy) * dot
                        shapes.append(
                            f'<rect x="{x}" y="{y}" width="{dot - 1}" height="{dot - 1}" '
                            f'fill="{COLOURS[mark]}"/>'
                        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'style="background:#111">{"".join(shapes)}</svg>'
    )


def picture_html(picture: Picture) -> str:
    rows = []
    for text, marks in zip(picture.rows, picture.marks, strict=True):
        cells = []
        for char, mark in zip(text, marks, strict=True):
            style = f"color:{COLOURS[mark]}" + (";font-weight:bold" if mark == "w" else "")
            cells.append(f'<span style="{style}">{html.escape(char)}</span>')
        rows.append("".join(cells))
    return "<pre>" + "\n".join(rows) + "</pre>"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sessions", nargs="+")
    parser.add_argument("--out", required=True)
    parser.add_argument("--cols", type=int, default=44)
    parser.add_argument("--rows", type=int, default=14)
    parser.add_argument("--only", default="", help="only exercises whose name has this")
    parser.add_argument("--dots", action="store_true", help="draw the dots, not the text")
    args = parser.parse_args()
    blocks = []
    show = picture_svg if args.dots else picture_html
    for path in args.sessions:
        session = load_session(path)
        blocks.append(f"<h1>{html.escape(session.title)}</h1>")
        for exercise in session.exercises:
            for part in exercise.units():
                figure = part.figure
                name = exercise.name + (f" — {part.name}" if part.name else "")
                if args.only.lower() not in name.lower():
                    continue
                if figure is None:
                    blocks.append(f"<h2>{html.escape(name)}: no figure</h2>")
                    continue
                sides = (
                    [part.first_side, "right" if part.first_side == "left" else "left"]
                    if part.per_side
                    else [None]
                )
                cells = []
                for side in sides:
                    for label, t in (("start", 0.0), ("end", 1.0)):
                        picture = draw(figure, t, args.cols, args.rows, side)
                        caption = f"{label} · {side or 'both legs'}"
                        cells.append(
                            f"<div class=p><div class=c>{caption}</div>{show(picture)}</div>"
                        )
                blocks.append(
                    f"<h2>{html.escape(name)} <small>({figure.view} view)</small></h2>"
                    f"<div class=row>{''.join(cells)}</div>"
                )
    page = (
        "<!doctype html><meta charset=utf-8><style>"
        "body{background:#1e1e1e;color:#ddd;font-family:sans-serif}"
        "pre{font-family:'DejaVu Sans Mono',monospace;font-size:14px;line-height:1.0;"
        "margin:0;background:#111;padding:4px}"
        ".row{display:flex;flex-wrap:wrap;gap:12px}.c{font-size:12px;color:#aaa}"
        "h1{font-size:20px}h2{font-size:15px;margin:10px 0 4px}</style>" + "".join(blocks)
    )
    Path(args.out).write_text(page, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
