"""The spans each side of a merge tagged, for the agreement figures (core.agreement)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from annotator.core.agreement import Agreement, Tagged, agreement
from annotator.store.project import Project

_KIND_COLUMNS = (("event", "event_id"), ("actor", "actor_id"), ("claim", "claim_id"))


def tagged_in_rows(rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> list[Tagged]:
    """From rows as a merge reads them (a project file or a JSON export)."""
    hashes = {a["id"]: a["text_hash"] for a in rows.get("articles", [])}
    passages = {p["id"]: p for p in rows.get("passages", [])}
    out = []
    for c in rows.get("citations", []):
        p = passages.get(c["passage_id"])
        if p is None or p["article_id"] not in hashes:
            continue
        kind = next((k for k, col in _KIND_COLUMNS if c.get(col)), None)
        if kind is not None:
            out.append(Tagged(hashes[p["article_id"]], int(p["start"]), int(p["end"]), kind))
    return out


def tagged_in(project: Project) -> list[Tagged]:
    return [
        Tagged(r["text_hash"], r["start"], r["end"], r["kind"])
        for r in project.rows(
            'SELECT a.text_hash, p.start, p."end", CASE WHEN c.event_id IS NOT NULL THEN '
            "'event' WHEN c.actor_id IS NOT NULL THEN 'actor' ELSE 'claim' END AS kind "
            "FROM citations c JOIN passages p ON p.id = c.passage_id "
            "JOIN articles a ON a.id = p.article_id"
        )
    ]


def merge_agreement(project: Project, their_rows: Mapping[str, Any]) -> Agreement:
    return agreement(tagged_in(project), tagged_in_rows(their_rows))
