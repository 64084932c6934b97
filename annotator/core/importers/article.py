"""What every importer returns: normalised text plus the metadata found for it."""

from __future__ import annotations

from dataclasses import dataclass


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
