"""Checking every passage against its article text, and re-finding the ones that moved.

The check is one SQL query (SQLite's substr counts characters, as Python does), so
opening a project with 200,000 passages costs a scan, not a Python loop over all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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


def anchor_fix(row: dict[str, Any], text: str) -> dict[str, Any] | None:
    """The column values that make a passage row fit ``text``: None when it already does;
    re-found (selector follows the text) or marked orphan (kept, never deleted)."""
    start, end = row["start"], row["end"]
    if end <= len(text) and text[start:end] == row["quote"]:
        return None
    anchor = reanchor(text, row["quote"], row["prefix"], row["suffix"], start, end)
    if anchor is None:
        return {"status": "orphan"}
    # The article text is authoritative (never edited), so the selector follows it.
    sel = make_selector(text, anchor.start, anchor.end)
    return {
        "start": sel["start"],
        "end": sel["end"],
        "quote": sel["quote"],
        "prefix": sel["prefix"],
        "suffix": sel["suffix"],
        "status": "reanchored",
    }


def anchor_incoming(rows: list[dict[str, Any]], text_of: Callable[[str], str | None]) -> None:
    """Fit passage rows that are about to be inserted (load, merge) to their articles."""
    for row in rows:
        text = text_of(row["article_id"])
        fix = anchor_fix(row, text) if text is not None and row["status"] != "orphan" else None
        if fix:
            row.update(fix)


def check_passages(project: Project) -> tuple[AnchorReport, ChangeSet]:
    """Find stored passages whose text no longer matches; re-find them or mark them orphans.

    Returns the ChangeSet to apply (empty when all is well).
    """
    report = AnchorReport(checked=project.scalar("SELECT count(*) FROM passages") or 0)
    cs = ChangeSet("Re-anchor passages")
    for row in project.rows(_MISMATCHED):
        text = row.pop("article_text")
        fix = anchor_fix(row, text)
        if fix is None:
            continue
        cs.update("passages", row, **fix, modified=now_iso())
        (report.orphaned if fix["status"] == "orphan" else report.reanchored).append(row["id"])
    return report, cs


def orphans(project: Project) -> list[dict[str, Any]]:
    return project.rows(
        "SELECT p.*, a.title AS article_title FROM passages p "
        "JOIN articles a ON a.id = p.article_id WHERE p.status = 'orphan' ORDER BY a.title"
    )
