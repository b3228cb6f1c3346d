"""The ``kneecoach`` command.

Every command here runs without importing Textual; only starting the live UI
would, so ``kneecoach list`` and friends start fast.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from datetime import date

from kneecoach import __version__
from kneecoach.catalog import SessionNotFound, discover, resolve, session_dirs
from kneecoach.config import AUDIO_MODES, ConfigError, line_of, load_config
from kneecoach.dose_cli import DoseError, add_dose_parser
from kneecoach.engine import SessionFileError, build_plan, load_session
from kneecoach.report import clock_text, plan_json, plan_table, session_summary_json
from kneecoach.store.records import LogError


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--sessions",
        metavar="DIR",
        action="append",
        default=argparse.SUPPRESS,
        help="also look for session files (*.yaml) in DIR; may be given more than once",
    )
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep kneecoach's data (the workout log) in DIR instead of the usual place",
    )
    live = argparse.ArgumentParser(add_help=False)
    live.add_argument(
        "--speed",
        type=_speed,
        default=argparse.SUPPRESS,
        metavar="N",
        help="rehearsal: run the session N times faster (logged as a rehearsal; it never "
        "counts towards streaks, charts or dose changes)",
    )
    live.add_argument(
        "--audio",
        choices=AUDIO_MODES,
        default=argparse.SUPPRESS,
        help="how cues sound: auto (the best that works here), simpleaudio, command "
        "(pw-play, paplay, aplay or afplay), bell (terminal bell and a flash) or off",
    )
    live.add_argument(
        "--volume",
        type=_volume,
        default=argparse.SUPPRESS,
        metavar="0-100",
        help="loudness of the cues, in percent (default 100, or the config file's)",
    )
    live.add_argument(
        "--voice",
        action=argparse.BooleanOptionalAction,
        default=argparse.SUPPRESS,
        help='speak cues ("Hold", "Switch sides") as well as playing tones (default: on)',
    )
    live.add_argument(
        "--theme",
        default=argparse.SUPPRESS,
        metavar="NAME",
        help="a Textual theme, e.g. nord, gruvbox",
    )
    parser = argparse.ArgumentParser(
        prog="kneecoach",
        description=(
            "A terminal coach for runner's-knee (patellofemoral pain) rehab sessions. "
            "With no command, choose a session and start it."
        ),
        parents=[common, live],
        epilog="Run `kneecoach COMMAND --help` for each command's options.",
    )
    parser.add_argument("--version", action="version", version=f"kneecoach {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser("list", parents=[common], help="list the sessions found")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")

    plan = commands.add_parser(
        "plan", parents=[common], help="show a session's steps and total time"
    )
    plan.add_argument("session", metavar="SESSION", help="a session id or the path to a YAML file")
    plan.add_argument("--json", action="store_true", help="print JSON instead of a table")
    plan.add_argument(
        "--dose",
        choices=("today", "low", "high"),
        default="today",
        help="plan at today's dose (default: from your log and the progression rule) "
        "or at the low or high end of every range",
    )

    validate = commands.add_parser("validate", parents=[common], help="check session files")
    validate.add_argument("files", metavar="FILE", nargs="+", help="session files to check")

    run = commands.add_parser("run", parents=[common, live], help="start a workout")
    run.add_argument("session", metavar="SESSION", help="a session id or the path to a YAML file")
    add_dose_parser(commands, [common])

    history = commands.add_parser("history", parents=[common], help="list the workouts logged")
    history.add_argument("--json", action="store_true", help="print JSON, with every step")
    _log_filters(history)
    export = commands.add_parser(
        "export", parents=[common], help="the workout log as CSV (one row per step) or JSON"
    )
    export.add_argument("--format", choices=("csv", "json"), required=True)
    export.add_argument(
        "--output", metavar="FILE", help="write FILE (owner-only) instead of stdout"
    )
    _log_filters(export)
    return parser


def _log_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since", type=_day, metavar="DATE", help="only workouts started on or after DATE (local)"
    )
    parser.add_argument("--session", metavar="ID", help="only workouts of session ID")


# Options may stand before or after the command; argparse.SUPPRESS keeps a
# subcommand's unset option from overwriting the value given before it.
DEFAULTS = {
    "sessions": None,
    "data_dir": None,
    "speed": 1.0,
    "audio": None,  # None: the config file's, else auto
    "volume": None,
    "voice": None,
    "theme": None,
}


class UsageError(Exception):
    """A command-line value that cannot be used; one line for the user."""


def _volume(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"volume must be a whole number, not {text!r}") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("volume must be from 0 to 100")
    return value


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError("speed must be greater than 0 and at most 1000")
    return value


def _day(text: str) -> date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD, e.g. 2024-05-01)")


def _merge_sessions(args: argparse.Namespace) -> list[str]:
    return list(args.sessions or [])


def cmd_list(args: argparse.Namespace) -> int:
    catalog = discover(session_dirs(_merge_sessions(args)))
    for problem in catalog.problems:
        print(f"kneecoach: {problem}", file=sys.stderr)
    rows = [
        session_summary_json(session, build_plan(session))
        for session in sorted(catalog.sessions.values(), key=lambda s: s.title.lower())
    ]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No sessions found.")
        return 0
    width = max(len(str(row["id"])) for row in rows)
    print(f"{'ID':<{width}}  {'MIN':>3}  {'EX':>2}  TITLE")
    for row in rows:
        print(f"{row['id']!s:<{width}}  {row['minutes']:>3}  {row['exercises']:>2}  {row['title']}")
    print("\n`kneecoach run ID` starts one; `kneecoach plan ID` shows its steps.")
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    session = resolve(args.session, session_dirs(_merge_sessions(args)))
    if args.dose == "today":
        from kneecoach.dose_cli import todays
        from kneecoach.paths import data_dir
        from kneecoach.progress import overrides

        today = todays(session, data_dir(args.data_dir), _progression_settings())
        plan = build_plan(session, overrides=overrides(today))
        end = "low"
    else:
        today, end = None, args.dose
        plan = build_plan(session, dose=end)
    if args.json:
        print(json.dumps(plan_json(plan, args.dose, today), indent=2, ensure_ascii=False))
    else:
        print(plan_table(plan, end, today))
    return 0


def cmd_dose(args: argparse.Namespace) -> int:
    from kneecoach.dose_cli import set_dose, show, todays
    from kneecoach.paths import data_dir

    session = resolve(args.session, session_dirs(_merge_sessions(args)))
    folder, settings = data_dir(args.data_dir), _progression_settings()
    changing = args.reset or any(v is not None for v in (args.hold, args.reps, args.sets))
    if changing and args.unit is None:
        raise UsageError("name the EXERCISE whose dose to set (see `kneecoach dose SESSION`)")
    if changing:
        print(set_dose(session, args, folder, settings))
    decisions = todays(session, folder, settings)
    if args.unit is not None:  # that exercise (or all its parts) only
        decisions = {
            key: d
            for key, d in decisions.items()
            if key == args.unit or key.startswith(f"{args.unit}/")
        }
        if not decisions:
            raise DoseError(
                f"{session.id} has no exercise {args.unit!r} with a dose; try: kneecoach dose {session.id}"
            )
    print(show(session, decisions))
    return 0


def _progression_settings() -> dict[str, object]:
    """The config file's [progression] table, checked now so that a mistake is one line."""
    from kneecoach.engine.model import ProgressionRule
    from kneecoach.engine.progression_rule import RuleError, merge_rule

    config = load_config()
    try:
        merge_rule(ProgressionRule(), config.progression, prefix="progression.")
    except RuleError as error:
        key = error.field.removeprefix("progression.").split(".")[0].split("[")[0]
        where = line_of(config.path, key, "progression") if config.path else "config.toml"
        raise UsageError(f"{where}: {error}") from None
    return dict(config.progression)


