"""The package's layers point one way: engine at the bottom, then store, settings
and the words (text); then services and audio; then the UI and the command line.
Every ``import`` in every module is read (function-level ones too), so an arrow
that runs back up fails here, not in review."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kneecoach"

# layer -> the layers it may import (itself included)
ALLOWED = {
    "engine": {"engine"},
    "settings": {"settings", "engine"},
    "store": {"store", "engine"},
    "text": {"text", "engine"},
    "audio": {"audio", "engine", "settings"},
    "services": {"services", "engine", "store", "settings", "text"},
    "ui": {"ui", "services", "engine", "store", "settings", "text", "audio"},
    "cli": {"cli", "services", "engine", "store", "settings", "text"},
}
# the one arrow from the command line to the UI: `kneecoach run` starts it
EXCEPTIONS = {("cli/run.py", "ui")}


def layer_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def kneecoach_imports(path: Path) -> set[str]:
    """The top-level kneecoach packages (layers) a module imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "kneecoach" and len(parts) > 1 and parts[1] in ALLOWED:
                found.add(parts[1])
    return found


MODULES = sorted(
    path for path in PACKAGE.rglob("*.py") if len(path.relative_to(PACKAGE).parts) > 1
    or path.stem == "text"
)


def test_every_layer_is_a_package_the_rules_know():
    tops = {
        path.name.removesuffix(".py")
        for path in PACKAGE.iterdir()
        if (path.is_dir() and (path / "__init__.py").exists()) or path.suffix == ".py"
    }
    assert tops - {"__init__", "__main__"} == set(ALLOWED)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down_the_layers(path: Path):
    layer = layer_of(path)
    relative = str(path.relative_to(PACKAGE))
    wrong = {
        imported
        for imported in kneecoach_imports(path) - ALLOWED[layer]
        if (relative, imported) not in EXCEPTIONS
    }
    assert not wrong, f"{relative} ({layer}) imports {sorted(wrong)}"


def test_the_check_would_notice_an_arrow_back_up(tmp_path: Path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from kneecoach.cli.main import main\n")
    assert kneecoach_imports(bad) == {"cli"}
