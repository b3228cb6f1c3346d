"""`kneecoach plan SESSION`: every step, at today's dose (or an end of the ranges),
as a table or JSON."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping

from kneecoach.cli.common import data_folder, progression_settings, sessions_dirs
from kneecoach.engine import DoseDecision, Exercise, Part, Plan, build_plan
from kneecoach.engine.model import Dose, DoseEnd, main_exercise_numbers, plain_number
from kneecoach.engine.printable import json_safe
from kneecoach.services.catalog import resolve
from kneecoach.text import clock_text, dose_text, printable

HEADER = ("#", "Exercise", "Kind", "Time", "Dose")
GAP = "  "


def run(args: argparse.Namespace) -> int:
    session = resolve(args.session, sessions_dirs(args))
    end: DoseEnd = "low"
    today: dict[str, DoseDecision] | None = None
    if args.dose == "today":
        from kneecoach.services.doses import overrides, todays

        today = todays(session, data_folder(args), progression_settings())
        plan = build_plan(session, overrides=overrides(today))
    else:
        end = "high" if args.dose == "high" else "low"
        plan = build_plan(session, dose=end)
    if args.json:
        text = json.dumps(plan_json(plan, args.dose, today), indent=2, ensure_ascii=False)
        print(json_safe(text))
    else:
        print(plan_table(plan, end, today))
    return 0


def _exercise_seconds(plan: Plan) -> dict[int, float]:
    seconds: dict[int, float] = {}
    for step in plan.steps:
        seconds[step.exercise_index] = seconds.get(step.exercise_index, 0.0) + step.seconds
    return seconds


def plan_table(
    plan: Plan, end: DoseEnd = "low", today: Mapping[str, DoseDecision] | None = None
) -> str:
    """The plan as a table; with ``today``, at today's doses, each with its reason.
    Exercises are numbered as the picker and the workout number them (strength and
    stretch work; the warm-up and cool-down go by their names), and every column is
    as wide as its longest cell."""
    session = plan.session
    header = (
        "Dose: today's (`kneecoach dose` sets one by hand)"
        if today is not None
        else (f"Dose: the {end} end of every range")
    )
    seconds = _exercise_seconds(plan)
    reasons: dict[str, str] = {}  # reason -> the exercises (and parts) it is about

    def dose_of(exercise: Exercise, part: Part) -> str:
        decision = (today or {}).get(exercise.unit_key(part))
        if decision is not None:
            name = f"{exercise.name}: {part.name}" if part.name else exercise.name
            known = reasons.get(decision.reason)
            reasons[decision.reason] = f"{known}, {name}" if known else name
        override = decision.dose if decision is not None else None
        return dose_text(part, end, override, exercise.progression)

    numbers = main_exercise_numbers(session.exercises)
    rows: list[tuple[str, str, str, str, str]] = [HEADER]
    for index, exercise in enumerate(session.exercises):
        number = str(numbers[index][0]) if index in numbers else ""
        time = clock_text(seconds.get(index, 0.0))
        if exercise.parts:
            rows.append((number, exercise.name, exercise.kind, time, ""))
            for part in exercise.parts:
                rows.append(("", "  · " + part.name, "", "", dose_of(exercise, part)))
        else:
            rows.append(
                (number, exercise.name, exercise.kind, time, dose_of(exercise, exercise.units()[0]))
            )
    lines = [
        f"{session.title}  [{session.id}]",
        f"Source: {'; '.join(session.source_texts)}",
        header,
        "",
        *table_lines(rows),
    ]
    if len(reasons) == 1:
        lines += ["", f"Why these doses: {next(iter(reasons))}, for every exercise."]
    elif reasons:
        lines += ["", "Why these doses:"]
        lines += [f"  - {reason} ({names})" for reason, names in reasons.items()]
    lines += [
        "",
        f"Total {clock_text(plan.total_seconds)} ({len(plan.steps)} steps, rests included)",
    ]
    return "\n".join(printable(line) for line in lines)  # names and sources are the file's


def table_lines(rows: list[tuple[str, str, str, str, str]]) -> list[str]:
    """Rows of (number, name, kind, time, dose), each column as wide as its widest
    cell (as shown: the text made printable); numbers and times to the right."""
    shown = [tuple(printable(cell) for cell in row) for row in rows]
    widths = [max(len(row[column]) for row in shown) for column in range(4)]
    out = []
    for number, name, kind, time, dose in shown:
        cells = (
            number.rjust(widths[0]), name.ljust(widths[1]), kind.ljust(widths[2]),
            time.rjust(widths[3]), dose,
        )  # fmt: skip
        out.append(GAP.join(cells).rstrip())
    return out


def _dose_json(dose: Dose | None, keys: tuple[str, ...]) -> dict[str, list[float] | None]:
    """Each dose field as a [low, high] pair, or null where the file leaves it out."""
    pairs: dict[str, list[float] | None] = {}
    for key in keys:
        value = dose.field(key) if dose else None
        pairs[key] = None if value is None else value.as_pair()
    return pairs


def _part_json(part: Part) -> dict[str, object]:
    return {
        "id": part.id,
        "name": part.name,
        **_dose_json(part.dose, ("hold_seconds", "reps", "sets")),
    }


def _exercise_json(exercise: Exercise) -> dict[str, object]:
    return {
        "id": exercise.id,
        "name": exercise.name,
        "kind": exercise.kind,
        "source": exercise.source.text,
        "per_side": exercise.per_side or any(part.per_side for part in exercise.parts),
        **_dose_json(exercise.dose, ("minutes", "hold_seconds", "reps", "sets", "tempo_seconds")),
        "parts": [_part_json(part) for part in exercise.parts],
    }


def plan_json(
    plan: Plan, dose: str = "low", today: Mapping[str, DoseDecision] | None = None
) -> dict[str, object]:
    session = plan.session
    result: dict[str, object] = {
        "id": session.id,
        "title": session.title,
        "sources": session.source_texts,
        "dose": dose,
        "total_seconds": plain_number(plan.total_seconds),
        "exercises": [_exercise_json(exercise) for exercise in session.exercises],
        "steps": [step.to_json() for step in plan.steps],
    }
    if today is not None:
        result["today"] = {
            key: {
                "hold_seconds": None
                if decision.dose.hold_seconds is None
                else plain_number(decision.dose.hold_seconds),
                "reps": decision.dose.reps,
                "sets": decision.dose.sets,
                "change": decision.change,
                "reason": decision.reason,
            }
            for key, decision in today.items()
        }
    return result
