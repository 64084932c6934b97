"""The grade cells of an event's row in the flat exports (CSV, XLSX), from the document.

``grades`` is one entry per citation, in the order of ``sources``: the Admiralty code
("B2"; "-" for a grade not set). ``best_reliability`` is the most reliable source's grade,
``assessment`` the analyst's, ``suggested_assessment`` the rule's (``core.grades``),
``contested`` whether its claims contradict each other. The store's fast CSV path builds
the same cells through ``grade_cells``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from annotator.core.grades import (
    Evidence,
    best_reliability,
    effective_reliability,
    grade_code,
    is_contested,
    suggest_assessment,
)

GRADE_COLUMNS = (
    "assessment",
    "suggested_assessment",
    "contested",
    "best_reliability",
    "grades",
)
SEPARATOR = " | "  # as the per-citation sources and quotes


def grade_cells(
    assessment: str | None,
    cited: Iterable[tuple[str, str | None, str | None]],
    stances: Iterable[str],
) -> dict[str, object]:
    """From (source, effective reliability, credibility) per citation and the stances of
    the event's claims: the five cells."""
    evidence = [Evidence(source, rel, cred) for source, rel, cred in cited]
    contested = is_contested(stances)
    return {
        "assessment": assessment or "",
        "suggested_assessment": suggest_assessment(contested, evidence),
        "contested": "yes" if contested else "no",
        "best_reliability": best_reliability(e.reliability for e in evidence) or "",
        "grades": SEPARATOR.join(grade_code(e.reliability, e.credibility) for e in evidence),
    }


class DocumentGrades:
    """Grade lookups over one chronology document."""

    def __init__(self, doc: dict[str, Any]):
        outlet = {g["outlet"]: g["grade"] for g in doc.get("outlet_grades") or []}
        self.articles: dict[str, tuple[str, str | None]] = {
            a["id"]: (
                (a.get("outlet") or "").strip() or a["id"],
                effective_reliability(a.get("reliability"), outlet.get(a.get("outlet") or "")),
            )
            for a in doc["articles"]
        }
        self.article_of = {p["id"]: p["article_id"] for p in doc["passages"]}
        self.stances: dict[str, list[str]] = {}
        for c in doc["claims"]:
            if c.get("event_id"):
                self.stances.setdefault(c["event_id"], []).append(c["stance"])

    def citation(self, citation: dict[str, Any]) -> tuple[str, str | None, str | None]:
        """(source, effective reliability, credibility) of one citation."""
        article = self.article_of.get(citation["passage_id"], "")
        source, reliability = self.articles.get(article, (article, None))
        return source, reliability, citation.get("credibility")

    def code(self, citation: dict[str, Any]) -> str:
        _, reliability, credibility = self.citation(citation)
        return grade_code(reliability, credibility)

    def contested(self, event_id: str) -> bool:
        return is_contested(self.stances.get(event_id, []))

    def cells(self, event: dict[str, Any]) -> dict[str, object]:
        return grade_cells(
            event.get("assessment"),
            (self.citation(c) for c in event.get("citations") or []),
            self.stances.get(event["id"], []),
        )

    def report_meta(self, event: dict[str, Any]) -> list[str]:
        """What a report says of an event's evidence, only what is set: the analyst's
        assessment, contested claims, the best source's grade."""
        cells = self.cells(event)
        out = [f"assessed {cells['assessment']}"] if cells["assessment"] else []
        if cells["contested"] == "yes":
            out.append("contested claims")
        if cells["best_reliability"]:
            out.append(f"best source graded {cells['best_reliability']}")
        return out
