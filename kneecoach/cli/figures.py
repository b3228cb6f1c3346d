"""`kneecoach figures SESSION`: each exercise's start and end figure, side by side,
so that a therapist can check a session file's figures before handing it over.
`kneecoach figures --poses` lists the named poses a figure can use.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from kneecoach.cli.common import UsageError, sessions_dirs
from kneecoach.engine.figures.render import Picture, draw
from kneecoach.services.catalog import resolve
from kneecoach.text import printable

GAP = "   "
COLOURS = {"w": "\x1b[1;33m", "p": "\x1b[2m"}  # the working leg bold yellow, props dim
RESET = "\x1b[0m"


def run(args: argparse.Namespace) -> int:
    if args.poses:
        from kneecoach.engine.figures.library import pose_library

        print("\n".join(pose_library()))
        return 0
    if not args.session:
        raise UsageError("name a session (an id or a file), or give --poses")
    session = resolve(args.session, sessions_dirs(args))
    columns = args.width or min(120, shutil.get_terminal_size((100, 24)).columns)
    width = max(10, (columns - len(GAP)) // 2)
    height = args.height or max(4, min(16, width // 3))
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    print(printable(f"{session.title}  [{session.id}]"))
    for number, exercise in enumerate(session.exercises, start=1):
        for part in exercise.units():
            name = exercise.name + (f" — {part.name}" if part.name else "")
            figure = part.figure
            print()
            if figure is None:
                print(printable(f"{number}. {name}: no figure"))
                continue
            side = part.first_side if part.per_side else None
            seen = f"{figure.view} view"
            if side:
                other = "right" if side == "left" else "left"
                seen += f"; the {side} side, the {other} is its mirror image"
            print(printable(f"{number}. {name} ({seen})"))
            start = draw(figure, 0.0, width, height, side)
            end = draw(figure, 1.0, width, height, side)
            print(f"{'start':<{width}}{GAP}end")
            rows = zip(lines(start, colour), lines(end, colour), strict=True)
            for index, (left, right) in enumerate(rows):
                if start.rows[index].strip() or end.rows[index].strip():
                    print((left + GAP + right).rstrip())
    return 0


def lines(picture: Picture, colour: bool) -> list[str]:
    """The picture's rows, with the working leg and the props coloured if asked."""
    if not colour:
        return list(picture.rows)
    out = []
    for row, marks in zip(picture.rows, picture.marks, strict=True):
        text = ""
        for char, mark in zip(row, marks, strict=True):
            code = COLOURS.get(mark)
            text += f"{code}{char}{RESET}" if code else char
        out.append(text)
    return out
