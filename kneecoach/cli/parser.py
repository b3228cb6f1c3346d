"""The command line's words: every command, option and value check, and nothing
that a command does. Each command's module (``kneecoach/cli/<command>.py``) has a
``run(args)`` that ``kneecoach.cli.main`` calls.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from datetime import date

from kneecoach import __version__
from kneecoach.engine.limits import DOSE_LIMITS
from kneecoach.engine.printable import excerpt
from kneecoach.settings.config import AUDIO_MODES, LAYOUTS, VOICE_LEVELS

# Options may stand before or after the command; argparse.SUPPRESS keeps a
# subcommand's unset option from overwriting the value given before it, and these
# are the values of options given nowhere.
DEFAULTS: dict[str, object] = {
    "sessions": None,
    "data_dir": None,
    "speed": 1.0,
    "audio": None,  # None: the config file's, else auto
    "volume": None,
    "voice": None,
    "theme": None,
    "layout": None,  # None: the one last chosen with `l`, else the config file's
}


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    live = _live_options()
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
    _session_argument(plan)
    plan.add_argument("--json", action="store_true", help="print JSON instead of a table")
    plan.add_argument(
        "--dose",
        choices=("today", "low", "high"),
        default="today",
        help="plan at today's dose (default: from your log and the progression rule) "
        "or at the low or high end of every range",
    )

    figures = commands.add_parser(
        "figures",
        parents=[common],
        help="draw each exercise's start and end figure, to check a session file",
    )
    figures.add_argument(
        "session", metavar="SESSION", nargs="?", help="a session id or the path to a YAML file"
    )
    figures.add_argument("--poses", action="store_true", help="list the named poses instead")
    figures.add_argument("--width", type=int, metavar="COLUMNS", help="total width to draw in")
    figures.add_argument("--height", type=int, metavar="ROWS", help="height of each figure")

    validate = commands.add_parser("validate", parents=[common], help="check session files")
    validate.add_argument("files", metavar="FILE", nargs="+", help="session files to check")

    run = commands.add_parser("run", parents=[common, live], help="start a workout")
    _session_argument(run)

    dose = commands.add_parser(
        "dose",
        parents=[common],
        help="show today's doses and why; set one by hand, or hand it back to the rule",
        description=(
            "With only SESSION: today's dose of each exercise and the reason. With "
            "EXERCISE and numbers: use that dose from now on (inside the session's "
            "ranges) until --reset hands it back to the rule."
        ),
    )
    _session_argument(dose)
    dose.add_argument(
        "unit", metavar="EXERCISE", nargs="?", help="an exercise id, or EXERCISE/PART for a part"
    )
    dose.add_argument(
        "--hold", type=_dose("hold_seconds"), metavar="SECONDS", help="hold this many seconds"
    )
    dose.add_argument("--reps", type=_dose("reps"), metavar="N", help="this many reps a set")
    dose.add_argument("--sets", type=_dose("sets"), metavar="N", help="this many sets")
    dose.add_argument("--reset", action="store_true", help="let the rule decide again")

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
    export.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (never the log itself)"
    )
    _log_filters(export)
    report = commands.add_parser(
        "report",
        parents=[common],
        help="a page for your physiotherapist: adherence, pain and doses (HTML)",
        description=(
            "Write one self-contained HTML page (readable by you alone) on the workouts "
            "logged: how often against a weekly target, pain before, after and the "
            "morning after with your notes, flags, and the doses done. By default the "
            "last 12 weeks, into kneecoach-report-DATE.html in this folder."
        ),
    )
    _log_filters(report)
    report.add_argument("--output", metavar="FILE", help="write FILE instead")
    report.add_argument("--force", action="store_true", help="write over FILE if it exists")
    report.add_argument("--open", action="store_true", help="open the page in your browser")
    return parser


def parse(argv: list[str] | None) -> argparse.Namespace:
    args = build_parser().parse_args(argv)
    for key, value in DEFAULTS.items():
        if not hasattr(args, key):
            setattr(args, key, value)
    return args


def _common_options() -> argparse.ArgumentParser:
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
    return common


def _live_options() -> argparse.ArgumentParser:
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
        choices=VOICE_LEVELS,
        default=argparse.SUPPRESS,
        metavar="LEVEL",
        help="what is said on top of the tones: off; cues (a word at each change: "
        '"Hold", "Rest"); coach (the exercise, position and leg, the rep counts, '
        '"Halfway", "Ten seconds"; the default)',
    )
    live.add_argument(
        "--no-voice",
        dest="voice",
        action="store_const",
        const="off",
        default=argparse.SUPPRESS,
        help="tones only: the same as --voice off",
    )
    live.add_argument(
        "--layout",
        choices=LAYOUTS,
        default=argparse.SUPPRESS,
        help="the workout screen: standard, or mat (big countdown and figure, to follow "
        "from the floor); `l` switches while you train, and the choice is remembered",
    )
    live.add_argument(
        "--theme",
        default=argparse.SUPPRESS,
        metavar="NAME",
        help="a Textual theme, e.g. nord, gruvbox",
    )
    return live


def _session_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "session", metavar="SESSION", help="a session id or the path to a YAML file"
    )


def _log_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since", type=_day, metavar="DATE", help="only workouts started on or after DATE (local)"
    )
    parser.add_argument("--session", metavar="ID", help="only workouts of session ID")


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


def _dose(key: str) -> Callable[[str], float]:
    """A dose number within what any session file may hold (engine.limits): checked
    here, so that 1e308 or a 400-digit number is one line, not an OverflowError."""
    limit = DOSE_LIMITS[key]
    whole = key != "hold_seconds"

    def number(text: str) -> float:
        try:
            value: float = int(text) if whole else float(text)
        except ValueError:
            kind = "a whole number" if whole else "a number"
            raise argparse.ArgumentTypeError(f"not {kind}: {excerpt(text)}") from None
        if not 0 < value <= limit.most:  # NaN fails this too
            raise argparse.ArgumentTypeError(
                f"must be more than 0 and at most {limit.describe()}, not {excerpt(text)}"
            )
        return value

    return number


def _day(text: str) -> date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD, e.g. 2024-05-01)")
