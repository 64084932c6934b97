"""What a new item starts with: spans snapped to words, headlines without their leading
date phrase or a dangling figure, actor names without possessives, a kind guessed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.item_text import (
    actor_kind,
    actor_name,
    snap_to_words,
    trim_headline,
    without_leading_date,
)

TEXT = "Chancellor Friedrich Merz met 😀 Emmanuel Macron in Paris."


def test_a_span_inside_words_widens_to_them() -> None:
    start = TEXT.index("iedrich")
    end = TEXT.index("Merz") + 2
    s, e = snap_to_words(TEXT, start, end)
    assert TEXT[s:e] == "Friedrich Merz"


def test_spaces_at_the_edges_are_dropped_and_whole_words_kept() -> None:
    start = TEXT.index(" Emmanuel")
    s, e = snap_to_words(TEXT, start, start + len(" Emmanuel Macron "))
    assert TEXT[s:e] == "Emmanuel Macron"


def test_astral_characters_do_not_shift_the_snap() -> None:
    start = TEXT.index("manuel")
    s, e = snap_to_words(TEXT, start, start + 3)
    assert TEXT[s:e] == "Emmanuel"


@settings(max_examples=200)
@given(st.text(max_size=60), st.integers(-5, 70), st.integers(-5, 70))
def test_a_snapped_span_always_contains_the_selection_and_stays_in_the_text(
    text: str, a: int, b: int
) -> None:
    start, end = sorted((max(0, min(a, len(text))), max(0, min(b, len(text)))))
    s, e = snap_to_words(text, start, end)
    assert 0 <= s <= e <= len(text)
    if text[start:end].strip():
        assert text[start:end].strip() in text[s:e]
        assert text[s:e] == text[s:e].strip()


def test_actor_names_lose_possessives_and_punctuation() -> None:
    assert actor_name("Germany’s") == "Germany"
    assert actor_name("Germany's,") == "Germany"
    assert actor_name("Zelensky,") == "Zelensky"
    assert actor_name("“Friedrich Merz”") == "Friedrich Merz"
    assert actor_name("the European\nUnion's") == "European Union"
    assert actor_name("allies'") == "allies"
    assert actor_name("Mr. Merz") == "Mr. Merz"


def test_a_kind_is_guessed_from_the_name() -> None:
    assert actor_kind("Friedrich Merz") == "person"
    assert actor_kind("European Union") == "organisation"
    assert actor_kind("NATO") == "organisation"
    assert actor_kind("Ministry of Defence") == "organisation"
    assert actor_kind("Russia") == "state"
    assert actor_kind("") == "person"


def test_a_leading_date_phrase_goes_to_the_date_not_the_headline() -> None:
    assert without_leading_date("On Tuesday, the EU unveiled a plan.") == "The EU unveiled a plan."
    assert without_leading_date("Last week Poland asked for more.") == "Poland asked for more."
    # not at the start, or the date is nearly all of it: kept
    assert without_leading_date("The EU met on Tuesday in Brussels.") == (
        "The EU met on Tuesday in Brussels."
    )
    assert without_leading_date("On 4 March 2025.") == "On 4 March 2025."


def test_a_long_headline_is_cut_between_words_never_after_a_bare_figure() -> None:
    text = "The European Union unveiled plans to raise military spending by 800 billion euros"
    cut = trim_headline(text, 67)
    assert cut.endswith("…")
    assert not cut[:-1].rstrip().endswith(("800", "by", "to"))
    assert len(cut) <= 68
    assert trim_headline("Short one.", 67) == "Short one"
