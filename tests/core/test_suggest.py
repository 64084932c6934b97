"""Prefilling a new item from a passage: headline, suggested dates, actors named (no Qt)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.dates.value import DateValue
from annotator.core.suggest import (
    exact_actor,
    headline_from,
    matching_actors,
    sentence_bounds,
    suggest_dates,
)

TEXT = (
    "Leaders met in London. On Tuesday, the European Union unveiled plans to raise "
    "military spending by 800 billion euros. Mr. Macron said on Wednesday that Europe "
    "must act.\nA new paragraph without a full stop"
)


def span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def test_headline_is_the_sentence_around_the_passage():
    start, end = span(TEXT, "unveiled plans")
    # the date phrase that opens it goes to the date field, not the headline
    assert headline_from(TEXT, start, end) == (
        "The European Union unveiled plans to raise military spending by 800 billion euros"
    )


def test_headline_is_the_clause_of_a_compound_sentence():
    text = (
        "EU leaders have called for more pressure on Russia, and Trump said on Friday he "
        "was weighing sanctions on Moscow. Next."
    )
    start, end = span(text, "Trump said on Friday")
    assert (
        headline_from(text, start, end)
        == "Trump said on Friday he was weighing sanctions on Moscow"
    )
    start, end = span(text, "EU leaders")
    assert headline_from(text, start, end).startswith("EU leaders have called")


def test_abbreviation_does_not_end_a_sentence():
    start, end = span(TEXT, "Europe must act")
    assert headline_from(TEXT, start, end) == "Mr. Macron said on Wednesday that Europe must act"


def test_newline_ends_a_sentence_and_long_headlines_are_cut_at_a_word():
    start, end = span(TEXT, "paragraph")
    assert headline_from(TEXT, start, end) == "A new paragraph without a full stop"
    long = "word " * 60 + "end."
    headline = headline_from(long, 0, 4)
    assert headline.endswith("…") and len(headline) <= 111
    assert not headline[:-1].endswith(" ")


def test_suggested_date_resolved_against_publication():
    start, end = span(TEXT, "the European Union unveiled plans")
    found = suggest_dates(TEXT, start, end, DateValue.day(2025, 3, 8))
    assert found, "the phrase 'On Tuesday' is in the sentence"
    first = found[0]
    assert first.value == DateValue.day(2025, 3, 4)
    assert "Tuesday" in first.phrase
    assert TEXT[first.start : first.end] == first.phrase
    assert first.anchor == "published"
    assert "8 Mar 2025" in first.anchor_note


def test_phrases_inside_the_passage_come_first():
    text = "On Monday they met. On Tuesday they talked and on Friday they signed."
    start, end = span(text, "on Friday they signed")
    found = suggest_dates(text, start, end, date(2025, 3, 8))
    assert "Friday" in found[0].phrase and found[0].value == DateValue.day(2025, 3, 7)
    assert "Tuesday" in found[1].phrase
    assert all("Monday" not in s.phrase for s in found)  # another sentence


def test_without_publication_date_relative_phrase_has_no_value():
    start, end = span(TEXT, "unveiled plans")
    found = suggest_dates(TEXT, start, end, None)
    assert found and found[0].value is None
    assert "does not have" in found[0].anchor_note


def test_publication_range_still_resolves_when_both_ends_agree():
    start, end = span(TEXT, "unveiled plans")
    published = DateValue.from_edtf("2025-03-07/2025-03-08")
    found = suggest_dates(TEXT, start, end, published)
    assert found[0].value == DateValue.day(2025, 3, 4)


ACTORS = [
    {"id": "t", "name": "Donald Trump", "aliases": '["Trump", "President Trump"]'},
    {"id": "e", "name": "European Union", "aliases": ["EU", "the bloc"]},
    {"id": "m", "name": "Emmanuel Macron", "aliases": []},
]


def test_matching_actors_by_name_and_alias_whole_words_in_order():
    assert matching_actors("The EU and president trump; Emmanuel  Macron", ACTORS) == [
        "e",
        "t",
        "m",
    ]
    assert matching_actors("Trumpet players in the EUROPEAN parliament", ACTORS) == []
    assert matching_actors("", ACTORS) == []


def test_exact_actor():
    assert exact_actor("  president   TRUMP ", ACTORS) == "t"
    assert exact_actor("President Trump said", ACTORS) is None


@given(st.text(alphabet="ab .!?\n😀𝒳", max_size=60), st.data())
def test_sentence_bounds_stay_inside_the_text(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    lo, hi = sentence_bounds(text, start, end)
    assert 0 <= lo <= hi <= len(text)
    headline_from(text, start, end)  # never raises


def test_event_anchored_phrase_is_offered_without_a_value() -> None:
    from datetime import date

    from annotator.core.suggest import suggest_dates

    text = "The latest catalyst came two days after an explosive argument in the Oval Office."
    start = text.index("came")
    found = suggest_dates(text, start, start + 4, date(2025, 3, 3))
    anchored = [s for s in found if s.anchor == "event"]
    assert anchored and anchored[0].value is None
    assert "two days" in anchored[0].phrase and "2 days after" in anchored[0].anchor_note


def test_resolve_from_event_moves_by_whole_units_at_the_anchor_precision() -> None:
    from annotator.core.dates.value import DateValue
    from annotator.core.suggest import resolve_from_event

    clash = DateValue.from_edtf("2025-02-28")
    assert resolve_from_event(clash, "P2D").edtf == "2025-03-02"
    assert resolve_from_event(clash, "-P2D").edtf == "2025-02-26"
    assert resolve_from_event(clash, "P1W").edtf == "2025-03-07"
    assert resolve_from_event(clash, "P1M").edtf == "2025-03-28"
    assert resolve_from_event(DateValue.from_edtf("2025-03"), "P1W").edtf == "2025-03"
    assert resolve_from_event(clash, "PT3H") is None


NEIGHBOURS = (
    "Leaders met in London on Sunday. The same day, Friedrich Merz said Europe must act. "
    "He left early.\nOn Monday a new paragraph began. Merz spoke again."
)


def test_a_date_in_the_sentence_before_is_offered_when_the_passage_has_none():
    start = NEIGHBOURS.index("Friedrich Merz")
    found = suggest_dates(NEIGHBOURS, start, start + 14, date(2025, 3, 4))
    dated = [s for s in found if s.value is not None]
    assert dated and dated[0].phrase == "Sunday" and dated[0].value.edtf == "2025-03-02"
    assert "the sentence before" in dated[0].anchor_note
    assert found[0].phrase == "The same day"  # the passage's own sentence comes first
    assert "on the same day" in found[0].anchor_note


def test_a_neighbour_in_another_paragraph_is_never_offered():
    start = NEIGHBOURS.index("He left")
    assert not [s for s in suggest_dates(NEIGHBOURS, start, start + 7, date(2025, 3, 4))
                if s.phrase == "Monday"]  # fmt: skip
    start = NEIGHBOURS.index("Merz spoke")
    found = suggest_dates(NEIGHBOURS, start, start + 10, date(2025, 3, 4))
    assert [s.phrase for s in found] == ["On Monday"] or [s.phrase for s in found] == ["Monday"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="aAsSſKkßﬁ .-'", min_size=1, max_size=8), min_size=1, max_size=4),
    st.text(alphabet="aAsSſKkßﬁ .-'", max_size=30),
)
def test_the_word_prefilter_never_hides_a_match(names: list[str], text: str) -> None:
    """Whatever the names and text, the fast path finds what a plain search finds."""
    import re

    actors = [{"id": str(i), "name": n, "aliases": "[]"} for i, n in enumerate(names)]
    expected = []
    for a in actors:
        words = [re.escape(w) for w in a["name"].split()]
        if not words:
            continue
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
        m = pattern.search(text)
        if m:
            expected.append((m.start(), a["id"]))
    assert matching_actors(text, actors) == [i for _, i in sorted(expected)]
