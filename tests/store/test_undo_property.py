"""Undo as a property: any edit sequence, undone whole, leaves every row as it was;
redone whole, it gives back exactly the state before the undo."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError
from annotator.core.importers.article import ImportedArticle
from annotator.store import operations as ops
from annotator.store.changes import ChangeSet
from annotator.store.project import Project
from annotator.store.rows import parse_edtf_field

TEXT = (
    "Talks 😀 began in Paris on 4 March 2025. 𝔘nity was hoped for; the talks failed. "
    "<script>alert(1)</script> Ministers met again in Rome on 9 March."
)
TABLES = [
    "articles",
    "passages",
    "events",
    "actors",
    "claims",
    "event_actors",
    "citations",
    "tags",
    "merge_conflicts",
]
DATES = [None, "2025-03-04", "2025-03", "2025", "2025-03-04/2025-03-09", "2025-03-04~"]
OPS = [
    "event",
    "actor",
    "claim",
    "edit",
    "date",
    "tags",
    "actors",
    "cite",
    "uncite",
    "delete",
    "merge",
    "merge_events",
    "alias",
    "article",
]


def dump(project: Project) -> dict[str, list[tuple]]:
    out = {
        t: sorted(project.db.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in TABLES
    }
    # An event's actors are ordered (exports list them so): undo must restore the order.
    out["event_actors"] = project.db.execute(
        "SELECT * FROM event_actors ORDER BY event_id, rowid"
    ).fetchall()
    return out


def _pick(project: Project, data: st.DataObject, table: str) -> str | None:
    ids = [r[0] for r in project.db.execute(f"SELECT id FROM [{table}] ORDER BY id")]
    return data.draw(st.sampled_from(ids)) if ids else None


def _span(data: st.DataObject, aid: str) -> tuple[str, int, int]:
    start = data.draw(st.integers(0, len(TEXT) - 2))
    return aid, start, data.draw(st.integers(start + 1, min(len(TEXT), start + 40)))


def _edit(project: Project, data: st.DataObject, op: str, aid: str) -> ChangeSet | None:
    word = data.draw(st.sampled_from(["talks", "Paris", " spaced ", "=1+1", "<b>x</b>", "é"]))
    if op == "event":
        return ops.create_event(
            project,
            headline=word,
            span=_span(data, aid),
            date=parse_edtf_field(data.draw(st.sampled_from(DATES)), "d"),
            tags=data.draw(st.lists(st.sampled_from(["a", "b"]))),
        )[0]
    if op == "actor":
        return ops.create_actor(
            project,
            name=word,
            aliases=[word + "s"],
            span=data.draw(st.none() | st.just(_span(data, aid))),
        )[0]
    if op == "claim":
        return ops.create_claim(
            project,
            text=word,
            claimant_id=_pick(project, data, "actors"),
            event_id=_pick(project, data, "events"),
            span=_span(data, aid),
        )[0]
    if op == "article":
        return ops.update_article(
            project, aid, title=word, outlet=word, published=data.draw(st.sampled_from(DATES))
        )
    kind = data.draw(st.sampled_from(["event", "actor", "claim"]))
    item = _pick(project, data, f"{kind}s")
    if item is None:
        return None
    if op == "edit":
        field = {"event": "headline", "actor": "description", "claim": "text"}[kind]
        return ops.update_item(project, kind, item, **{field: word})
    if op == "date" and kind == "event":
        return ops.update_item(
            project,
            "event",
            item,
            date=data.draw(st.sampled_from(DATES)),
            day_seq=data.draw(st.integers(0, 3)),
        )
    if op == "tags":
        return ops.set_tags(project, kind, item, data.draw(st.lists(st.sampled_from("abc"))))
    if op == "actors" and kind == "event":
        picked = [_pick(project, data, "actors") for _ in range(data.draw(st.integers(0, 3)))]
        return ops.set_event_actors(project, item, [(a, "host") for a in picked if a])
    if op == "cite":
        return ops.cite(project, kind, item, _span(data, aid))
    if op == "uncite":
        citation = _pick(project, data, "citations")
        return citation and ops.uncite(project, citation)
    if op == "delete":
        return ops.delete_item(project, kind, item)
    if op == "merge":
        other = _pick(project, data, "actors")
        keep = _pick(project, data, "actors")
        return ops.merge_actors(project, keep, other) if other and keep else None
    if op == "merge_events":
        keep = _pick(project, data, "events")
        others = [_pick(project, data, "events") for _ in range(data.draw(st.integers(1, 2)))]
        others = [o for o in others if o and o != keep]
        return ops.merge_events(project, keep, others) if keep and others else None
    if op == "alias":
        actor = _pick(project, data, "actors")
        return actor and ops.add_alias(project, actor, word)
    return None


def paris_article() -> ImportedArticle:
    """The article the random edits cite (TEXT), as an import gives it."""
    return ImportedArticle(
        text=TEXT,
        title="Paris",
        outlet=None,
        author=None,
        url=None,
        published="2025-03-05",
        language="en",
        source="p.txt",
    )


@settings(max_examples=60, deadline=None)
@given(data=st.data(), ops_list=st.lists(st.sampled_from(OPS), min_size=1, max_size=25))
def test_undo_all_then_redo_all(data: st.DataObject, ops_list: list[str]) -> None:
    project = Project.memory()
    try:
        cs, aid = ops.import_article(project, paris_article())
        project.apply(cs)
        start = dump(project)
        applied: list[ChangeSet] = []
        for op in ops_list:
            try:
                edit = _edit(project, data, op, aid)
            except AnnotatorError:
                continue  # refused by the operation (e.g. already cited): nothing built
            if edit:
                project.apply(edit)
                applied.append(edit)
        end = dump(project)
        for edit in reversed(applied):
            project.apply(edit.inverse())
        assert dump(project) == start
        for edit in applied:
            project.apply(edit)
        assert dump(project) == end
    finally:
        project.close()


def test_property_can_fail() -> None:
    """The comparison sees a one-column difference (modified time) after a lossy undo."""
    project = Project.memory()
    cs, aid = ops.create_actor(project, name="A")
    project.apply(cs)
    before = dump(project)
    edit = ops.update_item(project, "actor", aid, description="x")
    project.apply(edit)
    row: Any = project.row("actors", aid)
    after = {**row, "description": "", "modified": "2000-01-01T00:00:00Z"}
    lossy = ChangeSet("lossy", [type(edit.changes[0])("actors", aid, row, after)])
    project.apply(lossy)
    assert dump(project) != before
    project.close()
