"""`kneecoach dose`: see today's doses and why, set one by hand, hand it back.

A therapist (or the person) may know better than the rule: a dose set here stays
until ``--reset``, and the rule carries on from wherever things then stand. Every
change is kept in the log with its date.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from kneecoach.cli.common import UsageError, data_folder, progression_settings, sessions_dirs
from kneecoach.engine import DoseDecision, Session, progression_units
from kneecoach.services.catalog import resolve
from kneecoach.services.doses import set_dose, todays
from kneecoach.services.errors import DoseError
from kneecoach.text import count_in_range, number_text, printable, range_text


def run(args: argparse.Namespace) -> int:
    session = resolve(args.session, sessions_dirs(args))
    folder, settings = data_folder(args), progression_settings()
    changing = args.reset or any(v is not None for v in (args.hold, args.reps, args.sets))
    if changing and args.unit is None:
        raise UsageError("name the EXERCISE whose dose to set (see `kneecoach dose SESSION`)")
    if changing:
        set_dose(
            session, args.unit, folder, settings,
            hold_seconds=args.hold, reps=args.reps, sets=args.sets, reset=args.reset,
        )  # fmt: skip
        done = "handed back to the rule" if args.reset else "set by hand"
        print(printable(f"{args.unit}: {done}"))
    decisions = todays(session, folder, settings)
    if args.unit is not None:  # that exercise (or all its parts) only
        decisions = {
            key: d
            for key, d in decisions.items()
            if key == args.unit or key.startswith(f"{args.unit}/")
        }
        if not decisions:
            raise DoseError(
                f"{session.id} has no exercise {args.unit!r} with a dose; "
                f"try: kneecoach dose {session.id}"
            )
    print(doses_table(session, decisions))
    return 0


def doses_table(session: Session, decisions: Mapping[str, DoseDecision]) -> str:
    units = progression_units(session)
    lines = [f"{session.title}  [{session.id}]", ""]
    for key, decision in decisions.items():
        limits = units[key].limits
        numbers = []
        if decision.dose.hold_seconds is not None and limits.hold_seconds is not None:
            hold = limits.hold_seconds
            note = "" if hold.low == hold.high else f" ({range_text(hold)})"
            numbers.append(f"hold {number_text(decision.dose.hold_seconds)} s{note}")
        numbers.append(count_in_range(decision.dose.reps or 1, "rep", limits.reps))
        numbers.append(count_in_range(decision.dose.sets or 1, "set", limits.sets))
        lines.append(f"{key:<36} {' × '.join(numbers)}")
        lines.append(f"{'':<36} {decision.reason}")
    return "\n".join(printable(line) for line in lines)  # the title is the file's
