"""PDF import: text with page starts, metadata, running lines, hyphenation, damaged files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.importers import import_articles, import_file
from annotator.core.importers.article import page_at
from annotator.core.importers.pdf import (
    PdfPasswordError,
    drop_running_lines,
    join_pages,
    paragraphs,
)
from tests.helpers.documents import make_pdf

LINE_A = "The council met on Tuesday evening to discuss the new bridge over the"
PAGES = [
    [
        "The Gazette · Local news",
        LINE_A,
        "river Avon. Engineers said the crossing was unsafe for dou-",
        "ble-decker buses 🚌 and lorries.",
        "Page 1 of 3",
    ],
    [
        "The Gazette · Local news",
        "Residents asked whether the works would close the road during the",
        "summer. A decision is expected in April, the chair said at the end.",
        "Page 2 of 3",
    ],
    [
        "The Gazette · Local news",
        "Opposition members said the estimate had doubled since the plan first",
        "appeared 🌉 last year.",
        "Page 3 of 3",
    ],
]


def write(tmp_path: Path, data: bytes, name: str = "story.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_round_trip_keeps_pages_and_drops_running_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        make_pdf(
            PAGES, title="Bridge plan delayed", author="Ann Lee", created=datetime(2025, 3, 4)
        ),
    )
    art = import_file(path)
    assert art.title == "Bridge plan delayed"
    assert art.author == "Ann Lee"
    assert art.published == "2025-03-04"
    assert "Gazette" not in art.text and "Page 2" not in art.text
    assert "double-decker buses 🚌 and lorries." in art.text  # hyphen at the line end repaired
    assert art.page_starts is not None and len(art.page_starts) == 3
    assert art.page_starts[0] == 0
    second = art.text.index("Residents asked")
    third = art.text.index("Opposition members")
    assert art.page_starts[1:] == [second, third]
    assert art.text[second - 2 : second] == "\n\n"
    # code-point offsets: the emoji counts as one character before the page start
    assert page_at(art.page_starts, art.text.index("🌉")) == 3
    assert page_at(art.page_starts, art.text.index("🚌")) == 1
    assert page_at(art.page_starts, second) == 2


def test_command_line_metadata_wins_over_the_pdf_s(tmp_path: Path) -> None:
    path = write(tmp_path, make_pdf(PAGES, title="From the PDF", author="PDF Author"))
    art = import_file(path, title="Given", author="Given Author")
    assert (art.title, art.author) == ("Given", "Given Author")


def test_a_generated_title_is_not_taken(tmp_path: Path) -> None:
    art = import_file(write(tmp_path, make_pdf(PAGES, title="Microsoft Word - draft3.docx")))
    assert art.title.startswith("The council met")  # the first line instead


def test_scanned_pdf_asks_for_ocr(tmp_path: Path) -> None:
    path = write(tmp_path, make_pdf([[], []]))
    with pytest.raises(InputError, match=r"without a text layer.*OCR"):
        import_file(path)


def test_encrypted_pdf_says_how_to_unlock_it(tmp_path: Path) -> None:
    path = write(tmp_path, make_pdf(PAGES, password="secret"))
    with pytest.raises(PdfPasswordError, match=r"encrypted PDF that needs a password.*--password"):
        import_file(path)
    with pytest.raises(PdfPasswordError, match=r"the password given does not open it") as caught:
        import_articles(path, password="wrong")
    assert caught.value.wrong and caught.value.where == str(path)
    (art,) = import_articles(path, password="secret")
    assert "Residents asked" in art.text


def test_pdf_with_an_owner_password_only_is_read(tmp_path: Path) -> None:
    art = import_file(write(tmp_path, make_pdf(PAGES, password="")))
    assert "Residents asked" in art.text


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.99])
def test_truncated_pdf_is_refused(tmp_path: Path, cut: float) -> None:
    data = make_pdf(PAGES)
    path = write(tmp_path, data[: int(len(data) * cut)])
    with pytest.raises(InputError, match=r"story\.pdf: is a (truncated|damaged) PDF"):
        import_file(path)


def test_a_pdf_name_on_something_else_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"named \.pdf but is not a PDF"):
        import_file(write(tmp_path, b"just some text\n"))


def test_damaged_insides_give_one_line(tmp_path: Path) -> None:
    data = make_pdf(PAGES).replace(b"/Type /Pages", b"/Type /Nonsense")
    with pytest.raises(InputError) as info:
        import_file(write(tmp_path, data))
    assert "\n" not in str(info.value)


def test_running_lines_need_to_repeat() -> None:
    pages = [["Head", "body one", "7"], ["Head", "body two", "8"], ["Other", "body three", "9"]]
    assert drop_running_lines(pages) == [["body one"], ["body two"], ["Other", "body three"]]


def test_paragraphs_break_on_short_sentence_ends_only() -> None:
    lines = ["A long line of text that goes on and on across the page", "to the end.", "Next."]
    assert paragraphs(lines) == [
        "A long line of text that goes on and on across the page to the end.",
        "Next.",
    ]
    assert paragraphs(["a well-", "known case"]) == ["a wellknown case"]
    assert paragraphs(["ends with a dash -", "Capital"]) == ["ends with a dash - Capital"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(min_size=1, max_size=8), max_size=3), min_size=1, max_size=5))
def test_page_starts_point_at_each_page(pages: list[list[str]]) -> None:
    text, starts = join_pages(pages)
    assert len(starts) == len(pages)
    assert starts == sorted(starts)
    for page, start in zip(pages, starts, strict=True):
        block = "\n\n".join(page)
        if block:
            assert text[start : start + len(block)] == block
