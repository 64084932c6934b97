"""Hostile article content and fields: shown as text, escaped in every export, no remote
resource loaded, spreadsheet formulas neutralised. End to end from a real project."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from annotator.core.export.render import render_export
from annotator.core.export.spreadsheet import needs_neutralising
from annotator.core.importers import import_file
from annotator.store import operations as ops
from annotator.store.chronology import build_document
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.rows import parse_edtf_field

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src="http://evil.example/track.png" onerror="alert(1)">'
FORMULA = '=HYPERLINK("http://evil.example/x","click")'
JS_URL = "javascript:alert(document.cookie)"
HOSTILE = [SCRIPT, IMG, FORMULA, "+SUM(A1:A9)", "@cmd", "-2+3", '"><svg onload=alert(1)>']
ARTICLE = (
    f"Talks began in Paris on 4 March 2025. {SCRIPT} The minister said {IMG} "
    f"and then {FORMULA} was typed. Link: {JS_URL}. End."
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.db"
    create_project(path, seed=False)
    source = folder / "hostile.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    with Project.open(path) as project:
        art = import_file(source, title=SCRIPT, outlet=FORMULA, author=IMG, url=JS_URL)
        cs, aid = ops.import_article(project, art)
        project.apply(cs)
        start = ARTICLE.index(SCRIPT)
        span = (aid, start, start + len(SCRIPT))
        cs, actor = ops.create_actor(
            project, name=FORMULA, aliases=[SCRIPT], description=IMG, span=span
        )
        project.apply(cs)
        cs, event = ops.create_event(
            project,
            headline=SCRIPT + FORMULA,
            span=span,
            date=parse_edtf_field("2025-03-04", "d"),
            date_phrase=IMG,
            description=IMG + JS_URL,
            type=SCRIPT,
            location=FORMULA,
            actors=[(actor, SCRIPT)],
            tags=[IMG],
        )
        project.apply(cs)
        cs, _ = ops.create_claim(
            project,
            text="+SUM(A1:A9) " + SCRIPT,
            claimant_id=actor,
            event_id=event,
            span=span,
            tags=["@cmd"],
        )
        project.apply(cs)
    return path


@pytest.fixture(scope="module")
def doc(hostile: Path) -> dict:
    with Project.open(hostile, readonly=True) as project:
        return build_document(project)


def test_the_fixture_really_is_hostile(doc: dict) -> None:
    assert SCRIPT in doc["articles"][0]["text"] and doc["events"][0]["headline"].startswith(SCRIPT)


REMOTE = re.compile(
    r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:|//|javascript:)"""
    r"""|url\(\s*["']?(?:https?:|//)|@import|<link\b|<iframe|<object|<embed""",
    re.I,
)


def test_html_report_escapes_everything_and_loads_nothing(doc: dict) -> None:
    html = render_export(doc, "html")
    assert "<script" not in html.lower()  # not even our own: the report needs none
    assert "<img" not in html.lower() and "<svg" not in html.lower()
    assert "&lt;script&gt;" in html
    assert not REMOTE.search(html), REMOTE.search(html)
    assert "javascript:" not in re.sub(r">[^<]*<", "><", html)  # only ever as visible text


def test_markdown_report_does_not_carry_live_html(doc: dict) -> None:
    text = render_export(doc, "markdown")
    # Markup may appear only escaped (\<script\> or &lt;script&gt;): shown as text when rendered.
    assert not re.search(r"(?<!\\)<\s*(script|img|svg)", text, re.I)
    assert "](javascript:" not in text
    assert "script" in text  # the words are still there, as text


def test_timelinejs_escapes_every_string(doc: dict) -> None:
    obj = json.loads(render_export(doc, "timelinejs"))
    strings: list[str] = []

    def walk(x: object) -> None:
        if isinstance(x, str):
            strings.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(obj)
    assert strings
    for s in strings:  # TimelineJS renders these fields as HTML
        low = s.lower()
        assert "<script" not in low and "<img" not in low and "<svg" not in low, s
        assert not REMOTE.search(s), s
    assert any("&lt;script&gt;" in s for s in strings)


@pytest.mark.parametrize("what", ["events", "claims", "actors"])
def test_csv_neutralises_formulas(doc: dict, what: str) -> None:
    text = render_export(doc, "csv", what=what)
    rows = list(csv.reader(io.StringIO(text)))
    cells = [c for row in rows[1:] for c in row]
    assert cells
    for cell in cells:
        assert not needs_neutralising(cell), cell
        assert not cell.lstrip().startswith(("=", "@", "+SUM", "\t", "\r")), cell
    assert any(c.startswith("'=HYPERLINK") for c in cells) or what == "claims"
    if what == "claims":
        assert any(c.startswith("'+SUM(A1:A9) ") for c in cells)


def test_json_and_webannotation_round_trip_the_text(doc: dict) -> None:
    assert json.loads(render_export(doc, "json"))["articles"][0]["text"] == ARTICLE
    web = render_export(doc, "webannotation")
    assert "evil.example" not in json.dumps(
        [a.get("target") for a in _annotations(json.loads(web))]
    )


def _annotations(obj: object) -> list[dict]:
    if isinstance(obj, dict):
        return obj.get("items") or obj.get("first", {}).get("items") or [obj]
    return list(obj) if isinstance(obj, list) else []


def test_reader_shows_literal_text(qtbot: object, hostile: Path) -> None:
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

    from annotator.ui.editing.session import Session
    from annotator.ui.reader.view import ReaderView

    project = Project.open(hostile, readonly=True)
    try:
        view = ReaderView(Session(project))
        qtbot.addWidget(view)
        view.load_article(project.scalar("SELECT id FROM articles"))
        text = view.document().toPlainText()
        assert SCRIPT in text and IMG in text and FORMULA in text
        # Not rich text: a QPlainTextEdit never parses markup; a QTextEdit must not accept it.
        assert isinstance(view, QPlainTextEdit) or (
            isinstance(view, QTextEdit) and not view.acceptRichText()
        )
        _assert_no_images(view.document(), QTextDocument)
    finally:
        project.close()


def _assert_no_images(document: object, _kind: type) -> None:
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            assert not it.fragment().charFormat().isImageFormat()
            it += 1
        block = block.next()
