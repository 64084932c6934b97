"""The store: migrations, edits and their exact undo, search, re-anchoring, guards."""

from __future__ import annotations

import shutil
import sqlite3
import struct
from pathlib import Path

import pytest

from annotator.core.errors import InputError, ProjectError
from annotator.store import operations as ops
from annotator.store.anchors import check_passages, orphans
from annotator.store.changes import ChangeSet
from annotator.store.project import ConflictError, Project
from annotator.store.rows import parse_edtf_field
from annotator.store.schema import known_migrations, migrations
from annotator.store.search import search
from tests.helpers.db import db_dump

TEXT = "Talks 😀 began in Paris on 4 March 2025. 𝔘nity was hoped for; the talks failed."


@pytest.fixture
def project() -> Project:
    p = Project.memory()
    yield p
    p.close()


def _article(project: Project, text: str = TEXT) -> str:
    from annotator.core.importers.article import ImportedArticle

    art = ImportedArticle(
        text=text,
        title="Paris talks",
        outlet="Wire",
        author=None,
        url=None,
        published="2025-03-05",
        language="en",
        source="paris.txt",
    )
    cs, aid = ops.import_article(project, art)
    project.apply(cs)
    return aid


def _dump(project: Project) -> dict:
    out = {}
    for t in (
        "articles",
        "passages",
        "events",
        "actors",
        "claims",
        "event_actors",
        "citations",
        "tags",
    ):
        out[t] = sorted(project.db.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
    return out


def test_astral_offsets_are_code_points(project: Project) -> None:
    aid = _article(project)
    start = TEXT.index("𝔘nity")
    cs, _eid = ops.create_event(project, headline="Unity hoped", span=(aid, start, start + 5))
    project.apply(cs)
    p = project.rows("SELECT * FROM passages")[0]
    assert p["quote"] == "𝔘nity" == TEXT[p["start"] : p["end"]]
    assert p["prefix"].endswith("2025. ") and p["suffix"].startswith(" was")
    # SQLite's substr counts characters as Python does: the open-time check agrees.
    report, fix = check_passages(project)
    assert report.checked == 1 and not fix


def test_edit_then_undo_restores_every_row(project: Project) -> None:
    aid = _article(project)
    before = _dump(project)
    cs, actor = ops.create_actor(project, name="France", kind="state", aliases=["Paris"])
    project.apply(cs)
    cs2, eid = ops.create_event(
        project,
        headline="Talks begin",
        span=(aid, 0, 5),
        date=parse_edtf_field("2025-03-04", "d"),
        actors=[(actor, "host")],
        tags=["talks"],
    )
    project.apply(cs2)
    after_create = _dump(project)
    edit = ops.update_item(project, "event", eid, headline="Talks open", type="meeting")
    project.apply(edit)
    delete = ops.delete_item(project, "event", eid)
    project.apply(delete)
    assert project.scalar("SELECT count(*) FROM passages") == 0  # went with its last citation
    project.apply(delete.inverse())
    project.apply(edit.inverse())
    assert _dump(project) == after_create
    project.apply(cs2.inverse())
    project.apply(cs.inverse())
    assert _dump(project) == before


def test_undo_refuses_when_row_changed_elsewhere(project: Project) -> None:
    aid = _article(project)
    cs, eid = ops.create_event(project, headline="A", span=(aid, 0, 5))
    project.apply(cs)
    project.apply(ops.update_item(project, "event", eid, headline="B"))
    snapshot = _dump(project)
    with pytest.raises(ConflictError):
        project.apply(cs.inverse())  # expects headline A
    assert _dump(project) == snapshot


def test_constraints_hold(project: Project) -> None:
    aid = _article(project)
    with pytest.raises(InputError):
        ops.create_event(project, headline="  ", span=(aid, 0, 5))
    with pytest.raises(InputError):
        ops.create_event(project, headline="x", span=(aid, 5, 5))
    bad = ChangeSet("bad", [])
    bad.insert(
        "claims",
        {
            "id": "c1",
            "text": "t",
            "claimant_id": None,
            "claimed": None,
            "claimed_earliest": None,
            "claimed_latest": None,
            "stance": "shouts",
            "event_id": None,
            "assessment": "unverified",
            "created": "x",
            "modified": "x",
            "analyst": "",
        },
    )
    with pytest.raises(ProjectError):
        project.apply(bad)
    assert project.scalar("SELECT count(*) FROM claims") == 0


def test_merge_actors_and_undo(project: Project) -> None:
    aid = _article(project)
    cs, a = ops.create_actor(project, name="Emmanuel Macron", kind="person")
    project.apply(cs)
    cs, b = ops.create_actor(
        project, name="Macron", kind="person", aliases=["Mr. Macron"], span=(aid, 0, 5)
    )
    project.apply(cs)
    cs, _e = ops.create_event(project, headline="Talks", actors=[(b, "host")])
    project.apply(cs)
    cs, _c = ops.create_claim(project, text="It will work", claimant_id=b)
    project.apply(cs)
    snapshot = _dump(project)
    merge = ops.merge_actors(project, a, b)
    project.apply(merge)
    assert project.scalar("SELECT actor_id FROM event_actors") == a
    assert project.scalar("SELECT claimant_id FROM claims") == a
    assert project.scalar("SELECT count(*) FROM citations WHERE actor_id = ?", [a]) == 1
    aliases = project.scalar("SELECT aliases FROM actors WHERE id = ?", [a])
    assert "Macron" in aliases and "Mr. Macron" in aliases
    project.apply(merge.inverse())
    assert _dump(project) == snapshot


def test_search_follows_inserts_edits_and_deletes(project: Project) -> None:
    aid = _article(project)
    assert [h.kind for h in search(project, "Paris")] == ["article"]
    hit = search(project, "paris")[0]
    assert TEXT[hit.start : hit.end] == "Paris"
    cs, eid = ops.create_event(project, headline="Ceasefire agreed", span=(aid, 0, 5))
    project.apply(cs)
    assert [h.id for h in search(project, "ceasefire")] == [eid]
    assert search(project, "ceasefire")[0].article_id == aid
    project.apply(ops.update_item(project, "event", eid, headline="Truce agreed"))
    assert search(project, "ceasefire") == []
    assert [h.id for h in search(project, "truc")] == [eid]  # prefix match on the last word
    project.apply(ops.delete_item(project, "event", eid))
    assert search(project, "truce") == []
    assert search(project, 'AND OR "NEAR(') == []  # FTS syntax in user input is literal


def test_reanchor_and_orphans_never_deleted(project: Project) -> None:
    aid = _article(project)
    start = TEXT.index("the talks failed")
    cs, _eid = ops.create_event(
        project, headline="Talks fail", span=(aid, start, start + len("the talks failed"))
    )
    project.apply(cs)
    cs, _e2 = ops.create_event(project, headline="Unity", span=(aid, 0, 5))
    project.apply(cs)
    # Simulate passages from another version of the text: positions off by three.
    project.db.execute('UPDATE passages SET start = start + 3, "end" = "end" + 3')
    project.db.execute(
        "UPDATE passages SET quote = 'zzzz qqqq', prefix = '', suffix = '' WHERE start = 3"
    )
    report, fix = check_passages(project)
    project.apply(fix)
    assert len(report.reanchored) == 1 and len(report.orphaned) == 1
    moved = project.rows("SELECT * FROM passages WHERE status = 'reanchored'")[0]
    assert TEXT[moved["start"] : moved["end"]] == "the talks failed"
    assert [o["id"] for o in orphans(project)] == report.orphaned
    assert project.scalar("SELECT count(*) FROM citations") == 2  # nothing dropped


def test_migrations_from_first_version(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = __import__("sqlite_utils").Database(path)
    migrations.apply(db, stop_before="m002_indexes")
    db["articles"].insert(
        {
            "id": "a1",
            "title": "Old",
            "text": "Old text about Kyiv",
            "text_hash": "sha256:" + "0" * 64,  # the form every version wrote
            "created": "2024-01-01T00:00:00.000Z",
            "modified": "2024-01-01T00:00:00.000Z",
            "analyst": "x",
        }
    )
    db.close()
    with Project.open(path) as project:
        assert project.schema_version() == known_migrations()[-1]
        assert [h.id for h in search(project, "kyiv")] == ["a1"]  # FTS built from old rows
        assert project.scalar("SELECT count(*) FROM chronology") == 0


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


@pytest.mark.parametrize("case", ["text", "truncated", "foreign", "newer", "empty"])
def test_files_that_are_not_projects_are_never_modified(
    tmp_path: Path, seeded_path: Path, case: str
) -> None:
    path = tmp_path / f"{case}.db"
    if case == "text":
        path.write_text("just some notes\n")
    elif case == "truncated":
        data = seeded_path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif case == "foreign":
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE recipes (name TEXT)")
        con.commit()
        con.close()
    elif case == "newer":
        shutil.copy(seeded_path, path)
        con = sqlite3.connect(path)
        con.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('annotator', 'm999_future', 'now')"
        )
        con.commit()
        con.execute("PRAGMA journal_mode=DELETE")
        con.close()
    else:
        path.write_bytes(b"")
    before = _bytes(path)
    with pytest.raises(ProjectError) as err:
        Project.open(path)
    assert str(path) in str(err.value)
    assert _bytes(path) == before
    assert not Path(f"{path}-wal").exists() or case == "newer"


def test_second_writer_refused_reader_allowed(seeded_path: Path) -> None:
    with Project.open(seeded_path) as first:
        with pytest.raises(ProjectError, match="open in another"):
            Project.open(seeded_path)
        with Project.open(seeded_path, readonly=True) as reader:
            assert reader.scalar("SELECT count(*) FROM articles") == 3
            with pytest.raises(ProjectError, match="read-only"):
                reader.apply(ChangeSet("x"))
        assert first.scalar("SELECT count(*) FROM articles") == 3
    before = db_dump(seeded_path)
    with Project.open(seeded_path):
        pass
    assert db_dump(seeded_path) == before


def test_duplicate_import_refused(project: Project) -> None:
    _article(project)
    with pytest.raises(InputError, match="already imported"):
        _article(project)


def test_wal_header_read_as_sqlite_writes_it(seeded_path: Path, tmp_path: Path) -> None:
    from annotator.store.file_checks import read_wal

    con = sqlite3.connect(seeded_path)  # a writer still open: its -wal holds the frames
    con.execute("UPDATE articles SET outlet = 'x'")
    con.commit()
    raw = Path(f"{seeded_path}-wal").read_bytes()
    con.close()
    copy = tmp_path / "c.db"
    wal_path = Path(f"{copy}-wal")
    wal_path.write_bytes(raw)
    wal = read_wal(copy)
    assert wal is not None and wal.valid and wal.has_frames and wal.page_size == 4096
    assert wal.salts == struct.unpack(">II", raw[16:24])
    wal_path.write_bytes(raw[:20] + bytes([raw[20] ^ 1]) + raw[21:])  # a salt bit: bad sum
    assert not read_wal(copy).valid
    wal_path.write_bytes(raw[:100] + bytes([raw[100] ^ 1]) + raw[101:])  # in frame 1's page
    wal = read_wal(copy)
    assert wal.valid and not wal.has_frames, "SQLite would replay nothing"
    wal_path.write_bytes(b"")
    assert read_wal(copy) is None
