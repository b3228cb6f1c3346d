"""Where a session comes from, named for people; what it needs, listed once each."""

from __future__ import annotations

import pytest

from kneecoach.engine import SessionFileError
from kneecoach.engine.sources import Source
from tests.conftest import session_from_yaml

BASE = """\
id: t
title: T
SOURCE
exercises:
  - id: sit
    name: Wall sit
    kind: strength
    steps: [Slide down the wall.]
    hold_seconds: 20
    equipment: [wall (optional), mat]
  - id: clam
    name: Clamshell
    kind: strength
    steps: [Open the knee.]
    hold_seconds: 3
    equipment: [Mat, resistance band (optional), wall]
"""


def session(source: str):
    return session_from_yaml(BASE.replace("SOURCE", source))


def errors(source: str) -> list[str]:
    with pytest.raises(SessionFileError) as info:
        session(source)
    return [str(error) for error in info.value.errors]


def test_free_text_stays_as_it_is_written():
    found = session("source: Written by J. Smith, PT, for A. Patient").source
    assert found == Source("Written by J. Smith, PT, for A. Patient")
    assert found.text == found.short == "Written by J. Smith, PT, for A. Patient"


def test_an_article_is_named_by_title_and_publisher_and_its_file_is_kept_out_of_sight():
    found = session("source:\n  title: Knee Exercises\n  publisher: A Clinic\n  file: 001_abc.txt")
    assert found.source == Source("Knee Exercises", "A Clinic", "001_abc.txt")
    assert found.source.text == "“Knee Exercises”, A Clinic"
    assert found.source.short == "A Clinic"
    assert "001_abc" not in " ".join(found.source_texts)
    assert all(exercise.source == found.source for exercise in found.exercises)


def test_a_source_mapping_is_checked_like_the_rest():
    assert errors("source:\n  publisher: A Clinic") == [
        "test.yaml:4:3: missing required key 'title' (source)"
    ]
    assert errors("source:\n  title: X\n  publiser: Y") == [
        "test.yaml:5:3: unknown key 'publiser' (did you mean 'publisher'?) (source.publiser)"
    ]
    assert errors("source:\n  title: [a, b]") == [
        "test.yaml:4:10: expected a single value, got a list (source.title)"
    ]


def test_equipment_is_listed_once_each_and_optional_only_where_nothing_needs_it():
    # "wall (optional)" in one exercise and "wall" in another: one wall, needed;
    # "mat" and "Mat" are one mat
    assert session("source: x").equipment == ["wall", "mat", "resistance band (optional)"]
