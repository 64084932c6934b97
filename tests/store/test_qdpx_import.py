"""Importing a REFI-QDA project: the app's own file comes back identical, another tool's codes
map to events or tags, and a bad or clashing file changes nothing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.export.qdpx import NS, to_qdpx
from annotator.core.importers.qdpx import read_qdpx
from annotator.core.text import normalize_text
from annotator.store.changes import ChangeSet
from annotator.store.chronology import build_document
from annotator.store.project import Project
from annotator.store.qdpx_import import import_qdpx
from tests.helpers import projects
from tests.helpers.projects import random_project

TABLES = ("articles", "passages", "events", "actors", "claims", "citations", "tags")


def _counts(project: Project) -> dict[str, int]:
    return {t: project.scalar(f"SELECT count(*) FROM {t}") for t in TABLES}


def _qde(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("project.qde")


@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(st.data())
def test_export_import_export_gives_the_same_file(tmp_path_factory, data: st.DataObject) -> None:
    path = tmp_path_factory.mktemp("rt") / "a.qdpx"
    # Stored texts are always normalised by the importers; the helper's texts are not.
    texts = [normalize_text(t) for t in projects.ARTICLE_TEXTS]
    with (
        Project.memory(analyst="ana") as project,
        mock.patch.object(projects, "ARTICLE_TEXTS", texts),
    ):
        random_project(project, data, size=4)
        for row in project.rows("SELECT * FROM citations ORDER BY id LIMIT 2"):
            cs = ChangeSet("note")
            cs.update("citations", row, note="why this passage\nmatters")
            project.apply(cs)
        first = to_qdpx(build_document(project))
    path.write_bytes(first)
    with Project.memory(analyst="someone else") as other:
        cs = import_qdpx(other, read_qdpx(path), codes_as="events", where=str(path))
        other.apply(cs)
        second = to_qdpx(build_document(other))
        assert other.scalar("SELECT count(*) FROM citations WHERE note != ''") == min(
            2, other.scalar("SELECT count(*) FROM citations")
        )
    assert _qde(second).decode() == _qde(first).decode()
    assert second == first  # the sources too, byte for byte


G = "bbbbbbbb-0000-0000-0000-0000000000"  # GUIDs below end in two more digits
FOREIGN = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{NS}" name="Interviews" origin="QualCoder">
  <Users><User guid="{G}a1" name="Kim"/></Users>
  <CodeBook><Codes>
    <Code guid="{G}01" name="Topics" isCodable="false">
      <Code guid="{G}02" name="Economy" isCodable="true">
        <Description>Money matters</Description>
      </Code>
      <Code guid="{G}03" name="Unused" isCodable="true"/>
    </Code>
    <Code guid="{G}04" name="Security" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{G}10" name="Interview 1" plainTextPath="internal://i1.txt"
      creatingUser="{G}a1">
      <PlainTextSelection guid="{G}20" startPosition="0" endPosition="11" creatingUser="{G}a1">
        <Coding guid="{G}30"><CodeRef targetGUID="{G}02"/></Coding>
        <Coding guid="{G}31"><CodeRef targetGUID="{G}04"/></Coding>
        <NoteRef targetGUID="{G}40"/>
      </PlainTextSelection>
      <PlainTextSelection guid="{G}21" startPosition="14" endPosition="28">
        <Coding guid="{G}32"><CodeRef targetGUID="{G}02"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
  <Notes>
    <Note guid="{G}40" name="memo"><PlainTextContent>Said twice.</PlainTextContent></Note>
  </Notes>
</Project>"""
TEXT = "Prices rose.\r\nBorders closed.\r\n"


@pytest.fixture
def foreign(tmp_path: Path) -> Path:
    path = tmp_path / "qualcoder.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", FOREIGN)
        zf.writestr("sources/i1.txt", TEXT.encode("utf-8"))
    return path


def test_codes_as_events_makes_one_event_per_applied_code(foreign: Path) -> None:
    with Project.memory() as project:
        project.apply(import_qdpx(project, read_qdpx(foreign), codes_as="events", where="f"))
        events = {
            e["headline"]: e for e in project.rows("SELECT headline, description, id FROM events")
        }
        assert set(events) == {"Economy", "Security"}  # "Unused" codes nothing
        assert events["Economy"]["description"] == "Money matters"
        quotes = project.rows(
            "SELECT p.quote, c.note, c.analyst FROM citations c "
            "JOIN passages p ON p.id = c.passage_id WHERE c.event_id = ? ORDER BY p.start",
            [events["Economy"]["id"]],
        )
        # the second selection starts after a \r\n: one character earlier in the stored text
        assert [q["quote"] for q in quotes] == ["Prices rose", "Borders closed"]
        assert quotes[0]["note"] == "Said twice." and quotes[0]["analyst"] == "Kim"
        assert project.row("articles", "bbbbbbbb000000000000000000000010")["analyst"] == "Kim"


def test_codes_as_tags_makes_one_event_per_coded_passage(foreign: Path) -> None:
    with Project.memory() as project:
        project.apply(import_qdpx(project, read_qdpx(foreign), codes_as="tags", where="f"))
        rows = project.rows(
            "SELECT e.headline, group_concat(t.tag, ',') AS tags FROM events e "
            "JOIN tags t ON t.event_id = e.id GROUP BY e.id ORDER BY e.headline"
        )
        assert [(r["headline"], sorted(r["tags"].split(","))) for r in rows] == [
            ("Borders closed", ["Economy"]),
            ("Prices rose", ["Economy", "Security"]),
        ]
        assert _counts(project)["citations"] == 2


def test_importing_the_same_file_twice_is_refused_whole(foreign: Path) -> None:
    with Project.memory() as project:
        project.apply(import_qdpx(project, read_qdpx(foreign), codes_as="events", where="f"))
        before = _counts(project)
        with pytest.raises(InputError, match="already imported"):
            import_qdpx(project, read_qdpx(foreign), codes_as="events", where="f")
        assert _counts(project) == before


def test_the_import_is_one_step_that_undo_removes(foreign: Path) -> None:
    with Project.memory() as project:
        empty = _counts(project)
        cs = import_qdpx(project, read_qdpx(foreign), codes_as="events", where="f")
        project.apply(cs)
        assert _counts(project) != empty
        project.apply(cs.inverse())
        assert _counts(project) == empty
