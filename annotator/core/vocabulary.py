"""The closed lists an analyst picks from. Defined here once: the schema's CHECKs, the
forms and panels, the exports' JSON Schema and the Datasette notes all follow these (a test
holds the two resource files to them)."""

from __future__ import annotations

import re
from typing import NamedTuple

ACTOR_KINDS = ("person", "organisation", "state", "group", "other")
STANCES = ("asserts", "denies", "disputes", "predicts", "questions")
ASSESSMENTS = ("unverified", "corroborated", "disputed", "false")
CONFIDENCES = ("low", "medium", "high")
DATE_STATUSES = ("suggested", "confirmed")
PASSAGE_STATUSES = ("anchored", "reanchored", "orphan")


# CaseMap's fact status of an event or claim; unset (NULL) is "not yet judged".
class FactStatus(NamedTuple):
    value: str  # as stored
    words: str  # as shown


FACT_STATUS_CHOICES = (
    FactStatus("key", "key fact"),
    FactStatus("undisputed", "undisputed"),
    FactStatus("disputed", "disputed"),
)
FACT_STATUSES = tuple(s.value for s in FACT_STATUS_CHOICES)
FACT_STATUS_WORDS = {s.value: s.words for s in FACT_STATUS_CHOICES}
# The marks reports, exports and the drawn timeline put on key and disputed facts.
FACT_MARKS = {"key": "★", "disputed": "⚑"}
# How long a memo may be: a page of notes, not a pasted article.
NOTE_MAX_CHARS = 20_000


def fact_status_words(status: str | None) -> str:
    return FACT_STATUS_WORDS.get(status or "", "")


# How a date's precision reads to an analyst (the stored codes are EDTF-minded).
PRECISION_WORDS = {
    "time": "time of day",
    "day": "day",
    "week": "week",
    "month": "month",
    "season": "season",
    "quarter": "quarter",
    "year": "year",
    "decade": "decade",
    "century": "century",
    "range": "range",
    "part_of_month": "part of a month",
}


def precision_words(precision: str | None) -> str:
    return PRECISION_WORDS.get(precision or "", precision or "unknown precision")


def offset_words(offset: str | None) -> str:
    """ "P2D" → "2 days after", "-P1W" → "1 week before", "P0D" → "the same day"."""
    m = re.fullmatch(r"(-?)P(\d+)([DWMY])", offset or "")
    if not m:
        return offset or ""
    n, unit = int(m[2]), {"D": "day", "W": "week", "M": "month", "Y": "year"}[m[3]]
    if n == 0:
        return "the same day"
    return f"{n} {unit}{'' if n == 1 else 's'} {'before' if m[1] else 'after'}"


def date_source_words(phrase: str | None, anchor: str | None, status: str | None) -> str:
    """What set an event's date, in words (see ``dates.provenance.source_words``)."""
    from annotator.core.dates.provenance import DateProvenance, source_words

    return source_words(DateProvenance(phrase, anchor, status))


# Relations between two events. One direction is stored per kind ("A caused_by B"); each
# reads both ways: (how the stored event reads it, how the other event reads it).
RELATION_KINDS = ("caused_by", "part_of", "precedes")
RELATION_WORDS = {
    "caused_by": ("caused by", "causes"),
    "part_of": ("part of", "has part"),
    "precedes": ("precedes", "follows"),
}


def relation_words(kind: str, *, reverse: bool = False) -> str:
    """ "caused_by" → "caused by"; read from the other event: "causes"."""
    words = RELATION_WORDS.get(kind, (kind, kind))
    return words[1] if reverse else words[0]


# Graded sources (the Admiralty / NATO system): how reliable a source is (per outlet, or per
# article, which overrides its outlet), and how credible one piece of information is (per
# citation). The analyst's own words for each grade are the standard ones.
RELIABILITY_WORDS = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}
RELIABILITIES = tuple(RELIABILITY_WORDS)
CREDIBILITY_WORDS = {
    "1": "Confirmed by other sources",
    "2": "Probably true",
    "3": "Possibly true",
    "4": "Doubtful",
    "5": "Improbable",
    "6": "Truth cannot be judged",
}
CREDIBILITIES = tuple(CREDIBILITY_WORDS)
# How far the analyst judges an event established; NULL is "not yet assessed".
EVENT_ASSESSMENTS = ("corroborated", "disputed", "unverified")
