"""The report's charts, drawn by matplotlib as SVG text to put inline in the page.

Only the report imports this module, and matplotlib (the optional ``report``
extra) only here. No pyplot: each chart is a ``Figure`` with its own SVG canvas,
inside its own ``rc_context``, so nothing global changes and nothing needs a
display. Text stays text (``svg.fonttype: none``) so that the page's font draws it
and it prints sharp; matplotlib escapes it, and ``text.parse_math`` is off so that
an exercise named "$5 band" is drawn as written, not read as mathematics. Every
series has a marker or a dash of its own as well as a colour, for a black and
white printout.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any, cast

import matplotlib as mpl
import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.ticker import MaxNLocator

from kneecoach.services.history import DosePoint
from kneecoach.services.report.adherence import WeekAdherence
from kneecoach.services.report.pain import PainEntry

# Okabe-Ito colours: told apart with any colour vision
BEFORE, AFTER, MORNING = "#0072B2", "#E69F00", "#CC79A7"
COMPLETED, PARTIAL, TARGET = "#009E73", "#F0E442", "#222222"
HOLD, REPS, SETS = "#0072B2", "#D55E00", "#555555"
HIGH_PAIN = "#D55E00"
INK, GRID = "#333333", "#DDDDDD"

STYLE = {
    "svg.fonttype": "none",
    "text.parse_math": False,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 11,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#999999",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": GRID,
    "grid.linewidth": 0.6,
    "xtick.color": INK,
    "ytick.color": INK,
    "legend.frameon": False,
}
WIDE = (5.6, 2.4)  # inches: a chart across a phone, or most of a printed page
SMALL = (3.2, 1.5)  # one exercise's doses, two or three abreast
LABEL_GAP = 0.16  # of the height: the least space between two line labels
MARKERS_UP_TO = 14  # points; more, and the lines alone read better
# ticks as "6 May", "Jun", "2025" whatever the span: no offset text to miss
TICK_FORMATS = ["%Y", "%b", "%-d %b", "%H:%M", "%H:%M", "%S"]
ZERO_FORMATS = ["", "%Y", "%b", "%-d %b", "%H:%M", "%H:%M"]


@contextmanager
def _figure(name: str, size: tuple[float, float], right: float = 1.0) -> Iterator[Figure]:
    """A figure in the report's style, its axes laid out up to ``right`` (a share of
    its width); ``name`` keeps its SVG ids apart from the other charts' on the page."""
    settings = {**STYLE, "svg.hashsalt": f"kneecoach-{name}"}
    with mpl.rc_context(cast("dict[Any, Any]", settings)):  # its stubs: keys as literals
        yield Figure(figsize=size, layout=ConstrainedLayoutEngine(rect=(0, 0, right, 1)))


