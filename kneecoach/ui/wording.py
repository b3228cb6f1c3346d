"""What the workout screen says, as plain functions of the engine's snapshot.

Kept apart from the widgets (and free of Textual) so the words can be tested on
their own and reused by the summary and, later, the spoken cues.
"""

from __future__ import annotations

from kneecoach.engine import Exercise, Snapshot, Step
from kneecoach.engine.figures.motion import TEMPO_POSITIONS, tempo_frame
from kneecoach.text import countdown_text, printable

PHASE_WORDS = {
    "timed": "GO",
    "prepare": "GET READY",
    "hold": "HOLD",
    "rep": "REPS",
    "rest": "REST",
    "switch": "SWITCH SIDES",
}


def phase_word(snapshot: Snapshot) -> str:
    if snapshot.state == "paused":
        return "PAUSED"
    if snapshot.state == "finished":
        return "DONE"
    if snapshot.step is None:
        return ""
    if snapshot.step.kind == "timed" and snapshot.exercise is not None:
        return snapshot.exercise.name.upper()
    return PHASE_WORDS[snapshot.step.kind]


def phase_class(snapshot: Snapshot) -> str:
    """The CSS class for the phase; paused wins over the step's own kind."""
    if snapshot.state in ("paused", "finished"):
        return f"-phase-{snapshot.state}"
    return f"-phase-{snapshot.step.kind}" if snapshot.step else "-phase-ready"


def tempo_phase(snapshot: Snapshot) -> str:
    """During a tempo rep, its move now: the first half's ('up', or 'down' for a rep
    that goes down first), then the other."""
    step = snapshot.step
    if step is None or step.kind != "rep" or snapshot.step_seconds <= 0:
        return ""
    first = snapshot.elapsed < snapshot.step_seconds / 2
    return (step.first_move if first else step.second_move) or ""


MOVE_WORDS = {"up": "▲ UP    ", "down": "▼ DOWN  "}


def pace_marker(snapshot: Snapshot) -> str:
    """A tempo rep's pace: the way it goes now (up first, or down first for a rep
    that starts by going down) and a marker that moves with it: '▲ UP    ━━━━●───'
    in the first half, then back along the track the other way."""
    frame = tempo_frame(snapshot)
    if frame is None:
        return ""
    at = round(TEMPO_POSITIONS[frame] * 4) * 2
    track = "━" * at + "●" + "─" * (8 - at)
    return MOVE_WORDS.get(tempo_phase(snapshot), "") + track


def countdown_content(snapshot: Snapshot) -> tuple[str, str, str]:
    """What the big countdown shows: the phase word, the number (seconds left, or
    the rep in reps) and a line under it (the pace, or what to do)."""
    phase = printable(phase_word(snapshot))  # a timed step's is its exercise's name
    step = snapshot.step
    if snapshot.state == "finished" or step is None:
        return phase, "0", ""
    if step.self_paced:  # no clock to beat: which rep this is, and how to count it
        return phase, str(step.rep), f"press Enter when rep {step.rep} is done"
    if snapshot.state == "paused":
        number = str(step.rep) if step.kind == "rep" else countdown_text(snapshot.remaining)
        return phase, number, "PAUSED · space to carry on"
    if step.kind == "rep":
        return phase, str(step.rep), pace_marker(snapshot)
    return phase, countdown_text(snapshot.remaining), ""


def side_text(step: Step) -> str:
    """'left → right' with the current side in capitals: 'LEFT → right'."""
    if not step.sides:
        return ""
    return " → ".join(side.upper() if side == step.side else side for side in step.sides)


def exercise_title(snapshot: Snapshot) -> str:
    if snapshot.exercise is None:
        return ""
    title = snapshot.exercise.name
    if snapshot.part is not None:
        title += f" — {snapshot.part.name}"
    step = snapshot.step
    if step is not None and step.side:
        title += f" · {step.side} side"
    return title


def main_exercise_numbers(exercises: tuple[Exercise, ...]) -> dict[int, tuple[int, int]]:
    """Exercise index -> (number, count), counting strength and stretch work only,
    so that the GoodRx programme reads '3 / 8' as its article does."""
    main = [i for i, exercise in enumerate(exercises) if exercise.is_main]
    return {index: (number, len(main)) for number, index in enumerate(main, start=1)}


def step_phrase(step: Step, exercise: Exercise | None = None) -> str:
    """A short description of a step, for 'Up next'."""
    seconds = countdown_text(step.seconds)
    unit = "" if ":" in seconds else " s"
    side = f", {step.side}" if step.side else ""
    if step.kind == "hold":
        return f"Hold {seconds}{unit} — rep {step.rep}/{step.reps}{side}"
    if step.kind == "rep":
        return f"Rep {step.rep}/{step.reps} ({seconds}{unit}){side}"
    if step.kind == "rest":
        return f"Rest {seconds}{unit}"
    if step.kind == "switch":
        return f"Switch to the {step.side} side ({seconds}{unit})"
    if step.kind == "prepare":
        name = exercise.name if exercise else step.exercise
        return f"Get ready: {name}{side}"
    name = exercise.name if exercise else step.exercise
    return f"{name} ({seconds}{unit})"


def highlighted_step(step: Step | None, instructions: tuple[str, ...]) -> int | None:
    """Which numbered instruction (0-based) matches the phase.

    Getting ready points at the first instruction (the starting position); a hold at
    the one that says to hold (else the last but one); a rest at the last one (lower
    and return); a tempo rep at the movement, the second.
    """
    count = len(instructions)
    if step is None or count == 0:
        return None
    if step.kind in ("prepare", "switch", "timed"):
        return 0
    if step.kind == "rest":
        return count - 1
    if step.kind == "rep":
        return min(1, count - 1)
    for index, text in enumerate(instructions):
        if "hold" in text.lower():
            return index
    return max(0, count - 2)
