"""An updated article imported as a new version: citations move to the new text or are
kept on the old one as orphans; one edit, undone exactly; exports name the version."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.store import operations as ops
from annotator.store.changes import ChangeSet
from annotator.store.exporting import ExportRequest, export_text
from annotator.store.panel_queries import article_rows, first_article_rows, reader_marks
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.versions import (
    chain,
    import_or_update,
    newest_version,
    version_infos,
    version_labels,
)
from annotator.store.worklists import worklist
from tests.helpers.db import db_dump_all as _dump_all
from tests.helpers.projects import article

URL = "https://news.example.org/talks"

V1 = (
    "Paris, 4 March 2025 😀. Leaders gathered in the old palace.\n"
    "The minister met the envoy in Paris on Tuesday morning.\n"
    "𝔘nity was hoped for, said the spokesman, but the talks failed.\n"
    "A second round was cancelled without notice.\n"
    "Observers expect new talks in Rome before the summer."
)
# Version 2: a paragraph added before everything, a word changed inside a cited passage,
# one cited sentence deleted, a sentence added after the last cited one.
V2 = (
    "Updated 2:53 p.m. ET 🚀: this article has been revised.\n"
    "Paris, 4 March 2025 😀. Leaders gathered in the old palace.\n"
    "The minister met the special envoy in Paris on Tuesday morning.\n"
    "𝔘nity was hoped for, said the spokesman, but the talks failed.\n"
    "Observers expect new talks in Rome before the summer. A date is not set."
)

MEETING = "The minister met the envoy in Paris on Tuesday morning"
ENVOY = "envoy"
SPOKESMAN = "the spokesman"
FAILED = "𝔘nity was hoped for, said the spokesman, but the talks failed"
CANCELLED = "A second round was cancelled without notice"
ROME = "Observers expect new talks in Rome"


def db_dump_all(path) -> dict:
    """The project's content (not the store's own edit log, which undo appends to)."""
    dump = _dump_all(path)
    dump.pop("row_history", None)
    return dump


def _span(aid: str, text: str, quote: str) -> tuple[str, int, int]:
    start = text.index(quote)
    return aid, start, start + len(quote)


@pytest.fixture
def project(tmp_path: Path):
    path = tmp_path / "p.db"
    create_project(path, seed=False)
    with Project.open(path) as p:
        yield p


def _tagged(project: Project) -> tuple[str, dict[str, str]]:
    """Version 1 with events, actors and claims citing it."""
    cs, aid = ops.import_article(project, article(V1, url=URL, source="v1.txt"))
    project.apply(cs)
    ids: dict[str, str] = {}
    cs, ids["meeting"] = ops.create_event(
        project, headline="Minister meets envoy", span=_span(aid, V1, MEETING)
    )
    project.apply(cs)
    cs, ids["envoy"] = ops.create_actor(project, name="The envoy", span=_span(aid, V1, ENVOY))
    project.apply(cs)
    cs, ids["spokesman"] = ops.create_actor(
        project, name="Spokesman", span=_span(aid, V1, SPOKESMAN)
    )
    project.apply(cs)
    cs, ids["failed"] = ops.create_claim(
        project,
        text="The talks failed",
        claimant_id=ids["spokesman"],
        span=_span(aid, V1, FAILED),
    )
    project.apply(cs)
    cs, ids["cancelled"] = ops.create_event(
        project, headline="Second round cancelled", span=_span(aid, V1, CANCELLED)
    )
    project.apply(cs)
    cs, ids["rome"] = ops.create_event(project, headline="Talks in Rome", span=_span(aid, V1, ROME))
    project.apply(cs)
    # The meeting is cited twice: once more on its envoy.
    project.apply(ops.cite(project, "event", ids["meeting"], _span(aid, V1, ENVOY)))
    return aid, ids


def _cited(project: Project, column: str, item_id: str) -> list[dict]:
    return project.rows(
        "SELECT p.*, a.text AS article_text FROM citations c JOIN passages p "
        "ON p.id = c.passage_id JOIN articles a ON a.id = p.article_id "
        f"WHERE c.{column} = ? ORDER BY p.start",
        [item_id],
    )


def _import_v2(project: Project, **kw) -> tuple[ChangeSet, object]:
    cs = ChangeSet("Import version 2")
    done = import_or_update(project, article(V2, url=URL, source="v2.txt"), cs, **kw)
    project.apply(cs)
    return cs, done


def test_every_citation_moves_to_its_words_or_is_kept_as_an_orphan(project: Project) -> None:
    v1, ids = _tagged(project)
    before = db_dump_all(project.path)
    citations_before = project.scalar("SELECT count(*) FROM citations")
    cs, done = _import_v2(project)  # found by its address
    assert done.version is not None and done.version.old_id == v1
    v2 = done.article_id
    assert project.row("articles", v2)["previous_version"] == v1
    assert project.row("articles", v1)["text"] == V1  # the old version is kept as it was
    assert project.scalar("SELECT count(*) FROM citations") == citations_before

    where = {
        "meeting": ("event_id", "The minister met the special envoy in Paris on Tuesday morning"),
        "envoy": ("actor_id", ENVOY),
        "spokesman": ("actor_id", SPOKESMAN),
        "failed": ("claim_id", FAILED),
        "rome": ("event_id", ROME),
    }
    for key, (column, quote) in where.items():
        for p in _cited(project, column, ids[key]):
            assert p["article_id"] == v2, key
            assert p["article_text"][p["start"] : p["end"]] == p["quote"], key
            assert p["quote"] in (quote, ENVOY), key  # the meeting also cites its envoy
            assert p["start"] == V2.index(p["quote"]), key
    meeting = _cited(project, "event_id", ids["meeting"])
    assert [p["quote"] for p in meeting] == [where["meeting"][1], ENVOY]
    assert meeting[0]["status"] == "reanchored"  # a word was added inside it
    assert meeting[1]["start"] == V2.index(ENVOY)
    assert _cited(project, "actor_id", ids["envoy"])[0]["status"] == "anchored"

    # The deleted sentence stays cited on version 1, where its words are, as an orphan.
    (gone,) = _cited(project, "event_id", ids["cancelled"])
    assert gone["article_id"] == v1 and gone["status"] == "orphan"
    assert V1[gone["start"] : gone["end"]] == CANCELLED
    assert done.version.orphaned == [gone["id"]]
    (listed,) = worklist(project, "orphans")
    assert listed["id"] == gone["id"] and "older version" in listed["detail"]
    # The old version still shows it where it was; the new one shows the moved passages.
    assert [m["id"] for m in reader_marks(project, v1)] == [gone["id"]]
    assert len({m["id"] for m in reader_marks(project, v2)}) == 5

    project.apply(cs.inverse())
    assert db_dump_all(project.path) == before


def test_the_article_named_by_the_analyst_and_chains_of_versions(project: Project) -> None:
    v1, ids = _tagged(project)
    _cs, done = _import_v2(project, new_version_of=v1)
    v2 = done.article_id
    v3_text = V2.replace("Leaders gathered", "Leaders had gathered")
    cs3 = ChangeSet("Import version 3")
    # Named by its first version: the new one follows the newest.
    done3 = import_or_update(
        project, article(v3_text, url=None, source="v3.txt"), cs3, new_version_of=v1
    )
    project.apply(cs3)
    v3 = done3.article_id
    assert done3.version is not None and done3.version.followed == v1
    assert project.row("articles", v3)["previous_version"] == v2
    assert newest_version(project, v1) == v3
    assert [a["id"] for a in chain(project, v2)] == [v1, v2, v3]
    infos = version_infos(project)
    assert (infos[v1].number, infos[v3].number, infos[v3].total) == (1, 3, 3)
    assert infos[v1].newer == v2 and infos[v3].newer is None
    assert version_labels(project)[v2] == "version 2 of 3"
    # The list: versions together, the newest first, older ones marked as superseded.
    rows = article_rows(project)
    assert [r["id"] for r in rows] == [v3, v2, v1]
    assert [r["superseded"] for r in rows] == [None, 3, 2]
    for limit in range(1, 5):  # the list's first rows: the newest with its older versions
        first, complete = first_article_rows(project, limit)
        assert first == rows[: len(first)] and len(first) >= min(limit, len(rows))
        assert (first == rows) if complete else len(first) >= limit
    for p in _cited(project, "event_id", ids["meeting"]):
        assert p["article_id"] == v3
        assert p["article_text"][p["start"] : p["end"]] == p["quote"]


def test_the_same_text_again_or_an_unknown_article_is_refused(project: Project) -> None:
    _tagged(project)
    cs = ChangeSet("again")
    with pytest.raises(InputError, match="already imported"):
        import_or_update(project, article(V1, url=URL, source="again.txt"), cs)
    with pytest.raises(InputError, match="no article"):
        import_or_update(project, article(V2, source="x.txt"), cs, new_version_of="nope")
    cs = ChangeSet("two versions in one import")
    import_or_update(project, article(V2, url=URL, source="v2.txt"), cs)
    with pytest.raises(InputError, match="one at a time"):
        import_or_update(project, article(V2 + " More.", url=URL, source="v3.txt"), cs)


def test_exports_say_which_version_a_citation_quotes(project: Project) -> None:
    v1, ids = _tagged(project)
    _import_v2(project)
    out = export_text(project, ExportRequest(fmt="csv", what="citations"))
    rows = list(csv.DictReader(io.StringIO(out)))
    by_item = {r["item_id"]: r for r in rows}
    assert by_item[ids["cancelled"]]["article_version"] == "version 1 of 2"
    assert by_item[ids["rome"]]["article_version"] == "version 2 of 2"
    events = list(csv.DictReader(io.StringIO(export_text(project, ExportRequest(fmt="csv")))))
    sources = {e["headline"]: e["sources"] for e in events}
    assert "(version 1 of 2)" in sources["Second round cancelled"]
    assert "(version 2 of 2)" in sources["Talks in Rome"]
    report = export_text(project, ExportRequest(fmt="markdown"))
    assert "version 1 of 2" in report and "version 2 of 2" in report
    doc = json.loads(export_text(project, ExportRequest(fmt="json")))
    newer = next(a for a in doc["articles"] if a["id"] != v1)
    assert newer["previous_version"] == v1


# -- a property: random edits around and inside random passages ----------------------------

WORDS = [f"w{i}" for i in range(400)]  # every word once: a quote is found in one place only


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]], str, list[tuple[int, int]]]:
    n = draw(st.integers(40, 120))
    words = WORDS[:n]
    pieces = [w + draw(st.sampled_from([" ", " ", ", ", ". ", "\n", " 😀 "])) for w in words]
    text = "".join(pieces)
    starts = [sum(len(p) for p in pieces[:i]) for i in range(n)]
    spans = []
    for _ in range(draw(st.integers(1, 6))):
        a = draw(st.integers(0, n - 2))
        b = draw(st.integers(a + 1, min(n, a + 8)))
        spans.append((starts[a], starts[b - 1] + len(words[b - 1])))
    # edits on word boundaries, by word index: insert, delete or replace a few words
    edits: list[tuple[int, int, str]] = []
    for k in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, n - 1))
        length = draw(st.integers(0, 3))
        new = " ".join(f"n{k}x{j}" for j in range(draw(st.integers(0, 3))))
        edits.append((at, min(n, at + length), new + " " if new else ""))
    edits.sort()
    ends = [*starts, len(text)]  # where word i starts; the text's end for i == n
    out, cut, changed = [], 0, []
    for a, b, new in edits:
        a = max(a, cut)
        b = max(b, a)
        out.append("".join(pieces[cut:a]))
        changed.append((ends[a], ends[b]))
        out.append(new)
        cut = b
    out.append("".join(pieces[cut:]))
    return text, spans, "".join(out), changed


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=edited())
def test_random_edits_leave_every_citation_on_its_words(
    tmp_path_factory: pytest.TempPathFactory, case
) -> None:
    old, spans, new, changed = case
    path = tmp_path_factory.mktemp("versions") / "p.db"
    create_project(path, seed=False)
    with Project.open(path) as project:
        cs, v1 = ops.import_article(project, article(old, url=URL))
        project.apply(cs)
        events = []
        for a, b in spans:
            cs, eid = ops.create_event(project, headline="e", span=(v1, a, b))
            project.apply(cs)
            events.append((eid, a, b))
        before = db_dump_all(path)
        if old == new:
            return
        cs = ChangeSet("Import version 2")
        done = import_or_update(project, article(new, url=URL, source="v2.txt"), cs)
        project.apply(cs)
        v2 = done.article_id
        for eid, a, b in events:
            (p,) = _cited(project, "event_id", eid)
            text = p["article_text"]
            assert text[p["start"] : p["end"]] == p["quote"]  # wherever it is, it is there
            untouched = all(b + 32 <= x or y <= a - 32 for x, y in changed)
            if untouched:  # no edit near it: on the new version, the same words
                assert p["article_id"] == v2 and p["quote"] == old[a:b]
                assert p["status"] == "anchored"
            if p["article_id"] == v1:
                assert p["status"] == "orphan" and (p["start"], p["end"]) == (a, b)
        project.apply(cs.inverse())
        assert db_dump_all(path) == before


def test_versions_and_their_orphans_survive_the_json_round_trip(
    project: Project, tmp_path: Path
) -> None:
    from annotator.core.export.json_export import validate
    from annotator.store.chronology import load_document

    _tagged(project)
    _import_v2(project)
    doc = json.loads(export_text(project, ExportRequest(fmt="json")))
    validate(doc)
    path = tmp_path / "copy.db"
    create_project(path, seed=False)
    with Project.open(path) as copy:
        copy.apply(load_document(copy, doc))
        assert version_labels(copy) == version_labels(project)
        cited = (
            "SELECT c.id, p.article_id, p.start, p.status FROM citations c "
            "JOIN passages p ON p.id = c.passage_id ORDER BY c.id"
        )
        assert copy.rows(cited) == project.rows(cited)


def test_version_numbers_read_in_one_scan_match_the_ordered_query(project: Project) -> None:
    """Chains, two versions naming one article, a tie in created times (the id decides)
    and an article alone: numbered as from the query that read them in created order."""
    from annotator.core.version_chain import chain_infos

    cs = ChangeSet("Import")
    ids = [
        ops.import_article(project, article(f"Text number {i} of the chains.", url=None), cs)[1]
        for i in range(7)
    ]
    project.apply(cs)
    links = {ids[1]: ids[0], ids[2]: ids[1], ids[3]: ids[0], ids[5]: ids[4]}
    for i, aid in enumerate(ids):
        created = "2025-01-01T00:00:00.000Z" if i in (1, 3) else f"2025-01-0{i + 1}T00:00:00.000Z"
        project.db.execute(
            "UPDATE articles SET previous_version = ?, created = ? WHERE id = ?",
            [links.get(aid), created, aid],
        )
    ordered = project.rows(
        "SELECT id, previous_version FROM articles WHERE previous_version IS NOT NULL "
        "OR id IN (SELECT previous_version FROM articles WHERE previous_version IS NOT NULL) "
        "ORDER BY created, id"
    )
    assert version_infos(project) == chain_infos(ordered)
    assert ids[6] not in version_infos(project)
    assert {ids[0], ids[4]} <= set(version_infos(project))
