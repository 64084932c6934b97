"""W3C Web Annotation (JSON-LD) export: one annotation per citation.

Output shape (chosen so both a file reader and an annotation server can take it): one
``AnnotationCollection`` whose embedded ``first`` page holds every annotation as ``items``
(the Web Annotation Protocol's container shape). Each annotation also carries its own
``@context``, so any item can be saved on its own.

* ``target``: the article. ``source`` is its URL when it has an http(s) one (what annotation
  tools match pages by), else ``urn:uuid:<article id>``. Selectors: ``TextPositionSelector``
  (Unicode code points of the article text as imported, which is what the W3C model counts) and
  ``TextQuoteSelector`` (exact, prefix, suffix); the quote is what finds the passage again on a
  live page whose text differs.
* ``motivation``: ``linking``: the passage is evidence for an item of the chronology.
* ``body``: the item's IRI (``urn:uuid:<item id>``), a TextualBody with purpose ``identifying``
  that names it (``event: <headline>``), the analyst's note (``commenting``) and the item's tags
  (``tagging``).
"""

from __future__ import annotations

import re
import uuid
from typing import Any
from urllib.parse import quote

from annotator.core.export.common import Index, date_sentence, safe_url
from annotator.core.export.filters import sort_events

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_NS = uuid.UUID("0b6c1c6e-2d3f-4c1e-9d59-5f0b1e2a7c44")


def iri(kind: str, item_id: str) -> str:
    """A stable IRI for one of our ids: ``urn:uuid:`` for uuid hex ids, else a private URN."""
    if _HEX32.match(item_id):
        return uuid.UUID(hex=item_id).urn
    return f"urn:x-timeline-annotator:{kind}:{quote(item_id, safe='')}"


def _text_body(value: str, purpose: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": purpose, "format": "text/plain", "value": value}


def _annotation(
    index: Index,
    kind: str,
    item: dict[str, Any],
    label: str,
    citation: dict[str, Any],
    generator: str,
) -> dict[str, Any] | None:
    passage = index.passages.get(citation["passage_id"])
    if passage is None:
        return None
    article = index.articles.get(passage["article_id"]) or {}
    selectors = []
    for sel in passage["target"]["selector"]:
        if sel["type"] == "TextPositionSelector":
            selectors.append(
                {"type": "TextPositionSelector", "start": sel["start"], "end": sel["end"]}
            )
        else:
            selectors.append(
                {
                    "type": "TextQuoteSelector",
                    "exact": sel["exact"],
                    "prefix": sel.get("prefix", ""),
                    "suffix": sel.get("suffix", ""),
                }
            )
    body: list[Any] = [iri(kind, item["id"]), _text_body(f"{kind}: {label}", "identifying")]
    when = date_sentence(item.get("date") or item.get("claimed"), index.headlines)
    if when:  # the date, and whether the app suggested it or the analyst confirmed it
        body.append(_text_body(when, "describing"))
    if citation.get("note"):
        body.append(_text_body(citation["note"], "commenting"))
    body.extend(_text_body(tag, "tagging") for tag in item.get("tags") or [])
    anno: dict[str, Any] = {
        "@context": CONTEXT,
        "id": iri("citation", citation["id"]),
        "type": "Annotation",
        "motivation": "linking",
        "created": citation["created"],
        "generator": {"type": "Software", "name": generator},
        "body": body,
        "target": {
            "source": safe_url(article.get("url")) or iri("article", passage["article_id"]),
            "selector": selectors,
        },
    }
    if citation.get("analyst"):
        anno["creator"] = {"type": "Person", "nickname": citation["analyst"]}
    return anno


def to_webannotations(
    doc: dict[str, Any], *, label: str = "Timeline Annotator citations"
) -> dict[str, Any]:
    """An AnnotationCollection with every citation of ``doc`` as one annotation."""
    index = Index(doc)
    generator = doc.get("generator") or "timeline-annotator"
    items: list[dict[str, Any]] = []
    sources = (
        [("event", ev, ev["headline"]) for ev in sort_events(doc["events"])]
        + [("claim", c, c["text"]) for c in doc["claims"]]
        + [("actor", a, a["name"]) for a in doc["actors"]]
    )
    for kind, item, name in sources:
        for citation in item.get("citations") or []:
            anno = _annotation(index, kind, item, name, citation, generator)
            if anno is not None:
                items.append(anno)
    # the collection id follows from its content, so the same export gets the same id
    coll = uuid.uuid5(_NS, "\n".join(a["id"] for a in items)).urn
    return {
        "@context": CONTEXT,
        "id": coll,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {
            "id": coll + "#page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
