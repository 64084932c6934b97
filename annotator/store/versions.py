"""Versions of an article: a changed text imported again, linked to the one it replaces.

An article's text never changes (DESIGN.md); an updated article is a new article whose
``previous_version`` names the one it replaces. Importing it is one edit, built here:

* the new article is added and the old one kept, unchanged;
* every live passage of the old version is looked for in the new text: the old offsets are
  first carried through a word alignment of the two texts (``core.text_diff.PositionMap``)
  and then handed to the loader's re-anchoring (exact, then fuzzy on quote, context and
  position; ``core.anchoring.reanchor``);
* a passage found there becomes a passage of the new version (``anchored`` when its words
  are unchanged, ``reanchored`` when they were edited) and its citations move to it; the
  old passage, no longer cited, goes, as any passage does with its last citation;
* a passage not found stays on the old version with its citations, marked ``orphan``: the
  chronology keeps citing the words where they were said, and the orphaned-passages
  worklist lists it for review.

So a citation always points into the version whose text holds its quote, and the exports
name that version (``version_labels``). Versions chain: the newest version of a chain is
the one the next import follows; several articles naming the same previous version (two
analysts' files merged) are ordered by when they were added.
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz.distance import Indel

from annotator.core.anchoring import RESCUE_QUOTE, Anchor, reanchor
from annotator.core.errors import InputError
from annotator.core.text import counted
from annotator.core.text_diff import PositionMap
from annotator.core.version_chain import VersionInfo, chain_infos, label
from annotator.store.changes import ChangeSet, derived_id, now_iso
from annotator.store.operations import import_article, passage_row
from annotator.store.project import Project
from annotator.store.table_stamps import table_stamp

if TYPE_CHECKING:  # the importers load only for an import (40-50 ms at the app's start)
    from annotator.core.importers.article import ImportedArticle


@dataclass
class VersionImport:
    """What importing one new version did."""

    old_id: str
    new_id: str
    number: int  # the new version's number in its chain (2 for the first update)
    moved: list[str] = field(default_factory=list)  # old passage ids found in the new text
    orphaned: list[str] = field(default_factory=list)  # left on the old version
    followed: str | None = None  # the article named, when a later version was followed

    def words(self) -> str:
        text = f"version {self.number}: {counted(len(self.moved), 'passage')} moved to the new text"
        if self.orphaned:
            n = len(self.orphaned)
            what = "an orphan" if n == 1 else "orphans"
            text += f", {counted(n, 'passage')} kept on the old version as {what}"
        return text


# -- reading the chains ---------------------------------------------------------------------


# Per open project, under the articles' stamp: the inspector shows the version of each
# cited article, and reading the chains scanned 10,000 articles (30 ms) at every selection.
_INFOS: weakref.WeakKeyDictionary[Project, tuple[tuple[int, int], dict[str, VersionInfo]]] = (
    weakref.WeakKeyDictionary()
)


def version_infos(project: Project) -> dict[str, VersionInfo]:
    """Every article that has versions (alone ones are left out: no chain to show); shared,
    read only."""
    stamp = table_stamp(project, "articles")
    kept = _INFOS.get(project)
    if kept is None or kept[0] != stamp:
        kept = (stamp, _read_infos(project))
        _INFOS[project] = kept
    return kept[1]


# Read from the covering index idx_articles_list (m020), never from the rows themselves.
CHAINED_SQL = (
    "SELECT id, previous_version, created FROM articles WHERE previous_version IS NOT NULL"
)


def _read_infos(project: Project) -> dict[str, VersionInfo]:
    # One scan of the index, then the first versions by id; this runs at every start and
    # article switch.
    rows = project.rows(CHAINED_SQL)
    have = {r["id"] for r in rows}
    firsts = sorted({r["previous_version"] for r in rows} - have)
    if firsts:
        rows += project.rows(
            "SELECT id, previous_version, created FROM articles "
            "WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(firsts)],
        )
    # As ORDER BY created, id did: NULL first, then text in code point (UTF-8 byte) order.
    rows.sort(key=lambda r: (r["created"] is not None, r["created"] or "", r["id"]))
    return chain_infos(rows)


def newest_version(project: Project, article_id: str) -> str:
    """The version that replaces this one last (itself when nothing replaces it)."""
    seen = {article_id}
    current = article_id
    while True:
        nxt = project.scalar(
            "SELECT id FROM articles WHERE previous_version = ? ORDER BY created DESC, id DESC "
            "LIMIT 1",
            [current],
        )
        if nxt is None or nxt in seen:
            return current
        seen.add(nxt)
        current = nxt


def chain(project: Project, article_id: str) -> list[dict[str, Any]]:
    """The article's versions (whole rows), first to newest; the article alone when it has
    no other version."""
    infos = version_infos(project)
    if article_id not in infos:
        row = project.row("articles", article_id)
        return [row] if row else []
    root = infos[article_id].root
    ids = sorted(
        (aid for aid, info in infos.items() if info.root == root), key=lambda a: infos[a].number
    )
    return [r for aid in ids if (r := project.row("articles", aid)) is not None]


def same_address(project: Project, url: str | None) -> str | None:
    """The newest version of an article already imported from this address, if any."""
    url = (url or "").strip()
    if not url:
        return None
    found = project.scalar(
        "SELECT id FROM articles WHERE url = ? ORDER BY created DESC, id DESC LIMIT 1", [url]
    )
    return newest_version(project, found) if found else None


def version_labels(project: Project) -> dict[str, str]:
    """ "version 2 of 3" per article that has versions, for lists and exports."""
    return {aid: label(info) for aid, info in version_infos(project).items()}


# -- importing a new version ------------------------------------------------------------------


def import_new_version(
    project: Project,
    art: ImportedArticle,
    old_id: str,
    cs: ChangeSet,
    *,
    seen_hashes: set[str] | None = None,
) -> VersionImport:
    """Add ``art`` as the new version of ``old_id`` (its newest version) and move the
    citations there; see the module's notes. Adds to ``cs``; writes nothing."""
    named = project.row("articles", old_id)
    if named is None:
        raise InputError(
            f"no article with the id {old_id!r}", where=art.source, hint="nothing was changed"
        )
    old_id = newest_version(project, old_id)
    old = named if old_id == named["id"] else project.row("articles", old_id)
    assert old is not None
    if any(
        c.table == "articles" and c.after and c.after.get("previous_version") == old_id
        for c in cs.changes
    ):
        raise InputError(
            f"another file of this import is a new version of {old['title']!r} too",
            where=art.source,
            hint="import the versions one at a time, oldest first",
        )
    _, new_id = import_article(project, _inherit(art, old), cs, seen_hashes=seen_hashes)
    for change in cs.changes:  # the row just added: link it to the one it replaces
        if change.table == "articles" and change.id == new_id and change.after is not None:
            change.after["previous_version"] = old_id
    number = (version_infos(project).get(old_id) or VersionInfo(1, 1, None, old_id)).number + 1
    followed = named["id"] if named["id"] != old_id else None
    result = VersionImport(old_id, new_id, number, followed=followed)
    _move_passages(project, cs, old, new_id, art.text, result)
    return result


