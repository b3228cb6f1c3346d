"""Sparklines as plain text, on a scale the caller fixes.

Textual's ``Sparkline`` stretches every series between its own minimum and
maximum, so pain that went from 2 to 3 would look like 0 to 10. Here the scale is
given (pain: 0 to 10; a dose: 0 to its best), and the result is a string, so it
also fits in a ``DataTable`` cell and reads the same with ``NO_COLOR``.
"""

from __future__ import annotations

from collections.abc import Sequence

BARS = "▁▂▃▄▅▆▇█"
MISSING = " "


def _bucket(values: Sequence[float | None], width: int) -> list[float | None]:
    """At most ``width`` values: one per column if they fit, else the largest of
    each run of neighbours (the worst pain, the best dose)."""
    if len(values) <= width:
        return list(values)
    out: list[float | None] = []
    for column in range(width):
        run = values[column * len(values) // width : (column + 1) * len(values) // width]
        known = [value for value in run if value is not None]
        out.append(max(known) if known else None)
    return out


def bars(
    values: Sequence[float | None], width: int, *, top: float | None = None, bottom: float = 0.0
) -> str:
    """One character per column (never stretched: fewer values, a shorter line);
    ``None`` (not answered) is a gap, ``bottom`` the lowest bar, ``top`` the highest
    (default: the largest value)."""
    if width <= 0 or not values:
        return ""
    if top is None:
        top = max((value for value in values if value is not None), default=bottom)
    span = top - bottom
    chars = []
    for value in _bucket(values, width):
        if value is None:
            chars.append(MISSING)
        elif span <= 0:
            chars.append(BARS[-1] if value > bottom else BARS[0])
        else:
            share = min(1.0, max(0.0, (value - bottom) / span))
            chars.append(BARS[round(share * (len(BARS) - 1))])
    return "".join(chars)
