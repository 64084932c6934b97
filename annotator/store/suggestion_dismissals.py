"""Suggestions the analyst dismissed in the reader (table ``suggestion_dismissals``, m016).

A dismissal remembers the article, the kind of suggestion, its span and its words; the
reader leaves out every suggestion whose key is dismissed. Its id is derived from these, so
dismissing the same suggestion in two files gives one row when they are merged.
"""

from __future__ import annotations

from annotator.core.errors import InputError
from annotator.store.changes import ChangeSet, derived_id
from annotator.store.project import Project
from annotator.store.rows import provenance

Key = tuple[str, int, int, str]  # kind, start, end, text (``Candidate.key``)
KINDS = ("known_actor", "new_actor", "claim", "date")


def dismissal_id(article_id: str, key: Key) -> str:
    kind, start, end, text = key
    return derived_id("suggestion_dismissal", article_id, kind, str(start), str(end), text)


def dismiss(project: Project, article_id: str, key: Key) -> ChangeSet:
    """One undoable edit: the suggestion is not offered again in this article."""
    kind, start, end, text = key
    if kind not in KINDS or not 0 <= start < end:
        raise InputError(f"not a suggestion: {kind} at {start}-{end}", where="dismiss")
    stored = project.scalar("SELECT text FROM articles WHERE id = ?", [article_id])
    if stored is None or stored[start:end] != text:
        raise InputError(
            "the suggestion is no longer in the article's text", where="dismiss",
            hint="open the article again",
        )  # fmt: skip
    cs = ChangeSet("Dismiss suggestion")
    row_id = dismissal_id(article_id, key)
    if project.row("suggestion_dismissals", row_id) is None:
        cs.insert(
            "suggestion_dismissals",
            {
                "id": row_id, "article_id": article_id, "kind": kind, "start": start,
                "end": end, "text": text, **provenance(project.analyst),
            },
        )  # fmt: skip
    return cs


def dismissed(project: Project, article_id: str) -> set[Key]:
    """The keys dismissed in one article."""
    return {
        (r["kind"], r["start"], r["end"], r["text"])
        for r in project.rows(
            "SELECT kind, start, end, text FROM suggestion_dismissals WHERE article_id = ?",
            [article_id],
        )
    }
