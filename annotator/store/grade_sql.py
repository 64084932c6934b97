"""SQL for graded sources, shared by the filters (``queries``) and ``grades``.

Reliability grades A-F and credibility grades 1-6 sort as text in the order of trust, so
``min`` is the best grade and ``<=`` is "at least as good as".
"""

from __future__ import annotations

from typing import Any

# An article's effective reliability: its own grade, else its outlet's (a alias articles).
RELIABILITY_OF_A = (
    "coalesce(a.reliability, (SELECT g.grade FROM outlet_grades g WHERE g.outlet = a.outlet))"
)
# The best (lowest letter) effective reliability among an event's (e) cited articles.
BEST_RELIABILITY_OF_E = (
    f"SELECT min({RELIABILITY_OF_A}) FROM citations c "
    "JOIN passages p ON p.id = c.passage_id JOIN articles a ON a.id = p.article_id "
    "WHERE c.event_id = e.id"
)
# The best credibility among an event's citations.
BEST_CREDIBILITY_OF_E = "SELECT min(c.credibility) FROM citations c WHERE c.event_id = e.id"
# Whether an event's claims are contested (one asserts, another denies or disputes).
CONTESTED_E = (
    "EXISTS (SELECT 1 FROM claims k WHERE k.event_id = e.id AND k.stance = 'asserts') "
    "AND EXISTS (SELECT 1 FROM claims k WHERE k.event_id = e.id "
    "AND k.stance IN ('denies', 'disputes'))"
)


def grade_where(
    worst_reliability: str, worst_credibility: str, assessments: tuple[str, ...]
) -> tuple[list[str], list[Any]]:
    """WHERE parts for events aliased ``e``: its best source graded at least
    ``worst_reliability`` ("C": A to C), its best citation at least ``worst_credibility``,
    its assessment one of ``assessments`` ("" for not yet assessed); "" / () for any."""
    parts: list[str] = []
    params: list[Any] = []
    if worst_reliability:
        parts.append(f"({BEST_RELIABILITY_OF_E}) <= ?")
        params.append(worst_reliability)
    if worst_credibility:
        parts.append(f"({BEST_CREDIBILITY_OF_E}) <= ?")
        params.append(worst_credibility)
    if assessments:
        named = [a for a in assessments if a]
        either = [f"e.assessment IN ({','.join('?' * len(named))})"] if named else []
        if "" in assessments:
            either.append("e.assessment IS NULL")
        parts.append(f"({' OR '.join(either)})")
        params += named
    return parts, params
