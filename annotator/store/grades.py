"""Graded sources and event assessments: the edits (each a ChangeSet) and the reads.

See ``core.grades`` for the grading system and the rule that suggests an assessment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotator.core.errors import InputError
from annotator.core.grades import (
    ClaimSide,
    Contest,
    Evidence,
    contest_of,
    effective_reliability,
    suggest_assessment,
    suggestion_reason,
)
from annotator.core.vocabulary import CREDIBILITIES, EVENT_ASSESSMENTS, RELIABILITIES
from annotator.store.changes import ChangeSet, derived_id, now_iso
from annotator.store.grade_sql import CONTESTED_E, RELIABILITY_OF_A
from annotator.store.project import Project
from annotator.store.rows import provenance


def _choice(value: str | None, choices: tuple[str, ...], field: str) -> str | None:
    value = (value or "").strip() or None
    if value is not None and value not in choices:
        raise InputError(
            f"{value!r} is not a {field.replace('_', ' ')}",
            where=field,
            hint=f"choose one of: {', '.join(choices)}",
        )
    return value


def _must(project: Project, table: str, row_id: str) -> dict[str, Any]:
    row = project.row(table, row_id)
    if row is None:
        raise InputError(f"no such {table[:-1]}: {row_id}", where=table)
    return row


def _touch(project: Project) -> dict[str, str]:
    return {"modified": now_iso(), "analyst": project.analyst}


def outlet_grade_id(outlet: str) -> str:
    """One outlet has one id in every file, so two analysts' grades of it meet in a merge."""
    return derived_id("outlet_grade", outlet)


# -- edits -------------------------------------------------------------------------------


def set_outlet_grade(project: Project, outlet: str, grade: str | None) -> ChangeSet:
    """An outlet's reliability, the default for all its articles; None removes the grade."""
    outlet = (outlet or "").strip()
    if not outlet:
        raise InputError(
            "this article names no outlet to grade",
            where="outlet",
            hint="set its outlet first (Article Details), or grade the article itself",
        )
    grade = _choice(grade, RELIABILITIES, "reliability")
    before = project.row("outlet_grades", outlet_grade_id(outlet))
    cs = ChangeSet(f"Grade outlet {outlet[:40]} {grade or 'not graded'}")
    if before is None and grade is not None:
        row = {"id": outlet_grade_id(outlet), "outlet": outlet, "grade": grade}
        cs.insert("outlet_grades", {**row, **provenance(project.analyst)})
    elif before is not None and grade is None:
        cs.delete("outlet_grades", before)
    elif before is not None and before["grade"] != grade:
        cs.update("outlet_grades", before, grade=grade, **_touch(project))
    return cs


def set_article_reliability(project: Project, article_id: str, grade: str | None) -> ChangeSet:
    """An article's own reliability, over its outlet's; None falls back to the outlet's."""
    before = _must(project, "articles", article_id)
    grade = _choice(grade, RELIABILITIES, "reliability")
    cs = ChangeSet(f"Grade article {before['title'][:40]} {grade or 'as its outlet'}")
    if before["reliability"] != grade:
        cs.update("articles", before, reliability=grade, **_touch(project))
    return cs


def set_citation_credibility(project: Project, citation_id: str, grade: str | None) -> ChangeSet:
    """How credible the information one citation brings is (1-6); None: not graded."""
    before = _must(project, "citations", citation_id)
    grade = _choice(grade, CREDIBILITIES, "credibility")
    cs = ChangeSet(f"Grade citation {grade or 'not graded'}")
    if before["credibility"] != grade:
        cs.update("citations", before, credibility=grade, **_touch(project))
    return cs


def set_event_assessment(project: Project, event_id: str, assessment: str | None) -> ChangeSet:
    """The analyst's verdict on an event: corroborated, disputed, unverified; None: not yet."""
    before = _must(project, "events", event_id)
    value = _choice(assessment, EVENT_ASSESSMENTS, "assessment")
    cs = ChangeSet(f"Assess event {before['headline'][:40]} {value or 'not assessed'}")
    if before["assessment"] != value:
        cs.update("events", before, assessment=value, **_touch(project))
    return cs


