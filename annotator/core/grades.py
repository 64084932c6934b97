"""Weighing the evidence for an event: graded sources, contested claims, a suggested verdict.

Pure functions over plain values, shared by the inspector, the filters and the exports.

The grades are the Admiralty (NATO) system: a source's reliability A-F, the default for an
outlet's articles that an article's own grade overrides, and an information credibility 1-6
per citation. A grade reads "B2": reliability then credibility, "-" for what is not graded.

The suggested assessment of an event (``suggest_assessment``), in this order:

1. **disputed** when its claims are contested: at least one claim asserts it and another
   denies or disputes it;
2. **corroborated** when at least two independent outlets report it (an article without an
   outlet counts as its own) and no contest; an outlet counts only through a citation that
   is not discredited: a source graded D or E (not usually reliable, unreliable) or
   information graded 4 or 5 (doubtful, improbable) does not corroborate;
3. **unverified** otherwise.

It is a suggestion: the analyst sets the assessment, and may disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.text import counted
from annotator.core.vocabulary import CREDIBILITY_WORDS, RELIABILITY_WORDS

FOR_STANCES = frozenset({"asserts"})
AGAINST_STANCES = frozenset({"denies", "disputes"})
# Grades that do not count towards corroboration.
WEAK_RELIABILITY = frozenset({"D", "E"})
WEAK_CREDIBILITY = frozenset({"4", "5"})
ASSESSMENT_WORDS = {
    "corroborated": "corroborated",
    "disputed": "disputed",
    "unverified": "unverified",
}


def reliability_words(grade: str | None) -> str:
    """ "B" → "B — Usually reliable"; "" when not graded."""
    return f"{grade} — {RELIABILITY_WORDS[grade]}" if grade in RELIABILITY_WORDS else ""


def credibility_words(grade: str | None) -> str:
    """ "2" → "2 — Probably true"; "" when not graded."""
    return f"{grade} — {CREDIBILITY_WORDS[grade]}" if grade in CREDIBILITY_WORDS else ""


def effective_reliability(article_grade: str | None, outlet_grade: str | None) -> str | None:
    """An article's own grade, else its outlet's, else None (not graded)."""
    return article_grade or outlet_grade or None


def grade_code(reliability: str | None, credibility: str | None) -> str:
    """The two grades as analysts write them: "B2", "B-", "-3"; "" when neither is set."""
    if not reliability and not credibility:
        return ""
    return f"{reliability or '-'}{credibility or '-'}"


def best_reliability(grades: Iterable[str | None]) -> str | None:
    """The most reliable of the grades given (A before F), or None if none is graded."""
    return min((g for g in grades if g), default=None)


def meets_reliability(grade: str | None, worst: str) -> bool:
    """Whether a grade is at least as good as ``worst`` ("A-C only": worst is "C")."""
    return bool(grade) and str(grade) <= worst


@dataclass(frozen=True)
class Evidence:
    """One citation of an event: which outlet (or article) stands behind it, and its grades."""

    source: str  # the outlet, or the article's id when it names none
    reliability: str | None = None  # effective (article over outlet)
    credibility: str | None = None

    def counts(self) -> bool:
        """Whether this citation may corroborate (not discredited by its grades)."""
        return self.reliability not in WEAK_RELIABILITY and self.credibility not in WEAK_CREDIBILITY


@dataclass(frozen=True)
class ClaimSide:
    """A claim about an event as the contest shows it."""

    claim_id: str
    text: str
    stance: str
    claimant: str = ""
    source: str = ""  # where the claim is cited: outlet and title, if anywhere


@dataclass(frozen=True)
class Contest:
    """Claims for an event and claims against it; contested when both sides have one."""

    for_: tuple[ClaimSide, ...] = ()
    against: tuple[ClaimSide, ...] = ()

    @property
    def contested(self) -> bool:
        return bool(self.for_) and bool(self.against)


def contest_of(claims: Iterable[ClaimSide]) -> Contest:
    """Split an event's claims into for (asserts) and against (denies, disputes); claims
    that predict or question take neither side."""
    listed = list(claims)
    return Contest(
        tuple(c for c in listed if c.stance in FOR_STANCES),
        tuple(c for c in listed if c.stance in AGAINST_STANCES),
    )


def is_contested(stances: Iterable[str]) -> bool:
    seen = set(stances)
    return bool(seen & FOR_STANCES) and bool(seen & AGAINST_STANCES)


def independent_sources(evidence: Iterable[Evidence]) -> int:
    """How many outlets stand behind the citations that count."""
    return len({e.source.casefold() for e in evidence if e.counts()})


def suggest_assessment(contested: bool, evidence: Iterable[Evidence]) -> str:
    """The module's rule: disputed, corroborated or unverified."""
    if contested:
        return "disputed"
    return "corroborated" if independent_sources(evidence) >= 2 else "unverified"


def suggestion_reason(contested: bool, evidence: Iterable[Evidence]) -> str:
    """Why the rule suggests what it does, in the analyst's words."""
    listed = list(evidence)
    if contested:
        return "claims about it contradict each other"
    n = independent_sources(listed)
    weak = len({e.source.casefold() for e in listed}) - n
    discounted = (
        f" ({counted(weak, 'other outlet')} discounted by their grades)" if weak > 0 else ""
    )
    if n >= 2:
        return f"{n} independent outlets report it{discounted}"
    if n == 1:
        return f"only one outlet reports it{discounted}"
    return f"no outlet reports it yet{discounted}"
