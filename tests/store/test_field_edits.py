"""Every editable field of an article, event, actor and claim: the store's edit can be made,
undone and redone, and what it saved is what a second connection reads after closing."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import InputError
from annotator.core.importers.article import ImportedArticle
from annotator.store import operations as ops
from annotator.store.changes import ChangeSet
from annotator.store.project import Project
from tests.helpers.db import close_and_compare, db_dump_all

TABLES = ("articles", "passages", "events", "actors", "claims", "event_actors", "citations", "tags")


def _dump(project: Project) -> dict[str, list[dict[str, Any]]]:
    return {t: project.rows(f"SELECT * FROM [{t}] ORDER BY rowid") for t in TABLES}


def _seed(project: Project) -> dict[str, str]:
    art = ImportedArticle(
        text="Talks began in Paris on 4 March 2025.",
        title="Paris",
        outlet="Wire",
        author="Ann",
        url="https://example.org/a",
        published="2025-03-05",
        language="en",
        source="p.txt",
    )
    cs, aid = ops.import_article(project, art)
    project.apply(cs)
    cs, actor = ops.create_actor(project, name="Macron", kind="person", aliases=["EM"])
    project.apply(cs)
    cs, other = ops.create_actor(project, name="EU", kind="organisation")
    project.apply(cs)
    cs, event = ops.create_event(
        project, headline="Talks", date=None, type="meeting", span=(aid, 0, 5)
    )
    project.apply(cs)
    cs, other_event = ops.create_event(project, headline="Other talks")
    project.apply(cs)
    cs, claim = ops.create_claim(project, text="Talks will fail", claimant_id=actor, event_id=event)
    project.apply(cs)
    return {
        "article": aid,
        "actor": actor,
        "other_actor": other,
        "event": event,
        "other_event": other_event,
        "claim": claim,
    }


# (kind, field, new value, column and value expected in the row afterwards)
FIELDS: list[tuple[str, str, Any, str, Any]] = [
    ("article", "title", "Rome", "title", "Rome"),
    ("article", "outlet", "Agency", "outlet", "Agency"),
    ("article", "author", "Bo", "author", "Bo"),
    ("article", "url", "https://example.org/b", "url", "https://example.org/b"),
    ("article", "published", "2025-04", "published", "2025-04"),
    ("article", "language", "fr", "language", "fr"),
    ("event", "headline", "Talks resume", "headline", "Talks resume"),
    ("event", "description", "At the Élysée", "description", "At the Élysée"),
    ("event", "date", "2025-03-04", "date", "2025-03-04"),
    ("event", "date_phrase", "on Tuesday", "date_phrase", "on Tuesday"),
    ("event", "date_anchor", "published", "date_anchor", "published"),
    ("event", "date_status", "suggested", "date_status", "suggested"),
    ("event", "day_seq", 2, "day_seq", 2),
    ("event", "type", "summit", "type", "summit"),
    ("event", "location", "Rome", "location", "Rome"),
    ("event", "confidence", "high", "confidence", "high"),
    ("event", "fact_status", "key", "fact_status", "key"),
    ("actor", "name", "Emmanuel Macron", "name", "Emmanuel Macron"),
    ("actor", "kind", "state", "kind", "state"),
    ("actor", "aliases", ["Le Président"], "aliases", '["Le Président"]'),
    ("actor", "description", "President", "description", "President"),
    ("claim", "text", "Talks will work", "text", "Talks will work"),
    ("claim", "claimant_id", "@other_actor", "claimant_id", "@other_actor"),
    ("claim", "claimed", "2025-03-06", "claimed", "2025-03-06"),
    ("claim", "stance", "denies", "stance", "denies"),
    ("claim", "event_id", "@other_event", "event_id", "@other_event"),
    ("claim", "assessment", "disputed", "assessment", "disputed"),
    ("claim", "fact_status", "disputed", "fact_status", "disputed"),
]

TABLE = {"article": "articles", "event": "events", "actor": "actors", "claim": "claims"}


def _edit(project: Project, ids: dict[str, str], kind: str, field: str, value: Any) -> ChangeSet:
    if kind == "article":
        return ops.update_article(project, ids["article"], **{field: value})
    if field in ("date_phrase", "date_anchor", "date_status"):  # only with the date they set
        suggestion = {"date_phrase": "on Tuesday", "date_anchor": "published"}
        return ops.update_item(
            project, kind, ids[kind], date="2025-03-04", **(suggestion | {field: value})
        )
    return ops.update_item(project, kind, ids[kind], **{field: value})


def _resolve(ids: dict[str, str], value: Any) -> Any:
    return ids[value[1:]] if isinstance(value, str) and value.startswith("@") else value


def test_every_editable_field_is_listed() -> None:
    listed = {(k, f) for k, f, *_ in FIELDS}
    editable = {(k, f) for k, fs in ops.EDITABLE.items() for f in fs}
    editable |= {("article", f) for f in ops.ARTICLE_FIELDS}
    assert listed == editable


@pytest.mark.parametrize(
    ("kind", "field", "value", "column", "expected"),
    FIELDS,
    ids=[f"{k}.{f}" for k, f, *_ in FIELDS],
)
def test_a_field_edit_is_made_undone_and_redone(
    tmp_path: Path, kind: str, field: str, value: Any, column: str, expected: Any
) -> None:
    path = tmp_path / "p.db"
    project = Project.open(path, create=True)
    ids = _seed(project)
    if field in ("date_phrase", "date_anchor", "date_status"):  # need a date to qualify
        project.apply(ops.update_item(project, "event", ids["event"], date="2025-03"))
    item_id, table = ids[kind], TABLE[kind]
    before = _dump(project)
    edit = _edit(project, ids, kind, field, _resolve(ids, value))
    assert edit, f"editing {kind}.{field} changed nothing"
    project.apply(edit)
    row = project.row(table, item_id)
    assert row is not None and row[column] == _resolve(ids, expected)
    after = _dump(project)
    project.apply(edit.inverse())
    assert _dump(project) == before
    project.apply(edit)
    assert _dump(project) == after
    close_and_compare(project)
    stored = db_dump_all(path)[table]
    con = sqlite3.connect(path)
    names = [r[1] for r in con.execute(f"PRAGMA table_info([{table}])")]
    con.close()
    saved = next(dict(zip(names, r, strict=True)) for r in stored if item_id in r)
    assert saved[column] == _resolve(ids, expected)


# Values no field may hold: refused with the field named, nothing built or written.
BAD: list[tuple[str, str, Any]] = [
    ("article", "title", " "),
    ("article", "published", "someday"),
    ("article", "text", "new text"),
    ("event", "headline", ""),
    ("event", "date", "4th of never"),
    ("event", "day_seq", "two"),
    ("event", "day_seq", 1.5),
    ("event", "confidence", "certain"),
    ("event", "date_status", "maybe"),
    ("event", "id", "x"),
    ("actor", "name", "  "),
    ("actor", "kind", "robot"),
    ("actor", "kind", None),
    ("claim", "text", None),
    ("claim", "stance", "shouts"),
    ("claim", "assessment", "true"),
    ("claim", "claimant_id", "no-such-actor"),
    ("claim", "event_id", "no-such-event"),
    ("claim", "claimed", "2025-13-45"),
]


@pytest.mark.parametrize(("kind", "field", "value"), BAD, ids=[f"{k}.{f}={v!r}" for k, f, v in BAD])
def test_a_bad_value_is_refused_naming_the_field(kind: str, field: str, value: Any) -> None:
    project = Project.memory()
    ids = _seed(project)
    before = _dump(project)
    with pytest.raises(InputError) as err:
        _edit(project, ids, kind, field, value)
    assert field in str(err.value) and "\n" not in str(err.value)
    assert _dump(project) == before
    project.close()


def test_a_new_actor_of_an_unknown_kind_is_refused() -> None:
    project = Project.memory()
    with pytest.raises(InputError, match="kind"):
        ops.create_actor(project, name="X", kind="robot")
    project.close()


def test_the_actors_panel_changes_a_kind_with_undo(seeded) -> None:
    """The widget path that raised TypeError: the Kind column's edit, undo and redo."""
    from PySide6.QtCore import Qt

    from annotator.ui.panels.actors import KEYS, ActorsModel

    project = seeded.project
    path = project.path
    model = ActorsModel(seeded)
    actor = project.scalar("SELECT id FROM actors WHERE kind != 'state' ORDER BY name LIMIT 1")
    old = project.row("actors", actor)["kind"]
    index = model.index(model.row_of(actor), KEYS.index("kind"))
    assert model.setData(index, "state", Qt.ItemDataRole.EditRole)
    assert project.row("actors", actor)["kind"] == "state"
    seeded.undo_stack.undo()
    assert project.row("actors", actor)["kind"] == old
    seeded.undo_stack.redo()
    assert project.row("actors", actor)["kind"] == "state"
    assert not model.setData(index, "robot", Qt.ItemDataRole.EditRole)
    close_and_compare(project)
    assert any(actor in r and "state" in r for r in db_dump_all(path)["actors"])


