"""The codebook in REFI-QDA: codes with colour, description and nesting, out and back in."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from lxml import etree

from annotator.core.export.qdpx import NS, to_qdpx
from annotator.core.importers.qdpx import read_qdpx
from annotator.store import codebook as cb
from annotator.store.chronology import build_document
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.qdpx_import import import_qdpx
from annotator.store.sample_annotations import annotate_seed_project
from tests.core.test_qdpx import SCHEMA
from tests.store.test_qdpx_import import foreign as foreign  # the QualCoder file fixture

CODES = (
    "SELECT c.name, c.color, c.description, p.name AS parent FROM codes c "
    "LEFT JOIN codes p ON p.id = c.parent_id ORDER BY c.name"
)


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def test_codes_carry_colour_description_and_hierarchy_and_come_back(tmp_path: Path) -> None:
    path = tmp_path / "seed.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        annotate_seed_project(project)
        project.apply(cb.create_code(project, "Europe", color="#4e79a7", description="Where"))
        project.apply(cb.move_code(project, "rearmament", "Europe"))
        project.apply(cb.edit_code(project, "rearmament", color="#e15759"))
        project.apply(cb.create_code(project, "unused", parent="Europe"))
        data = to_qdpx(build_document(project))
        want = project.rows(CODES)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        qde = zf.read("project.qde")
    SCHEMA.assertValid(etree.fromstring(qde))  # the published schema's Code: color, nesting
    root = ET.fromstring(qde)
    europe = next(c for c in root.iter(_q("Code")) if c.get("name") == "Europe")
    assert europe.get("color") == "#4e79a7"
    assert europe.findtext(_q("Description")) == "Where"
    nested = [c.get("name") for c in europe.findall(_q("Code"))]
    assert nested == ["rearmament", "unused"]
    assert europe.find(_q("Code")).get("color") == "#e15759"

    qdpx = tmp_path / "out.qdpx"
    qdpx.write_bytes(data)
    with Project.memory() as other:
        other.apply(import_qdpx(other, read_qdpx(qdpx), codes_as="events", where="out.qdpx"))
        assert other.rows(CODES) == want
        assert other.scalar("SELECT count(*) FROM tags WHERE tag = 'rearmament'") == 4
        again = to_qdpx(build_document(other))
    with zipfile.ZipFile(io.BytesIO(again)) as zf:
        assert ET.fromstring(zf.read("project.qde")).find(f".//{_q('CodeBook')}") is not None


def test_another_tools_code_tree_becomes_the_codebook(foreign: Path) -> None:
    with Project.memory() as project:
        project.apply(import_qdpx(project, read_qdpx(foreign), codes_as="tags", where="f"))
        got = {r["name"]: r for r in project.rows(CODES)}
        listed = {e.name for e in cb.codebook(project)}
    assert listed == {"Topics", "Economy", "Unused", "Security"}  # Security: applied only
    assert got["Economy"]["parent"] == "Topics" and got["Economy"]["description"] == "Money matters"
    assert "Security" not in got  # nothing said about it: listed, without a row of its own
