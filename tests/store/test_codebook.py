"""The tag codebook: every edit reaches every applied tag and undoes exactly."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.store import codebook as cb
from annotator.store import operations as ops
from annotator.store.project import Project
from annotator.store.schema import TABLE_ORDER
from tests.helpers.db import db_dump_all


@pytest.fixture
def project(tmp_path):
    p = Project.open(tmp_path / "p.db", create=True)
    yield p
    if not p.closed:
        p.close()


def _events(project: Project, n: int = 3) -> list[str]:
    out = []
    for i in range(n):
        cs, eid = ops.create_event(project, headline=f"Event {i}")
        project.apply(cs)
        out.append(eid)
    return out


def _tags(project: Project) -> list[tuple[str, str]]:
    return sorted((r["tag"], r["event_id"]) for r in project.rows("SELECT * FROM tags"))


def _data(project: Project) -> dict:
    # row_history is an audit log: undo adds to it, by design.
    return {t: v for t, v in db_dump_all(project.path).items() if t in TABLE_ORDER}


def _undo_restores(project: Project, cs) -> None:
    before = _data(project)
    project.apply(cs)
    project.apply(cs.inverse())
    assert _data(project) == before


def test_applied_tags_are_in_the_codebook_with_counts(project: Project) -> None:
    a, b, _ = _events(project)
    project.apply(ops.set_tags(project, "event", a, ["protest", "Kyiv"]))
    project.apply(ops.set_tags(project, "event", b, ["protest"]))
    entries = {e.name: e for e in cb.codebook(project)}
    assert [n for n in entries] == ["Kyiv", "protest"]
    assert entries["protest"].items == 2 and entries["protest"].id is None


def test_rename_reaches_every_applied_tag_and_undoes(project: Project) -> None:
    a, b, _ = _events(project)
    project.apply(ops.set_tags(project, "event", a, ["protest"]))
    project.apply(ops.set_tags(project, "event", b, ["protest"]))
    project.apply(cb.edit_code(project, "protest", color="#E15759"))
    cs = cb.rename_code(project, "protest", "demonstration")
    _undo_restores(project, cs)
    project.apply(cs)
    assert _tags(project) == sorted([("demonstration", a), ("demonstration", b)])
    assert cb.code_colours(project) == {"demonstration": "#e15759"}


def test_merge_keeps_every_item_and_collapses_duplicates(project: Project) -> None:
    a, b, c = _events(project)
    project.apply(ops.set_tags(project, "event", a, ["riot", "protest"]))
    project.apply(ops.set_tags(project, "event", b, ["riot"]))
    project.apply(ops.set_tags(project, "event", c, ["march"]))
    project.apply(cb.create_code(project, "tactics"))
    project.apply(cb.move_code(project, "tactics", "riot"))
    cs = cb.merge_codes(project, ["riot", "march", "protest"], "protest")
    _undo_restores(project, cs)
    project.apply(cs)
    assert _tags(project) == sorted([("protest", a), ("protest", b), ("protest", c)])
    assert {e.name: e.parent for e in cb.codebook(project)} == {
        "protest": None,
        "tactics": "protest",
    }


def test_a_parent_cycle_is_refused_with_a_clear_message(project: Project) -> None:
    for name in ("a", "b", "c"):
        project.apply(cb.create_code(project, name))
    project.apply(cb.move_code(project, "b", "a"))
    project.apply(cb.move_code(project, "c", "b"))
    with pytest.raises(InputError, match="“a” cannot go under “c”"):
        cb.move_code(project, "a", "c")
    with pytest.raises(InputError, match="cannot go under"):
        cb.move_code(project, "a", "a")


def test_bad_names_are_refused(project: Project) -> None:
    project.apply(cb.create_code(project, "Protest"))
    with pytest.raises(InputError, match="cannot be empty"):
        cb.create_code(project, "  ")
    with pytest.raises(InputError, match="already in the codebook") as err:
        cb.create_code(project, "protest")
    assert "merge" in str(err.value)
    with pytest.raises(InputError, match="not a colour"):
        cb.edit_code(project, "Protest", color="reddish")


def test_delete_removes_the_tag_everywhere_and_lifts_its_children(project: Project) -> None:
    (a, *_rest) = _events(project)
    project.apply(cb.create_code(project, "top"))
    project.apply(cb.create_code(project, "mid", parent="top"))
    project.apply(cb.create_code(project, "leaf", parent="mid"))
    project.apply(ops.set_tags(project, "event", a, ["mid"]))
    cs = cb.delete_code(project, "mid")
    _undo_restores(project, cs)
    project.apply(cs)
    assert _tags(project) == []
    assert {e.name: e.parent for e in cb.codebook(project)} == {"leaf": "top", "top": None}


def test_parents_first_orders_children_after_parents() -> None:
    rows = [
        {"id": "c", "parent_id": "b"},
        {"id": "b", "parent_id": "a"},
        {"id": "a", "parent_id": None},
    ]
    assert [r["id"] for r in cb.parents_first(rows)] == ["a", "b", "c"]


def test_merging_into_a_child_of_a_merged_tag_lifts_it_out(project: Project) -> None:
    (a, b, _c) = _events(project)
    project.apply(cb.create_code(project, "top"))
    project.apply(cb.create_code(project, "old", parent="top"))
    project.apply(cb.create_code(project, "new", parent="old"))
    project.apply(cb.create_code(project, "leaf", parent="old"))
    project.apply(ops.set_tags(project, "event", a, ["old"]))
    project.apply(ops.set_tags(project, "event", b, ["new", "old"]))
    cs = cb.merge_codes(project, ["old", "new"], "new")
    _undo_restores(project, cs)
    project.apply(cs)
    assert {e.name: e.parent for e in cb.codebook(project)} == {
        "top": None,
        "new": "top",
        "leaf": "new",
    }
    assert _tags(project) == sorted([("new", a), ("new", b)])
    assert {e.name: e.passages for e in cb.codebook(project)}["new"] == 0


def test_the_codebook_names_are_every_code_and_tag_by_an_index_walk(project: Project) -> None:
    assert cb.codebook_names(project) == []
    a, b, c = _events(project)
    project.apply(ops.set_tags(project, "event", a, ["protest", "Kyiv", "kyiv"]))
    project.apply(ops.set_tags(project, "event", b, ["protest", "Ärger"]))
    project.apply(ops.set_tags(project, "event", c, ["Zebra"]))
    project.apply(cb.create_code(project, "tactics"))
    names = {r["n"] for r in project.rows("SELECT name AS n FROM codes UNION SELECT tag FROM tags")}
    assert cb.codebook_names(project) == sorted(names, key=lambda n: (n.casefold(), n))
    plan = " | ".join(r["detail"] for r in project.rows(f"EXPLAIN QUERY PLAN {cb._TAG_NAMES}"))
    assert "idx_tags_tag (tag>?)" in plan  # a step from one name to the next, not a scan
