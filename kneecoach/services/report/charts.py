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
import math
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
from matplotlib.ticker import MaxNLocator

from kneecoach.services.history import DosePoint
from kneecoach.services.report.adherence import WeekAdherence
from kneecoach.services.report.pain import PainPoint

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
# the margins around the axes, in inches (left, bottom, right, top): fixed, since
# working them out (constrained layout) took two thirds of the drawing time
WIDE_MARGINS = (0.62, 0.32, 0.3, 0.36)  # a y label on the left, the legend on top
SMALL_MARGINS = (0.36, 0.28, 0.8, 0.08)  # labels of the lines on the right
LABEL_GAP = 0.16  # of the height: the least space between two line labels
MARKERS_UP_TO = 14
BARS_UP_TO = 60  # weeks drawn as bars; more, as a filled outline  # points; more, and the lines alone read better
# ticks as "6 May", "Jun", "2025" whatever the span: no offset text to miss
TICK_FORMATS = ["%Y", "%b", "%-d %b", "%H:%M", "%H:%M", "%S"]
ZERO_FORMATS = ["", "%Y", "%b", "%-d %b", "%H:%M", "%H:%M"]


@contextmanager
def _figure(
    name: str, size: tuple[float, float], margins: tuple[float, float, float, float]
) -> Iterator[Figure]:
    """A figure in the report's style with ``margins`` (inches) around its axes;
    ``name`` keeps its SVG ids apart from the other charts' on the page."""
    settings = {**STYLE, "svg.hashsalt": f"kneecoach-{name}"}
    with mpl.rc_context(cast("dict[Any, Any]", settings)):  # its stubs: keys as literals
        figure = Figure(figsize=size)
        (width, height), (left, bottom, right, top) = size, margins
        figure.subplots_adjust(
            left=left / width, bottom=bottom / height,
            right=1 - right / width, top=1 - top / height,
        )  # fmt: skip
        yield figure


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
    """Days as matplotlib's date numbers: days since its epoch (1970 unless the
    user's matplotlibrc says otherwise), worked out here rather than through numpy."""
    epoch = date.fromisoformat(mdates.get_epoch()[:10])
    return [float((day - epoch).days) for day in days]


def _dates(axes: Axes, first: date, last: date, ticks: int = 6) -> None:
    """Dates along the bottom: up to 16 weeks, every Monday (or every other, and so
    on, to keep to ``ticks``) as "6 May"; longer, months or years as they fit."""
    weeks = (last - first).days / 7
    if weeks <= 16:
        every = max(1, math.ceil(weeks / (ticks - 1)))
        axes.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO, interval=every))
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))
    else:
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
    with _figure(name, WIDE, WIDE_MARGINS) as figure:
        axes = figure.add_subplot()
        mondays = _x([week.monday for week in weeks])
        edges = [*mondays, mondays[-1] + 7]
        done = [week.completed for week in weeks]
        stacked = [week.completed + week.partial for week in weeks]
        partial: dict[str, Any] = {
            "color": PARTIAL, "hatch": "///", "edgecolor": "#8A7F00", "linewidth": 0,
        }  # fmt: skip
        partial_label = "finished early or stopped"
        if len(weeks) <= BARS_UP_TO:
            axes.bar(mondays, done, width=5, align="edge", color=COMPLETED, label="completed")
            axes.bar(mondays, [w.partial for w in weeks], bottom=done, width=5, align="edge",
                     label=partial_label, **partial)  # fmt: skip
        else:  # years of weeks: two filled outlines, not a thousand bars
            axes.stairs(done, edges, fill=True, color=COMPLETED, label="completed")
            axes.stairs(stacked, edges, baseline=done, fill=True, label=partial_label, **partial)
        targets = [week.target for week in weeks]
        if any(target is not None for target in targets):
            axes.stairs(
                [t or 0 for t in targets], edges, baseline=None, color=TARGET, linestyle="--",
                linewidth=1.2, label="target",
            )  # fmt: skip
        top = max([*stacked, *(t or 0 for t in targets), 1])
        axes.set_ylim(0, top + 1)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylabel("workouts a week")
        _dates(axes, weeks[0].monday, weeks[-1].monday + timedelta(days=6))
        figure.legend(loc="upper left", bbox_to_anchor=(0.08, 1.02), ncols=3, fontsize=10)
        return _svg(figure, name)


