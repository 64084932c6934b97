"""The REFI-QDA exchange file: its XML against the standard's schema, positions that cut the
cited text out of the written source, and bad files refused in one line each."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from annotator.core.errors import InputError
from annotator.core.export.qdpx import NS, to_qdpx
from annotator.core.importers.qdpx import position_map, read_qdpx, start_position
from annotator.core.text import normalize_text
from annotator.store.chronology import build_document
from annotator.store.project import Project
from tests.helpers.projects import random_project

SCHEMA = etree.XMLSchema(
    etree.parse(str(Path(__file__).parents[1] / "data/qda_project_subset.xsd"))
)
Q = {"q": NS}


def _zip(members: dict[str, str | bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _with_notes(project: Project) -> None:
    for n, row in enumerate(project.rows("SELECT * FROM citations ORDER BY id")):
        if n % 2 == 0:
            from annotator.store.changes import ChangeSet

            cs = ChangeSet("note")
            cs.update("citations", row, note=f"note {n}: «naïve»\nsecond line")
            project.apply(cs)


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_every_export_is_valid_qda_xml_and_positions_cut_out_the_quote(data: st.DataObject) -> None:
    with Project.memory() as project:
        random_project(project, data, size=4)
        _with_notes(project)
        doc = build_document(project)
    with zipfile.ZipFile(io.BytesIO(to_qdpx(doc))) as zf:
        root = etree.fromstring(zf.read("project.qde"))
        SCHEMA.assertValid(root)
        texts = {n: zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("sources/")}
    quotes = {p["id"]: p["target"]["selector"][1]["exact"] for p in doc["passages"]}
    citations = {
        c["id"].replace("-", ""): c
        for kind in ("events", "actors", "claims")
        for item in doc[kind]
        for c in item["citations"]
    }
    selections = root.findall(".//q:PlainTextSelection", Q)
    assert len(selections) == len(citations)
    codes = {c.get("guid") for c in root.findall(".//q:Code", Q)}
    notes = {
        n.get("guid"): n.findtext("q:PlainTextContent", namespaces=Q)
        for n in root.iterfind(".//q:Note", Q)
    }
    for sel in selections:
        source = sel.getparent()
        text = texts["sources/" + source.get("plainTextPath").removeprefix("internal://")]
        start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
        citation = citations[sel.get("guid").replace("-", "")]
        assert text[start:end] == quotes[citation["passage_id"]]
        assert all(r.get("targetGUID") in codes for r in sel.iterfind(".//q:CodeRef", Q))
        refs = [notes[r.get("targetGUID")] for r in sel.findall("q:NoteRef", Q)]
        assert refs == ([citation["note"]] if citation["note"] else [])


def test_the_xml_is_deterministic_and_the_schema_refuses_a_broken_one() -> None:
    from annotator.store import operations as ops
    from tests.helpers.projects import add_article

    with Project.memory() as project:
        aid = add_article(project, "Talks began in Paris.\nThey failed.")
        cs, _ = ops.create_event(project, headline="Talks", span=(aid, 0, 5), tags=["t"])
        project.apply(cs)
        doc = build_document(project)
    assert to_qdpx(doc) == to_qdpx(doc)
    with zipfile.ZipFile(io.BytesIO(to_qdpx(doc))) as zf:
        root = etree.fromstring(zf.read("project.qde"))
    SCHEMA.assertValid(root)
    root.find(".//q:PlainTextSelection", Q).attrib.pop("startPosition")
    assert not SCHEMA.validate(root)  # the schema check can fail


# -- reading ---------------------------------------------------------------------------

UNITS = ["a", "é", "e\u0301", "\r\n", "\n", "\r", "😀", " ", "Å"]


@settings(max_examples=200)
@given(st.lists(st.sampled_from(UNITS), max_size=30), st.booleans(), st.data())
def test_positions_map_onto_the_normalised_text(units: list[str], bom: bool, data) -> None:
    raw = ("\ufeff" if bom else "") + "".join(units)
    bounds = [1 if bom else 0]
    for u in units:
        bounds.append(bounds[-1] + len(u))
    mapped = position_map(raw)
    text = normalize_text(raw)
    assert mapped[len(raw)] == len(text)
    assert mapped == sorted(mapped)
    i = data.draw(st.integers(0, len(bounds) - 1))
    j = data.draw(st.integers(i, len(bounds) - 1))
    start, end = bounds[i], bounds[j]
    expected = normalize_text(raw[start:end]) if start < end else ""
    first = start_position(raw, mapped, start) if start < end else mapped[start]
    assert text[first : mapped[end]] == unicodedata.normalize("NFC", expected)


A = "aaaaaaaa-0000-0000-0000-0000000000"  # GUIDs below end in two more digits
PROJECT = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{NS}" name="p">
  <CodeBook><Codes>
    <Code guid="{{{{AAAAAAAA-0000-0000-0000-000000000001}}}}" name="Economy" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{A}02" name="doc" plainTextPath="internal://doc.txt">
      <PlainTextSelection guid="{A}03" startPosition="{{start}}" endPosition="{{end}}">
        <Coding guid="{A}04"><CodeRef targetGUID="{A}01"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>"""


