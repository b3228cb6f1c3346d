"""The report page: ``ReportData`` drawn into one self-contained HTML page by a
Jinja2 template (``templates/report.html.j2``), with the charts inline as SVG.

Autoescaping is on for the whole template, so every note, title and exercise name
from the log or a session file is shown as text; the only markup let through
unescaped is the SVG that matplotlib wrote (which escapes its own text). The page
has no script and fetches nothing: styles are in the page, the fonts are the
reader's own.

Jinja2 and matplotlib are the optional ``report`` extra: ``require_extra`` says so in
one line before any work is done.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kneecoach import __version__
from kneecoach.engine.outcomes import ExerciseOutcome
from kneecoach.services.history import DosePoint
from kneecoach.services.report.data import FLAGS_SHOWN, NOTES_SHOWN, ReportData
from kneecoach.services.report.exercises import OUTCOME_ORDER
from kneecoach.services.report.files import ReportError
from kneecoach.services.report.pain import PainPoint, pain_points
from kneecoach.text import EXERCISE_OUTCOME_MARK, number_text, pain_score, plural

if TYPE_CHECKING:
    from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent / "templates"
EXTRA = "pip install 'kneecoach[report]'"

# Both articles send the reader to a clinician; only the Cleveland Clinic's names
# the 24 hours. Our words, each article's advice.
CLINICIAN_ADVICE = (
    "Pain still there more than 24 hours after exercise is a reason to see a healthcare "
    "provider (Cleveland Clinic article). The GoodRx Health article asks for a healthcare "
    "provider's or physical therapist's go-ahead before these exercises, and to leave out "
    "whatever makes the knee pain worse."
)


def require_extra() -> None:
    """Raise ReportError (one line) if the ``report`` extra is not installed."""
    try:
        import jinja2  # noqa: F401
        import matplotlib  # noqa: F401
    except ImportError as error:
        raise ReportError(f"the report needs {error.name or 'the report extra'}: {EXTRA}") from None


def day_text(day: date, year: bool = True) -> str:
    """ "6 May 2024", or "6 May" """
    return f"{day.day} {day:%b %Y}" if year else f"{day.day} {day:%b}"


def period_text(start: date, end: date) -> str:
    """ "6 May – 28 Jul 2024"; both years when they differ."""
    if start == end:
        return day_text(end)
    return f"{day_text(start, year=start.year != end.year)} – {day_text(end)}"


def dose_text(point: DosePoint) -> str:
    """A dose done: "30 s hold × 3 reps × 1 set", "12 reps × 2 sets"."""
    pieces = [] if point.hold_seconds is None else [f"{number_text(point.hold_seconds)} s hold"]
    pieces += [plural(point.reps, "rep"), plural(point.sets, "set")]
    return " × ".join(pieces)


def outcomes_text(outcomes: Mapping[ExerciseOutcome, int]) -> list[str]:
    """["✔ done 20", "✂ cut short 2"]: the outcomes that happened, in a fixed order."""
    return [
        f"{EXERCISE_OUTCOME_MARK[outcome]} {outcomes[outcome]}"
        for outcome in OUTCOME_ORDER
        if outcomes.get(outcome)
    ]


def percent(share: float | None) -> str:
    return "–" if share is None else f"{round(100 * share)} %"


def charts(data: ReportData, points: Sequence[PainPoint]) -> dict[str, Markup]:
    """Every chart on the page, by name: "adherence", "pain" (of ``points``), "dose-N"."""
    from markupsafe import Markup

    from kneecoach.services.report import charts as draw

    if data.empty:
        return {}
    drawn = {"adherence": draw.adherence_chart(data.adherence.weeks)}
    if points:
        drawn["pain"] = draw.pain_chart(points, data.limits.acceptable)
    number = 0
    for group in data.exercises:
        for exercise in group.exercises:
            if exercise.points:
                drawn[f"dose-{number}"] = draw.dose_chart(exercise.points, f"dose-{number}")
            number += 1
    # matplotlib wrote these and escaped the text in them; nothing else is trusted
    return {name: Markup(svg) for name, svg in drawn.items()}


def render_page(data: ReportData, generated: datetime) -> str:
    """The whole page, as text."""
    require_extra()
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        day=day_text, pain=pain_score, dose=dose_text, outcomes=outcomes_text, percent=percent
    )
    environment.filters.update(number=lambda value: f"{value:,}")
    environment.globals.update(plural=plural)
    points = pain_points(data.pain)
    return environment.get_template("report.html.j2").render(
        data=data,
        charts=charts(data, points),
        pain_weekly=len(points) < sum(1 for entry in data.pain if entry.scored),
        period=period_text(data.period.start, data.period.end),
        years=data.period.start.year != data.period.end.year,  # dates need their year
        generated=generated,
        version=__version__,
        advice=CLINICIAN_ADVICE,
        notes_shown=NOTES_SHOWN,
        flags_shown=FLAGS_SHOWN,
    )
