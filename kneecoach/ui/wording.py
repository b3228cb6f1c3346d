"""What the workout screen says, as plain functions of the engine's snapshot.

Kept apart from the widgets (and free of Textual) so the words can be tested on
their own and reused by the summary and, later, the spoken cues.
"""

from __future__ import annotations

from kneecoach.engine import Exercise, Snapshot, Step
from kneecoach.engine.figures.motion import TEMPO_POSITIONS, tempo_frame
from kneecoach.engine.model import LegRole, Part
from kneecoach.text import countdown_text, printable

PHASE_WORDS = {
    "timed": "GO",
    "prepare": "GET READY",
    "hold": "HOLD",
    "rep": "REPS",
    "rest": "REST",
    "switch": "SWITCH SIDES",
}


PAUSED_MARK = "‖ PAUSED"
MUTED_MARK = "✕ sound off"


def phase_word(snapshot: Snapshot) -> str:
    """The phase in a word or two, with the side where one is being worked, so that
    it can be read from the floor: "HOLD LEFT", "SWITCH TO RIGHT" (what the side
    names, the leg working or the foot forward, is in the title and the counters).
    A pause does not hide it (``status_marks`` says so)."""
    if snapshot.state == "finished":
        return "DONE"
    step = snapshot.step
    if step is None:
        return ""
    if step.kind == "timed" and snapshot.exercise is not None:
        return snapshot.exercise.name.upper()
    if step.side and step.kind == "switch":
        return f"SWITCH TO {step.side.upper()}"
    if step.side and step.kind in ("prepare", "hold", "rep"):
        return f"{PHASE_WORDS[step.kind]} {step.side.upper()}"
    return PHASE_WORDS[step.kind]


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


def status_marks(snapshot: Snapshot, muted: bool = False) -> str:
    """What is shown beside the phase for as long as it lasts: paused, muted."""
    marks = [PAUSED_MARK] if snapshot.state == "paused" else []
    if muted:
        marks.append(MUTED_MARK)
    return "  ".join(marks)


def self_paced_hint(snapshot: Snapshot) -> str:
    """How a self-paced rep ends: counted with Enter, or (with a timed fallback)
    on its own when its tempo runs out."""
    step = snapshot.step
    if step is None:
        return ""
    text = f"press Enter when rep {step.rep} is done"
    if step.timed_fallback:
        text += f", or it counts itself in {countdown_text(snapshot.remaining)} s"
    return text


Content = tuple[str, str, str, str]  # phase word, number, the line under it, status marks


def countdown_content(snapshot: Snapshot, muted: bool = False) -> Content:
    """What the big countdown shows: the phase word, the number (seconds left, or
    the rep in reps), a line under it (the pace, or what to do), and the marks
    shown beside the phase while paused or muted."""
    phase = printable(phase_word(snapshot))  # a timed step's is its exercise's name
    marks = status_marks(snapshot, muted)
    step = snapshot.step
    if snapshot.state == "finished" or step is None:
        return phase, "0", "", marks
    if step.self_paced:  # no clock to beat: which rep this is, and how to count it
        return phase, str(step.rep), self_paced_hint(snapshot), marks
    if snapshot.state == "paused":
        number = str(step.rep) if step.kind == "rep" else countdown_text(snapshot.remaining)
        return phase, number, "space to carry on", marks
    if step.kind == "rep":
        return phase, str(step.rep), pace_marker(snapshot), marks
    return phase, countdown_text(snapshot.remaining), "", marks


def side_text(step: Step) -> str:
    """'left → right' with the current side in capitals: 'LEFT → right'."""
    if not step.sides:
        return ""
    return " → ".join(side.upper() if side == step.side else side for side in step.sides)


# What a side names, as the counters label it: "leg LEFT → right"
SIDE_LABELS: dict[LegRole, str] = {
    "working leg": "leg",
    "stretched leg": "stretched leg",
    "foot forward": "front foot",
    "standing leg": "standing leg",
}


