"""Codes never reach the analyst: precisions and offsets in words, counts that agree."""

from __future__ import annotations

import pytest

from annotator.core.text import counted
from annotator.core.vocabulary import PRECISION_WORDS, offset_words, precision_words


def test_counts_agree_with_their_noun() -> None:
    assert counted(1, "claim") == "1 claim"
    assert counted(0, "claim") == "0 claims"
    assert counted(2, "mention") == "2 mentions"
    assert counted(1200, "event") == "1,200 events"
    assert counted(3, "passage", "passages kept") == "3 passages kept"


@pytest.mark.parametrize(
    ("offset", "words"),
    [("P2D", "2 days after"), ("-P1W", "1 week before"), ("P0D", "the same day"),
     ("P1M", "1 month after"), ("-P3Y", "3 years before"), ("", ""), ("PT5H", "PT5H")],
)  # fmt: skip
def test_offsets_read_as_words(offset: str, words: str) -> None:
    assert offset_words(offset) == words


def test_every_precision_has_words_without_underscores() -> None:
    for code, words in PRECISION_WORDS.items():
        assert "_" not in words, code
    assert precision_words("part_of_month") == "part of a month"
    assert precision_words(None) == "unknown precision"


def test_what_set_a_date_reads_as_words() -> None:
    from annotator.core.vocabulary import date_source_words

    assert date_source_words(None, "typed", "confirmed") == "typed by the analyst"
    assert "drawn timeline" in date_source_words(None, "dragged", "confirmed")
    told = date_source_words("On Tuesday", "published", "suggested")
    assert "“On Tuesday”" in told and "publication date" in told and "not yet" in told
    assert "confirmed by the analyst" in date_source_words("in March", None, "confirmed")
    assert date_source_words(None, None, None) == ""
