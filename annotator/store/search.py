"""Full-text search over articles and items (FTS5 tables kept in step by triggers)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.store.project import Project

_TERM = re.compile(r"\w[\w'’-]*", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "article", "event", "actor", "claim"
    id: str
    label: str
    snippet: str
    article_id: str | None = None
    start: int | None = None  # code points into the article text, for "show passage"
    end: int | None = None


def fts_query(text: str) -> str | None:
    """User words as an FTS5 query: every word must appear, the last one as a prefix.

    Quoting each term keeps FTS5 operators in user input (AND, NEAR, quotes) literal.
    """
    terms = _TERM.findall(text)
    if not terms:
        return None
    quoted = [f'"{t}"' for t in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


_SQL = {
    "article": ("articles", "title", "snippet(articles_fts, 3, '[', ']', '…', 12)"),
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
            f"WHERE {table}_fts MATCH ? ORDER BY rank LIMIT ?", [query, limit])
        for r in rows:
            hit = SearchHit(kind, r["id"], r["label"], r["snip"] or "")
            if kind == "article":
                hit = _locate(project, hit, text)
            else:
                hit = _first_citation(project, hit)
            hits.append(hit)
    return hits


def _locate(project: Project, hit: SearchHit, text: str) -> SearchHit:
    """Where the first searched word occurs in the article, so the reader can show it."""
    body = project.scalar("SELECT text FROM articles WHERE id = ?", [hit.id]) or ""
    word = _TERM.findall(text)[0]
    m = re.search(rf"\b{re.escape(word)}", body, re.IGNORECASE)
    if not m:
        return SearchHit(hit.kind, hit.id, hit.label, hit.snippet, hit.id)
    end = m.end()
    while end < len(body) and (body[end].isalnum()):
        end += 1
    return SearchHit(hit.kind, hit.id, hit.label, hit.snippet, hit.id, m.start(), end)


def _first_citation(project: Project, hit: SearchHit) -> SearchHit:
    row = project.rows(
        f'SELECT p.article_id, p.start, p."end" FROM citations c JOIN passages p '
        f"ON p.id = c.passage_id WHERE c.{hit.kind}_id = ? ORDER BY c.created LIMIT 1",
        [hit.id])
    if not row:
        return hit
    r = row[0]
    return SearchHit(hit.kind, hit.id, hit.label, hit.snippet, r["article_id"], r["start"],
                     r["end"])
