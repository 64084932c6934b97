"""Every store edit is a ChangeSet whose inverse restores the file exactly.

Each edit is applied to a project file, the file closed and read by a second sqlite3
connection; then the inverse is applied and the file read again: every table (every column,
modified times included, and each event's actor order) is as it was before. Only
``row_history`` keeps growing, as the audit log merges read. No edit, failed or not, leaves a
transaction open.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError, InputError, ProjectError
from annotator.store import operations as ops
from annotator.store.changes import ChangeSet, RowChange
from annotator.store.project import ConflictError, Project
from annotator.store.project_setup import create_project
from annotator.store.rows import parse_edtf_field
from tests.helpers.db import db_dump_all
from tests.helpers.projects import add_article

TEXT = "Talks 😀 began in Paris on 4 March 2025; 𝔘nity was hoped for. Rome followed on 9 March."
AUDIT = "row_history"


def file_state(path: Path) -> dict[str, Any]:
    """Everything in the file but the audit log, read by a connection of its own; each
    event's actor links in their stored order as well."""
    dump = {t: rows for t, rows in db_dump_all(path).items() if t != AUDIT}
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dump["event_actors (ordered)"] = con.execute(
            "SELECT event_id, actor_id, role FROM event_actors ORDER BY event_id, rowid"
        ).fetchall()
    finally:
        con.close()
    return dump


def audit(path: Path) -> set[tuple]:
    return set(db_dump_all(path)[AUDIT])


def _base(project: Project) -> dict[str, str]:
    aid = add_article(project, TEXT, title="Paris talks")
    ids = {"article": aid}
    for name in ("Macron", "Meloni", "Scholz"):
        cs, ids[name] = ops.create_actor(project, name=name, kind="person", aliases=[name[:2]])
        project.apply(cs)
    cs, ids["event"] = ops.create_event(
        project,
        headline="Talks began",
        span=(aid, 0, 12),
        date=parse_edtf_field("2025-03-04", "date"),
        actors=[(ids["Macron"], "host"), (ids["Meloni"], ""), (ids["Scholz"], "guest")],
        tags=["diplomacy", "paris"],
    )
    project.apply(cs)
    cs, ids["claim"] = ops.create_claim(
        project,
        text="Unity was hoped for",
        claimant_id=ids["Macron"],
        event_id=ids["event"],
        span=(aid, 42, 63),
        tags=["hope"],
    )
    project.apply(cs)
    ids["citation"] = project.scalar("SELECT id FROM citations WHERE event_id = ?", [ids["event"]])
    return ids


