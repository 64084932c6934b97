"""Full-text search over articles and items (FTS5 tables kept in step by triggers)."""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from annotator.core.folding import fold
from annotator.store.notes import NoteView, all_notes, notes_by_ids
from annotator.store.project import Project
from annotator.store.search_terms import MAX_TERMS as MAX_TERMS
from annotator.store.search_terms import TERM
from annotator.store.search_terms import fts_query as fts_query
from annotator.store.search_terms import search_terms as search_terms
from annotator.store.search_terms import words_left_out as words_left_out
from annotator.store.worker_reads import read_on_own_connection


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "article", "event", "actor", "claim", "note"
    id: str
    label: str
    snippet: str
    article_id: str | None = None
    start: int | None = None  # code points into the article text, for "show passage"
    end: int | None = None
    # For a memo: what it is about (an item kind opens that item).
    target_kind: str | None = None
    target_id: str | None = None


_SQL = {
    # FTS5's snippet() scores every pair of hits in a column: minutes for a long article with
    # many hits. Article snippets are cut in one pass over the text instead (_locate).
    "article": ("articles", "title", "NULL"),
    "event": ("events", "headline", "snippet(events_fts, -1, '[', ']', '…', 12)"),
    "actor": ("actors", "name", "snippet(actors_fts, -1, '[', ']', '…', 12)"),
    "claim": ("claims", "text", "snippet(claims_fts, 0, '[', ']', '…', 12)"),
}


def search(project: Project, text: str, *, limit: int = 100) -> list[SearchHit]:
    query = fts_query(text)
    if query is None:
        return []
    hits: list[SearchHit] = []
    for kind, (table, label, snippet) in _SQL.items():
        rows = project.rows(
            f"SELECT t.id, t.{label} AS label, {snippet} AS snip FROM {table}_fts "
            f"JOIN {table} t ON t.rowid = {table}_fts.rowid "
            f"WHERE {table}_fts MATCH ? ORDER BY rank LIMIT ?",
            [query, limit],
        )
        found = [SearchHit(kind, r["id"], r["label"], r["snip"] or "") for r in rows]
        if kind == "article":
            # The texts in one read, the searched words folded once (profiled: a query and
            # a fold of every word per article were most of a search at 100 article hits).
            bodies = _texts(project, [hit.id for hit in found])
            prefixes = [_key(t) for t in search_terms(text)]
            hits.extend(_locate(bodies.get(hit.id, ""), hit, text, prefixes) for hit in found)
        else:
            hits.extend(_with_first_citations(project, kind, found))
    hits.extend(_note_hits(project, query, limit))
    return hits


def search_file(path: Path, text: str) -> list[SearchHit]:
    """``search`` on its own read-only connection, for a worker thread; any failure is the
    app's error, naming the file."""
    return read_on_own_connection(path, lambda reader: search(reader, text))


def _note_hits(project: Project, query: str, limit: int) -> list[SearchHit]:
    """Memos found, each opening what it is about (a passage or article in the reader)."""
    rows = project.rows(
        "SELECT n.id, snippet(notes_fts, 0, '[', ']', '…', 12) AS snip FROM notes_fts "
        "JOIN notes n ON n.rowid = notes_fts.rowid WHERE notes_fts MATCH ? ORDER BY rank LIMIT ?",
        [query, limit],
    )
    views = notes_by_ids(project, [r["id"] for r in rows])
    hits = []
    for r in rows:
        view = views[r["id"]]
        hits.append(
            SearchHit(
                "note",
                view.id,
                f"memo on {view.about}",
                r["snip"] or "",
                view.article_id,
                view.start,
                view.end,
                target_kind=view.kind,
                target_id=view.target_id,
            )
        )
    return hits


def _texts(project: Project, ids: list[str]) -> dict[str, str]:
    rows = project.rows(
        "SELECT id, text FROM articles WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(ids)],
    )
    return {r["id"]: r["text"] or "" for r in rows}


def _locate(body: str, hit: SearchHit, text: str, prefixes: list[str]) -> SearchHit:
    """Where the first searched word occurs in the article, so the reader can show it."""
    word = fold(TERM.findall(text)[0]).text
    # FTS5 ignores diacritics, so the word is looked for the same way.
    folded = fold(body)
    m = re.search(rf"\b{re.escape(word)}", folded.text, re.IGNORECASE)
    if not m:
        return SearchHit(hit.kind, hit.id, hit.label, _snippet(body, 0, 0, prefixes), hit.id)
    start, end = folded.original_span(m.start(), m.end())
    while end < len(body) and (body[end].isalnum() or unicodedata.combining(body[end])):
        end += 1
    return SearchHit(
        hit.kind, hit.id, hit.label, _snippet(body, start, end, prefixes), hit.id, start, end
    )


def _snippet(body: str, start: int, end: int, prefixes: list[str], words: int = 12) -> str:
    """About ``words`` words around body[start:end], searched words in [brackets]."""
    before = [m for m in TERM.finditer(body, max(0, start - 400), start)][-(words // 2) :]
    after = []
    for m in TERM.finditer(body, start, min(len(body), end + 1200)):
        after.append(m)
        if len(after) >= words - len(before):
            break
    tokens = before + after
    if not tokens:
        return ""
    lo, hi = tokens[0].start(), tokens[-1].end()
    out, pos = [], lo
    for m in tokens:
        out.append(body[pos : m.start()])
        token = m.group()
        low = _key(token)  # every word exact, the last one also as a prefix (fts_query)
        hit = low in prefixes or (bool(prefixes) and low.startswith(prefixes[-1]))
        out.append(f"[{token}]" if hit else token)
        pos = m.end()
    return ("…" if lo > 0 else "") + "".join(out) + ("…" if hi < len(body) else "")


@functools.lru_cache(maxsize=4096)
def _key(word: str) -> str:
    """A word as FTS5 compares it: case and diacritics aside."""
    return fold(word).text.lower()


def _with_first_citations(project: Project, kind: str, hits: list[SearchHit]) -> list[SearchHit]:
    """Each item's first-cited passage, in one query for all the hits of a kind."""
    if not hits:
        return hits
    # By the item's index (m022 keeps the NULLs out of it, so SQLite no longer judges a
    # scan of every citation as good).
    rows = project.rows(
        f'SELECT c.{kind}_id AS item, p.article_id, p.start, p."end" FROM citations c '
        f"JOIN passages p ON p.id = c.passage_id "
        f"WHERE c.{kind}_id IN (SELECT value FROM json_each(?)) "
        f"ORDER BY c.created DESC",
        [json.dumps([h.id for h in hits])],
    )
    first = {r["item"]: r for r in rows}  # ordered newest first: the oldest is kept
    out = []
    for hit in hits:
        r = first.get(hit.id)
        out.append(
            hit
            if r is None
            else SearchHit(
                hit.kind, hit.id, hit.label, hit.snippet, r["article_id"], r["start"], r["end"]
            )
        )
    return out


def search_notes(project: Project, text: str, *, limit: int = 500) -> list[NoteView]:
    """Memos holding every word of ``text`` (the last as a prefix), best match first; all
    memos, newest first, for an empty ``text``."""
    query = fts_query(text)
    if query is None:
        return all_notes(project)[:limit]
    rows = project.rows(
        "SELECT n.id FROM notes_fts JOIN notes n ON n.rowid = notes_fts.rowid "
        "WHERE notes_fts MATCH ? ORDER BY rank LIMIT ?",
        [query, limit],
    )
    views = notes_by_ids(project, [r["id"] for r in rows])
    return [views[r["id"]] for r in rows if r["id"] in views]
