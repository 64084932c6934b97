"""The memos of a chronology document, as every writer needs them: grouped by what they are
about, labelled in words, and as flat rows for the CSV ``notes`` table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from annotator.core.export.common import Index, passage_quote

NOTE_COLUMNS = [
    "note_id",
    "about_kind",
    "about_id",
    "about",
    "text",
    "article_title",
    "article_id",
    "created",
    "modified",
    "analyst",
]
KIND_WORDS = {
    "article": "article",
    "passage": "passage",
    "event": "event",
    "actor": "actor",
    "claim": "claim",
}


def notes_by_target(doc: dict[str, Any]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """(kind, id) -> its memos, oldest first (a document without memos gives none)."""
    out: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for note in doc.get("notes") or []:
        out[(note["about"]["kind"], note["about"]["id"])].append(note)
    return out


def about_label(index: Index, note: dict[str, Any]) -> str:
    """What a memo is about, in the words the analyst knows it by."""
    kind, target = note["about"]["kind"], note["about"]["id"]
    if kind == "article":
        return str((index.articles.get(target) or {}).get("title") or target)
    if kind == "passage":
        passage = index.passages.get(target)
        return f"“{passage_quote(passage)}”" if passage else target
    if kind == "event":
        return str((index.events.get(target) or {}).get("headline") or target)
    if kind == "actor":
        return index.actor_name(target)
    return str((index.claims.get(target) or {}).get("text") or target)


def note_article(index: Index, note: dict[str, Any]) -> dict[str, Any] | None:
    kind, target = note["about"]["kind"], note["about"]["id"]
    if kind == "article":
        return index.articles.get(target)
    if kind == "passage":
        passage = index.passages.get(target)
        return index.articles.get(passage["article_id"]) if passage else None
    return None


def note_rows(doc: dict[str, Any]) -> Iterable[dict[str, Any]]:
    index = Index(doc)
    for note in doc.get("notes") or []:
        article = note_article(index, note)
        yield {
            "note_id": note["id"],
            "about_kind": note["about"]["kind"],
            "about_id": note["about"]["id"],
            "about": about_label(index, note),
            "text": note["text"],
            "article_title": (article or {}).get("title") or "",
            "article_id": (article or {}).get("id") or "",
            "created": note["created"],
            "modified": note["modified"],
            "analyst": note["analyst"],
        }
