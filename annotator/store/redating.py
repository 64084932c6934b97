"""Suggested dates follow their article's publication date.

A date suggested from a relative phrase ("on Tuesday", "last month") was resolved against the
article's publication date. When the analyst corrects that date, the date is worked out again
from the same phrase in the same passage, so that "resolved against the publication date"
stays true. A confirmed one becomes a suggestion again: what the analyst checked was the
reading against the old publication date. Dates typed, edited in the table or moved on the
drawn timeline are the analyst's own and stay as they are (``dates.provenance``).
"""

from __future__ import annotations

from annotator.core.dates.provenance import DateChange, follows_publication, next_provenance, of_row
from annotator.core.dates.value import DateValue
from annotator.core.suggest import suggest_dates
from annotator.store.changes import ChangeSet, now_iso
from annotator.store.project import Project
from annotator.store.rows import event_date_columns

# Events whose suggested date was counted from the publication date, with the passages in
# this article that they cite (the phrase is looked for there).
_SUGGESTED_HERE = """
SELECT e.*, p.start AS p_start, p."end" AS p_end
FROM events e
JOIN citations c ON c.event_id = e.id
JOIN passages p ON p.id = c.passage_id
WHERE p.article_id = ? AND e.date_anchor = 'published' AND e.date_phrase IS NOT NULL
ORDER BY e.id, p.start
"""


def resolve_again(
    project: Project, article_id: str, text: str, published: DateValue | None
) -> tuple[ChangeSet, int]:
    """The updates that bring suggested dates in line with a new publication date, and how
    many dates they change. A phrase no longer found in its passage is left alone."""
    cs = ChangeSet("Re-resolve suggested dates")
    done: set[str] = set()
    for row in project.rows(_SUGGESTED_HERE, [article_id]):
        if row["id"] in done or not follows_publication(of_row(row)):
            continue
        value = phrase_value(text, row["p_start"], row["p_end"], row["date_phrase"], published)
        if value is None:
            continue
        done.add(row["id"])
        before = {k: v for k, v in row.items() if k not in ("p_start", "p_end")}
        if value.edtf == before["date"]:
            continue
        prov = next_provenance(DateChange.RESOLVED_AGAIN, of_row(before))
        columns = event_date_columns(
            value, phrase=prov.phrase, anchor=prov.anchor, status=prov.status
        )
        cs.update("events", before, **columns, modified=now_iso(), analyst=project.analyst)
    return cs, len(cs.changes)


def phrase_value(
    text: str, start: int, end: int, phrase: str, published: DateValue | None
) -> DateValue | None:
    """What ``phrase`` in the passage's sentence reads as against ``published``."""
    for s in suggest_dates(text, start, end, published):
        if s.phrase == phrase and s.anchor == "published" and s.value is not None:
            return s.value
    return None
