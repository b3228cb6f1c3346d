"""Text and JSON views of sessions and plans, for the command line."""

from __future__ import annotations

from collections.abc import Mapping

from kneecoach.engine import Plan, Range, Session
from kneecoach.engine.model import (
    Dose,
    DoseEnd,
    Exercise,
    Part,
    Progression,
    dose_limits,
    plain_number,
)
from kneecoach.engine.plan import ChosenDose, choose_dose
from kneecoach.engine.progression import DoseDecision


def clock_text(seconds: float) -> str:
    """42:05, or 1:02:05 past an hour."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def range_text(value: Range) -> str:
    if value.low == value.high:
        return number_text(value.low)
    return f"{number_text(value.low)}–{number_text(value.high)}"


def _pair(value: Range | None) -> list[float] | None:
    return None if value is None else value.as_pair()


def dose_text(
    part: Part,
    end: DoseEnd,
    override: ChosenDose | None = None,
    progression: Progression | None = None,
) -> str:
    """A dose (an end of the ranges, or ``override``: today's), with the session's
    range beside each number that has one."""
    dose: Dose = part.dose
    if dose.minutes is not None:
        return f"{number_text(dose.minutes.pick(end))} min" + _range_note(dose.minutes)
    chosen = choose_dose(part, end, override, progression)
    limits = dose_limits(dose, progression)
    pieces = []
    if dose.hold_seconds is not None:
        note = _range_note(dose.hold_seconds, limits.hold_seconds)
        pieces.append(f"hold {number_text(chosen.hold_seconds or 0)} s{note}")
    else:
        tempo = dose.tempo_seconds.pick(end) if dose.tempo_seconds else 0
        pieces.append(f"{number_text(tempo)} s a rep")
    for count, noun, given, allowed in (
        (chosen.reps, "rep", dose.reps, limits.reps),
        (chosen.sets, "set", dose.sets, limits.sets),
    ):
        plural = "" if count == 1 else "s"
        pieces.append(f"{count} {noun}{plural}{_range_note(given, allowed)}")
    text = " × ".join(pieces)
    if part.per_side:
        text += f", each side ({part.first_side} first)"
    return text


def _range_note(value: Range | None, allowed: Range | None = None) -> str:
    """ " (5–10)" for a range; " (20–30, up to 60)" where the exercise's progression
    lets the dose grow past the range ("work up to 1 minute")."""
    if value is None:
        return ""
    beyond = allowed is not None and allowed.high > value.high
    if value.low == value.high and not beyond:
        return ""
    up_to = f", up to {number_text(allowed.high)}" if beyond and allowed else ""
    return f" ({range_text(value)}{up_to})"


def _exercise_seconds(plan: Plan) -> dict[int, float]:
    seconds: dict[int, float] = {}
    for step in plan.steps:
        seconds[step.exercise_index] = seconds.get(step.exercise_index, 0.0) + step.seconds
    return seconds


def plan_table(
    plan: Plan, end: DoseEnd = "low", today: Mapping[str, DoseDecision] | None = None
) -> str:
    """The plan as a table; with ``today``, at today's doses, each with its reason."""
    session = plan.session
    header = (
        "Dose: today's (`kneecoach dose` sets one by hand)"
        if today is not None
        else (f"Dose: the {end} end of every range")
    )
    lines = [
        f"{session.title}  [{session.id}]",
        f"Source: {', '.join(session.sources)}",
        header,
        "",
        f"{'#':>3}  {'Exercise':<34} {'Kind':<10} {'Time':>7}  Dose",
    ]
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

    for index, exercise in enumerate(session.exercises):
        time = clock_text(seconds.get(index, 0.0))
        if exercise.parts:
            lines.append(f"{index + 1:>3}  {exercise.name:<34} {exercise.kind:<10} {time:>7}")
            for part in exercise.parts:
                lines.append(
                    f"{'':>3}    {'· ' + part.name:<32} {'':<10} {'':>7}  {dose_of(exercise, part)}"
                )
        else:
            dose = dose_of(exercise, exercise.units()[0])
            lines.append(
                f"{index + 1:>3}  {exercise.name:<34} {exercise.kind:<10} {time:>7}  {dose}"
            )
    if len(reasons) == 1:
        lines += ["", f"Why these doses: {next(iter(reasons))}, for every exercise."]
    elif reasons:
        lines += ["", "Why these doses:"]
        lines += [f"  - {reason} ({names})" for reason, names in reasons.items()]
    lines += [
        "",
        f"Total {clock_text(plan.total_seconds)} ({len(plan.steps)} steps, rests included)",
    ]
    return "\n".join(lines)


def _dose_json(dose: Dose | None, keys: tuple[str, ...]) -> dict[str, list[float] | None]:
    """Each dose field as a [low, high] pair, or null where the file leaves it out."""
    return {key: _pair(getattr(dose, key)) if dose else None for key in keys}


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
        "source": exercise.source,
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
        "sources": session.sources,
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


def session_summary_json(session: Session, plan: Plan) -> dict[str, object]:
    return {
        "id": session.id,
        "title": session.title,
        "sources": session.sources,
        "path": session.path,
        "minutes": round(plan.total_seconds / 60),
        "exercises": sum(1 for e in session.exercises if e.is_main),
    }
