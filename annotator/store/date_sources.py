"""What an event's date phrase was resolved against, for saying so in words."""

from __future__ import annotations

from typing import Any

from annotator.core.dates.provenance import of_row, source_words
from annotator.core.dates.value import DateValue
from annotator.core.errors import AnnotatorError
from annotator.store.project import Project
from annotator.store.redating import phrase_value

# The passages an event cites with their article's text and publication date, those that
# hold the phrase first (the phrase was read there).
_CITED = """
SELECT p.start, p."end", a.text, a.published,
       instr(lower(p.quote), lower(?)) > 0 AS holds
FROM citations c
JOIN passages p ON p.id = c.passage_id
JOIN articles a ON a.id = p.article_id
WHERE c.event_id = ? AND a.published IS NOT NULL
ORDER BY holds DESC, c.created, c.id
"""


def resolved_against(project: Project, row: dict[str, Any]) -> str | None:
    """The EDTF publication date a phrase counted from ``published`` was resolved against:
    that of the first cited article against whose date the phrase reads as the stored
    date, or None when none does (a newer version of the article with another date, say):
    then no date is named rather than a wrong one."""
    if row.get("date_anchor") != "published" or not row.get("date_phrase") or not row["date"]:
        return None
    for cited in project.rows(_CITED, [row["date_phrase"], row["id"]]):
        try:
            published = DateValue.from_edtf(cited["published"])
        except AnnotatorError:
            continue
        value = phrase_value(
            cited["text"], cited["start"], cited["end"], row["date_phrase"], published
        )
        if value is not None and value.edtf == row["date"]:
            return str(cited["published"])
    return None


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
