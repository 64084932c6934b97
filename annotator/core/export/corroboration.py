"""How well an event is sourced: citations, distinct articles, distinct outlets.

An article without an outlet counts as an outlet of its own (as the timeline table counts
them), so two unattributed pages never pass for one source. "Single source" means every
citation comes from one outlet: the mark an analyst looks for before relying on an event.
"""

from __future__ import annotations

from collections.abc import Iterable

CORROBORATION_COLUMNS = ("citations", "articles", "outlets", "single_source")


def corroboration(cited: Iterable[tuple[str | None, str | None]]) -> dict[str, object]:
    """From (article id, outlet) per citation: the four cells of an event's row."""
    pairs = list(cited)
    articles = {a for a, _ in pairs if a}
    outlets = {(o or "").strip() or f"article:{a}" for a, o in pairs if a}
    return {
        "citations": len(pairs),
        "articles": len(articles),
        "outlets": len(outlets),
        "single_source": "yes" if len(outlets) == 1 else "no" if outlets else "",
    }
