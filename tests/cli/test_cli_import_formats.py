"""`annotator import` with PDF, Word, e-mail and feed files: stored whole, or refused whole."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.store.project_setup import create_project
from tests.helpers.documents import make_docx, make_email, make_pdf

PAGES = [
    ["Leaders met in London on Tuesday 🌍 to discuss the bridge plan over the", "river."],
    ["The second page has its own text about the decision expected in April."],
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    create_project(path, seed=False)
    return path


def run(*args: object) -> int:
    return main([str(a) for a in args])


def articles(project: Path) -> list[dict[str, object]]:
    con = sqlite3.connect(project)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute("SELECT * FROM articles ORDER BY created")]
    finally:
        con.close()


def test_pdf_is_stored_with_its_page_starts(project: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "story.pdf"
    pdf.write_bytes(make_pdf(PAGES, title="Leaders meet"))
    assert run("import", project, pdf) == 0
    (row,) = articles(project)
    assert row["title"] == "Leaders meet"
    starts = json.loads(str(row["page_starts"]))
    text = str(row["text"])
    assert starts[0] == 0 and text[starts[1] :].startswith("The second page")


def test_docx_is_stored_with_its_headings(project: Path, tmp_path: Path) -> None:
    doc = tmp_path / "story.docx"
    doc.write_bytes(make_docx([("h1", "Leaders meet"), ("p", "They met on Tuesday 🌍.")]))
    assert run("import", project, doc) == 0
    (row,) = articles(project)
    assert (row["title"], row["text"]) == (
        "Leaders meet",
        "Leaders meet\n\nThey met on Tuesday 🌍.",
    )


def test_eml_is_stored_with_subject_sender_and_date(project: Path, tmp_path: Path) -> None:
    mail = tmp_path / "story.eml"
    mail.write_bytes(make_email(text="They met on Tuesday 🌍."))
    assert run("import", project, mail) == 0
    (row,) = articles(project)
    assert (row["title"], row["author"]) == ("Bridge plan delayed", "Ann Lee")
    assert row["published"] == "2025-03-04T21:30:00-05:00"
    assert row["text"] == "They met on Tuesday 🌍."


def test_feed_entries_are_stored_one_article_each(project: Path, tmp_path: Path) -> None:
    feed = tmp_path / "news.rss"
    feed.write_text(
        "<rss version='2.0'><channel><title>Gazette</title>"
        "<item><title>One</title><link>https://g.example/1</link>"
        "<description>First story 🌍.</description></item>"
        "<item><title>Two</title><description>Second story.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    assert run("import", project, feed) == 0
    rows = articles(project)
    assert sorted((r["title"], r["text"], r["outlet"]) for r in rows) == [
        ("One", "First story 🌍.", "Gazette"),
        ("Two", "Second story.", "Gazette"),
    ]


def test_text_articles_have_no_page_starts(project: Path, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Leaders met in London on Tuesday.\n", encoding="utf-8")
    assert run("import", project, note) == 0
    assert articles(project)[0]["page_starts"] is None


DAMAGED: list[tuple[str, Callable[[], bytes], str]] = [
    ("cut.pdf", lambda: make_pdf(PAGES)[:400], "truncated PDF"),
    ("scan.pdf", lambda: make_pdf([[]]), "without a text layer"),
    ("locked.pdf", lambda: make_pdf(PAGES, password="pw"), "needs a password"),
    (
        "bad.eml",
        lambda: b"From: a@b.org\nContent-Type: text/plain; charset=x-nope\n\nHi\n",
        "x-nope",
    ),
    ("news.rss", lambda: b"<rss version='2.0'><channel><item><title>x</ti", "well-formed feed"),
    ("cut.docx", lambda: make_docx([("p", "Some text.")])[:300], "truncated or damaged Word"),
]


@pytest.mark.parametrize(("name", "make", "words"), DAMAGED)
def test_damaged_file_exits_2_with_one_line_and_leaves_the_project(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    make: Callable[[], bytes],
    words: str,
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A good article that would be imported with the bad one.\n")
    bad = tmp_path / name
    bad.write_bytes(make())
    before = project.read_bytes()
    assert run("import", project, good, bad) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(bad) in err and words in err, err
    assert project.read_bytes() == before