# -- reads -------------------------------------------------------------------------------


def outlet_grade(project: Project, outlet: str | None) -> str | None:
    if not outlet or not _has_table(project, "outlet_grades"):
        return None
    value = project.scalar("SELECT grade FROM outlet_grades WHERE outlet = ?", [outlet])
    return str(value) if value else None


def outlet_grades(project: Project) -> dict[str, str]:
    """Every graded outlet's grade, by outlet text."""
    if not _has_table(project, "outlet_grades"):
        return {}
    return {
        r["outlet"]: r["grade"] for r in project.rows("SELECT outlet, grade FROM outlet_grades")
    }


def citation_grades(project: Project, kind: str, item_id: str) -> dict[str, dict[str, Any]]:
    """Citation id -> its credibility and its article's own, outlet and effective grades."""
    if kind not in ("event", "actor", "claim"):
        raise ValueError(f"unknown item kind {kind!r}")
    rows = project.rows(
        f"SELECT c.id, c.credibility, a.reliability AS article_grade, "
        f"(SELECT g.grade FROM outlet_grades g WHERE g.outlet = a.outlet) AS outlet_grade "
        f"FROM citations c JOIN passages p ON p.id = c.passage_id "
        f"JOIN articles a ON a.id = p.article_id WHERE c.{kind}_id = ?",
        [item_id],
    )
    return {
        r["id"]: {
            **r,
            "reliability": effective_reliability(r["article_grade"], r["outlet_grade"]),
        }
        for r in rows
    }


def event_evidence(project: Project, event_id: str) -> list[Evidence]:
    """Each citation of an event as the rule weighs it."""
    rows = project.rows(
        f"SELECT coalesce(nullif(a.outlet, ''), a.id) AS source, "
        f"{RELIABILITY_OF_A} AS reliability, c.credibility FROM citations c "
        "JOIN passages p ON p.id = c.passage_id JOIN articles a ON a.id = p.article_id "
        "WHERE c.event_id = ? ORDER BY c.created, c.id",
        [event_id],
    )
    return [Evidence(r["source"], r["reliability"], r["credibility"]) for r in rows]


def event_contest(project: Project, event_id: str) -> Contest:
    """The event's claims for and against, each with its claimant and where it is cited."""
    rows = project.rows(
        "SELECT k.id, k.text, k.stance, coalesce(ac.name, '') AS claimant, "
        "(SELECT group_concat(src, '; ') FROM (SELECT DISTINCT "
        "   trim(coalesce(a.outlet, '') || CASE WHEN coalesce(a.outlet, '') != '' "
        "   THEN ' — ' ELSE '' END || a.title) AS src "
        "   FROM citations c JOIN passages p ON p.id = c.passage_id "
        "   JOIN articles a ON a.id = p.article_id WHERE c.claim_id = k.id)) AS source "
        "FROM claims k LEFT JOIN actors ac ON ac.id = k.claimant_id "
        "WHERE k.event_id = ? ORDER BY k.claimed_earliest IS NULL, k.claimed_earliest, "
        "k.created, k.id",
        [event_id],
    )
    return contest_of(
        ClaimSide(r["id"], r["text"], r["stance"], r["claimant"], r["source"] or "") for r in rows
    )


@dataclass(frozen=True)
class Suggestion:
    assessment: str
    reason: str


def suggested_assessment(project: Project, event_id: str) -> Suggestion:
    contested = event_contest(project, event_id).contested
    evidence = event_evidence(project, event_id)
    return Suggestion(
        suggest_assessment(contested, evidence), suggestion_reason(contested, evidence)
    )


def contested_claim_ids(project: Project) -> set[str]:
    """Claims on either side of a contest about their event."""
    return {
        r["id"]
        for r in project.rows(
            "SELECT k.id FROM claims k JOIN events e ON e.id = k.event_id "
            f"WHERE k.stance IN ('asserts', 'denies', 'disputes') AND {CONTESTED_E}"
        )
    }


def _has_table(project: Project, table: str) -> bool:
    # As store.chronology's: importing that module (19 ms, the export's code) held the
    # window's first paint, for this one query.
    return bool(
        project.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table])
    )
