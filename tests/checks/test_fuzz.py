"""Property-based fuzzing: importers, date reader, date finder, JSON loader, merge, files.

Each input must be accepted or refused with the clear error (AnnotatorError), and a refusal
leaves the project and the input file as they were. Hypothesis shrinks any failure to a
small input; the same targets run at a larger budget in ``annotator reliability``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from annotator.reliability import fuzz
from annotator.reliability.outcome import Outcome

BUDGET = 40


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> fuzz.Workbench:
    return fuzz.Workbench(tmp_path_factory.mktemp("fuzz"))


def _check(out: Outcome) -> None:
    assert out.kind in ("accepted", "rejected"), out.detail
    assert out.modified == ""
    assert out.broken == ""


def _fuzz(bench: fuzz.Workbench, name: str, budget: int = BUDGET) -> int:
    target = bench.target(name)
    seen = []

    @fuzz.fuzz_settings(budget)
    @given(target.strategy())
    def case(value: Any) -> None:
        out = target.run_case(value)
        seen.append(out.kind)
        _check(out)

    try:
        case()
    finally:
        target.close()
    print(f"{name}: {len(seen)} cases")  # the number of cases run, shown with -s
    return len(seen)


@pytest.mark.parametrize("name", fuzz.TARGET_NAMES)
def test_fuzz_target(bench: fuzz.Workbench, name: str) -> None:
    assert _fuzz(bench, name) >= BUDGET // 2


# Known adversarial inputs, checked every run whatever hypothesis draws.
ARTICLE_CASES = [
    (b"\xff\xfe" + "Talks on 4 March".encode("utf-16-le") + b"\x00\xd8", ".txt"),
    (b"<div>" * 5000 + b"deep" + b"</div>" * 5000, ".html"),
    (b"a" * 2_000_000, ".txt"),
    (b"Talks\x00began", ".txt"),
    ("Talks began on 4 March 2025".encode("cp1252") + b"\x93quoted\x94", ".md"),
    (b"%PDF-1.7\nnot an article", ".txt"),
    (b"---\npublished: 99999999999-01-01\n---\nText", ".md"),
]


@pytest.mark.parametrize("value", ARTICLE_CASES, ids=lambda v: repr(v[0][:12]))
def test_adversarial_articles(bench: fuzz.Workbench, value: tuple[bytes, str]) -> None:
    target = bench.target("importers")
    try:
        _check(target.run_case(value))
    finally:
        target.close()


@pytest.mark.parametrize(
    "text",
    [
        "99999999999999999999 March 2025",
        "4 March 99999999999",
        "9" * 5000,
        "\ud800",
        "2025-02-30",
        "10000-01-01",
        "\x00",
        "P99999999999Y",
        "1e308",
        "-0",
    ],
)
def test_adversarial_dates(bench: fuzz.Workbench, text: str) -> None:
    reader = bench.target("date reader")
    finder = bench.target("date finder")
    try:
        _check(reader.run_case((text, True)))
        _check(finder.run_case((f"It happened on {text}.", None)))
    finally:
        reader.close()


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000,
        b'{"schema_version": ' + b"9" * 5000 + b"}",
        b'{"schema_version": 1, "articles": "\\ud800"}',
        b"\x00",
        b"\xef\xbb\xbf{}",
    ],
    ids=lambda d: repr(d[:12]),
)
def test_adversarial_json(bench: fuzz.Workbench, data: bytes) -> None:
    target = bench.target("JSON loader")
    try:
        out = target.run_case(data)
        _check(out)
        assert out.kind == "rejected"
    finally:
        target.close()


def test_targets_can_fail(tmp_path: Path) -> None:
    """An exception that is not the clear error is counted as an escape, not swallowed."""
    from annotator.reliability.outcome import TargetStats, guarded

    stats = TargetStats("probe")
    stats.add(guarded(lambda: {}["missing"]))
    stats.add(guarded(lambda: None))
    assert stats.cases == 2 and stats.accepted == 1
    assert stats.escapes and stats.escapes[0].startswith("KeyError at test_fuzz.py")


def _edited(doc: dict, path: tuple, value: object) -> dict:
    import json

    doc = json.loads(json.dumps(doc))
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return doc


# Values the schema lets through to the loader (or that only the value checks stop): each
# must be loaded or refused with one clear line, never an SQLite message.
NEAR_VALID = [
    (("events", 0, "headline"), "\ud800", True),  # written as the escape \ud800
    (("events", 0, "headline"), "\ud800", False),  # written as raw (invalid UTF-8) bytes
    (("events", 0, "day_seq"), 10**30, True),
    (("passages", 0, "target", "selector", 0, "start"), 5.0, True),
    (("events", 0, "actors", 0, "role"), None, True),
    (("events", 0, "citations", 0, "note"), None, True),
    (("events", 0, "date", "value"), "spring 2025", True),
    (("events", 0, "headline"), "\x1b[2J" * 50_000, True),
    (("actors", 0, "name"), " ", True),
    (("actors", 0, "name"), " \t", True),  # SQLite's trim() keeps the tab: still blank
    (("events", 0, "headline"), "   ", True),
    (("events", 0, "tags"), [" "], True),
    (("events", 0, "tags"), ["\x00x"], True),  # SQLite's length() stops at the NUL
    (("actors", 0, "name"), " \x00Macron", True),
    (("articles", 0, "previous_version"), "0" * 32, True),  # an article not in the file
]


@pytest.mark.parametrize(("path", "value", "ascii_escapes"), NEAR_VALID, ids=lambda v: repr(v)[:30])
def test_near_valid_json(
    bench: fuzz.Workbench, path: tuple, value: object, ascii_escapes: bool
) -> None:
    from annotator.reliability.fuzz_json import serialise

    data = serialise(_edited(bench.doc, path, value), ascii_escapes)
    if ascii_escapes and value == "\ud800":
        assert b'"\\ud800"' in data  # the escape is in the JSON text itself
    target = bench.target("JSON loader")
    try:
        _check(target.run_case(data))
    finally:
        target.close()
