"""Drawing a figure: a pose and a size in, braille cells out.

Each terminal cell holds a 2×4 grid of dots (Unicode braille), so a 40×12 cell
area is an 80×48 dot canvas with square dots. The figure is placed on the floor
(or with its foot on the step), scaled once for its start and end pose together
so that it does not grow or shrink as it moves, and drawn with its working leg
heavier than the rest: it can be told apart without colour. Every cell also gets
a mark saying what it shows (``w`` the working leg, ``b`` the rest of the body,
``p`` a prop, space for nothing), for a front end that adds colour.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kneecoach.engine.figures.model import Figure, Pose, blend
from kneecoach.engine.figures.skeleton import BONES, HEAD_RADIUS, flatten

Point = tuple[float, float]
STEP_HEIGHT = 18.0  # cm, a stair
BACK_DEPTH = 10.0  # cm from the spine to the back (a wall touches the back)
MARK_RANK = {" ": 0, "p": 1, "b": 2, "w": 3}
_DOT_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


@dataclass(frozen=True)
class Picture:
    """Rows of braille text, and a mark for every cell (see the module's notes)."""

    rows: tuple[str, ...]
    marks: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(row.rstrip() for row in self.rows)


@dataclass(frozen=True)
class Line:
    a: Point
    b: Point
    mark: str  # "w", "b" or "p"
    heavy: bool = False
    dotted: bool = False


@dataclass(frozen=True)
class Scene:
    """One pose placed in centimetres: lines, the head, and where the props go."""

    lines: tuple[Line, ...]
    head: Point
    points: dict[str, Point]


def place(figure: Figure, pose: Pose) -> dict[str, Point]:
    """The pose's joints in centimetres, the floor at y = 0 and the anchor at x = 0
    (drawn for the left side, facing left in the side view)."""
    flat = flatten(pose, figure.view, figure.tilt, figure.turn)
    points = {name: (x, y) for name, (x, y, _) in flat.items()}
    anchor = _anchor_point(figure, points)
    if _on_step(figure):
        lift = STEP_HEIGHT - points[_step_foot(figure) + "_toe"][1]
    else:
        lowest = min(min(y for _, y in points.values()), points["head"][1] - HEAD_RADIUS)
        lift = -lowest
    return {name: (x - anchor[0], y + lift) for name, (x, y) in points.items()}


def _anchor_point(figure: Figure, points: dict[str, Point]) -> Point:
    if figure.anchor == "pelvis":
        return points["pelvis"]
    return points[figure.anchor.replace("-foot", "") + "_toe"]


def _on_step(figure: Figure) -> bool:
    return "step" in figure.props or "step-edge" in figure.props


def _step_foot(figure: Figure) -> str:
    return "other" if figure.anchor == "other-foot" else "working"


def scene(figure: Figure, pose: Pose, both_legs_work: bool = False) -> Scene:
    points = place(figure, pose)
    lines = []
    for a, b, limb in BONES:
        working = limb == "working" or (both_legs_work and limb == "other")
        lines.append(Line(points[a], points[b], "w" if working else "b", heavy=working))
    if "band" in figure.props:
        hands = _middle(points["working_hand"], points["other_hand"])
        lines.append(Line(points["working_toe"], hands, "p", dotted=True))
    return Scene(tuple(lines), points["head"], points)


def _middle(a: Point, b: Point) -> Point:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def prop_lines(figure: Figure, start: Scene, end: Scene) -> list[Line]:
    """The props, fixed in the room: placed from the start and end poses together."""
    lines: list[Line] = []
    side = figure.view == "side"
    if side and "wall" in figure.props:
        x = max(s.points[n][0] for s in (start, end) for n in ("pelvis", "neck")) + BACK_DEPTH
        top = max(s.head[1] for s in (start, end)) + HEAD_RADIUS + 8
        lines.append(Line((x, 0), (x, top), "p"))
    if _on_step(figure):
        foot = _step_foot(figure)
        toe = end.points[f"{foot}_toe"]
        ankle = end.points[f"{foot}_ankle"]
        if "step" in figure.props:  # the whole foot on the step, which is in front
            left, right = min(toe[0], ankle[0]) - 25, max(toe[0], ankle[0]) + 6
        else:  # the balls of the feet on its edge, the heels free behind it
            left, right = toe[0] - 25, toe[0] + 5
        lines += _box(left, right, 0, STEP_HEIGHT)
    if side and "chair" in figure.props:
        resting = [end.points["working_toe"], end.points["working_ankle"]]
        seat = min(point[1] for point in resting)
        left = min(point[0] for point in resting) - 8
        right = max(point[0] for point in resting) + 25
        lines += [
            Line((left, seat), (right, seat), "p"),
            Line((left + 3, seat), (left + 3, 0), "p"),
            Line((right - 3, seat), (right - 3, 0), "p"),
            Line((right, seat), (right, seat + 42), "p"),
        ]
    if "support" in figure.props:
        hand = end.points["working_hand"]
        lines += [
            Line((hand[0], 0), (hand[0], hand[1]), "p"),
            Line((hand[0] - 7, hand[1]), (hand[0] + 7, hand[1]), "p"),
        ]
    return lines


def _box(left: float, right: float, bottom: float, top: float) -> list[Line]:
    return [
        Line((left, bottom), (left, top), "p"),
        Line((left, top), (right, top), "p"),
        Line((right, top), (right, bottom), "p"),
    ]


class Canvas:
    """Dots, each with a mark; the strongest mark in a cell names the cell."""

    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.width, self.height = cols * 2, rows * 4
        self.dots: dict[tuple[int, int], str] = {}

    def dot(self, x: int, y: int, mark: str) -> None:
        if 0 <= x < self.width and 0 <= y < self.height:
            if MARK_RANK[mark] >= MARK_RANK[self.dots.get((x, y), " ")]:
                self.dots[(x, y)] = mark

    def line(self, a: Point, b: Point, mark: str, width: int = 1, dotted: bool = False) -> None:
        steps = max(1, math.ceil(max(abs(b[0] - a[0]), abs(b[1] - a[1])) * 2))
        brush = _brush(width)
        for i in range(steps + 1):
            if dotted and (i // 3) % 2:
                continue
            x = a[0] + (b[0] - a[0]) * i / steps
            y = a[1] + (b[1] - a[1]) * i / steps
            for dx, dy in brush:
                self.dot(round(x + dx), round(y + dy), mark)

    def head(self, centre: Point, radius: float, mark: str) -> None:
        cx, cy = centre
        reach = math.ceil(radius) + 1
        for y in range(round(cy) - reach, round(cy) + reach + 1):
            for x in range(round(cx) - reach, round(cx) + reach + 1):
                distance = math.hypot(x - cx, y - cy)
                if distance <= radius + 0.5 and (radius < 2.5 or distance >= radius - 0.8):
                    self.dot(x, y, mark)

    def picture(self) -> Picture:
        cells = [[0] * self.cols for _ in range(self.rows)]
        marks = [[" "] * self.cols for _ in range(self.rows)]
        for (x, y), mark in self.dots.items():
            row, col = y // 4, x // 2
            cells[row][col] |= _DOT_BITS[y % 4][x % 2]
            if MARK_RANK[mark] > MARK_RANK[marks[row][col]]:
                marks[row][col] = mark
        rows = tuple("".join(chr(0x2800 + c) if c else " " for c in row) for row in cells)
        return Picture(rows, tuple("".join(row) for row in marks))


def _brush(width: int) -> tuple[tuple[float, float], ...]:
    if width <= 1:
        return ((0.0, 0.0),)
    if width == 2:
        return ((-0.5, -0.5), (0.5, -0.5), (-0.5, 0.5), (0.5, 0.5))
    return tuple((dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if abs(dx) + abs(dy) < 2)


@dataclass(frozen=True)
class _Frame:
    """How centimetres map to dots for one figure at one size."""

    x0: float
    y0: float
    scale: float
    offset_x: float
    offset_y: float
    height: int

    def __call__(self, point: Point) -> Point:
        x = self.offset_x + (point[0] - self.x0) * self.scale
        y = self.height - 1 - (self.offset_y + (point[1] - self.y0) * self.scale)
        return x, y


def _bounds(points: Iterable[Point]) -> tuple[float, float, float, float]:
    xs, ys = zip(*points, strict=True)
    return min(xs), max(xs), min(ys), max(ys)


@lru_cache(maxsize=256)
def _layout(figure: Figure, cols: int, rows: int) -> tuple[_Frame, tuple[Line, ...]]:
    """The scale (the same for every frame of the figure) and the props, in dots."""
    start, end = scene(figure, figure.start), scene(figure, figure.end)
    middle = scene(figure, blend(figure.start, figure.end, 0.5))
    props = prop_lines(figure, start, end)
    points: list[Point] = []
    for each in (start, middle, end):
        points += [p for line in each.lines for p in (line.a, line.b)]
        hx, hy = each.head
        points += [(hx - HEAD_RADIUS, hy - HEAD_RADIUS), (hx + HEAD_RADIUS, hy + HEAD_RADIUS)]
    points += [p for line in props for p in (line.a, line.b)]
    if "floor" in figure.props:
        points.append((0.0, 0.0))
    x0, x1, y0, y1 = _bounds(points)
    if "floor" in figure.props:  # the floor reaches a little past the figure
        x0, x1 = x0 - 12, x1 + 12
        props.append(Line((x0, 0), (x1, 0), "p"))
    width, height = cols * 2, rows * 4
    scale = min((width - 3) / max(x1 - x0, 1), (height - 3) / max(y1 - y0, 1))
    offset_x = (width - (x1 - x0) * scale) / 2
    offset_y = (height - (y1 - y0) * scale) / 2
    frame = _Frame(x0, y0, scale, offset_x, offset_y, height)
    return frame, tuple(props)


def draw(figure: Figure, t: float, cols: int, rows: int, side: str | None = None) -> Picture:
    """``figure`` ``t`` of the way from its start (0) to its end (1), in ``cols`` ×
    ``rows`` cells, for ``side`` (the right side mirrored; None: an exercise done
    with both legs, drawn with both legs heavy, facing as ``figure.leg`` says)."""
    return _draw(figure, round(t, 4), max(1, cols), max(1, rows), side)


@lru_cache(maxsize=128)
def _draw(figure: Figure, t: float, cols: int, rows: int, side: str | None) -> Picture:
    frame, props = _layout(figure, cols, rows)
    mirrored = (side or figure.leg) == "right"
    now = scene(figure, blend(figure.start, figure.end, t), both_legs_work=side is None)
    canvas = Canvas(cols, rows)
    heavy = 3 if frame.scale > 0.75 else 2
    light = 2 if frame.scale > 0.75 else 1

    for line in props:
        canvas.line(frame(line.a), frame(line.b), line.mark, 1)
    for line in now.lines:
        width = heavy if line.heavy else light
        canvas.line(
            frame(line.a), frame(line.b), line.mark, 1 if line.dotted else width, line.dotted
        )
    canvas.head(frame(now.head), HEAD_RADIUS * frame.scale, "b")
    if mirrored:  # dot for dot, so that the two sides are exact mirror images
        canvas.dots = {(canvas.width - 1 - x, y): mark for (x, y), mark in canvas.dots.items()}
    return canvas.picture()
