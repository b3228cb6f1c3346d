"""Everything the app needs before its first question, worked out after its first
frame: the sessions (one named on the command line, or all for the picker), the
user's settings, the workout log opened and checked, today's plans.

The command line hands over ``LaunchOptions`` (plain values, nothing read yet);
the app runs ``prepare`` on a worker thread while its first screen is already on
the terminal. Whatever the person must fix (a bad session file, a config mistake,
a damaged log) is raised as a ``UserError``, which the app turns into its lines
and exit status 1 after the terminal is restored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kneecoach.engine import Session
from kneecoach.services.acknowledgements import FileAcknowledgements
from kneecoach.services.catalog import Unusable, discover, resolve, session_dirs
from kneecoach.services.coach import Coach
from kneecoach.services.display import DisplayChoice, FileLayout, choose_layout
from kneecoach.services.doses import checked_progression
from kneecoach.services.logbook import Logbook
from kneecoach.settings.config import AudioSettings, load_config
from kneecoach.settings.launch import LaunchOptions


@dataclass
class Prepared:
    coach: Coach
    audio: AudioSettings
    notices: list[str] = field(default_factory=list)  # e.g. files that could not be read
    display: DisplayChoice = field(default_factory=DisplayChoice)  # the workout screen's layout


def prepare(options: LaunchOptions) -> Prepared:
    """Read and check everything, open the log; raises UserError."""
    dirs = session_dirs(list(options.extra_dirs))
    notices: list[str] = []
    start: Session | None = None
    sessions: list[Session] = []
    unusable: list[Unusable] = []
    if options.session is not None:
        start = resolve(options.session, dirs)
    else:  # the picker lists them all, the files it could not use among them
        catalog = discover(dirs)
        notices += catalog.problems
        sessions, unusable = catalog.sorted(), catalog.unusable
    config = load_config()
    progression = checked_progression(config)
    settings = config.audio
    audio = AudioSettings(
        backend=options.audio or settings.backend,
        volume=settings.volume if options.volume is None else options.volume,
        voice=settings.voice if options.voice is None else options.voice,
    )
    logbook = Logbook(options.data_dir)  # LogError: damaged, newer, locked, unwritable
    acknowledgements = FileAcknowledgements(options.data_dir)
    problem = acknowledgements.check()  # a damaged file: copied aside, said, asked again
    if problem:
        notices.append(problem)
    coach = Coach(
        sessions,
        start=start,
        speed=options.speed,
        logbook=logbook,
        acknowledgements=acknowledgements,
        progression=progression,
        unusable=unusable,
    )
    memory = FileLayout(options.data_dir)
    layout = choose_layout(options.layout, memory.recall(), config.display.layout)
    return Prepared(coach, audio, notices, DisplayChoice(layout, memory))
