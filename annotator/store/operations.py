"""One function per user-level edit. Each builds a ChangeSet; nothing here writes.

The caller applies it (``project.apply``) and keeps it for undo. Dependent rows are
listed explicitly (no ON DELETE CASCADE), so the inverse restores all of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

from annotator.core.anchoring import make_selector
from annotator.core.dates.provenance import date_fields_provenance, date_provenance_alone
from annotator.core.errors import InputError
from annotator.core.text import counted, text_hash
from annotator.store.changes import ChangeSet, derived_id, now_iso
from annotator.store.link_order import (
    event_links,
    link_row,
    move_actor_links,
    relink,
)
from annotator.store.link_order import (
    set_event_actors as set_event_actors,  # every edit is reachable from here
)
from annotator.store.note_rows import delete_notes_of, has_notes
from annotator.store.project import Project
from annotator.store.redating import resolve_again
from annotator.store.relations import drop_relations, repoint_relations
from annotator.store.rows import (
    aliases_of,
    as_date,
    checked_value,
    claimed_columns,
    clean_aliases,
    clean_text,
    event_date_columns,
    item_column,
    item_table,
    new_row,
    parse_edtf_field,
    provenance,
    published_columns,
    required_text,
)

if TYPE_CHECKING:
    from annotator.core.dates.value import DateValue
    from annotator.core.importers import ImportedArticle

Span = tuple[str, int, int]  # article id, start, end (code points)


# -- articles ----------------------------------------------------------------------------


def import_article(
    project: Project,
    art: ImportedArticle,
    cs: ChangeSet | None = None,
    *,
    seen_hashes: set[str] | None = None,
) -> tuple[ChangeSet, str]:
    """Add one article. The same text twice is refused (a new version is a new import)."""
    if cs is None:
        cs = ChangeSet(f"Import {art.title}")
    digest = text_hash(art.text)
    if seen_hashes is not None and digest in seen_hashes:
        raise InputError("the same text is already in this import", where=art.source)
    existing = project.scalar("SELECT title FROM articles WHERE text_hash = ?", [digest])
    if existing is not None:
        raise InputError(
            f"already imported as {existing!r}", where=art.source, hint="nothing was changed"
        )
    if seen_hashes is not None:
        seen_hashes.add(digest)
    published = parse_edtf_field(art.published, f"{art.source}: published")
    row = new_row(
        project.analyst,
        title=art.title,
        outlet=art.outlet,
        author=art.author,
        url=art.url,
        **published_columns(published),
        language=art.language,
        text=art.text,
        text_hash=digest,
        source=art.source,
        previous_version=None,
        page_starts=json.dumps(art.page_starts) if art.page_starts else None,
        retrieved=art.retrieved,
        fetched_from=json.dumps(art.fetched_from) if art.fetched_from else None,
        reliability=None,  # graded by the analyst later (store.grades)
    )
    cs.insert("articles", row)
    return cs, row["id"]


ARTICLE_FIELDS = ("title", "outlet", "author", "url", "published", "language")


def update_article(project: Project, article_id: str, /, **fields: Any) -> ChangeSet:
    before = _must(project, "articles", article_id)
    values: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in ARTICLE_FIELDS:
            raise InputError(f"cannot edit {name!r} of an article", where=name)
        if name == "published":
            values.update(published_columns(as_date(value, "published")))
        elif name == "title":
            if not str(value or "").strip():
                raise InputError("a title cannot be empty", where="title")
            values[name] = str(value).strip()
        else:
            values[name] = (str(value).strip() or None) if value is not None else None
    cs = ChangeSet(f"Edit article {before['title'][:40]}")
    if any(before.get(k) != v for k, v in values.items()):
        cs.update("articles", before, **values, **_touch(project))
    if "published_earliest" in values and values["published"] != before["published"]:
        # Same step as the new date, so one undo brings back both.
        redated, n = resolve_again(
            project, article_id, before["text"], as_date(fields["published"], "published")
        )
        if n:
            cs.extend(redated)
            cs.label += f" ({counted(n, 'date')} from the text worked out again)"
    return cs


def delete_article(project: Project, article_id: str) -> ChangeSet:
    """Refused while anything cites it: annotations are never deleted silently."""
    before = _must(project, "articles", article_id)
    cited = project.scalar(
        "SELECT count(*) FROM citations c JOIN passages p ON p.id = c.passage_id "
        "WHERE p.article_id = ?",
        [article_id],
    )
    if cited:
        raise InputError(
            f"{counted(cited, 'citation')} {'points' if cited == 1 else 'point'} into this article",
            where=before["title"],
            hint="delete or move those items first",
        )
    cs = ChangeSet(f"Delete article {before['title'][:40]}")
    passages = project.rows("SELECT * FROM passages WHERE article_id = ?", [article_id])
    delete_notes_of(project, cs, "passage_id", [p["id"] for p in passages])
    delete_notes_of(project, cs, "article_id", [article_id])
    for passage in passages:
        cs.delete("passages", passage)
    cs.delete("articles", before)
    return cs


# -- passages and citations --------------------------------------------------------------


def passage_for(project: Project, cs: ChangeSet, span: Span) -> str:
    """The passage row for a span: the existing one if this exact span is stored already."""
    article_id, start, end = span
    for change in cs.changes:  # made earlier in the same edit
        row = change.after
        if (
            change.table == "passages"
            and row
            and (row["article_id"], row["start"], row["end"]) == span
        ):
            return cast(str, row["id"])
    found: str | None = project.scalar(
        'SELECT id FROM passages WHERE article_id = ? AND start = ? AND "end" = ? '
        "AND status != 'orphan'",
        [article_id, start, end],
    )
    if found:
        return found
    article = _must(project, "articles", article_id)
    row = passage_row(project, article_id, article["text"], article["text_hash"], start, end)
    cs.insert("passages", row)
    return cast(str, row["id"])


def passage_row(
    project: Project,
    article_id: str,
    text: str,
    text_hash: str,
    start: int,
    end: int,
    *,
    was: str | None = None,
) -> dict[str, Any]:
    """A new passage over text[start:end] with its quote and context. ``was``: the quote
    it had before it moved to this text; a quote that changed on the way is "reanchored"."""
    sel = make_selector(text, start, end)
    return new_row(
        project.analyst,
        article_id=article_id,
        start=sel["start"],
        end=sel["end"],
        quote=sel["quote"],
        prefix=sel["prefix"],
        suffix=sel["suffix"],
        text_hash=text_hash,
        status="anchored" if was is None or sel["quote"] == was else "reanchored",
    )


def _add_citation(
    project: Project, cs: ChangeSet, kind: str, item_id: str, span: Span, note: str = ""
) -> str | None:
    passage_id = passage_for(project, cs, span)
    col = item_column(kind)
    cid = derived_id("citation", kind, item_id, passage_id)
    if project.row("citations", cid) or any(c.id == cid for c in cs.changes):
        return None
    cs.insert(
        "citations",
        {
            "id": cid,
            "passage_id": passage_id,
            "event_id": None,
            "actor_id": None,
            "claim_id": None,
            col: item_id,
            "note": note,
            "credibility": None,
            **provenance(project.analyst),
        },
    )
    return cid


def cite(project: Project, kind: str, item_id: str, span: Span) -> ChangeSet:
    """Cite a passage as further evidence for an item."""
    _must(project, item_table(kind), item_id)
    cs = ChangeSet(f"Cite passage for {kind}")
    if _add_citation(project, cs, kind, item_id, span) is None:
        raise InputError(f"this passage already supports the {kind}", where="citation")
    return cs


def uncite(project: Project, citation_id: str) -> ChangeSet:
    citation = _must(project, "citations", citation_id)
    cs = ChangeSet("Remove citation")
    cs.delete("citations", citation)
    _drop_uncited_passages(project, cs, [citation["passage_id"]])
    return cs


def _drop_uncited_passages(project: Project, cs: ChangeSet, passage_ids: Iterable[str]) -> None:
    """A passage that no longer supports anything goes with its last citation (undoably)."""
    leaving = {c.id for c in cs.changes if c.table == "citations" and c.after is None}
    for pid in set(passage_ids):
        remaining = [
            r["id"]
            for r in project.rows("SELECT id FROM citations WHERE passage_id = ?", [pid])
            if r["id"] not in leaving
        ]
        passage = project.row("passages", pid)
        if not remaining and passage is not None and not has_notes(project, "passage_id", pid):
            cs.delete("passages", passage)


# -- items -------------------------------------------------------------------------------


def create_event(
    project: Project,
    *,
    headline: str,
    span: Span | None = None,
    date: DateValue | None = None,
    date_phrase: str | None = None,
    date_anchor: str | None = None,
    date_status: str | None = None,
    description: str = "",
    type: str = "",
    location: str = "",
    confidence: str | None = None,
    fact_status: str | None = None,
    actors: Sequence[tuple[str, str]] = (),
    tags: Sequence[str] = (),
    id: str | None = None,
) -> tuple[ChangeSet, str]:
    headline = required_text(headline, "headline")
    cs = ChangeSet(f"New event {headline[:40]}")
    plain = {
        name: _checked_value(project, name, value)
        for name, value in (
            ("description", description),
            ("type", type),
            ("location", location),
            ("confidence", confidence),
            ("fact_status", fact_status),
        )
    }
    row = new_row(
        project.analyst,
        headline=headline,
        **event_date_columns(
            as_date(date, "date"),
            phrase=date_phrase,
            anchor=date_anchor,
            status=_checked_value(project, "date_status", date_status),
        ),
        day_seq=0,
        **plain,
        assessment=None,  # set by the analyst later (store.grades)
    )
    if id:
        row["id"] = id
    cs.insert("events", row)
    for actor_id, role in actors:
        _link_actor(project, cs, row["id"], actor_id, role)
    _add_tags(project, cs, "event", row["id"], tags)
    if span:
        _add_citation(project, cs, "event", row["id"], span)
    return cs, row["id"]


def create_actor(
    project: Project,
    *,
    name: str,
    kind: str = "other",
    aliases: Sequence[str] = (),
    description: str = "",
    span: Span | None = None,
) -> tuple[ChangeSet, str]:
    name = required_text(name, "name")
    kind = _checked_value(project, "kind", kind)
    cs = ChangeSet(f"New actor {name[:40]}")
    row = new_row(
        project.analyst,
        name=name,
        kind=kind,
        aliases=json.dumps(clean_aliases(aliases, name), ensure_ascii=False),
        description=description,
    )
    cs.insert("actors", row)
    if span:
        _add_citation(project, cs, "actor", row["id"], span)
    return cs, row["id"]


def create_claim(
    project: Project,
    *,
    text: str,
    claimant_id: str | None = None,
    stance: str = "asserts",
    claimed: DateValue | None = None,
    event_id: str | None = None,
    assessment: str = "unverified",
    span: Span | None = None,
    tags: Sequence[str] = (),
    fact_status: str | None = None,
) -> tuple[ChangeSet, str]:
    text = required_text(text, "text")
    cs = ChangeSet(f"New claim {text[:40]}")
    plain = {
        name: _checked_value(project, name, value)
        for name, value in (
            ("claimant_id", claimant_id),
            ("stance", stance),
            ("event_id", event_id),
            ("assessment", assessment),
            ("fact_status", fact_status),
        )
    }
    row = new_row(
        project.analyst, text=text, **claimed_columns(as_date(claimed, "claimed")), **plain
    )
    cs.insert("claims", row)
    _add_tags(project, cs, "claim", row["id"], tags)
    if span:
        _add_citation(project, cs, "claim", row["id"], span)
    return cs, row["id"]


EDITABLE = {
    "event": {
        "headline",
        "description",
        "date",
        "date_phrase",
        "date_anchor",
        "date_status",
        "day_seq",
        "type",
        "location",
        "confidence",
        "fact_status",
    },
    "actor": {"name", "kind", "aliases", "description"},
    "claim": {"text", "claimant_id", "claimed", "stance", "event_id", "assessment", "fact_status"},
}


def update_item(project: Project, kind: str, item_id: str, /, **fields: Any) -> ChangeSet:
    """Edit fields of an event, actor or claim. Dates are DateValues (or EDTF strings).

    Positional-only: an actor's ``kind`` field must not collide with the item kind.
    """
    table = item_table(kind)
    before = _must(project, table, item_id)
    values: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in EDITABLE[kind]:
            raise InputError(f"cannot edit {name!r} of a {kind}", where=name)
        if name == "date":
            # What set the date is decided in one place (core.dates.provenance): a date
            # set by hand keeps no phrase it did not come from.
            prov = date_fields_provenance(fields)
            _checked_value(project, "date_status", prov.status)
            values.update(
                event_date_columns(
                    as_date(value, "date"),
                    phrase=prov.phrase,
                    anchor=prov.anchor,
                    status=prov.status,
                )
            )
        elif name == "claimed":
            values.update(claimed_columns(as_date(value, "claimed")))
        elif name == "aliases":
            values[name] = json.dumps(clean_aliases(value, before["name"]), ensure_ascii=False)
        elif name in ("headline", "name", "text"):
            values[name] = required_text(value, name)
        elif name in ("date_phrase", "date_anchor", "date_status"):
            if "date" not in fields:  # only a suggestion's status changes alone: confirming it
                values.update(date_provenance_alone(before, name, value))
        else:
            values[name] = _checked_value(project, name, value)
    cs = ChangeSet(f"Edit {kind} {', '.join(sorted(fields))}")
    if any(before.get(k) != v for k, v in values.items()):
        cs.update(table, before, **values, **_touch(project))
    return cs


def set_tags(project: Project, kind: str, item_id: str, tags: Sequence[str]) -> ChangeSet:
    _must(project, item_table(kind), item_id)
    col = item_column(kind)
    cs = ChangeSet("Set tags")
    wanted = {t.strip() for t in tags if t.strip()}
    for row in project.rows(f"SELECT * FROM tags WHERE {col} = ?", [item_id]):
        if row["tag"] not in wanted:
            cs.delete("tags", row)
        wanted.discard(row["tag"])
    _add_tags(project, cs, kind, item_id, sorted(wanted))
    return cs


def delete_item(project: Project, kind: str, item_id: str) -> ChangeSet:
    """Delete an item with its links; claims about a deleted event keep their text."""
    table = item_table(kind)
    before = _must(project, table, item_id)
    col = item_column(kind)
    cs = ChangeSet(f"Delete {kind}")
    citations = project.rows(f"SELECT * FROM citations WHERE {col} = ?", [item_id])
    for row in citations:
        cs.delete("citations", row)
    for row in project.rows(f"SELECT * FROM tags WHERE {col} = ?", [item_id]):
        cs.delete("tags", row)
    delete_notes_of(project, cs, col, [item_id])
    if kind == "event":
        relink(cs, event_links(project, item_id), [])
        drop_relations(project, cs, item_id)
    if kind == "actor":
        move_actor_links(project, cs, item_id, None)
    if kind == "event":
        for row in project.rows("SELECT * FROM claims WHERE event_id = ?", [item_id]):
            cs.update("claims", row, event_id=None, **_touch(project))
    if kind == "actor":
        for row in project.rows("SELECT * FROM claims WHERE claimant_id = ?", [item_id]):
            cs.update("claims", row, claimant_id=None, **_touch(project))
    cs.delete(table, before)
    _drop_uncited_passages(project, cs, [c["passage_id"] for c in citations])
    return cs


def merge_actors(project: Project, keep_id: str, merge_id: str) -> ChangeSet:
    """Fold one actor into another: links, claims, citations and tags move; names become
    aliases. One undoable edit."""
    if keep_id == merge_id:
        raise InputError("cannot merge an actor into itself", where="merge")
    keep = _must(project, "actors", keep_id)
    gone = _must(project, "actors", merge_id)
    cs = ChangeSet(f"Merge {gone['name']} into {keep['name']}")
    touched = _touch(project)
    move_actor_links(project, cs, merge_id, keep_id)
    for claim in project.rows("SELECT * FROM claims WHERE claimant_id = ?", [merge_id]):
        cs.update("claims", claim, claimant_id=keep_id, **touched)
    for citation in project.rows("SELECT * FROM citations WHERE actor_id = ?", [merge_id]):
        _add_citation_to_passage(project, cs, "actor", keep_id, citation)
        cs.delete("citations", citation)
    for tag in project.rows("SELECT * FROM tags WHERE actor_id = ?", [merge_id]):
        _add_tags(project, cs, "actor", keep_id, [tag["tag"]])
        cs.delete("tags", tag)
    for note in project.rows("SELECT * FROM notes WHERE actor_id = ?", [merge_id]):
        cs.update("notes", note, actor_id=keep_id, **touched)
    aliases = clean_aliases(
        [*aliases_of(keep, _where(project)), gone["name"], *aliases_of(gone, _where(project))],
        keep["name"],
    )
    cs.update("actors", keep, aliases=json.dumps(aliases, ensure_ascii=False), **touched)
    cs.delete("actors", gone)
    return cs


# An event's fields the kept event takes from a merged one where its own are empty.
DATE_COLUMNS = tuple(event_date_columns(None))
_FILLED_ON_MERGE = ("description", "type", "location", "confidence", "fact_status")


def merge_events(project: Project, keep_id: str, merge_ids: Sequence[str]) -> ChangeSet:
    """Fold duplicate events into one: every citation, actor link, claim and tag moves to
    the kept event, which also takes a date and details it lacks. One undoable edit."""
    merge_ids = list(dict.fromkeys(m for m in merge_ids if m != keep_id))
    if not merge_ids:
        raise InputError("choose at least one other event to merge", where="merge")
    keep = _must(project, "events", keep_id)
    gone = [_must(project, "events", m) for m in merge_ids]
    cs = ChangeSet(f"Merge {counted(len(gone) + 1, 'event')} into {keep['headline'][:40]}")
    touched = _touch(project)
    current = event_links(project, keep_id)
    wanted = list(current)
    for event in gone:
        for link in event_links(project, event["id"]):
            if not any(
                (w["actor_id"], w["role"]) == (link["actor_id"], link["role"]) for w in wanted
            ):
                wanted.append(link_row(project, cs, keep_id, link["actor_id"], link["role"]))
            cs.delete("event_actors", link)
        for claim in project.rows("SELECT * FROM claims WHERE event_id = ?", [event["id"]]):
            cs.update("claims", claim, event_id=keep_id, **touched)
        for citation in project.rows("SELECT * FROM citations WHERE event_id = ?", [event["id"]]):
            _add_citation_to_passage(project, cs, "event", keep_id, citation)
            cs.delete("citations", citation)
        for tag in project.rows("SELECT * FROM tags WHERE event_id = ?", [event["id"]]):
            _add_tags(project, cs, "event", keep_id, [tag["tag"]])
            cs.delete("tags", tag)
        repoint_relations(project, cs, event["id"], keep_id)
        for note in project.rows("SELECT * FROM notes WHERE event_id = ?", [event["id"]]):
            cs.update("notes", note, event_id=keep_id, **touched)
    relink(cs, current, wanted)
    filled: dict[str, Any] = {}
    for event in gone:
        if not keep["date"] and event["date"] and "date" not in filled:
            filled.update({k: event[k] for k in DATE_COLUMNS})
        for name in _FILLED_ON_MERGE:
            if not keep[name] and event[name] and name not in filled:
                filled[name] = event[name]
    if filled:
        cs.update("events", keep, **filled, **touched)
    for event in gone:
        cs.delete("events", event)
    return cs


def add_alias(project: Project, actor_id: str, alias: str) -> ChangeSet:
    actor = _must(project, "actors", actor_id)
    return update_item(
        project, "actor", actor_id, aliases=[*aliases_of(actor, _where(project)), alias]
    )


# -- helpers -----------------------------------------------------------------------------


def _touch(project: Project) -> dict[str, str]:
    """Who changed a row and when: the last editor is what a merge review shows."""
    return {"modified": now_iso(), "analyst": project.analyst}


def _where(project: Project) -> str:
    return str(project.path or "")


def _must(project: Project, table: str, id: str) -> dict[str, Any]:
    row = project.row(table, id)
    if row is None:
        raise InputError(f"no such {table[:-1].replace('_', ' ')}: {id}", where=table)
    return row


def _checked_value(project: Project, name: str, value: Any) -> Any:
    return checked_value(name, value, lambda table, id: project.row(table, id) is not None)


def _link_actor(project: Project, cs: ChangeSet, event_id: str, actor_id: str, role: str) -> None:
    link_id = derived_id("event_actor", event_id, actor_id, role)
    if project.row("event_actors", link_id) or _inserted(cs, "event_actors", link_id):
        return
    cs.insert("event_actors", link_row(project, cs, event_id, actor_id, role))


def _add_tags(
    project: Project, cs: ChangeSet, kind: str, item_id: str, tags: Iterable[str]
) -> None:
    col = item_column(kind)
    for tag in tags:
        tag = clean_text(tag)
        tag_id = derived_id("tag", kind, item_id, tag)
        if not tag or project.row("tags", tag_id) or _inserted(cs, "tags", tag_id):
            continue
        cs.insert(
            "tags",
            {
                "id": tag_id,
                "tag": tag,
                "event_id": None,
                "actor_id": None,
                "claim_id": None,
                col: item_id,
                **provenance(project.analyst),
            },
        )


def _add_citation_to_passage(
    project: Project, cs: ChangeSet, kind: str, item_id: str, old: dict[str, Any]
) -> None:
    cid = derived_id("citation", kind, item_id, old["passage_id"])
    if project.row("citations", cid) or _inserted(cs, "citations", cid):
        return
    cs.insert(
        "citations",
        {
            **old,
            "id": cid,
            "event_id": None,
            "actor_id": None,
            "claim_id": None,
            f"{kind}_id": item_id,
        },
    )


def _inserted(cs: ChangeSet, table: str, id: str) -> bool:
    return any(c.table == table and c.id == id and c.after is not None for c in cs.changes)
