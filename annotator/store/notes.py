"""Memos: the analyst's own notes on an article, a passage, an event, an actor or a claim.

One row per memo (several per target), each with its author and times; the edits build
ChangeSets like ``store.operations`` and the queries feed the Notes panel and the inspector.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotator.core.errors import InputError
from annotator.core.text import counted
from annotator.core.vocabulary import NOTE_MAX_CHARS
from annotator.store.changes import ChangeSet, now_iso
from annotator.store.operations import Span, passage_for
from annotator.store.project import Project
from annotator.store.rows import new_row
from annotator.store.schema import NOTE_TARGETS

KIND_WORDS = {
    "article": "Article",
    "passage": "Passage",
    "event": "Event",
    "actor": "Actor",
    "claim": "Claim",
}
_TABLES = {
    "article": "articles",
    "passage": "passages",
    "event": "events",
    "actor": "actors",
    "claim": "claims",
}


def note_text(value: Any) -> str:
    """A memo as stored: trimmed, without NUL; empty and over-long ones are refused."""
    text = str(value or "").replace("\x00", "").strip()
    if not text:
        raise InputError("a memo cannot be empty", where="memo", hint="type the note first")
    if len(text) > NOTE_MAX_CHARS:
        raise InputError(
            f"this memo is {counted(len(text), 'character')} long; "
            f"a memo holds at most {NOTE_MAX_CHARS:,}",
            where="memo",
            hint="shorten it or split it into several memos",
        )
    return text


def target_of(row: dict[str, Any]) -> tuple[str, str]:
    """The (kind, id) a memo row is about."""
    for kind in NOTE_TARGETS:
        if row.get(f"{kind}_id"):
            return kind, str(row[f"{kind}_id"])
    raise InputError("a memo must be about one thing", where="memo")


def _target_row(project: Project, kind: str, target_id: str) -> dict[str, Any]:
    if kind not in _TABLES:
        raise InputError(
            f"a memo cannot be about a {kind!r}",
            where="memo",
            hint=f"choose one of: {', '.join(NOTE_TARGETS)}",
        )
    row = project.row(_TABLES[kind], target_id)
    if row is None:
        raise InputError(f"no such {kind}: {target_id}", where="memo")
    return row


def add_note(project: Project, kind: str, target_id: str, text: str) -> tuple[ChangeSet, str]:
    _target_row(project, kind, target_id)
    text = note_text(text)
    cs = ChangeSet(f"Add memo to {kind}")
    row = new_row(
        project.analyst,
        text=text,
        **{f"{k}_id": (target_id if k == kind else None) for k in NOTE_TARGETS},
    )
    cs.insert("notes", row)
    return cs, row["id"]


def add_passage_note(project: Project, span: Span, text: str) -> tuple[ChangeSet, str]:
    """A memo on a selected span of an article: its passage is made if not stored yet."""
    text = note_text(text)
    cs = ChangeSet("Add memo to passage")
    passage_id = passage_for(project, cs, span)
    row = new_row(
        project.analyst,
        text=text,
        **{f"{k}_id": (passage_id if k == "passage" else None) for k in NOTE_TARGETS},
    )
    cs.insert("notes", row)
    return cs, row["id"]


def update_note(project: Project, note_id: str, text: str) -> ChangeSet:
    before = _note(project, note_id)
    text = note_text(text)
    cs = ChangeSet("Edit memo")
    if text != before["text"]:
        cs.update("notes", before, text=text, modified=now_iso(), analyst=project.analyst)
    return cs


def delete_note(project: Project, note_id: str) -> ChangeSet:
    """A passage kept only for its memo goes with it (undoably), as with its last citation."""
    before = _note(project, note_id)
    cs = ChangeSet("Delete memo")
    cs.delete("notes", before)
    pid = before.get("passage_id")
    if pid:
        cited = project.scalar("SELECT 1 FROM citations WHERE passage_id = ? LIMIT 1", [pid])
        others = project.scalar(
            "SELECT 1 FROM notes WHERE passage_id = ? AND id != ? LIMIT 1", [pid, note_id]
        )
        passage = project.row("passages", pid)
        if not cited and not others and passage is not None:
            cs.delete("passages", passage)
    return cs


def _note(project: Project, note_id: str) -> dict[str, Any]:
    row = project.row("notes", note_id)
    if row is None:
        raise InputError(f"no such memo: {note_id}", where="memo")
    return row


# -- reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class NoteView:
    """A memo as listed: its text, what it is about in words, and where to open it."""

    id: str
    text: str
    kind: str  # what it is about: article, passage, event, actor, claim
    target_id: str
    target_label: str
    analyst: str
    created: str
    modified: str
    article_id: str | None = None  # for a passage or an article: where the reader opens
    start: int | None = None
    end: int | None = None

    @property
    def about(self) -> str:
        return f"{KIND_WORDS[self.kind]}: {self.target_label}"


_LIST_SQL = """
SELECT n.*,
       coalesce(ar.title, e.headline, ac.name, cl.text, p.quote, '') AS target_label,
       coalesce(n.article_id, p.article_id) AS open_article,
       p.start AS p_start, p."end" AS p_end
  FROM notes n
  LEFT JOIN articles ar ON ar.id = n.article_id
  LEFT JOIN passages p ON p.id = n.passage_id
  LEFT JOIN events e ON e.id = n.event_id
  LEFT JOIN actors ac ON ac.id = n.actor_id
  LEFT JOIN claims cl ON cl.id = n.claim_id
"""


def _view(row: dict[str, Any]) -> NoteView:
    kind, target = target_of(row)
    return NoteView(
        id=row["id"],
        text=row["text"],
        kind=kind,
        target_id=target,
        target_label=" ".join(str(row["target_label"] or "").split()),
        analyst=row["analyst"],
        created=row["created"],
        modified=row["modified"],
        article_id=row["open_article"],
        start=row["p_start"],
        end=row["p_end"],
    )


def all_notes(project: Project) -> list[NoteView]:
    rows = project.rows(_LIST_SQL + " ORDER BY n.created DESC, n.id")
    return [_view(r) for r in rows]


def notes_on(project: Project, kind: str, target_id: str) -> list[NoteView]:
    """Memos on one thing, oldest first (the order they were written in)."""
    if kind not in NOTE_TARGETS:
        return []
    rows = project.rows(_LIST_SQL + f" WHERE n.{kind}_id = ? ORDER BY n.created, n.id", [target_id])
    return [_view(r) for r in rows]


def notes_on_item_passages(project: Project, kind: str, item_id: str) -> list[NoteView]:
    """Memos on the passages that support an item (shown with the item's own)."""
    if kind not in ("event", "actor", "claim"):
        return []
    rows = project.rows(
        _LIST_SQL + f" WHERE n.passage_id IN (SELECT passage_id FROM citations "
        f"WHERE {kind}_id = ?) ORDER BY n.created, n.id",
        [item_id],
    )
    return [_view(r) for r in rows]


def note_count(project: Project) -> int:
    return int(project.scalar("SELECT count(*) FROM notes") or 0)


def notes_by_ids(project: Project, ids: list[str]) -> dict[str, NoteView]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {r["id"]: _view(r) for r in project.rows(_LIST_SQL + f" WHERE n.id IN ({marks})", ids)}