def pain_chart(points: Sequence[PainPoint], acceptable: int, name: str = "pain") -> str:
    """Pain before, after and the morning after, on a fixed 0-10 scale, with the
    band above the acceptable limit shaded."""
    with _figure(name, WIDE, WIDE_MARGINS) as figure:
        axes = figure.add_subplot()
        axes.axhspan(acceptable + 0.5, 10.5, color=HIGH_PAIN, alpha=0.08, linewidth=0)
        axes.axhline(acceptable + 0.5, color=HIGH_PAIN, linewidth=0.8, linestyle=":")
        axes.text(
            0.005, (acceptable + 0.7) / 10.5, f"above {acceptable}/10", transform=axes.transAxes,
            color=HIGH_PAIN, fontsize=10, va="bottom",
        )  # fmt: skip
        dense = len(points) > 60
        for label, colour, marker, style, values in (
            ("before", BEFORE, "o", "-", [point.before for point in points]),
            ("after", AFTER, "s", "--", [point.after for point in points]),
            ("morning after", MORNING, "^", ":", [point.morning for point in points]),
        ):
            given = [(p.day, v) for p, v in zip(points, values, strict=True) if v is not None]
            if not given:
                continue
            axes.plot(
                _x([day for day, _ in given]), [score for _, score in given], color=colour,
                marker=None if dense else marker, markersize=4, linestyle=style,
                linewidth=1 if dense else 1.3, label=label,
            )  # fmt: skip
        axes.set_ylim(-0.3, 10.5)
        axes.set_yticks(range(0, 11, 2))
        axes.set_ylabel("knee pain, 0–10")
        _dates(axes, points[0].day, points[-1].day)
        figure.legend(loc="upper left", bbox_to_anchor=(0.08, 1.02), ncols=3, fontsize=10)
        return _svg(figure, name)


def dose_chart(points: Sequence[DosePoint], name: str) -> str:
    """One exercise's dose day by day: hold seconds (if held), reps and, if ever
    more than one, sets; each line labelled at its end with its latest value."""
    with _figure(name, SMALL, SMALL_MARGINS) as figure:
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
            axes.plot(  # each step held for its day, the last one too
                [*days, days[-1] + 1], [*values, values[-1]], color=colour, linestyle=style,
                drawstyle="steps-post", marker=shape if marked else None,
                markevery=slice(0, len(days)), markersize=3.5, linewidth=1.5,
            )  # fmt: skip
        heights = label_heights([values[-1] for *_, values in series], top * LABEL_GAP)
        for (label, colour, *_, values), height in zip(series, heights, strict=True):
            axes.annotate(
                f"{values[-1]:g} {label}", (days[-1] + 1, height), xytext=(5, 0),
                textcoords="offset points", color=colour, fontsize=10, va="center",
                annotation_clip=False,
            )  # fmt: skip
        axes.set_ylim(0, top)
        axes.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
        axes.tick_params(labelsize=9)
        _dates(axes, points[0].day, points[-1].day + timedelta(days=1), ticks=4)
        return _svg(figure, name)


def label_heights(values: Sequence[float], gap: float) -> list[float]:
    """Where to put labels for lines ending at ``values`` so that none is closer
    than ``gap`` to the next: the lowest stays, the others move up as needed."""
    order = sorted(range(len(values)), key=lambda index: values[index])
    heights = list(values)
    for before, index in itertools.pairwise(order):
        heights[index] = max(heights[index], heights[before] + gap)
    return heights