# Values a new item may not hold: refused naming the field, never a constraint error.
BAD_NEW: list[tuple[str, dict[str, Any], str]] = [
    ("event", {"type": None, "location": None, "description": None}, ""),
    ("event", {"confidence": "certain"}, "confidence"),
    ("event", {"date": 2025}, "date"),
    ("event", {"date": "2025-03", "date_status": "maybe"}, "date_status"),
    ("claim", {"stance": "shouts"}, "stance"),
    ("claim", {"assessment": None}, "assessment"),
    ("claim", {"claimant_id": "nobody"}, "claimant_id"),
    ("claim", {"event_id": "no-event"}, "event_id"),
    ("claim", {"claimed": "someday"}, "claimed"),
    ("actor", {"aliases": 5}, "aliases"),
]


@pytest.mark.parametrize(
    ("kind", "values", "field"), BAD_NEW, ids=[f"{k}-{'-'.join(v)}" for k, v, _ in BAD_NEW]
)
def test_a_new_item_with_a_bad_value(kind: str, values: dict[str, Any], field: str) -> None:
    project = Project.memory()
    make = {
        "event": lambda: ops.create_event(project, headline="E", **values),
        "claim": lambda: ops.create_claim(project, text="C", **values),
        "actor": lambda: ops.create_actor(project, name="A", **values),
    }[kind]
    if not field:  # empty text columns are stored as empty, not refused
        cs, item = make()
        project.apply(cs)
        assert project.row("events", item)["type"] == ""
    else:
        with pytest.raises(InputError) as err:
            make()
        assert field in str(err.value)
    project.close()


def test_aliases_typed_as_text_are_split() -> None:
    project = Project.memory()
    cs, actor = ops.create_actor(project, name="Macron", aliases="EM; Le Président; macron")
    project.apply(cs)
    assert project.row("actors", actor)["aliases"] == '["EM", "Le Président"]'
    project.close()


def test_a_nul_in_a_name_or_tag_is_dropped_never_a_constraint_error(tmp_path) -> None:
    """SQLite's length() stops at a NUL, so '\\x00Macron' would break the non-blank rule."""
    import sqlite3

    from annotator.core.errors import InputError
    from annotator.store import operations as ops
    from annotator.store.project import Project

    path = tmp_path / "p.db"
    with Project.open(path, create=True) as p:
        cs, _actor = ops.create_actor(p, name="\x00Macron")
        p.apply(cs)
        cs, _event = ops.create_event(p, headline="Talks", tags=["\x00urgent", "\x00"])
        p.apply(cs)
        with pytest.raises(InputError):
            ops.create_actor(p, name="\x00 ")
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT name FROM actors").fetchall() == [("Macron",)]
        assert con.execute("SELECT tag FROM tags").fetchall() == [("urgent",)]
    finally:
        con.close()
