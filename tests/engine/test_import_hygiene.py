"""The engine is pure: importing it pulls in no UI, audio or database module."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import kneecoach.engine

FORBIDDEN = ("textual", "rich", "simpleaudio", "sqlite3", "_sqlite3")
ENGINE_MODULES = sorted(
    f"kneecoach.engine.{m.name}" for m in pkgutil.iter_modules(kneecoach.engine.__path__)
)


def loaded_after_import(modules: list[str]) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def test_every_engine_module_is_checked():
    assert {"kneecoach.engine.machine", "kneecoach.engine.plan", "kneecoach.engine.loader"} <= set(
        ENGINE_MODULES
    )


def test_the_engine_imports_no_ui_audio_or_database():
    loaded = loaded_after_import(["kneecoach.engine", *ENGINE_MODULES])
    bad = sorted(m for m in loaded if m.split(".")[0] in FORBIDDEN)
    assert bad == []


def test_the_check_would_notice_a_forbidden_import():
    loaded = loaded_after_import(["sqlite3"])
    assert any(m.split(".")[0] in FORBIDDEN for m in loaded)


def test_the_command_line_does_not_import_textual():
    loaded = loaded_after_import(["kneecoach.cli", "kneecoach.services.catalog", "kneecoach.text"])
    assert not any(m.split(".")[0] in ("textual", "rich") for m in loaded)