def cmd_validate(args: argparse.Namespace) -> int:
    failed = False
    for name in args.files:
        try:
            session = load_session(name)
        except SessionFileError as exc:
            failed = True
            for error in exc.errors:
                print(error, file=sys.stderr)
            continue
        total = clock_text(build_plan(session).total_seconds)
        print(f"{name}: ok — {session.id}, {len(session.exercises)} items, {total} at the low end")
    return 1 if failed else 0


def cmd_history(args: argparse.Namespace) -> int:
    from kneecoach.history_report import print_history
    from kneecoach.paths import data_dir

    folder = data_dir(args.data_dir)
    return print_history(folder, since=args.since, session=args.session, as_json=args.json)


def cmd_export(args: argparse.Namespace) -> int:
    from kneecoach.history_report import export
    from kneecoach.paths import data_dir

    folder = data_dir(args.data_dir)
    return export(folder, args.format, args.output, since=args.since, session=args.session)


def cmd_ui(args: argparse.Namespace) -> int:
    """Start the live UI: the picker, or straight into SESSION with `run`."""
    dirs = session_dirs(_merge_sessions(args))
    notices: list[str] = []
    if args.command == "run":
        start, sessions = resolve(args.session, dirs), []
    else:  # the picker lists them all, and says which files it could not read
        catalog = discover(dirs)
        for problem in catalog.problems:
            print(f"kneecoach: {problem}", file=sys.stderr)
            notices.append(f"Not listed: {problem}")
        start, sessions = None, sorted(catalog.sessions.values(), key=lambda s: s.title.lower())
    if args.theme is not None:
        _check_theme(args.theme)
    settings = load_config().audio
    progression = _progression_settings()
    from kneecoach.logbook import Logbook
    from kneecoach.paths import data_dir
    from kneecoach.ui.app import make_app  # Textual is imported here, and only here

    folder = data_dir(args.data_dir)
    app = make_app(
        sessions,
        start=start,
        data_dir=folder,
        logbook=Logbook(folder),  # LogError (damaged, newer, locked): one line, exit 1
        progression=progression,
        notices=notices,
        speed=args.speed,
        audio=args.audio or settings.backend,
        volume=settings.volume if args.volume is None else args.volume,
        voice=settings.voice if args.voice is None else args.voice,
        theme=args.theme,
    )
    result = app.run()
    return result or 0


def _check_theme(name: str) -> None:
    from textual.theme import BUILTIN_THEMES

    if name not in BUILTIN_THEMES:
        raise UsageError(
            f"no theme called {name!r}; try one of: {', '.join(sorted(BUILTIN_THEMES))}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    for key, value in DEFAULTS.items():
        if not hasattr(args, key):
            setattr(args, key, value)
    handlers = {
        "list": cmd_list,
        "plan": cmd_plan,
        "validate": cmd_validate,
        "run": cmd_ui,
        "history": cmd_history,
        "export": cmd_export,
        "dose": cmd_dose,
    }
    handler = handlers.get(args.command, cmd_ui)
    try:
        return handler(args)
    except SessionFileError as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        return 1
    except (SessionNotFound, UsageError, ConfigError, LogError, DoseError) as exc:
        print(f"kneecoach: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `kneecoach plan ... | head`: the reader left; say nothing more.
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