@pytest.fixture
def base(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "p.db"
    create_project(path, seed=False)
    with Project.open(path) as project:
        ids = _base(project)
    return path, ids


Edit = Callable[[Project, dict[str, str]], ChangeSet]

EDITS: dict[str, Edit] = {
    "new event": lambda p, i: ops.create_event(
        p,
        headline="Rome",
        span=(i["article"], 64, 68),
        date=parse_edtf_field("2025-03-09", "d"),
        actors=[(i["Meloni"], "host")],
        tags=["rome"],
    )[0],
    "new actor with citation": lambda p, i: ops.create_actor(
        p, name="Sánchez", span=(i["article"], 23, 28)
    )[0],
    "new claim": lambda p, i: ops.create_claim(p, text="It failed", stance="denies")[0],
    "edit headline and date": lambda p, i: ops.update_item(
        p, "event", i["event"], headline="Talks opened", date="2025-03~", day_seq=2
    ),
    "edit actor": lambda p, i: ops.update_item(
        p, "actor", i["Scholz"], kind="state", aliases="Olaf; OS", description="x"
    ),
    "edit claim": lambda p, i: ops.update_item(
        p, "claim", i["claim"], claimed="2025-03-04", assessment="disputed", event_id=None
    ),
    "edit article": lambda p, i: ops.update_article(
        p, i["article"], title="Renamed", published="2025-03", url=None
    ),
    "set tags": lambda p, i: ops.set_tags(p, "event", i["event"], ["paris", "new"]),
    "drop the middle actor": lambda p, i: ops.set_event_actors(
        p, i["event"], [(i["Macron"], "host"), (i["Scholz"], "guest")]
    ),
    "new role for the last actor": lambda p, i: ops.set_event_actors(
        p, i["event"], [(i["Macron"], "host"), (i["Meloni"], ""), (i["Scholz"], "host")]
    ),
    "cite again": lambda p, i: ops.cite(p, "event", i["event"], (i["article"], 64, 68)),
    "uncite": lambda p, i: ops.uncite(p, i["citation"]),
    "delete event": lambda p, i: ops.delete_item(p, "event", i["event"]),
    "delete actor": lambda p, i: ops.delete_item(p, "actor", i["Macron"]),
    "delete claim": lambda p, i: ops.delete_item(p, "claim", i["claim"]),
    "merge actors": lambda p, i: ops.merge_actors(p, i["Meloni"], i["Macron"]),
    "add alias": lambda p, i: ops.add_alias(p, i["Scholz"], "Der Kanzler"),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_and_its_inverse_restore_the_file(
    base: tuple[Path, dict[str, str]], name: str
) -> None:
    path, ids = base
    before, logged = file_state(path), audit(path)
    with Project.open(path) as project:
        edit = EDITS[name](project, ids)
        assert edit, "the edit changes something"
        project.apply(edit)
        assert not project.db.conn.in_transaction
    after = file_state(path)
    assert after != before
    with Project.open(path) as project:
        project.apply(edit.inverse())
        assert not project.db.conn.in_transaction
    assert file_state(path) == before
    assert audit(path) >= logged  # the audit log is never rolled back
    with Project.open(path) as project:
        project.apply(edit)  # redo
    assert file_state(path) == after


def test_the_comparison_sees_a_single_changed_timestamp(
    base: tuple[Path, dict[str, str]],
) -> None:
    path, ids = base
    before = file_state(path)
    with Project.open(path) as project:
        row = project.row("actors", ids["Scholz"])
        assert row is not None
        stamp = ChangeSet("touch", [RowChange("actors", row["id"], row, {**row, "modified": "x"})])
        project.apply(stamp)
    assert file_state(path) != before


def test_inverse_of_an_inverse_is_the_edit(base: tuple[Path, dict[str, str]]) -> None:
    path, ids = base
    with Project.open(path) as project:
        for name, make in EDITS.items():
            edit = make(project, ids)
            twice = edit.inverse().inverse()
            assert twice.changes == edit.changes, name
            assert [c.kind for c in edit.inverse().changes] == [
                {"insert": "delete", "delete": "insert", "update": "update"}[c.kind]
                for c in reversed(edit.changes)
            ]


def test_touched_and_article_ids_name_what_an_edit_reaches(
    base: tuple[Path, dict[str, str]],
) -> None:
    path, ids = base
    with Project.open(path) as project:
        edit = ops.delete_item(project, "event", ids["event"])
        touched = edit.touched()
        assert ids["event"] in touched["events"]
        assert {"event_actors", "citations", "tags", "claims"} <= touched.keys()
        assert edit.article_ids() == {ids["article"]}  # its cited passage goes with it
        assert ops.update_item(project, "actor", ids["Scholz"], kind="state").article_ids() == set()


# -- failures leave nothing behind -----------------------------------------------------------


def test_a_stale_edit_is_refused_whole_and_leaves_no_transaction(
    base: tuple[Path, dict[str, str]],
) -> None:
    path, ids = base
    with Project.open(path) as project:
        stale = ops.delete_item(project, "event", ids["event"])
        project.apply(ops.update_item(project, "event", ids["event"], headline="Changed"))
    before = file_state(path)
    with Project.open(path) as project:
        with pytest.raises(ConflictError, match="changed since this edit was made"):
            project.apply(stale)
        assert not project.db.conn.in_transaction
    assert file_state(path) == before


def test_an_insert_of_an_existing_id_is_refused_whole(base: tuple[Path, dict[str, str]]) -> None:
    path, ids = base
    before = file_state(path)
    with Project.open(path) as project:
        new_cs, _ = ops.create_actor(project, name="Fresh")
        row = project.row("actors", ids["Scholz"])
        assert row is not None
        new_cs.insert("actors", row)  # a second insert of a row that exists
        with pytest.raises(ConflictError, match="already exists"):
            project.apply(new_cs)
        assert not project.db.conn.in_transaction
        assert project.scalar("SELECT count(*) FROM actors WHERE name = 'Fresh'") == 0
    assert file_state(path) == before


def test_undo_twice_is_refused_and_changes_nothing(base: tuple[Path, dict[str, str]]) -> None:
    path, ids = base
    with Project.open(path) as project:
        edit = project.apply(ops.update_item(project, "claim", ids["claim"], text="Once"))
        project.apply(edit.inverse())
        state = file_state(path)
        with pytest.raises(ConflictError):
            project.apply(edit.inverse())
        assert not project.db.conn.in_transaction
    assert file_state(path) == state


def test_a_read_only_project_refuses_an_edit_without_a_transaction(
    base: tuple[Path, dict[str, str]],
) -> None:
    path, ids = base
    with Project.open(path, readonly=True) as project:
        edit = ops.update_item(project, "claim", ids["claim"], text="Never")
        with pytest.raises(ProjectError, match="read-only"):
            project.apply(edit)
        assert not project.db.conn.in_transaction


def test_refused_edits_build_nothing(base: tuple[Path, dict[str, str]]) -> None:
    path, ids = base
    before = file_state(path)
    with Project.open(path) as project:
        refusals: list[Callable[[], object]] = [
            lambda: ops.update_item(project, "event", ids["event"], headline="   "),
            lambda: ops.update_item(project, "event", ids["event"], created="2000"),
            lambda: ops.update_item(project, "claim", ids["claim"], stance="maybe"),
            lambda: ops.update_item(project, "claim", ids["claim"], event_id="nope"),
            lambda: ops.update_article(project, ids["article"], text="other"),
            lambda: ops.delete_article(project, ids["article"]),
            lambda: ops.merge_actors(project, ids["Scholz"], ids["Scholz"]),
            lambda: ops.cite(project, "event", ids["event"], (ids["article"], 0, 12)),
            lambda: ops.cite(project, "event", ids["event"], (ids["article"], 5, 5000)),
            lambda: ops.create_event(project, headline="x", date="2025-13-01"),
            lambda: ops.delete_item(project, "event", "no-such-id"),
            lambda: ops.set_tags(project, "thing", ids["event"], ["a"]),
        ]
        for refuse in refusals:
            with pytest.raises(InputError) as err:
                refuse()
            assert err.value.where, err.value
            assert not project.db.conn.in_transaction
    assert file_state(path) == before


def test_an_edit_that_changes_nothing_is_empty(base: tuple[Path, dict[str, str]]) -> None:
    path, ids = base
    with Project.open(path) as project:
        assert not ops.update_item(project, "event", ids["event"], headline="Talks began")
        assert not ops.update_article(project, ids["article"], title="Paris talks")
        assert not ops.set_tags(project, "event", ids["event"], ["paris", " diplomacy "])


# -- any sequence of edits, on a file --------------------------------------------------------

SEQUENCE = st.lists(st.sampled_from(sorted(EDITS)), min_size=1, max_size=8)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(names=SEQUENCE)
def test_any_edit_sequence_undone_in_reverse_restores_the_file(
    tmp_path_factory: pytest.TempPathFactory, names: list[str]
) -> None:
    path = tmp_path_factory.mktemp("seq") / "p.db"
    create_project(path, seed=False)
    with Project.open(path) as project:
        ids = _base(project)
    before = file_state(path)
    applied: list[ChangeSet] = []
    with Project.open(path) as project:
        for name in names:
            try:
                edit = EDITS[name](project, ids)
            except AnnotatorError:
                continue  # refused now (its row is gone, or cited already): nothing built
            if edit:
                project.apply(edit)
                applied.append(edit)
            assert not project.db.conn.in_transaction
    after = file_state(path)
    with Project.open(path) as project:
        for edit in reversed(applied):
            project.apply(edit.inverse())
    assert file_state(path) == before
    with Project.open(path) as project:
        for edit in applied:
            project.apply(edit)
    assert file_state(path) == after
