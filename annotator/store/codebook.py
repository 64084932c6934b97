"""The tag codebook: names with colour, description and a place in a hierarchy.

A tag is applied by name (rows of ``tags``); ``codes`` holds what the analyst says about
each name. A name applied but never described is still in the codebook (it has no row in
``codes`` yet: its entry has ``id`` None and no colour); the first edit that needs a row
makes it. Each function here builds one ChangeSet for one codebook edit; nothing writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.errors import InputError
from annotator.core.tag_colours import clean_colour
from annotator.core.text import counted
from annotator.store.changes import ChangeSet, derived_id, now_iso
from annotator.store.project import Project
from annotator.store.rows import clean_text, item_column, provenance, required_text

ITEM_KINDS = ("event", "actor", "claim")


@dataclass(frozen=True)
class CodeEntry:
    """One tag name in the codebook, with how often it is used."""

    name: str
    id: str | None  # None: applied but not yet described
    color: str
    description: str
    parent: str | None  # the parent's name
    items: int  # items carrying the tag
    passages: int  # distinct passages cited by those items


# The tags' distinct names, one index step from each to the next: "SELECT DISTINCT tag"
# walked every tag's entry (33,000 for 6 names at 100,000 events), as each event shown in
# the inspector asks for them.
_TAG_NAMES = (
    "SELECT tag AS name FROM (WITH RECURSIVE t(tag) AS ("
    "SELECT min(tag) FROM tags UNION ALL "
    "SELECT (SELECT min(tag) FROM tags WHERE tag > t.tag) FROM t WHERE t.tag IS NOT NULL"
    ") SELECT tag FROM t WHERE tag IS NOT NULL)"
)


def codebook_names(project: Project) -> list[str]:
    """The names ``codebook`` lists, in its order, without counting each tag's items and
    passages (a join over every tag and citation: seconds at 100,000 events, and a form's
    tag field needs only the names)."""
    names = {r["name"] for r in project.rows(f"SELECT name FROM codes UNION {_TAG_NAMES}")}
    return sorted(names, key=lambda n: (n.casefold(), n))


def codebook(project: Project) -> list[CodeEntry]:
    """Every code and every applied tag name, sorted by name (case-insensitively)."""
    rows = {r["name"]: r for r in project.rows("SELECT * FROM codes")}
    by_id = {r["id"]: r["name"] for r in rows.values()}
    items = {
        r["tag"]: r["n"] for r in project.rows("SELECT tag, count(*) AS n FROM tags GROUP BY tag")
    }
    passages = {
        r["tag"]: r["n"]
        for r in project.rows(
            # One indexed join per kind of item (an OR across the three would scan).
            "SELECT tag, count(DISTINCT passage_id) AS n FROM ("
            " SELECT t.tag, c.passage_id FROM tags t JOIN citations c ON c.event_id = t.event_id"
            " UNION ALL"
            # The actor and claim halves name their index: where few citations are on
            # actors or claims, the statistics make it look useless (one NULL key for
            # nearly every row) and SQLite scanned citations once per tag: no end at
            # 200,000 citations and 33,000 tags.
            " SELECT t.tag, c.passage_id FROM tags t"
            " JOIN citations c INDEXED BY idx_citations_actor ON c.actor_id = t.actor_id"
            " UNION ALL"
            " SELECT t.tag, c.passage_id FROM tags t"
            " JOIN citations c INDEXED BY idx_citations_claim ON c.claim_id = t.claim_id"
            ") GROUP BY tag"
        )
    }
    names = sorted(set(rows) | set(items), key=lambda n: (n.casefold(), n))
    out = []
    for name in names:
        row = rows.get(name) or {}
        out.append(
            CodeEntry(
                name=name,
                id=row.get("id"),
                color=row.get("color") or "",
                description=row.get("description") or "",
                parent=by_id.get(row.get("parent_id") or ""),
                items=items.get(name, 0),
                passages=passages.get(name, 0),
            )
        )
    return out


def codebook_rows(project: Project) -> list[dict[str, Any]]:
    """The codebook as exports carry it: every code row, parents before their children."""
    if not project.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'codes'"):
        return []  # a file from before the codebook, read without migrating it
    rows = project.rows(
        "SELECT id, name, color, description, parent_id, created, modified, analyst "
        "FROM codes ORDER BY name COLLATE NOCASE, name"
    )
    return parents_first(rows)


def code_colours(project: Project) -> dict[str, str]:
    """Tag name -> its chosen colour (only names that have one)."""
    return {r["name"]: r["color"] for r in project.rows("SELECT name, color FROM codes")}


def find_name(project: Project, name: str) -> str | None:
    """The codebook name equal to ``name`` ignoring case, if there is one."""
    wanted = clean_text(name).casefold()
    return next((e.name for e in codebook(project) if e.name.casefold() == wanted), None)


# -- edits -------------------------------------------------------------------------------


def create_code(
    project: Project,
    name: str,
    *,
    color: str = "",
    description: str = "",
    parent: str | None = None,
) -> ChangeSet:
    name = _new_name(project, name)
    cs = ChangeSet(f"New tag {name}")
    parent_id = _ensure(project, cs, parent)["id"] if parent else None
    cs.insert(
        "codes",
        {
            "id": _fresh_id(project, name),
            "name": name,
            "color": clean_colour(color, "colour"),
            "description": clean_text(description),
            "parent_id": parent_id,
            **provenance(project.analyst),
        },
    )
    return cs


def rename_code(project: Project, old: str, new: str) -> ChangeSet:
    """Rename a tag everywhere it is applied."""
    _must_exist(project, old)
    new = required_text(new, "name")
    if new == old:
        return ChangeSet(f"Rename tag {old}")
    if clean_text(new).casefold() != old.casefold():
        new = _new_name(project, new)
    cs = ChangeSet(f"Rename tag {old} to {new}")
    row = _row(project, old)
    if row is not None:
        cs.update("codes", row, name=new, **_touch(project))
    for tag in project.rows("SELECT * FROM tags WHERE tag = ? ORDER BY rowid", [old]):
        cs.delete("tags", tag)
        _apply(project, cs, tag, new)
    return cs


def merge_codes(project: Project, names: Sequence[str], into: str) -> ChangeSet:
    """Fold tags into one: every item keeps the tag (once), children move under ``into``."""
    _must_exist(project, into)
    others = [n for n in dict.fromkeys(names) if n != into]
    for name in others:
        _must_exist(project, name)
    if not others:
        raise InputError("choose at least two tags to merge", where="merge")
    cs = ChangeSet(f"Merge {counted(len(others) + 1, 'tag')} into {into}")
    rows = [r for r in (_row(project, n) for n in others) if r is not None]
    target = _row(project, into)
    if target is None and rows:
        # The merged tag keeps what the analyst wrote about the first of them.
        target = _ensure(
            project, cs, into, color=rows[0]["color"], description=rows[0]["description"]
        )
    gone = {r["id"] for r in rows}
    for child in project.rows("SELECT * FROM codes ORDER BY rowid"):
        if target is None or child["id"] in gone or child["id"] == target["id"]:
            continue  # the kept tag itself is lifted out below
        if child["parent_id"] in gone:
            cs.update("codes", child, parent_id=target["id"], **_touch(project))
    if target is not None and target["parent_id"] in gone:
        _set(project, cs, target, parent_id=_outside_parent(project, target, gone))
    for name in others:
        for tag in project.rows("SELECT * FROM tags WHERE tag = ? ORDER BY rowid", [name]):
            cs.delete("tags", tag)
            _apply(project, cs, tag, into)
    for row in rows:
        cs.delete("codes", row)
    return cs


def edit_code(
    project: Project, name: str, *, color: str | None = None, description: str | None = None
) -> ChangeSet:
    """Recolour or describe a tag."""
    _must_exist(project, name)
    cs = ChangeSet(f"Edit tag {name}")
    values: dict[str, Any] = {}
    if color is not None:
        values["color"] = clean_colour(color, "colour")
    if description is not None:
        values["description"] = clean_text(description)
    row = _row(project, name)
    if row is None:
        _ensure(project, cs, name, **values)
    else:
        _set(project, cs, row, **values)
    return cs


def move_code(project: Project, name: str, parent: str | None) -> ChangeSet:
    """Put a tag under another (``parent`` None: at the top)."""
    _must_exist(project, name)
    if parent is not None:
        _must_exist(project, parent)
        chain = _ancestors(project, parent)
        if parent == name or name in chain:
            raise InputError(
                f"“{name}” cannot go under “{parent}”: “{parent}” is already inside it",
                where="parent",
                hint="move it somewhere else, or move the other tag out first",
            )
    cs = ChangeSet(f"Move tag {name}")
    parent_id = _ensure(project, cs, parent)["id"] if parent else None
    row = _row(project, name)
    if row is None:
        if parent_id is not None:
            _ensure(project, cs, name, parent_id=parent_id)
    else:
        _set(project, cs, row, parent_id=parent_id)
    return cs


def delete_code(project: Project, name: str) -> ChangeSet:
    """Remove a tag from every item and from the codebook; its children move up a level."""
    _must_exist(project, name)
    cs = ChangeSet(f"Delete tag {name}")
    for tag in project.rows("SELECT * FROM tags WHERE tag = ? ORDER BY rowid", [name]):
        cs.delete("tags", tag)
    row = _row(project, name)
    if row is not None:
        for child in project.rows("SELECT * FROM codes WHERE parent_id = ?", [row["id"]]):
            cs.update("codes", child, parent_id=row["parent_id"], **_touch(project))
        cs.delete("codes", row)
    return cs


def apply_tags(
    project: Project, names: Sequence[str], items: Iterable[tuple[str, str]]
) -> ChangeSet:
    """Add tags to several items (kind, id); an item that carries one already keeps it once."""
    names = [n for n in dict.fromkeys(clean_text(n) for n in names) if n]
    if not names:
        raise InputError("type a tag to apply", where="tag")
    cs = ChangeSet(f"Tag {', '.join(names)}")
    for kind, item_id in items:
        if project.row(f"{kind}s", item_id) is None:
            raise InputError(f"no such {kind}: {item_id}", where="tag")
        tag_new_item(project, cs, kind, item_id, names)
    return cs


def items_at(project: Project, article_id: str, start: int, end: int) -> list[tuple[str, str, str]]:
    """The items (kind, id, label) citing a passage that overlaps ``start``..``end``."""
    rows = project.rows(
        """SELECT DISTINCT
                  CASE WHEN c.event_id IS NOT NULL THEN 'event'
                       WHEN c.actor_id IS NOT NULL THEN 'actor' ELSE 'claim' END AS kind,
                  coalesce(c.event_id, c.actor_id, c.claim_id) AS item_id,
                  coalesce(e.headline, a.name, cl.text, '') AS label
             FROM passages p JOIN citations c ON c.passage_id = p.id
             LEFT JOIN events e ON e.id = c.event_id
             LEFT JOIN actors a ON a.id = c.actor_id
             LEFT JOIN claims cl ON cl.id = c.claim_id
            WHERE p.article_id = ? AND p.start < ? AND p."end" > ?
            ORDER BY p.start, kind, label""",
        [article_id, end, start],
    )
    return [(r["kind"], r["item_id"], r["label"]) for r in rows]


def tag_new_item(
    project: Project, cs: ChangeSet, kind: str, item_id: str, names: Iterable[str]
) -> None:
    """Add tags to an item ``cs`` makes (a new item's form tags the passage it cites)."""
    for name in names:
        name = clean_text(name)
        if name:
            _apply(
                project, cs, {f"{k}_id": None for k in ITEM_KINDS} | {f"{kind}_id": item_id}, name
            )


def uses(project: Project, name: str) -> int:
    """How many items carry this tag."""
    return int(project.scalar("SELECT count(*) FROM tags WHERE tag = ?", [name]) or 0)


def parents_first(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Code rows ordered so that each comes after its parent (for inserting them)."""
    ids = {r["id"] for r in rows}
    done: set[str] = set()
    out: list[dict[str, Any]] = []
    pending = list(rows)
    while pending:
        rest = [r for r in pending if r.get("parent_id") in ids and r["parent_id"] not in done]
        ready = [r for r in pending if r not in rest]
        if not ready:  # a cycle in foreign data: keep it as it came, the insert will say
            out.extend(rest)
            break
        out.extend(ready)
        done.update(r["id"] for r in ready)
        pending = rest
    return out


# -- helpers -----------------------------------------------------------------------------


def _touch(project: Project) -> dict[str, str]:
    return {"modified": now_iso(), "analyst": project.analyst}


def _row(project: Project, name: str) -> dict[str, Any] | None:
    rows = project.rows("SELECT * FROM codes WHERE name = ?", [name])
    return rows[0] if rows else None


def _exists(project: Project, name: str) -> bool:
    return _row(project, name) is not None or uses(project, name) > 0


def _must_exist(project: Project, name: str) -> None:
    if not _exists(project, name):
        raise InputError(f"no tag named “{name}” in the codebook", where="tag")


def _new_name(project: Project, name: str) -> str:
    name = required_text(name, "name")
    same = find_name(project, name)
    if same is not None:
        raise InputError(
            f"a tag named “{same}” is already in the codebook",
            where="name",
            hint="choose another name, or merge the two tags",
        )
    return name


def _fresh_id(project: Project, name: str) -> str:
    # Derived from the first name, so two analysts who make the same tag share its row.
    code_id = derived_id("code", name)
    if project.row("codes", code_id) is None:
        return code_id
    return derived_id("code", name, now_iso())


def _ensure(project: Project, cs: ChangeSet, name: str | None, **values: Any) -> dict[str, Any]:
    """The code row for ``name``, made in ``cs`` if the name has none yet."""
    assert name is not None
    row = _row(project, name)
    if row is not None:
        return row
    made = next(
        (c.after for c in cs.changes if c.table == "codes" and c.after and c.after["name"] == name),
        None,
    )
    if made is not None:
        made.update(values)
        return made
    return cs.insert(
        "codes",
        {
            "id": _fresh_id(project, name),
            "name": name,
            "color": "",
            "description": "",
            "parent_id": None,
            **provenance(project.analyst),
        }
        | values,
    )


def _set(project: Project, cs: ChangeSet, row: dict[str, Any], **values: Any) -> None:
    if any(row.get(k) != v for k, v in values.items()):
        cs.update("codes", row, **values, **_touch(project))


def _ancestors(project: Project, name: str) -> list[str]:
    rows = {r["id"]: r for r in project.rows("SELECT * FROM codes")}
    row = _row(project, name)
    out: list[str] = []
    while row is not None and row["parent_id"] and len(out) <= len(rows):
        row = rows.get(row["parent_id"])
        if row is not None:
            out.append(row["name"])
    return out


def _outside_parent(project: Project, row: dict[str, Any], gone: set[str]) -> str | None:
    rows = {r["id"]: r for r in project.rows("SELECT * FROM codes")}
    parent: str | None = row["parent_id"]
    while parent in gone:
        parent = rows[parent]["parent_id"]
    return parent


def _apply(project: Project, cs: ChangeSet, link: dict[str, Any], name: str) -> None:
    """Put tag ``name`` on the item ``link`` points at, unless it is there already."""
    kind = next(k for k in ITEM_KINDS if link.get(f"{k}_id"))
    item_id = link[f"{kind}_id"]
    tag_id = derived_id("tag", kind, item_id, name)
    if project.row("tags", tag_id) is not None and not any(
        c.table == "tags" and c.id == tag_id and c.after is None for c in cs.changes
    ):
        return
    if any(c.table == "tags" and c.id == tag_id and c.after is not None for c in cs.changes):
        return
    cs.insert(
        "tags",
        {
            "id": tag_id,
            "tag": name,
            "event_id": None,
            "actor_id": None,
            "claim_id": None,
            item_column(kind): item_id,
            **provenance(project.analyst),
        },
    )
