"""Hypothesis annotations: the bodies Hypothesis's API takes (``POST /api/annotations``).

One annotation per citation of an article that has an http(s) URL (Hypothesis anchors
annotations on the live page at that URL). Citations of articles without one are counted, not
written: a ``urn:uuid:`` target would be an annotation no one can ever see.

* ``uri`` and ``target[0].source``: the article's URL; ``document.title``: its title.
* ``target[0].selector``: ``TextQuoteSelector`` (exact, prefix, suffix), what Hypothesis finds
  the passage by on a page whose text differs from ours, and ``TextPositionSelector`` (code
  points of the text as imported), a hint it uses when the page text matches.
* ``text``: what the passage supports (``event: <headline>``) and the analyst's note;
  ``tags``: the item's tags. ``group``: ``__world__`` (public) unless the analyst names one of
  their groups' ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import InputError
from annotator.core.export.common import Index, date_sentence, safe_url
from annotator.core.export.filters import sort_events
from annotator.core.text import counted

PUBLIC_GROUP = "__world__"


@dataclass(frozen=True)
class HypothesisExport:
    annotations: list[dict[str, Any]]
    without_url: int  # citations left out: their article has no http(s) URL
    # the articles those citations are in: id -> (title, citations), in the order met
    missing: dict[str, tuple[str, int]] = field(default_factory=dict)

    def left_out(self) -> str:
        if not self.without_url:
            return ""
        n = len(self.missing)
        whose = "its article has" if n == 1 else f"their {counted(n, 'article')} have"
        titles = ", ".join(f"“{title[:60]}”" for title, _count in list(self.missing.values())[:3])
        more = f" and {n - 3:,} more" if n > 3 else ""
        return (
            f"{counted(self.without_url, 'citation')} left out: {whose} no web address for"
            f" Hypothesis to annotate ({titles}{more}); add the URL in the article's details"
        )


def cited_without_url(doc: dict[str, Any]) -> dict[str, tuple[str, int]]:
    """Articles whose passages are cited but that have no http(s) URL: id -> (title, how
    many citations), the ones the Hypothesis export has to leave out."""
    return to_hypothesis(doc).missing


def _selectors(passage: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for sel in passage["target"]["selector"]:
        if sel["type"] == "TextQuoteSelector":
            found.insert(
                0,
                {
                    "type": "TextQuoteSelector",
                    "exact": sel["exact"],
                    "prefix": sel.get("prefix", ""),
                    "suffix": sel.get("suffix", ""),
                },
            )
        elif sel["type"] == "TextPositionSelector":
            found.append({"type": "TextPositionSelector", "start": sel["start"], "end": sel["end"]})
    return found


def to_hypothesis(doc: dict[str, Any], *, group: str = PUBLIC_GROUP) -> HypothesisExport:
    if not group.strip() or any(ch.isspace() for ch in group):
        raise InputError(
            f"{group!r} is not a Hypothesis group id",
            where="--group",
            hint="use __world__ or the id in your group's address (hypothes.is/groups/ID/...)",
        )
    index = Index(doc)
    annotations: list[dict[str, Any]] = []
    without_url = 0
    missing: dict[str, tuple[str, int]] = {}
    sources = (
        [("event", ev, ev["headline"]) for ev in sort_events(doc["events"])]
        + [("claim", c, c["text"]) for c in doc["claims"]]
        + [("actor", a, a["name"]) for a in doc["actors"]]
    )
    for kind, item, label in sources:
        for citation in item.get("citations") or []:
            passage = index.passages.get(citation["passage_id"])
            if passage is None:
                continue
            article = index.articles.get(passage["article_id"]) or {}
            url = safe_url(article.get("url"))
            if url is None:
                without_url += 1
                title, count = missing.get(passage["article_id"], (article.get("title") or "", 0))
                missing[passage["article_id"]] = (title, count + 1)
                continue
            text = f"{kind}: {label}"
            when = date_sentence(item.get("date") or item.get("claimed"), index.headlines)
            if when:  # the date, and whether it was suggested or confirmed
                text += f"\n{when}"
            if citation.get("note"):
                text += f"\n\n{citation['note']}"
            annotations.append(
                {
                    "uri": url,
                    "document": {"title": [article.get("title") or url]},
                    "text": text,
                    "tags": list(item.get("tags") or []),
                    "group": group,
                    "target": [{"source": url, "selector": _selectors(passage)}],
                }
            )
    return HypothesisExport(annotations, without_url, missing)
