"""Passages whose article text no longer matches them: found again exactly where the words
moved, fuzzily where a few words changed, or kept as orphans; never deleted, nor the items
that cite them.

The text is changed as another program would change the file (the app never edits an
article's text), then ``check_passages`` builds the fix the app applies on open.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.export import json_export
from annotator.core.export.render import render_export
from annotator.core.text import text_hash
from annotator.store import operations as ops
from annotator.store.anchors import anchor_fix, check_passages, orphans
from annotator.store.chronology import build_document, load_document
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from tests.helpers.db import db_dump_all
from tests.helpers.projects import add_article

TEXT = (
    "Talks began in Paris on 4 March 2025 between the two delegations. "
    "Unity was hoped for by everyone present, but the talks failed in the end. "
    "Ministers met again in Rome on 9 March and agreed to keep talking."
)
QUOTES = {
    "talks": "Talks began in Paris on 4 March 2025",
    "unity": "Unity was hoped for by everyone present",
    "rome": "Ministers met again in Rome on 9 March",
}


def _project(tmp_path: Path) -> tuple[Path, str, dict[str, str]]:
    path = tmp_path / "p.db"
    create_project(path, seed=False)
    events = {}
    with Project.open(path) as project:
        aid = add_article(project, TEXT)
        for key, quote in QUOTES.items():
            start = TEXT.index(quote)
            cs, events[key] = ops.create_event(
                project, headline=key, span=(aid, start, start + len(quote)), tags=[key]
            )
            project.apply(cs)
    return path, aid, events


def _retext(project: Project, aid: str, text: str) -> None:
    """Another program rewrote the article's text (and its hash) in the file."""
    project.db.execute(
        "UPDATE articles SET text = ?, text_hash = ? WHERE id = ?", [text, text_hash(text), aid]
    )


def _passage_of(project: Project, event_id: str) -> dict:
    return project.rows(
        "SELECT p.* FROM passages p JOIN citations c ON c.passage_id = p.id WHERE c.event_id = ?",
        [event_id],
    )[0]


def _check_and_fix(path: Path, aid: str, text: str):
    with Project.open(path) as project:
        _retext(project, aid, text)
        report, fix = check_passages(project)
        project.apply(fix)
        assert not project.db.conn.in_transaction
    return report, fix


def test_an_unchanged_text_needs_no_fix(tmp_path: Path) -> None:
    path, _aid, _events = _project(tmp_path)
    with Project.open(path) as project:
        report, fix = check_passages(project)
    assert report.checked == 3
    assert not fix and report.reanchored == [] and report.orphaned == []


def test_words_inserted_before_move_every_passage_exactly(tmp_path: Path) -> None:
    path, aid, events = _project(tmp_path)
    added = "UPDATE (added later): the 😀 summit was announced a week earlier.\n\n"
    report, _fix = _check_and_fix(path, aid, added + TEXT)
    assert len(report.reanchored) == 3 and report.orphaned == []
    with Project.open(path, readonly=True) as project:
        for key, eid in events.items():
            p = _passage_of(project, eid)
            assert p["status"] == "reanchored"
            assert p["start"] == len(added) + TEXT.index(QUOTES[key])
            assert p["quote"] == QUOTES[key]
            text = added + TEXT
            assert text[p["start"] : p["end"]] == p["quote"]
            assert p["prefix"] == text[max(0, p["start"] - 32) : p["start"]]


def test_a_changed_word_inside_a_quote_is_found_fuzzily_and_follows_the_text(
    tmp_path: Path,
) -> None:
    path, aid, events = _project(tmp_path)
    changed = TEXT.replace("hoped for by everyone", "hoped for by almost everyone")
    report, _fix = _check_and_fix(path, aid, changed)
    with Project.open(path, readonly=True) as project:
        p = _passage_of(project, events["unity"])
        assert p["id"] in report.reanchored
        assert changed[p["start"] : p["end"]] == p["quote"]
        assert "almost everyone" in p["quote"]
        assert p["quote"].startswith("Unity was hoped")
        rome = _passage_of(project, events["rome"])  # after the change: moved by 7
        assert rome["start"] == changed.index(QUOTES["rome"])


def test_a_removed_passage_is_an_orphan_and_nothing_is_deleted(tmp_path: Path) -> None:
    path, aid, events = _project(tmp_path)
    before = db_dump_all(path)
    cut = TEXT.replace(QUOTES["unity"] + ", but the talks failed in the end. ", "")
    report, fix = _check_and_fix(path, aid, cut)
    after = db_dump_all(path)
    for table in ("events", "citations", "tags", "passages"):
        assert len(after[table]) == len(before[table]), table
    with Project.open(path) as project:
        orphan = _passage_of(project, events["unity"])
        assert report.orphaned == [orphan["id"]]
        assert orphan["status"] == "orphan"
        assert orphan["quote"] == QUOTES["unity"]  # kept as it was, for the analyst
        assert [o["id"] for o in orphans(project)] == [orphan["id"]]
        # the fix is an edit like any other: its inverse gives the passages back as they were
        project.apply(fix.inverse())
        assert project.scalar("SELECT count(*) FROM passages WHERE status = 'anchored'") == 3


def test_a_fix_leaves_no_passage_pointing_at_other_words(tmp_path: Path) -> None:
    path, aid, events = _project(tmp_path)
    shuffled = (
        "Ministers met again in Rome on 9 March and agreed to keep talking. "
        "Talks began in Paris on 4 March 2025 between the two delegations."
    )
    _check_and_fix(path, aid, shuffled)
    with Project.open(path, readonly=True) as project:
        for key, eid in events.items():
            p = _passage_of(project, eid)
            if p["status"] == "orphan":
                assert key == "unity"
            else:
                assert shuffled[p["start"] : p["end"]] == p["quote"] == QUOTES[key]