def _svg(figure: Figure, name: str) -> str:
    """The figure as an ``<svg>`` element, without the XML prolog and DOCTYPE that a
    file needs and an HTML page does not, every id in it prefixed with ``name``:
    matplotlib numbers its groups afresh in each file ("axes_1"), and ids must be
    unique across the page. It refers to them only as ``href="#id"`` and
    ``url(#id)``."""
    buffer = io.StringIO()
    FigureCanvasSVG(figure).print_svg(buffer, metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    return _REFERENCE.sub(lambda match: f"{match.group(1)}{name}-", text)


_REFERENCE = re.compile(r'(\bid="|href="#|url\(#)')


def _x(days: Sequence[date]) -> list[float]:
    """Days as matplotlib's date numbers (days since its epoch)."""
    return [float(number) for number in mdates.date2num(list(days))]


def _dates(axes: Axes, first: date, last: date, ticks: int = 6) -> None:
    locator = mdates.AutoDateLocator(minticks=2, maxticks=ticks)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(
        mdates.ConciseDateFormatter(
            locator, formats=TICK_FORMATS, zero_formats=ZERO_FORMATS, show_offset=False
        )
    )
    low, high = _x([first - timedelta(days=1), last + timedelta(days=1)])
    axes.set_xlim(low, high)


def adherence_chart(weeks: Sequence[WeekAdherence], name: str = "adherence") -> str:
    """Workouts a week: completed (solid) and not completed (hatched) stacked, the
    target as a dashed step."""
    with _figure(name, WIDE) as figure:
        axes = figure.add_subplot()
        mondays = _x([week.monday for week in weeks])
        done = [week.completed for week in weeks]
        width = 5 if len(weeks) < 60 else 6
        axes.bar(mondays, done, width=width, align="edge", color=COMPLETED, label="completed")
        axes.bar(
            mondays,
            [week.partial for week in weeks],
            bottom=done,
            width=width,
            align="edge",
            color=PARTIAL,
            hatch="///",
            edgecolor="#8A7F00",
            linewidth=0,
            label="finished early or stopped",
        )
        targets = [week.target for week in weeks]
        if any(target is not None for target in targets):
            edges = [*mondays, mondays[-1] + 7]
            axes.stairs(
                [t or 0 for t in targets], edges, baseline=None, color=TARGET, linestyle="--",
                linewidth=1.2, label="target",
            )  # fmt: skip
        top = max([*(w.completed + w.partial for w in weeks), *(t or 0 for t in targets), 1])
        axes.set_ylim(0, top + 1)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylabel("workouts a week")
        _dates(axes, weeks[0].monday, weeks[-1].monday + timedelta(days=6))
        figure.legend(loc="outside upper left", ncols=3, fontsize=10)
        return _svg(figure, name)


def pain_chart(entries: Sequence[PainEntry], acceptable: int, name: str = "pain") -> str:
    """Pain before, after and the morning after, on a fixed 0-10 scale, with the
    band above the acceptable limit shaded."""
    with _figure(name, WIDE) as figure:
        axes = figure.add_subplot()
        axes.axhspan(acceptable + 0.5, 10.5, color=HIGH_PAIN, alpha=0.08, linewidth=0)
        axes.axhline(acceptable + 0.5, color=HIGH_PAIN, linewidth=0.8, linestyle=":")
        axes.text(
            0.005, (acceptable + 0.7) / 10.5, f"above {acceptable}/10", transform=axes.transAxes,
            color=HIGH_PAIN, fontsize=10, va="bottom",
        )  # fmt: skip
        dense = len(entries) > 60
        for label, colour, marker, style, values in (
            ("before", BEFORE, "o", "-", [entry.before for entry in entries]),
            ("after", AFTER, "s", "--", [entry.after for entry in entries]),
            ("morning after", MORNING, "^", ":", [entry.morning for entry in entries]),
        ):
            points = [(e.day, v) for e, v in zip(entries, values, strict=True) if v is not None]
            if not points:
                continue
            axes.plot(
                _x([day for day, _ in points]), [score for _, score in points], color=colour, marker=None if dense else marker, markersize=4,
                linestyle=style, linewidth=1 if dense else 1.3, label=label,
            )  # fmt: skip
        axes.set_ylim(-0.3, 10.5)
        axes.set_yticks(range(0, 11, 2))
        axes.set_ylabel("knee pain, 0–10")
        _dates(axes, entries[0].day, entries[-1].day)
        figure.legend(loc="outside upper left", ncols=3, fontsize=10)
        return _svg(figure, name)


def dose_chart(points: Sequence[DosePoint], name: str) -> str:
    """One exercise's dose day by day: hold seconds (if held), reps and, if ever
    more than one, sets; each line labelled at its end with its latest value."""
    with _figure(name, SMALL, right=0.76) as figure:  # room for the labels
        axes = figure.add_subplot()
        days = _x([point.day for point in points])
        series = []
        if any(point.hold_seconds is not None for point in points):
            holds = [point.hold_seconds or 0.0 for point in points]
            series.append(("s hold", HOLD, "-", "o", holds))
        series.append(("reps", REPS, "--", "s", [float(point.reps) for point in points]))
        if any(point.sets > 1 for point in points):
            series.append(("sets", SETS, ":", "^", [float(point.sets) for point in points]))
        top = max(value for *_, values in series for value in values) * 1.15 + 1
        marked = len(points) <= MARKERS_UP_TO
        for label, colour, style, shape, values in series:
            axes.plot(
                days, values, color=colour, linestyle=style, drawstyle="steps-post",
                marker=shape if marked else None, markersize=3.5, linewidth=1.5,
            )  # fmt: skip
        heights = label_heights([values[-1] for *_, values in series], top * LABEL_GAP)
        for (label, colour, *_, values), height in zip(series, heights, strict=True):
            axes.annotate(
                f"{values[-1]:g} {label}", (days[-1], height), xytext=(5, 0),
                textcoords="offset points", color=colour, fontsize=10, va="center",
                annotation_clip=False,
            )  # fmt: skip
        axes.set_ylim(0, top)
        axes.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
        axes.tick_params(labelsize=9)
        _dates(axes, points[0].day, points[-1].day, ticks=4)
        return _svg(figure, name)


def label_heights(values: Sequence[float], gap: float) -> list[float]:
    """Where to put labels for lines ending at ``values`` so that none is closer
    than ``gap`` to the next: the lowest stays, the others move up as needed."""
    order = sorted(range(len(values)), key=lambda index: values[index])
    heights = list(values)
    for before, index in itertools.pairwise(order):
        heights[index] = max(heights[index], heights[before] + gap)
    return heights