def test_a_foreign_file_with_crlf_and_a_bom_maps_onto_the_stored_text(tmp_path: Path) -> None:
    raw = "Line one.\r\nCafe\u0301 prices rose.\r\n"
    start = raw.index("Cafe")
    end = raw.index(" rose")
    path = tmp_path / "f.qdpx"
    path.write_bytes(
        _zip(
            {
                "project.qde": PROJECT.format(start=start, end=end),
                "sources/doc.txt": "\ufeff".encode() + raw.encode(),
            }
        )
    )
    qda = read_qdpx(path)
    (source,) = qda.sources
    (sel,) = source.selections
    assert source.text == "Line one.\nCafé prices rose.\n"
    assert source.text[sel.start : sel.end] == "Café prices"
    assert qda.codes[sel.codes[0]].name == "Economy"


@pytest.mark.parametrize(
    ("members", "message"),
    [
        (None, "is not a .qdpx (zip) file"),
        ({"other.xml": "<x/>"}, "has no project.qde"),
        ({"project.qde": "<Project"}, "not well-formed XML"),
        ({"project.qde": "<Project/>"}, "is not a QDA-XML project"),
        (
            {"project.qde": PROJECT.format(start=0, end=99), "sources/doc.txt": "short"},
            "outside the text",
        ),
        ({"project.qde": PROJECT.format(start=0, end=3)}, "has no sources/doc.txt"),
        (
            {"project.qde": PROJECT.format(start=0, end=3), "sources/doc.txt": b"\xff\xfe"},
            "not UTF-8",
        ),
        (
            {
                "project.qde": PROJECT.format(start=0, end=3).replace(
                    f'targetGUID="{A}01"',
                    f'targetGUID="{A}0f"',
                ),
                "sources/doc.txt": "hello",
            },
            "which the file does not hold",
        ),
        (
            {"project.qde": PROJECT.format(start="x", end=3), "sources/doc.txt": "hello"},
            "not a whole number",
        ),
    ],
)
def test_bad_files_are_one_clear_error(tmp_path: Path, members, message: str) -> None:
    path = tmp_path / "bad.qdpx"
    path.write_bytes(b"plain text, not a zip" if members is None else _zip(members))
    with pytest.raises(InputError) as err:
        read_qdpx(path)
    assert message in str(err.value) and str(path) in str(err.value)


def test_a_selection_starting_inside_a_crlf_holds_its_newline() -> None:
    raw = "aaaaaa\r\nb"
    mapped, text = position_map(raw), normalize_text(raw)
    assert text[start_position(raw, mapped, 7) : mapped[8]] == "\n"  # just the \n
    assert text[start_position(raw, mapped, 6) : mapped[7]] == "\n"  # just the \r
    assert text[start_position(raw, mapped, 0) : mapped[9]] == "aaaaaa\nb"
