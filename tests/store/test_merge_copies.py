"""Merging two copies of one project that went their own ways.

Nothing the receiving side has is lost, everything the other side added arrives, a merge
done twice adds nothing the second time, a row both sides changed is a conflict (ours stays
until the analyst chooses), and the merge is one edit whose inverse gives the file back.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError, InputError, ProjectError
from annotator.core.export.render import render_export
from annotator.store import operations as ops
from annotator.store.chronology import build_document
from annotator.store.merge import merge_into, open_conflicts, resolve_conflict
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.rows import parse_edtf_field
from tests.helpers.db import db_dump_all
from tests.helpers.projects import add_article

TEXT = "Talks began in Paris on 4 March 2025. Ministers met again in Rome on 9 March."
CONTENT = (
    "articles",
    "passages",
    "actors",
    "events",
    "claims",
    "event_actors",
    "citations",
    "tags",
)
BY_ID = ("articles", "actors", "events", "claims", "event_actors", "tags")


def _ids(path: Path, table: str) -> set[str]:
    return {row[0] for row in db_dump_all(path)[table]}


def _content(path: Path) -> dict[str, list[tuple]]:
    return {t: rows for t, rows in db_dump_all(path).items() if t in CONTENT}


def _cited(path: Path) -> set[tuple]:
    """Each citation as what it says (item and span): a span cited on both sides is one
    passage after a merge, under the id of the side that receives it."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return set(
            con.execute(
                'SELECT c.event_id, c.actor_id, c.claim_id, p.article_id, p.start, p."end" '
                "FROM citations c JOIN passages p ON p.id = c.passage_id"
            )
        )
    finally:
        con.close()


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    create_project(ours, seed=False)
    with Project.open(ours, analyst="ann") as project:
        aid = add_article(project, TEXT)
        cs, actor = ops.create_actor(project, name="Macron", span=(aid, 0, 5))
        project.apply(cs)
        cs, event = ops.create_event(
            project,
            headline="Talks",
            span=(aid, 0, 12),
            actors=[(actor, "host")],
            tags=["paris"],
            date=parse_edtf_field("2025-03-04", "date"),
        )
        project.apply(cs)
    shutil.copy(ours, theirs)
    return ours, theirs, {"article": aid, "actor": actor, "event": event}


def _edit(path: Path, analyst: str, make) -> None:
    with Project.open(path, analyst=analyst) as project:
        project.apply(make(project))


def test_a_copy_merged_into_itself_changes_nothing(copies) -> None:
    ours, theirs, _ = copies
    before = db_dump_all(ours)
    with Project.open(ours) as project:
        result = merge_into(project, theirs)
        assert not result.changeset
        assert result.conflicts == [] and sum(result.added.values()) == 0
        assert not project.db.conn.in_transaction
    assert db_dump_all(ours) == before


def test_their_additions_arrive_and_a_second_merge_adds_nothing(copies) -> None:
    ours, theirs, ids = copies
    with Project.open(theirs, analyst="bob") as project:
        cs, actor = ops.create_actor(project, name="Meloni", span=(ids["article"], 38, 47))
        project.apply(cs)
        cs, _event = ops.create_event(
            project, headline="Rome", span=(ids["article"], 62, 66), actors=[(actor, "")]
        )
        project.apply(cs)
    _edit(ours, "ann", lambda p: ops.create_claim(p, text="Ours only")[0])
    ours_before = _content(ours)
    with Project.open(ours) as project:
        first = merge_into(project, theirs)
        assert first.added["events"] == 1 and first.added["actors"] == 1
        assert first.added["citations"] == 2 and first.added["event_actors"] == 1
        assert first.conflicts == []
        assert "added" in first.summary() and "0 conflicts" in first.summary()
        second = merge_into(project, theirs)
        assert not second.changeset
    after = _content(ours)
    for table in CONTENT:
        assert set(ours_before[table]) <= set(after[table]), table  # nothing of ours lost
        assert _ids(theirs, table) <= _ids(ours, table), table  # everything of theirs here


def test_their_edit_of_a_row_we_left_alone_is_taken(copies) -> None:
    ours, theirs, ids = copies
    _edit(theirs, "bob", lambda p: ops.update_item(p, "event", ids["event"], location="Paris"))
    with Project.open(ours) as project:
        result = merge_into(project, theirs)
        assert result.updated["events"] == 1 and result.conflicts == []
        event = project.row("events", ids["event"])
        assert event is not None and event["location"] == "Paris"
        assert event["analyst"] == "bob"


