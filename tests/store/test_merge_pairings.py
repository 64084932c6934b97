"""Merging when one analyst deleted what the other changed, both ways round.

Two copies of one project; each side makes one edit; then each file is merged into the
other. A merge only adds and updates: nothing the receiving side has is lost, nothing the
other side added or changed is dropped (it is merged or kept as a conflict), and a row
that comes back brings all its links (citations with their passages, tags, the event's
actors with their roles and order). Undo of the merge gives back the file as it was.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator.core.importers.article import ImportedArticle
from annotator.store import operations as ops
from annotator.store.changes import ChangeSet, now_iso
from annotator.store.merge import merge_into, open_conflicts
from annotator.store.project import Project
from tests.helpers.db import close_and_compare

TEXT = "Talks began in Paris on 4 March 2025. Ministers met again in Rome on 9 March."
OTHER_TEXT = "A second report: the talks in Rome failed on 10 March 2025."
CONTENT = (
    "articles",
    "passages",
    "actors",
    "events",
    "claims",
    "event_actors",
    "citations",
    "tags",
    "merge_conflicts",
)
Ids = dict[str, str]


def _base(path: Path) -> Ids:
    ids: Ids = {}
    with Project.open(path, create=True, analyst="base") as p:
        for key, text, source in (("article", TEXT, "a.txt"), ("article2", OTHER_TEXT, "b.txt")):
            art = ImportedArticle(
                text=text,
                title=source,
                outlet=None,
                author=None,
                url=None,
                published="2025-03-10",
                language="en",
                source=source,
            )
            cs, ids[key] = ops.import_article(p, art)
            p.apply(cs)
        for name in ("X", "Y", "Z", "W"):
            cs, ids[name] = ops.create_actor(p, name=name, span=(ids["article"], 0, 5))
            p.apply(cs)
        cs, ids["event"] = ops.create_event(
            p,
            headline="Talks",
            span=(ids["article"], 0, 12),
            tags=["t1", "t2"],
            actors=[(ids["X"], "host"), (ids["Y"], ""), (ids["Z"], "guest")],
        )
        p.apply(cs)
        p.apply(ops.cite(p, "event", ids["event"], (ids["article"], 38, 52)))
        cs, ids["claim"] = ops.create_claim(
            p,
            text="They will fail",
            claimant_id=ids["Y"],
            event_id=ids["event"],
            span=(ids["article"], 38, 60),
            tags=["c1"],
        )
        p.apply(cs)
    return ids


Edit = Callable[[Project, Ids], None]


def _do(build: Callable[[Project, Ids], ChangeSet]) -> Edit:
    return lambda p, ids: p.apply(build(p, ids))


def _citation_note(p: Project, ids: Ids) -> ChangeSet:
    row = p.rows("SELECT * FROM citations WHERE claim_id = ?", [ids["claim"]])[0]
    cs = ChangeSet("Edit citation note")
    cs.update("citations", row, note="checked", modified=now_iso(), analyst=p.analyst)
    return cs


EDITS: dict[str, Edit] = {
    "delete event": _do(lambda p, ids: ops.delete_item(p, "event", ids["event"])),
    "edit event": _do(
        lambda p, ids: ops.update_item(p, "event", ids["event"], headline="Talks (edited)")
    ),
    "link added": _do(
        lambda p, ids: ops.set_event_actors(
            p,
            ids["event"],
            [(ids["X"], "host"), (ids["Y"], ""), (ids["Z"], "guest"), (ids["W"], "")],
        )
    ),
    "tag added": _do(lambda p, ids: ops.set_tags(p, "event", ids["event"], ["t1", "t2", "t3"])),
    "event cited": _do(lambda p, ids: ops.cite(p, "event", ids["event"], (ids["article"], 62, 77))),
    "delete actor": _do(lambda p, ids: ops.delete_item(p, "actor", ids["Y"])),
    "edit actor": _do(lambda p, ids: ops.update_item(p, "actor", ids["Y"], kind="person")),
    "merge actor": _do(lambda p, ids: ops.merge_actors(p, ids["W"], ids["Y"])),
    "delete claim": _do(lambda p, ids: ops.delete_item(p, "claim", ids["claim"])),
    "edit claim": _do(
        lambda p, ids: ops.update_item(p, "claim", ids["claim"], assessment="disputed")
    ),
    "claim cited": _do(lambda p, ids: ops.cite(p, "claim", ids["claim"], (ids["article"], 0, 12))),
    "citation note": _do(_citation_note),
    "uncite claim": _do(
        lambda p, ids: ops.uncite(
            p, p.scalar("SELECT id FROM citations WHERE claim_id = ?", [ids["claim"]])
        )
    ),
    "delete article": _do(lambda p, ids: ops.delete_article(p, ids["article2"])),
    "cite the article": _do(
        lambda p, ids: ops.cite(p, "event", ids["event"], (ids["article2"], 0, 16))
    ),
    "new event in the article": _do(
        lambda p, ids: ops.create_event(p, headline="Rome failed", span=(ids["article2"], 17, 38))[
            0
        ]
    ),
}

# (one side's edit, the other side's edit)
PAIRS = [
    ("delete event", "edit event"),
    ("delete event", "delete event"),
    ("delete event", "link added"),
    ("delete event", "tag added"),
    ("delete event", "event cited"),
    ("delete event", "edit claim"),
    ("delete actor", "edit event"),
    ("delete actor", "edit actor"),
    ("delete actor", "delete actor"),
    ("delete actor", "link added"),
    ("merge actor", "edit actor"),
    ("merge actor", "edit event"),
    ("delete claim", "edit claim"),
    ("delete claim", "citation note"),
    ("delete claim", "claim cited"),
    ("delete claim", "delete claim"),
    ("uncite claim", "citation note"),
    ("delete article", "cite the article"),
    ("delete article", "new event in the article"),
    ("delete article", "delete article"),
]

CASES = [(a, b) for a, b in PAIRS] + [(b, a) for a, b in PAIRS if a != b]


def _rows(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    with Project.open(path, readonly=True) as p:
        return {
            t: {r["id"]: r for r in p.rows(f"SELECT * FROM [{t}] ORDER BY rowid")} for t in CONTENT
        }


def _links(p: Project, table: str, column: str, item_id: str) -> list[tuple]:
    order = "rowid" if table == "event_actors" else "id"
    cols = {"event_actors": "actor_id, role", "citations": "passage_id, note", "tags": "tag"}[table]
    return p.rows(f"SELECT {cols} FROM [{table}] WHERE {column} = ? ORDER BY {order}", [item_id])


ITEM_LINKS = {
    "events": ("event", ("event_actors", "citations", "tags")),
    "actors": ("actor", ("event_actors", "citations", "tags")),
    "claims": ("claim", ("citations", "tags")),
}


def _check_merge(into: Path, other: Path, base: Path) -> None:
    before, theirs, common = _rows(into), _rows(other), _rows(base)
    project = Project.open(into, analyst="merger")
    result = merge_into(project, other)
    assert result.changeset is not None
    assert not project.rows("PRAGMA foreign_key_check")
    after = {t: {r["id"]: r for r in project.rows(f"SELECT * FROM [{t}]")} for t in CONTENT}
    conflicted = {c["row_id"] for c in open_conflicts(project)}
    for table in CONTENT:
        # Nothing we had is lost: a merge only adds and updates.
        assert before[table].keys() <= after[table].keys(), f"{table} rows lost"
        if table == "merge_conflicts":
            continue
        for row_id, row in theirs[table].items():
            # What they added or changed is here as they have it, or kept for review.
            if common[table].get(row_id) != row:
                assert after[table].get(row_id) == row or row_id in conflicted, (
                    f"their {table} row {row_id} was dropped"
                )
    with Project.open(other, readonly=True) as src:
        for table, (kind, link_tables) in ITEM_LINKS.items():
            for item_id in theirs[table]:
                if item_id in before[table] or item_id not in after[table]:
                    continue  # only rows that came back (or are new) are checked here
                for link_table in link_tables:
                    ours_links = _links(project, link_table, f"{kind}_id", item_id)
                    their_links = _links(src, link_table, f"{kind}_id", item_id)
                    assert ours_links == their_links, f"{kind} {item_id}: {link_table}"
    # Undo gives back the file as it was, row order included (row_history is the store's
    # own log of superseded versions, kept through undo).
    project.apply(result.changeset.inverse())
    close_and_compare(project)
    restored = _rows(into)
    assert {t: list(v.items()) for t, v in restored.items()} == {
        t: list(v.items()) for t, v in before.items()
    }


@pytest.mark.parametrize(("ours_edit", "their_edit"), CASES, ids=[f"{a} | {b}" for a, b in CASES])
def test_a_merge_keeps_every_row_and_link(tmp_path: Path, ours_edit: str, their_edit: str) -> None:
    base = tmp_path / "base.db"
    ids = _base(base)
    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    for path, edit, analyst in ((ours, ours_edit, "alice"), (theirs, their_edit, "bob")):
        with Project.open(path, analyst=analyst) as p:
            EDITS[edit](p, ids)
    _check_merge(ours, theirs, base)


def _two(tmp_path: Path, ours_edit: str, their_edit: str) -> tuple[Path, Path, Ids]:
    base = tmp_path / "base.db"
    ids = _base(base)
    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    with Project.open(ours, analyst="alice") as p:
        EDITS[ours_edit](p, ids)
    with Project.open(theirs, analyst="bob") as p:
        EDITS[their_edit](p, ids)
    return ours, theirs, ids


def test_an_edited_event_comes_back_with_citations_tags_and_actors(tmp_path: Path) -> None:
    """The reported case: one deleted the event, the other edited it."""
    ours, theirs, ids = _two(tmp_path, "delete event", "edit event")
    with Project.open(theirs, readonly=True) as p:
        expected = {
            t: _links(p, t, "event_id", ids["event"]) for t in ("event_actors", "citations", "tags")
        }
    with Project.open(ours, analyst="alice") as p:
        result = merge_into(p, theirs)
        assert p.row("events", ids["event"])["headline"] == "Talks (edited)"
        got = {t: _links(p, t, "event_id", ids["event"]) for t in expected}
        assert got == expected
        assert [r["actor_id"] for r in got["event_actors"]] == [ids["X"], ids["Y"], ids["Z"]]
        assert result.revived and "brought back" in result.summary()
        assert not p.rows("PRAGMA foreign_key_check")


def test_a_citation_into_a_deleted_article_brings_the_article_back(tmp_path: Path) -> None:
    ours, theirs, ids = _two(tmp_path, "delete article", "cite the article")
    with Project.open(ours, analyst="alice") as p:
        merge_into(p, theirs)
        assert p.row("articles", ids["article2"]) is not None
        assert (
            p.scalar(
                "SELECT count(*) FROM citations c JOIN passages ps ON ps.id = "
                "c.passage_id WHERE ps.article_id = ?",
                [ids["article2"]],
            )
            == 1
        )


def test_an_untouched_deleted_row_stays_deleted(tmp_path: Path) -> None:
    """They did nothing to the event we deleted: it and its links stay deleted."""
    ours, theirs, ids = _two(tmp_path, "delete event", "edit actor")
    with Project.open(ours, analyst="alice") as p:
        result = merge_into(p, theirs)
        assert p.row("events", ids["event"]) is None
        assert not p.rows("SELECT * FROM event_actors WHERE event_id = ?", [ids["event"]])
        assert result.kept_deleted and not result.revived


def test_the_check_sees_a_dropped_link(tmp_path: Path, monkeypatch) -> None:
    """The merge check fails when links of a row that came back are left behind."""
    import annotator.store.merge as merge

    monkeypatch.setattr(merge, "_revived", lambda *a: set())
    ours, theirs, _ids = _two(tmp_path, "delete event", "edit event")
    with pytest.raises(AssertionError, match=r"was dropped|event_actors|citations|tags"):
        _check_merge(ours, theirs, tmp_path / "base.db")


@pytest.mark.parametrize("choice", ["theirs", "both", "ours"])
def test_taking_their_version_of_a_row_pointing_at_a_deleted_row(
    tmp_path: Path, choice: str
) -> None:
    """We deleted the event their edited claim is about: the claim is a conflict, and
    taking theirs keeps their edit with the claim no longer about the deleted event."""
    from annotator.store.merge import resolve_conflict

    ours, theirs, ids = _two(tmp_path, "delete event", "edit claim")
    with Project.open(ours, analyst="alice") as p:
        result = merge_into(p, theirs)
        assert result.conflicts == [ids["claim"]]
        (conflict,) = open_conflicts(p)
        assert conflict["theirs"]["event_id"] == ids["event"]
        unresolved = p.rows("SELECT * FROM claims ORDER BY rowid")
        cs = resolve_conflict(p, conflict["id"], choice)
        p.apply(cs)
        assert not p.rows("PRAGMA foreign_key_check")
        claims = p.rows("SELECT * FROM claims ORDER BY rowid")
        expected = "unverified" if choice == "ours" else "disputed"
        assert claims[-1]["assessment"] == expected
        assert all(c["event_id"] is None for c in claims)
        p.apply(cs.inverse())
        assert p.rows("SELECT * FROM claims ORDER BY rowid") == unresolved


@pytest.mark.parametrize(
    ("deleted", "edit", "column"),
    [("event", "edit event", "event_id"), ("Y", "edit actor", "claimant_id")],
)
def test_a_claim_points_again_at_an_item_that_came_back(
    tmp_path: Path, deleted: str, edit: str, column: str
) -> None:
    """Deleting the event (or claimant) only detached the claim: the link comes back."""
    what = "event" if deleted == "event" else "actor"
    ours, theirs, ids = _two(tmp_path, f"delete {what}", edit)
    with Project.open(ours, analyst="alice") as p:
        assert p.row("claims", ids["claim"])[column] is None
        before = p.rows("SELECT * FROM claims")
        result = merge_into(p, theirs)
        assert p.row("claims", ids["claim"])[column] == ids[deleted]
        assert not p.rows("PRAGMA foreign_key_check")
        p.apply(result.changeset.inverse())
        assert p.rows("SELECT * FROM claims") == before


def test_a_claim_we_changed_otherwise_is_not_reattached(tmp_path: Path) -> None:
    ours, theirs, ids = _two(tmp_path, "delete event", "edit event")
    with Project.open(ours, analyst="alice") as p:
        p.apply(ops.update_item(p, "claim", ids["claim"], stance="denies"))
        merge_into(p, theirs)
        assert p.row("claims", ids["claim"])["event_id"] is None
