"""Which figure to show, and how far through its movement, for an engine
snapshot: the figure moves with the workout, never with a clock of its own.

Getting ready, resting and switching sides show the start position; a hold shows
the position held (the end); a tempo rep goes start → end → start in
``TEMPO_FRAMES`` frames, so the screen wakes that many times a rep and no more; a
timed step (a warm-up walk) swaps between its two positions as each second is
counted down, so it costs no extra wake-ups at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kneecoach.engine.events import Snapshot
from kneecoach.engine.figures.model import Figure
from kneecoach.engine.model import Exercise, Part

TEMPO_FRAMES = 8  # a tempo rep: four frames up, four down
# how far from start (0) to end (1) each tempo frame is: up in quarters, then down
TEMPO_POSITIONS = (0.0, 0.25, 0.5, 0.75, 1.0, 0.75, 0.5, 0.25)


@dataclass(frozen=True)
class FigureFrame:
    figure: Figure
    t: float  # 0: the start position, 1: the end position
    side: str | None  # None: both legs work (no sides)


def figure_of(exercise: Exercise | None, part: Part | None) -> Figure | None:
    """The part's own figure, else the exercise's."""
    if part is not None and part.figure is not None:
        return part.figure
    return exercise.figure if exercise is not None else None


def tempo_frame(snapshot: Snapshot) -> int | None:
    """0 to TEMPO_FRAMES - 1 through a tempo rep; None in any other step."""
    step = snapshot.step
    if step is None or step.kind != "rep" or step.self_paced or snapshot.step_seconds <= 0:
        return None
    share = snapshot.elapsed / snapshot.step_seconds
    return min(TEMPO_FRAMES - 1, max(0, math.floor(share * TEMPO_FRAMES + 1e-9)))


def seconds_to_next_frame(snapshot: Snapshot) -> float | None:
    """Session seconds until the next tempo frame; None outside tempo reps."""
    frame = tempo_frame(snapshot)
    if frame is None:
        return None
    return (frame + 1) * snapshot.step_seconds / TEMPO_FRAMES - snapshot.elapsed


def figure_frame(snapshot: Snapshot) -> FigureFrame | None:
    """What the figure shows now; None when the exercise has no figure."""
    figure = figure_of(snapshot.exercise, snapshot.part)
    step = snapshot.step
    if figure is None or step is None:
        return None
    side = step.side or (step.sides[0] if step.sides else None)
    t = 0.0
    if snapshot.state != "finished":
        frame = tempo_frame(snapshot)
        if frame is not None:
            t = TEMPO_POSITIONS[frame]
        elif step.kind in ("hold", "rep"):
            t = 1.0
        elif step.kind == "timed":  # swaps with each second counted down
            t = float(math.ceil(snapshot.remaining - 1e-9) % 2)
    return FigureFrame(figure, t, side)
