"""The whole spoken and sounded sequence of each shipped session, as golden files.

Each line is one cue: its time from the start of the workout (m:ss.s) and what
plays, tones and phrases in order, as heard with the voices that ship. The test
(test_cue_golden.py) compares them exactly; after a deliberate change, regenerate
them with

    python -m tests.audio.cue_golden

and read the diff before committing it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kneecoach.audio import SoundBank
from kneecoach.audio.cues import CueChooser, rehearse
from kneecoach.engine import build_plan, load_session
from kneecoach.settings.config import VoiceLevel

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
SESSIONS = ("goodrx-runners-knee", "cleveland-clinic-runners-knee")
LEVEL: VoiceLevel = "coach"


def golden_path(session_id: str) -> Path:
    return GOLDEN / f"{session_id}.{LEVEL}.txt"


def clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds, 1), 60)
    return f"{int(minutes):3d}:{rest:04.1f}"


def cue_lines(session_id: str) -> list[str]:
    """One line per cue of a whole run at the low end of every range."""
    session = load_session(ROOT / "sessions" / f"{session_id}.yaml")
    bank = SoundBank([ROOT / "sounds"])
    chooser = CueChooser(session, bank.has_voice, LEVEL)
    return [f"{clock(at)}  {cue.key}" for at, cue in rehearse(build_plan(session), chooser)]


def main() -> int:
    GOLDEN.mkdir(exist_ok=True)
    for session_id in SESSIONS:
        path = golden_path(session_id)
        path.write_text("\n".join(cue_lines(session_id)) + "\n", encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(cue_lines(session_id))} cues")
    return 0


if __name__ == "__main__":
    sys.exit(main())
