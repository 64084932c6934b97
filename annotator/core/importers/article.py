"""What every importer returns: normalised text plus the metadata found for it."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass
class ImportedArticle:
    text: str  # normalised with core.text.normalize_text; offsets are code points into it
    title: str
    outlet: str | None
    author: str | None
    url: str | None
    published: str | None  # EDTF ("2025-03-04", "2025-03", "2025-03-02/2025-03-04") or None
    language: str | None
    source: str  # file name it came from
    # Paged sources (PDF): the code-point offset in ``text`` where each page starts, in page
    # order (page 1 first); None when the source has no pages.
    page_starts: list[int] | None = field(default=None)
    # Fetched from the web: when the answer arrived (ISO 8601 UTC) and every address asked,
    # the given one first and the final one (after redirects) last. None for a file.
    retrieved: str | None = field(default=None)
    fetched_from: list[str] | None = field(default=None)


def page_at(page_starts: list[int] | None, offset: int) -> int | None:
    """The 1-based page holding the character at ``offset``; None for an unpaged article."""
    if not page_starts:
        return None
    return max(1, bisect_right(page_starts, offset))