def test_the_id_of_a_cited_span_is_reused_but_never_an_orphans(tmp_path: Path) -> None:
    """Citing the same span again after it was orphaned makes a new, anchored passage."""
    path, aid, events = _project(tmp_path)
    cut = TEXT.replace(QUOTES["unity"], "Nobody said anything")
    _check_and_fix(path, aid, cut)
    with Project.open(path) as project:
        orphan = _passage_of(project, events["unity"])
        assert orphan["status"] == "orphan"
        project.apply(
            ops.cite(project, "event", events["talks"], (aid, orphan["start"], orphan["end"]))
        )
        spans = project.rows(
            'SELECT status FROM passages WHERE start = ? AND "end" = ? ORDER BY status',
            [orphan["start"], orphan["end"]],
        )
        assert [s["status"] for s in spans] == ["anchored", "orphan"]


# -- any words added around the passages ------------------------------------------------------

PROSE = st.lists(st.sampled_from(["word ", "Talks ", "😀 ", "March ", "\n", "é "]), max_size=12)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(before=PROSE.map("".join), between=PROSE.map("".join), after=PROSE.map("".join))
def test_prose_added_around_sentences_keeps_every_passage_on_its_words(
    tmp_path_factory: pytest.TempPathFactory, before: str, between: str, after: str
) -> None:
    path, aid, events = _project(tmp_path_factory.mktemp("anchors"))
    first, rest = TEXT.split(". ", 1)
    text = before + first + ". " + between + rest + after
    _check_and_fix(path, aid, text)
    with Project.open(path, readonly=True) as project:
        for key, eid in events.items():
            p = _passage_of(project, eid)
            assert p["status"] in ("anchored", "reanchored")
            assert text[p["start"] : p["end"]] == QUOTES[key] == p["quote"]
        assert project.scalar("SELECT count(*) FROM citations") == 3


@given(
    text=st.text(st.sampled_from("ab .😀"), min_size=1, max_size=60),
    data=st.data(),
)
def test_anchor_fix_result_always_fits_the_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, 80))
    end = data.draw(st.integers(start + 1, start + 20))
    row = {
        "start": start,
        "end": end,
        "quote": data.draw(st.text(st.sampled_from("ab .😀"), min_size=1, max_size=20)),
        "prefix": data.draw(st.text(st.sampled_from("ab ."), max_size=8)),
        "suffix": data.draw(st.text(st.sampled_from("ab ."), max_size=8)),
    }
    fix = anchor_fix(row, text)
    if fix is None:
        assert text[start:end] == row["quote"]
    elif fix["status"] == "orphan":
        assert set(fix) == {"status"}
    else:
        assert fix["status"] == "reanchored"
        assert 0 <= fix["start"] < fix["end"] <= len(text)
        assert text[fix["start"] : fix["end"]] == fix["quote"]


# -- orphans in exports -----------------------------------------------------------------------


def test_a_project_with_an_orphan_past_the_text_end_exports_and_loads_again(
    tmp_path: Path,
) -> None:
    path, aid, _events = _project(tmp_path)
    _check_and_fix(path, aid, "Completely different and much shorter.")
    with Project.open(path, readonly=True) as project:
        assert len(orphans(project)) == 3
        text = render_export(build_document(project), "json")
    doc = json.loads(text)
    json_export.validate(doc)  # the export is a valid chronology
    empty = Project.memory()
    try:
        empty.apply(load_document(empty, doc, source="orphans.json"))
        assert render_export(build_document(empty), "json") == text
        loaded = orphans(empty)
        assert sorted(p["quote"] for p in loaded) == sorted(QUOTES.values())
        assert max(p["end"] for p in loaded) > len("Completely different and much shorter.")
    finally:
        empty.close()


def test_a_passage_past_the_text_end_that_is_not_an_orphan_is_refused(tmp_path: Path) -> None:
    path, aid, _events = _project(tmp_path)
    _check_and_fix(path, aid, "Completely different and much shorter.")
    with Project.open(path, readonly=True) as project:
        doc = json.loads(render_export(build_document(project), "json"))

    def end(passage: dict) -> int:
        return next(s["end"] for s in passage["target"]["selector"] if "end" in s)

    passage = max(doc["passages"], key=end)
    assert end(passage) > len("Completely different and much shorter.")
    passage["status"] = "anchored"
    empty = Project.memory()
    try:
        with pytest.raises(InputError, match=f"passage {passage['id']} lies outside"):
            load_document(empty, doc, source="bad.json")
    finally:
        empty.close()


def test_an_orphan_within_the_text_survives_export_and_load(tmp_path: Path) -> None:
    path, aid, _events = _project(tmp_path)
    gone = QUOTES["unity"] + ", but the talks failed in the end."
    report, _fix = _check_and_fix(path, aid, TEXT.replace(gone, "0123456789 " * 10))
    assert len(report.orphaned) == 1
    with Project.open(path, readonly=True) as project:
        text = render_export(build_document(project), "json")
    empty = Project.memory()
    try:
        empty.apply(load_document(empty, json.loads(text)))
        assert render_export(build_document(empty), "json") == text
        assert len(orphans(empty)) == 1
    finally:
        empty.close()