def leg_text(unit: Part, side: str, *, loud: bool = True) -> str:
    """What ``side`` means for ``unit``, with the body around it: "LEFT leg works ·
    lie on your right side", "RIGHT foot forward · LEFT leg stretched". ``loud``:
    the legs in capitals (the title), else as in a sentence (up next)."""

    def leg(name: str) -> str:
        return name.upper() if loud else name

    sense = unit.side_sense
    first = {
        "working leg": f"{leg(side)} leg works",
        "stretched leg": f"{leg(side)} leg stretched",
        "foot forward": f"{leg(side)} foot forward",
        "standing leg": f"stand on your {leg(side)} leg",
    }[sense.means]
    pieces = [first]
    stretched = sense.stretched(side)
    if stretched is not None and sense.means != "stretched leg":
        pieces.append(f"{leg(stretched)} leg stretched")
    lying = sense.lying_on(side)
    if lying is not None:
        pieces.append(f"lie on your {lying} side")
    return " · ".join(pieces)


def unit_of(exercise: Exercise | None, step: Step | None) -> Part | None:
    """The exercise or part ``step`` belongs to (None when it cannot be found)."""
    if exercise is None or step is None or exercise.id != step.exercise:
        return None
    try:
        return exercise.unit(step.part)
    except KeyError:
        return None


def counters_side(step: Step, unit: Part | None) -> str:
    """The sides in order, named as the session means them: 'leg LEFT → right'."""
    if not step.sides:
        return ""
    label = SIDE_LABELS[unit.side_sense.means] if unit is not None else "side"
    return f"{label} {side_text(step)}"


def exercise_title(snapshot: Snapshot) -> str:
    """'Clamshell · LEFT leg works · lie on your right side'; a part's name after
    the exercise's."""
    if snapshot.exercise is None:
        return ""
    title = snapshot.exercise.name
    if snapshot.part is not None:
        title += f" — {snapshot.part.name}"
    step = snapshot.step
    unit = unit_of(snapshot.exercise, step)
    if step is not None and step.side:
        title += " · " + (leg_text(unit, step.side) if unit else f"{step.side} side")
    return title


def short_leg_text(unit: Part | None, side: str) -> str:
    """The side in a few words, after a comma in 'Up next': 'left leg', 'right foot
    forward', 'on your left leg'."""
    if unit is None:
        return side
    return {
        "working leg": f"{side} leg",
        "stretched leg": f"{side} leg stretched",
        "foot forward": f"{side} foot forward",
        "standing leg": f"on your {side} leg",
    }[unit.side_sense.means]


def switch_phrase(step: Step, unit: Part | None) -> str:
    """'Switch to the right leg · lie on your left side'; 'Switch sides: right foot
    forward · left leg stretched' where the side is not the leg that works."""
    side = step.side or ""
    if unit is None:
        return f"Switch to the {side} side"
    if unit.side_sense.means in ("working leg", "stretched leg"):
        text = f"Switch to the {side} leg"
        rest = leg_text(unit, side, loud=False).split(" · ")[1:]
        return " · ".join([text, *rest])
    return f"Switch sides: {leg_text(unit, side, loud=False)}"


def step_phrase(step: Step, exercise: Exercise | None = None) -> str:
    """A short description of a step, for 'Up next'."""
    seconds = countdown_text(step.seconds)
    unit = "" if ":" in seconds else " s"
    part = unit_of(exercise, step)
    side = f", {short_leg_text(part, step.side)}" if step.side else ""
    if step.kind == "hold":
        return f"Hold {seconds}{unit} — rep {step.rep}/{step.reps}{side}"
    if step.kind == "rep":
        return f"Rep {step.rep}/{step.reps} ({seconds}{unit}){side}"
    if step.kind == "rest":
        return f"Rest {seconds}{unit}"
    if step.kind == "switch":
        return f"{switch_phrase(step, part)} ({seconds}{unit})"
    if step.kind == "prepare":
        name = exercise.name if exercise else step.exercise
        where = f" — {leg_text(part, step.side, loud=False)}" if part and step.side else side
        return f"Get ready: {name}{where}"
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
