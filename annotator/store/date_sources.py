"""What an event's date phrase was resolved against, for saying so in words."""

from __future__ import annotations

from typing import Any

from annotator.core.dates.provenance import of_row, source_words
from annotator.core.dates.value import DateValue
from annotator.core.errors import AnnotatorError
from annotator.store.project import Project

# The publication dates of the articles an event cites, those whose cited passage holds the
# phrase first (the phrase was read there).
_PUBLISHED = """
SELECT DISTINCT a.published,
       instr(lower(p.quote), lower(?)) > 0 AS holds
FROM citations c
JOIN passages p ON p.id = c.passage_id
JOIN articles a ON a.id = p.article_id
WHERE c.event_id = ? AND a.published IS NOT NULL
ORDER BY holds DESC, a.published
"""


def resolved_against(project: Project, row: dict[str, Any]) -> str | None:
    """The EDTF publication date a phrase counted from ``published`` was resolved against,
    or None. Redating keeps every such date in line with its article's date, so the
    article's date now is the one it was read against."""
    if row.get("date_anchor") != "published" or not row.get("date_phrase"):
        return None
    found = project.rows(_PUBLISHED, [row["date_phrase"], row["id"]])
    return str(found[0]["published"]) if found else None


def date_source_text(project: Project, row: dict[str, Any], *, day_first: bool = True) -> str:
    """What set an event's date, in words, with the publication date or the event it was
    counted from named."""
    against = resolved_against(project, row)
    shown = None
    if against:
        try:
            shown = DateValue.from_edtf(against).display(day_first)
        except AnnotatorError:
            shown = against
    anchor = row.get("date_anchor") or ""
    headline = None
    if anchor.startswith("event:"):
        headline = project.scalar(
            "SELECT headline FROM events WHERE id = ?", [anchor[len("event:") :]]
        )
    return source_words(of_row(row), against=shown, event=headline)
