"""Finding sessions: the shipped ones, the user's own, and any folder named with
``--sessions``; and resolving a name on the command line (an id or a path).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kneecoach.engine import Session, SessionFileError, load_session
from kneecoach.engine.plan import build_plan
from kneecoach.engine.yamlnodes import close_match
from kneecoach.services.errors import SessionNotFound
from kneecoach.settings.paths import user_sessions_dir
from kneecoach.settings.resources import shipped_dir

PATTERNS = ("*.yaml", "*.yml")


@dataclass(frozen=True)
class Unusable:
    """A session file found that could not be used: one line, whatever is wrong."""

    path: str
    errors: tuple[str, ...]  # every problem, each FILE:LINE:COL: message (field)

    @property
    def line(self) -> str:
        """The first problem, and how many more `kneecoach validate` would list."""
        more = len(self.errors) - 1
        return self.errors[0] + (f" (and {more:,} more)" if more > 0 else "")


@dataclass
class Catalog:
    """Every session found, by id; later folders shadow earlier ones. A file that
    cannot be used is kept in ``unusable``, never fatal to the rest."""

    sessions: dict[str, Session] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # e.g. one id shadowing another
    unusable: list[Unusable] = field(default_factory=list)

    def sorted(self) -> list[Session]:
        """By title, as the list and the picker show them."""
        return sorted(self.sessions.values(), key=lambda s: s.title.lower())


@dataclass(frozen=True)
class SessionSummary:
    """One line of `kneecoach list` and one row of the picker."""

    id: str
    title: str
    sources: list[str]
    path: str
    minutes: int
    exercises: int  # strength and stretch work, as the articles count them

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "sources": self.sources,
            "path": self.path,
            "minutes": self.minutes,
            "exercises": self.exercises,
        }


def summarize_session(session: Session, seconds: float | None = None) -> SessionSummary:
    """``seconds``: today's plan's; the low end of every range when not given (a
    session's size is bounded when it is loaded, so planning it is cheap)."""
    if seconds is None:
        seconds = build_plan(session).total_seconds
    return SessionSummary(
        id=session.id,
        title=session.title,
        sources=session.source_texts,
        path=session.path,
        minutes=round(seconds / 60),
        exercises=sum(1 for e in session.exercises if e.is_main),
    )


def unit_names(sessions: Iterable[Session]) -> dict[str, str]:
    """Each dose key ("three-way-leg-raise/front") to the name the session gives it."""
    return {
        exercise.unit_key(part): f"{exercise.name}: {part.name}" if part.name else exercise.name
        for session in sessions
        for exercise in session.exercises
        for part in exercise.units()
    }


def session_dirs(extra: Iterable[str | Path] = ()) -> list[Path]:
    """Folders searched, lowest priority first: shipped, the user's config, --sessions."""
    return [shipped_dir("sessions"), user_sessions_dir(), *(Path(d).expanduser() for d in extra)]


def discover(dirs: Iterable[Path]) -> Catalog:
    catalog = Catalog()
    for folder in dirs:
        if not folder.is_dir():
            continue
        files = sorted({p for pattern in PATTERNS for p in folder.glob(pattern)})
        for path in files:
            try:
                session = load_session(path)
            except SessionFileError as exc:
                lines = tuple(exc.lines) or (f"{path}:1:1: cannot be used",)
                catalog.unusable.append(Unusable(str(path), lines))
                continue
            shadowed = catalog.sessions.get(session.id)
            if shadowed is not None:
                catalog.problems.append(
                    f"{path}: session id {session.id!r} replaces the one in {shadowed.path}"
                )
            catalog.sessions[session.id] = session
    return catalog


def looks_like_path(name: str) -> bool:
    return name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name or Path(name).is_file()


def resolve(name: str, dirs: Iterable[Path]) -> Session:
    """A session by id, or by the path of its file.

    Raises SessionFileError for a broken file, SessionNotFound for an unknown id.
    """
    if looks_like_path(name):
        return load_session(name)
    catalog = discover(dirs)
    if name in catalog.sessions:
        return catalog.sessions[name]
    close = close_match(name, catalog.sessions, cutoff=0.5)
    hint = f" (did you mean {close!r}?)" if close else "; `kneecoach list` shows them"
    raise SessionNotFound(f"no session with the id {name!r}{hint}")