def test_our_later_edit_is_not_undone_by_their_older_copy(copies) -> None:
    ours, theirs, ids = copies
    _edit(ours, "ann", lambda p: ops.update_item(p, "event", ids["event"], location="Lyon"))
    with Project.open(ours) as project:
        result = merge_into(project, theirs)
        assert not result.changeset
        assert project.row("events", ids["event"])["location"] == "Lyon"  # type: ignore[index]


@pytest.mark.parametrize("choice", ["ours", "theirs", "both"])
def test_both_changed_one_row_is_a_conflict_resolved_by_choice(copies, choice: str) -> None:
    ours, theirs, ids = copies
    _edit(ours, "ann", lambda p: ops.update_item(p, "event", ids["event"], headline="Ours"))
    _edit(theirs, "bob", lambda p: ops.update_item(p, "event", ids["event"], headline="Theirs"))
    with Project.open(ours) as project:
        result = merge_into(project, theirs)
        assert result.conflicts == [ids["event"]]
        assert project.row("events", ids["event"])["headline"] == "Ours"  # type: ignore[index]
        (conflict,) = open_conflicts(project)
        assert conflict["ours"]["headline"] == "Ours"
        assert conflict["theirs"]["headline"] == "Theirs"
        again = merge_into(project, theirs)  # the same conflict is not recorded twice
        assert again.conflicts == [ids["event"]] and not again.changeset
        fix = project.apply(resolve_conflict(project, conflict["id"], choice))
        assert open_conflicts(project) == []
        headlines = sorted(
            r["headline"] for r in project.rows("SELECT headline FROM events ORDER BY headline")
        )
        assert (
            headlines
            == {"ours": ["Ours"], "theirs": ["Theirs"], "both": ["Ours", "Theirs"]}[choice]
        )
        project.apply(fix.inverse())
        assert len(open_conflicts(project)) == 1
        assert project.row("events", ids["event"])["headline"] == "Ours"  # type: ignore[index]


def test_resolving_with_an_unknown_choice_or_conflict_is_refused(copies) -> None:
    ours, theirs, ids = copies
    _edit(ours, "ann", lambda p: ops.update_item(p, "actor", ids["actor"], description="a"))
    _edit(theirs, "bob", lambda p: ops.update_item(p, "actor", ids["actor"], description="b"))
    with Project.open(ours) as project:
        merge_into(project, theirs)
        (conflict,) = open_conflicts(project)
        with pytest.raises(InputError, match="unknown choice"):
            resolve_conflict(project, conflict["id"], "mine")
        with pytest.raises(InputError, match="no such conflict"):
            resolve_conflict(project, "nope", "ours")
        assert len(open_conflicts(project)) == 1


def test_the_merge_is_one_edit_its_inverse_gives_the_file_back(copies) -> None:
    ours, theirs, ids = copies
    _edit(theirs, "bob", lambda p: ops.set_tags(p, "event", ids["event"], ["paris", "talks"]))
    _edit(theirs, "bob", lambda p: ops.update_item(p, "actor", ids["actor"], kind="person"))
    _edit(theirs, "bob", lambda p: ops.create_claim(p, text="Theirs", event_id=ids["event"])[0])
    before = {t: r for t, r in db_dump_all(ours).items() if t != "row_history"}
    with Project.open(ours) as project:
        result = merge_into(project, theirs)
        assert result.changeset
    with Project.open(ours) as project:
        assert result.changeset is not None
        project.apply(result.changeset.inverse())
    assert {t: r for t, r in db_dump_all(ours).items() if t != "row_history"} == before


def test_a_dry_run_plans_without_writing(copies) -> None:
    ours, theirs, _ = copies
    _edit(theirs, "bob", lambda p: ops.create_actor(p, name="Planned")[0])
    before = db_dump_all(ours)
    with Project.open(ours) as project:
        result = merge_into(project, theirs, apply=False)
        assert result.added["actors"] == 1 and result.changeset
    assert db_dump_all(ours) == before


