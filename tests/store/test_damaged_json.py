"""A JSON column damaged in the file (a flipped byte, another program's write) is the
damaged-file error naming the table, row and column, never a traceback."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.core.importers.article import ImportedArticle
from annotator.store import operations as ops
from annotator.store.actor_links import actor_index, resolve_actors
from annotator.store.chronology import build_document, check_stored
from annotator.store.lock import write_marker
from annotator.store.merge import merge_into, open_conflicts, resolve_conflict
from annotator.store.project import Project

BAD_ALIASES = [
    '["EM",',
    '{"a": 1}',
    "5",
    "[1]",
    "null",
    "['EM']",
    '["EM"]x',
    "[NaN]",
    '["\\ud800"]',
    "",
    "\x00",
]


def _project(path: Path) -> tuple[str, str]:
    with Project.open(path, create=True) as p:
        cs, actor = ops.create_actor(p, name="Macron", aliases=["EM"])
        p.apply(cs)
        cs, other = ops.create_actor(p, name="EU")
        p.apply(cs)
    return actor, other


def _damage(path: Path, sql: str, params: list) -> None:
    """Write past the schema's checks, as a damaged page or another program can."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA ignore_check_constraints=ON")
    con.execute(sql, params)
    con.commit()
    con.close()
    # A flipped byte keeps the file's identity, so the open-time checks that read the whole
    # file do not run (see file_checks): the readers below must hold on their own.
    write_marker(path, clean=True)


def _count(path: Path) -> tuple[int, int]:
    con = sqlite3.connect(path)
    try:
        return con.execute(
            "SELECT (SELECT count(*) FROM actors), (SELECT count(*) FROM claims)"
        ).fetchone()
    finally:
        con.close()


def _assert_plain(err: pytest.ExceptionInfo, row_id: str, column: str) -> None:
    text = str(err.value)
    assert "damaged" in text and row_id in text and column in text, text
    assert "restore a backup" in text and "\n" not in text
    for raw in ("Traceback", "JSONDecode", "sqlite3", "malformed JSON", ".tmp"):
        assert raw not in text


READERS: dict[str, Callable[[Project, str, str], object]] = {
    "check": lambda p, a, o: check_stored(p),
    "export": lambda p, a, o: build_document(p),
    "actor picker": lambda p, a, o: resolve_actors(p, "Macron; EU"),
    "actor index": lambda p, a, o: actor_index(p),
    "add alias": lambda p, a, o: ops.add_alias(p, a, "Manu"),
    "merge actors": lambda p, a, o: ops.merge_actors(p, o, a),
}


@pytest.mark.parametrize("bad", BAD_ALIASES)
@pytest.mark.parametrize("reader", list(READERS))
def test_damaged_aliases_are_named(tmp_path: Path, reader: str, bad: str) -> None:
    path = tmp_path / "p.db"
    actor, other = _project(path)
    _damage(path, "UPDATE actors SET aliases = ? WHERE id = ?", [bad, actor])
    with Project.open(path) as p:
        if reader == "check" and bad == '["\\ud800"]':
            pytest.skip("SQLite's JSON reads a lone surrogate escape as valid")
        if reader not in ("check", "export") and bad == "":
            pytest.skip("the app's readers take an empty value as no aliases")
        with pytest.raises(ProjectError) as err:
            READERS[reader](p, actor, other)
        _assert_plain(err, actor, "aliases")
        assert str(path) in str(err.value)


