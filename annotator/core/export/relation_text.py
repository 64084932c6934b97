"""Relations between events in words, for the writers that read the chronology document:
each event's relations as it reads them ("precedes …", "caused by …", or from the other
end "follows …", "causes …"), and one row per relation for the relations table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from annotator.core.vocabulary import relation_words

RELATION_COLUMNS = [
    "id",
    "source_id",
    "source",
    "relation",
    "kind",
    "target_id",
    "target",
    "note",
    "created",
    "modified",
    "analyst",
]


def relations_by_event(
    relations: Iterable[Mapping[str, Any]], headlines: Mapping[str, str]
) -> dict[str, list[tuple[str, str, str]]]:
    """event id -> [(words, other event id, other headline)], in the document's order."""
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for r in relations:
        source, target, kind = r["source_id"], r["target_id"], r["kind"]
        out[source].append((relation_words(kind), target, headlines.get(target, target)))
        out[target].append(
            (relation_words(kind, reverse=True), source, headlines.get(source, source))
        )
    return out


def relation_cell(readings: list[tuple[str, str, str]]) -> str:
    """ "precedes: Emergency EU summit; caused by: Oval Office clash" (one CSV cell)."""
    return "; ".join(f"{words}: {headline}" for words, _id, headline in readings)


def relation_rows(doc: Mapping[str, Any]) -> Iterable[dict[str, Any]]:
    headlines = {e["id"]: e["headline"] for e in doc["events"]}
    for r in doc.get("relations") or []:
        yield {
            "id": r["id"],
            "source_id": r["source_id"],
            "source": headlines.get(r["source_id"], ""),
            "relation": relation_words(r["kind"]),
            "kind": r["kind"],
            "target_id": r["target_id"],
            "target": headlines.get(r["target_id"], ""),
            "note": r.get("note") or "",
            "created": r.get("created"),
            "modified": r.get("modified"),
            "analyst": r.get("analyst"),
        }