def test_merging_a_json_export_adds_what_the_file_merge_adds(copies, tmp_path: Path) -> None:
    ours, theirs, ids = copies
    _edit(
        theirs,
        "bob",
        lambda p: ops.create_event(p, headline="New", span=(ids["article"], 38, 47))[0],
    )
    with Project.open(theirs, readonly=True) as project:
        export = tmp_path / "theirs.json"
        export.write_text(render_export(build_document(project), "json"), encoding="utf-8")
    twin = tmp_path / "twin.db"
    shutil.copy(ours, twin)
    with Project.open(ours) as project:
        by_file = merge_into(project, theirs)
    with Project.open(twin) as project:
        by_json = merge_into(project, export)
    assert by_json.added == by_file.added
    for table in ("events", "passages", "citations"):
        assert _ids(twin, table) == _ids(ours, table), table


@pytest.mark.parametrize(
    "payload", [b"", b"not a project at all", b"SQLite format 3\x00" + b"\x00" * 80]
)
def test_merging_a_file_that_is_not_a_project_is_refused_and_changes_nothing(
    copies, tmp_path: Path, payload: bytes
) -> None:
    ours, _theirs, _ = copies
    bad = tmp_path / "bad.db"
    bad.write_bytes(payload)
    before = ours.read_bytes()
    with Project.open(ours) as project:
        with pytest.raises((ProjectError, InputError)) as err:
            merge_into(project, bad)
        assert "bad.db" in str(err.value) and "\n" not in str(err.value)
        assert not project.db.conn.in_transaction
    assert ours.read_bytes() == before
    assert bad.read_bytes() == payload


# -- both sides add whatever they like ----------------------------------------------------------

ADDITIONS = st.lists(
    st.sampled_from(["actor", "event", "claim", "tag", "cite"]), min_size=1, max_size=5
)


def _add(project: Project, what: str, n: int, ids: dict[str, str]) -> None:
    if what == "actor":
        project.apply(ops.create_actor(project, name=f"{project.analyst} actor {n}")[0])
    elif what == "event":
        project.apply(
            ops.create_event(
                project,
                headline=f"{project.analyst} event {n}",
                span=(ids["article"], n % 30, n % 30 + 5),
                actors=[(ids["actor"], project.analyst)],
            )[0]
        )
    elif what == "claim":
        project.apply(
            ops.create_claim(project, text=f"{project.analyst} {n}", event_id=ids["event"])[0]
        )
    elif what == "tag":
        project.apply(ops.set_tags(project, "actor", ids["actor"], [f"{project.analyst}{n}"]))
    else:
        project.apply(ops.cite(project, "actor", ids["actor"], (ids["article"], 40 + n, 50 + n)))


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mine=ADDITIONS, yours=ADDITIONS)
def test_additions_on_both_sides_all_arrive_both_ways(
    tmp_path_factory: pytest.TempPathFactory, mine: list[str], yours: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("both")
    a, b = folder / "a.db", folder / "b.db"
    create_project(a, seed=False)
    with Project.open(a, analyst="base") as project:
        aid = add_article(project, TEXT)
        cs, actor = ops.create_actor(project, name="Base")
        project.apply(cs)
        cs, event = ops.create_event(project, headline="Base", span=(aid, 0, 5))
        project.apply(cs)
    ids = {"article": aid, "actor": actor, "event": event}
    shutil.copy(a, b)
    for path, analyst, adds in ((a, "ann", mine), (b, "bob", yours)):
        with Project.open(path, analyst=analyst) as project:
            for n, what in enumerate(adds):
                try:
                    _add(project, what, n, ids)
                except AnnotatorError:
                    continue  # e.g. the same span cited twice
    a_before, b_before = _content(a), _content(b)
    cited = _cited(a) | _cited(b)
    with Project.open(a) as project:
        merge_into(project, b)
        assert not merge_into(project, b).changeset
    with Project.open(b) as project:
        merge_into(project, a)
    for table in CONTENT:
        assert set(a_before[table]) <= set(_content(a)[table]), table
    for table in BY_ID:
        assert _ids(b, table) >= {row[0] for row in a_before[table]}, table
        assert _ids(a, table) >= {row[0] for row in b_before[table]}, table
        assert _ids(a, table) == _ids(b, table), table
    assert _cited(a) == _cited(b) == cited