def test_merging_a_file_with_damaged_aliases_is_refused_either_way(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.db", tmp_path / "bad.db"
    actor, _other = _project(good)
    shutil.copy(good, bad)
    _damage(bad, "UPDATE actors SET aliases = ? WHERE id = ?", ['["EM",', actor])
    for into, other in ((good, bad), (bad, good)):
        with Project.open(into) as p, pytest.raises(ProjectError) as err:
            merge_into(p, other)
        _assert_plain(err, actor, "aliases")


@pytest.mark.parametrize("column", ["theirs", "ours"])
def test_a_damaged_merge_conflict_is_named(tmp_path: Path, column: str) -> None:
    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    actor, _other = _project(ours)
    shutil.copy(ours, theirs)
    for path, text in ((ours, "ours"), (theirs, "theirs")):
        with Project.open(path) as p:
            p.apply(ops.update_item(p, "actor", actor, description=text))
    with Project.open(ours) as p:
        merge_into(p, theirs)
        (conflict,) = open_conflicts(p)
    _damage(ours, f"UPDATE merge_conflicts SET [{column}] = ?", ['{"id": '])
    with Project.open(ours) as p:
        with pytest.raises(ProjectError) as err:
            open_conflicts(p)
        _assert_plain(err, conflict["id"], column)
        if column == "theirs":
            with pytest.raises(ProjectError) as err:
                resolve_conflict(p, conflict["id"], "theirs")
            _assert_plain(err, conflict["id"], column)


def test_good_aliases_still_read(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    actor, _other = _project(path)
    with Project.open(path) as p:
        check_stored(p)
        assert build_document(p)["actors"][0]["aliases"] in (["EM"], [])
        assert actor_index(p)["em"] == actor


# -- merging a file that holds values past the schema's checks ---------------------------

DAMAGE = [
    ("actors", "UPDATE actors SET kind = 'robot'", "kind"),
    ("actors", "UPDATE actors SET name = '  '", "name"),
    ("actors", "ALTER TABLE actors ADD COLUMN extra TEXT", "extra"),
    ("claims", "UPDATE claims SET stance = 'shouts'", "stance"),
    ("claims", "UPDATE claims SET assessment = 'true'", "assessment"),
    ("tags", "UPDATE tags SET tag = ''", "tag"),
]


@pytest.mark.parametrize(("table", "sql", "named"), DAMAGE, ids=[d[1] for d in DAMAGE])
def test_merging_a_file_with_a_value_past_the_checks_names_the_row(
    tmp_path: Path, table: str, sql: str, named: str
) -> None:
    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    _project(ours)
    shutil.copy(ours, theirs)
    with Project.open(theirs, analyst="bob") as p:
        art = ImportedArticle(
            text="Talks began in Paris.",
            title="t",
            outlet=None,
            author=None,
            url=None,
            published=None,
            language="en",
            source="t.txt",
        )
        cs, aid = ops.import_article(p, art)
        p.apply(cs)
        cs, _claim = ops.create_claim(p, text="It fails", span=(aid, 0, 5), tags=["x"])
        p.apply(cs)
        for actor in p.rows("SELECT id FROM actors"):
            p.apply(ops.update_item(p, "actor", actor["id"], description="edited"))
    _damage(theirs, sql, [])
    before = _count(ours)
    with Project.open(ours) as p, pytest.raises(ProjectError) as err:
        merge_into(p, theirs)
    text = str(err.value)
    assert str(theirs) in text and table in text and named in text, text
    assert "constraint" not in text and "sqlite" not in text.lower()
    assert _count(ours) == before  # nothing was merged


def test_damage_written_by_another_program_is_refused_at_open(tmp_path: Path) -> None:
    """The same damage with the file changed since the app's clean close: caught before use."""
    path = tmp_path / "p.db"
    actor, _other = _project(path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA ignore_check_constraints=ON")
    con.execute("UPDATE actors SET aliases = ? WHERE id = ?", ['["EM",', actor])
    con.commit()
    con.close()
    with pytest.raises(ProjectError) as err:
        Project.open(path)
    text = str(err.value)
    assert "damaged" in text and "actors" in text and "\n" not in text, text


def test_merging_a_file_whose_id_is_garbled_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    """A flipped byte in an id passes every SQLite check; the export would refuse it."""
    from tests.helpers.db import db_dump_all

    good, bad = tmp_path / "good.db", tmp_path / "bad.db"
    _project(good)
    shutil.copy(good, bad)
    with Project.open(bad) as p:
        cs, event = ops.create_event(p, headline="Talks")
        p.apply(cs)
    _damage(bad, "UPDATE events SET id = ? WHERE id = ?", [event[:6] + "`" + event[7:], event])
    before = db_dump_all(good)
    with Project.open(good) as p, pytest.raises(ProjectError) as err:
        merge_into(p, bad)
    assert "its id is not an id this app makes" in str(err.value) and "events" in str(err.value)
    assert db_dump_all(good) == before
