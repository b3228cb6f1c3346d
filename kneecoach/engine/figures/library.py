"""The pose library that ships with kneecoach: named positions (``standing``,
``lying-on-back``, ``wall-sit-90``...) that a session's figures start from.

It is data, in ``poses.yaml`` beside this module (so it travels inside the
package), read and checked by the same reader as a session file's ``figure:``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from yaml.nodes import Node

from kneecoach.engine.figures.model import Figure, Pose
from kneecoach.engine.figures.reader import FigureReader, read_library
from kneecoach.engine.yamlnodes import NodeReader, SessionFileError, compose

LIBRARY_FILE = "poses.yaml"


def library_text() -> bytes:
    return resources.files(__package__).joinpath(LIBRARY_FILE).read_bytes()


def parse_library(data: bytes, file: str) -> Mapping[str, Pose]:
    root = compose(data, file)
    reader = NodeReader(file)
    poses = read_library(root, reader) if root is not None else {}
    if reader.errors:
        raise SessionFileError(sorted(reader.errors, key=lambda e: (e.line, e.column)))
    return MappingProxyType(poses)


@lru_cache(maxsize=1)
def pose_library() -> Mapping[str, Pose]:
    """Every named pose, read once."""
    return parse_library(library_text(), f"kneecoach/engine/figures/{LIBRARY_FILE}")


def read_figure(reader: NodeReader, keys: Mapping[str, Node], field: str) -> Figure | None:
    """The ``figure:`` among ``keys`` (of the exercise, part or block at ``field``),
    its named poses looked up in the library; None when there is none."""
    if "figure" not in keys:
        return None
    return FigureReader(reader, pose_library()).figure(keys["figure"], f"{field}.figure")
