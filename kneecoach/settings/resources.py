"""Where the files kneecoach ships live, installed or run from a checkout.

A wheel carries the top-level ``sessions/`` and ``sounds/`` folders inside the
package (hatch force-include); a checkout or an editable install has them beside
the package. Both are found by the one function below.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # kneecoach/


def shipped_dir(name: str) -> Path:
    """The shipped folder ``name`` ("sessions" or "sounds")."""
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name
