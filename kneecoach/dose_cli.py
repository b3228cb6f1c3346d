"""`kneecoach dose`: see today's doses and why, set one by hand, hand it back.

A therapist (or the person) may know better than the rule: a dose set here stays
until ``--reset``, and the rule carries on from wherever things then stand. Every
change is kept in the log with its date.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kneecoach.engine import Range, Session
from kneecoach.engine.progression import DoseDecision, progression_units
from kneecoach.engine.progression_rule import merge_rule
from kneecoach.report import number_text, range_text


class DoseError(Exception):
    """A dose that cannot be set; one line for the user."""


def add_dose_parser(commands: argparse._SubParsersAction, parents: list) -> None:  # type: ignore[type-arg]
    dose = commands.add_parser(
        "dose",
        parents=parents,
        help="show today's doses and why; set one by hand, or hand it back to the rule",
        description=(
            "With only SESSION: today's dose of each exercise and the reason. With "
            "EXERCISE and numbers: use that dose from now on (inside the session's "
            "ranges) until --reset hands it back to the rule."
        ),
    )
    dose.add_argument("session", metavar="SESSION", help="a session id or the path to a YAML file")
    dose.add_argument(
        "unit", metavar="EXERCISE", nargs="?", help="an exercise id, or EXERCISE/PART for a part"
    )
    dose.add_argument("--hold", type=float, metavar="SECONDS", help="hold this many seconds")
    dose.add_argument("--reps", type=int, metavar="N", help="this many reps a set")
    dose.add_argument("--sets", type=int, metavar="N", help="this many sets")
    dose.add_argument("--reset", action="store_true", help="let the rule decide again")


def existing_log(folder: Path):  # type: ignore[no-untyped-def]
    """The log if there is one; reading a dose never creates a database."""
    from kneecoach.store.log import WorkoutLog
    from kneecoach.store.schema import FILE_NAME

    return WorkoutLog(folder) if (folder / FILE_NAME).exists() else None


def todays(session: Session, folder: Path, settings: dict) -> dict[str, DoseDecision]:  # type: ignore[type-arg]
    from kneecoach.progress import doses_for

    log = existing_log(folder)
    try:
        return doses_for(session, log, settings)
    finally:
        if log is not None:
            log.close()


def show(session: Session, decisions: dict[str, DoseDecision]) -> str:
    units = progression_units(session)
    lines = [f"{session.title}  [{session.id}]", ""]
    for key, decision in decisions.items():
        limits = units[key].limits
        numbers = []
        if decision.dose.hold_seconds is not None and limits.hold_seconds is not None:
            hold = limits.hold_seconds
            note = "" if hold.low == hold.high else f" ({range_text(hold)})"
            numbers.append(f"hold {number_text(decision.dose.hold_seconds)} s{note}")
        numbers.append(_count(decision.dose.reps, "rep", limits.reps))
        numbers.append(_count(decision.dose.sets, "set", limits.sets))
        lines.append(f"{key:<36} {' × '.join(numbers)}")
        lines.append(f"{'':<36} {decision.reason}")
    return "\n".join(lines)


def _count(value: int, noun: str, allowed: Range) -> str:
    text = f"{value} {noun}" + ("" if value == 1 else "s")
    return text if allowed.low == allowed.high else f"{text} ({range_text(allowed)})"


def set_dose(session: Session, args: argparse.Namespace, folder: Path, settings: dict) -> str:  # type: ignore[type-arg]
    from kneecoach.store.doses import set_manual_dose
    from kneecoach.store.log import WorkoutLog

    units = progression_units(
        session, merge_rule(session.progression_rule, settings, prefix="progression.")
    )
    unit = units.get(args.unit)
    if unit is None:
        raise DoseError(
            f"{session.id} has no exercise {args.unit!r} with a dose to set; "
            f"try one of: {', '.join(units)}"
        )
    given = {"hold_seconds": args.hold, "reps": args.reps, "sets": args.sets}
    if args.reset:
        if any(value is not None for value in given.values()):
            raise DoseError("--reset hands the dose back to the rule: give no numbers with it")
    for name, value in given.items():
        if value is None:
            continue
        allowed = unit.limits.get(name)
        flag = "--hold" if name == "hold_seconds" else f"--{name}"
        if allowed is None:
            raise DoseError(f"{args.unit} is not held: {flag} does not apply")
        if not allowed.contains(value):
            raise DoseError(
                f"{flag} {number_text(value)} is outside what {session.id} allows for "
                f"{args.unit}: {range_text(allowed)}"
            )
    with WorkoutLog(folder) as log:
        set_manual_dose(log, session.id, args.unit, reset=args.reset, **given)
    return f"{args.unit}: " + ("handed back to the rule" if args.reset else "set by hand")
