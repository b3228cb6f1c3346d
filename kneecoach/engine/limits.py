"""How big anything in a session file may be.

Each bound is far beyond any programme a therapist would write, and close enough
that a slip (a hold of 3000 instead of 30, a pasted number) is caught while the
file is loaded, with its line, instead of making kneecoach plan a workout of a
million steps. docs/sessions.md lists them for the people who write sessions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """The most a number may be, and its unit as a person reads it."""

    most: int
    unit: str

    def describe(self) -> str:
        return f"{self.most:,} {self.unit}"


# The numbers of a dose, and of the progression targets and rule steps.
DOSE_LIMITS: dict[str, Limit] = {
    "minutes": Limit(120, "minutes"),  # a long walk as a warm-up
    "hold_seconds": Limit(1800, "seconds"),  # 30 minutes: the longest prolonged stretch
    "reps": Limit(100, "reps"),
    "sets": Limit(20, "sets"),
    "tempo_seconds": Limit(60, "seconds"),  # one rep, up and down
}
REST_LIMIT = Limit(600, "seconds")  # prepare, between reps and sets, switching sides

MAX_EXERCISES = 50  # in the `exercises` list
MAX_PARTS = 10  # in one exercise's `parts`
MAX_LIST_ITEMS = 30  # steps, cautions, equipment, safety, avoid: lines in one list

MAX_ID_CHARS = 50
MAX_NAME_CHARS = 100  # a title, an exercise's or a part's name
MAX_TEXT_CHARS = 1000  # any other text: a step, a summary, a source

# Steps (holds, reps, rests, switches) in the whole session at the top of every
# range and progression target, the most it can ever grow to. The shipped
# sessions have about 200 and 560 there.
MAX_PLAN_STEPS = 10_000

MAX_FILE_BYTES = 1_000_000  # the shipped sessions are about 12 KB
