"""Word .docx import: headings and paragraphs kept in order, properties, damaged files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.importers import import_file
from tests.helpers.documents import make_docx

BLOCKS = [
    ("h1", "Bridge plan delayed"),
    ("p", "The council met on Tuesday 🌉 to discuss the bridge."),
    ("h2", "What residents said"),
    ("p", "Residents asked whether the works would close the road."),
    ("p", "Residents asked whether the works would close the road."),
]


def write(tmp_path: Path, data: bytes, name: str = "story.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_headings_and_paragraphs_round_trip(tmp_path: Path) -> None:
    art = import_file(write(tmp_path, make_docx(BLOCKS, title="Bridge", author="Ann Lee")))
    assert art.text.split("\n\n") == [text for _, text in BLOCKS]
    assert (art.title, art.author) == ("Bridge", "Ann Lee")
    assert art.page_starts is None
    # offsets are code points: the emoji is one character
    start = art.text.index("🌉")
    assert art.text[start + 1 :].startswith(" to discuss")


def test_title_falls_back_to_the_first_heading(tmp_path: Path) -> None:
    assert import_file(write(tmp_path, make_docx(BLOCKS))).title == "Bridge plan delayed"


def test_a_docx_under_another_name_is_still_read(tmp_path: Path) -> None:
    art = import_file(write(tmp_path, make_docx(BLOCKS), name="story.bin"))
    assert art.text.startswith("Bridge plan delayed\n\n")


def test_tables_give_one_paragraph_per_row(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Results by ward:")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("North", "12"), ("South", "30")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    art = import_file(write(tmp_path, out.getvalue()))
    assert art.text == "Results by ward:\n\nNorth\t12\n\nSouth\t30"


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (zip_of({"mimetype": b"application/epub+zip", "content.opf": b"<x/>"}), "ZIP archive of"),
        (b"plain text pretending\n", "not a ZIP package"),
        (zip_of({"word/document.xml": b"<not-closed"}), "damaged Word document"),
    ],
)
def test_damaged_docx_is_one_line(tmp_path: Path, data: bytes, words: str) -> None:
    with pytest.raises(InputError) as info:
        import_file(write(tmp_path, data))
    message = str(info.value)
    assert message.startswith(f"{tmp_path / 'story.docx'}: ") and words in message, message
    assert "\n" not in message
