"""Checking every passage against its article text, and re-finding the ones that moved.

The check is one SQL query (SQLite's substr counts characters, as Python does), so
opening a project with 200,000 passages costs a scan, not a Python loop over all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.anchoring import make_selector, reanchor
from annotator.store.changes import ChangeSet, now_iso
from annotator.store.project import Project

_MISMATCHED = """
SELECT p.*, a.text AS article_text
  FROM passages p JOIN articles a ON a.id = p.article_id
 WHERE p.status != 'orphan'
   AND (p."end" > length(a.text) OR substr(a.text, p.start + 1, p."end" - p.start) != p.quote)
"""


@dataclass
class AnchorReport:
    checked: int = 0
    reanchored: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)


def check_passages(project: Project) -> tuple[AnchorReport, ChangeSet]:
    """Find passages whose text no longer matches; re-find them or mark them orphans.

    Returns the ChangeSet to apply (empty when all is well). Orphans are kept, never deleted.
    """
    report = AnchorReport(checked=project.scalar("SELECT count(*) FROM passages") or 0)
    cs = ChangeSet("Re-anchor passages")
    for row in project.rows(_MISMATCHED):
        text = row.pop("article_text")
        anchor = reanchor(text, row["quote"], row["prefix"], row["suffix"],
                          row["start"], row["end"])
        if anchor is None:
            cs.update("passages", row, status="orphan", modified=now_iso())
            report.orphaned.append(row["id"])
        else:
            # The article text is authoritative (never edited), so the selector follows it.
            sel = make_selector(text, anchor.start, anchor.end)
            cs.update("passages", row, start=sel["start"], end=sel["end"], quote=sel["quote"],
                      prefix=sel["prefix"], suffix=sel["suffix"], status="reanchored",
                      modified=now_iso())
            report.reanchored.append(row["id"])
    return report, cs


def orphans(project: Project) -> list[dict]:
    return project.rows(
        "SELECT p.*, a.title AS article_title FROM passages p "
        "JOIN articles a ON a.id = p.article_id WHERE p.status = 'orphan' ORDER BY a.title")