def _inherit(art: ImportedArticle, old: dict[str, Any]) -> ImportedArticle:
    """What the new file does not say about the article, it says as its old version did:
    a text file carries no outlet or date, and its title is only guessed from its first
    line. The publication date stays the original one (an update is the same article)."""
    from annotator.core.importers.metadata import fallback_title

    guessed = art.title == fallback_title(art.text, Path(art.source).stem)
    return replace(
        art,
        title=old["title"] if guessed and old["title"] else art.title,
        **{
            name: old[name]
            for name in ("outlet", "author", "url", "published", "language")
            if getattr(art, name) is None and old[name] is not None
        },
    )


def _move_passages(
    project: Project,
    cs: ChangeSet,
    old: dict[str, Any],
    new_id: str,
    new_text: str,
    result: VersionImport,
) -> None:
    passages = project.rows(
        "SELECT * FROM passages WHERE article_id = ? AND status != 'orphan' ORDER BY start, id",
        [old["id"]],
    )
    if not passages:
        return
    position = PositionMap(old["text"], new_text)
    new_hash = next(
        c.after["text_hash"] for c in cs.changes if c.id == new_id and c.after is not None
    )
    placed: dict[tuple[int, int], str] = {}  # new span -> new passage id
    for passage in passages:
        start, end = position(passage["start"]), position(passage["end"])
        anchor = reanchor(
            new_text, passage["quote"], passage["prefix"], passage["suffix"], start, max(end, start)
        )
        if anchor is None or anchor.method == "fuzzy":
            anchor = _edited_in_place(passage, new_text, position) or anchor
        if anchor is None:
            cs.update(
                "passages", passage, status="orphan", modified=now_iso(), analyst=project.analyst
            )
            result.orphaned.append(passage["id"])
            continue
        span = (anchor.start, anchor.end)
        if span not in placed:
            row = passage_row(
                project,
                new_id,
                new_text,
                new_hash,
                anchor.start,
                anchor.end,
                was=passage["quote"],
            )
            cs.insert("passages", row)
            placed[span] = row["id"]
        _move_citations(project, cs, passage, placed[span])
        cs.delete("passages", passage)
        result.moved.append(passage["id"])


def _edited_in_place(
    passage: dict[str, Any], new_text: str, position: PositionMap
) -> Anchor | None:
    """The passage's words as the new version has them, when the alignment of the two
    texts kept its first and last characters and most of its words.

    Re-anchoring alone knows only the quote and its context, so it prefers the longest
    unchanged part of a quote that had words added inside it; the alignment knows where
    the added words went."""
    span = position.kept_span(passage["start"], passage["end"])
    if span is None:
        return None
    a, b = span
    if Indel.normalized_similarity(passage["quote"], new_text[a:b]) < RESCUE_QUOTE:
        return None
    return Anchor(a, b, "aligned")


def _move_citations(
    project: Project, cs: ChangeSet, passage: dict[str, Any], new_passage: str
) -> None:
    """Each citation goes to the new passage under the id that passage and item give it
    (as citing it by hand would), keeping its note and who made it when."""
    for citation in project.rows("SELECT * FROM citations WHERE passage_id = ?", [passage["id"]]):
        kind = next(k for k in ("event", "actor", "claim") if citation[f"{k}_id"])
        cid = derived_id("citation", kind, citation[f"{kind}_id"], new_passage)
        cs.delete("citations", citation)
        if not any(c.table == "citations" and c.id == cid and c.after for c in cs.changes):
            cs.insert(
                "citations",
                {**citation, "id": cid, "passage_id": new_passage, "modified": now_iso()},
            )


# -- one import, new articles and new versions alike ------------------------------------------


@dataclass
class Imported:
    article_id: str
    version: VersionImport | None = None  # set when it replaced an article


def import_or_update(
    project: Project,
    art: ImportedArticle,
    cs: ChangeSet,
    *,
    seen_hashes: set[str] | None = None,
    new_version_of: str | None = None,
) -> Imported:
    """Import an article: as a new version of ``new_version_of`` when given, of the article
    imported from the same address when there is one (and its text differs), else as a new
    article."""
    old_id = new_version_of or same_address(project, art.url)
    if old_id is None:
        _, article_id = import_article(project, art, cs, seen_hashes=seen_hashes)
        return Imported(article_id)
    done = import_new_version(project, art, old_id, cs, seen_hashes=seen_hashes)
    return Imported(done.new_id, done)


def find_article(project: Project, ref: str, *, where: str) -> str:
    """An article named on the command line: by id, or by its exact title (the newest
    version when the title is that of one article's versions)."""
    ref = ref.strip()
    if project.row("articles", ref) is not None:
        return ref
    ids = [r["id"] for r in project.rows("SELECT id FROM articles WHERE title = ?", [ref])]
    newest = {newest_version(project, aid) for aid in ids}
    if len(newest) == 1:
        return newest.pop()
    if newest:
        raise InputError(
            f"{len(newest)} different articles are titled {ref!r}",
            where=where,
            hint="name it by its id (annotator export PROJECT --format json lists them)",
        )
    raise InputError(
        f"no article with the id or title {ref!r}",
        where=where,
        hint="name it by its id or exact title (annotator export PROJECT --format json lists them)",
    )


def grouped(rows: list[dict[str, Any]], infos: dict[str, VersionInfo]) -> list[dict[str, Any]]:
    """Article list rows with each article's versions together: the newest where the
    list's order puts it, the older ones right under it (newest first), each row given its
    ``version`` words ("" alone) and ``superseded`` (the newer version's number, or None)."""
    by_root: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        info = infos.get(r["id"])
        r["version"] = label(info) if info else ""
        r["superseded"] = infos[info.newer].number if info and info.newer in infos else None
        if info:
            by_root.setdefault(info.root, []).append(r)
    out: list[dict[str, Any]] = []
    for r in rows:
        info = infos.get(r["id"])
        if info is None:
            out.append(r)
        elif info.newer is None and info.root in by_root:  # the first newest one met
            out.extend(sorted(by_root.pop(info.root), key=lambda x: -infos[x["id"]].number))
    for left in by_root.values():  # a loop of versions (a hand-made file): listed anyway
        out.extend(left)
    return out
