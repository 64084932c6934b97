"""Folding away diacritics keeps the way back to the original text's code-point offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.folding import FoldedText, fold

# Precomposed letters, lone combining marks (they fold to nothing), a letter that is not
# decomposed (ß), a Hangul syllable (decomposes without marks: kept whole), an astral char,
# and the one character that folds to two (Sinhala o: two vowel signs once its mark goes).
ALPHABET = ["a", "e", "é", "É", "ü", "ą", "\u0303", "\u0301", "ß", "한", "😀", " ", "Å", "ǖ"]
ALPHABET += ["\u0ddd"]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Le café de Zürich", "Le cafe de Zurich"),
        ("naïve ǖ Å Ångström", "naive u A Angstrom"),
        ("Straße 한국 😀", "Straße 한국 😀"),
        ("ką̃ q̃uiet", "ka quiet"),
        ("\u0ddd", "\u0dd9\u0dcf"),
        ("", ""),
    ],
)
def test_diacritics_go_and_everything_else_stays(text: str, folded: str) -> None:
    assert fold(text).text == folded


def test_one_character_for_one_keeps_offsets_as_they_are() -> None:
    assert fold("café Zürich").origin is None
    assert fold("plain ascii").origin is None
    assert fold("ką̃").origin is not None


def test_a_character_that_folds_to_two_maps_back_whole() -> None:
    folded = fold("a\u0dddb")
    assert folded.text == "a\u0dd9\u0dcfb"
    assert folded.original_span(2, 4) == (1, 3)  # from inside the folded pair to the end
    assert folded.original_span(0, 2) == (0, 2)
    assert folded.original_span(3, 4) == (2, 3)


@pytest.mark.parametrize(
    ("text", "word", "span"),
    [
        ("Le café noir", "cafe", (3, 7)),
        ("ką̃ and kas", "ka", (0, 3)),  # the mark that folded to nothing is kept with its letter
        ("x q̃uiet y", "quiet", (2, 8)),
        ("e\u0301e\u0301 cafe\u0301", "cafe", (5, 10)),
    ],
)
def test_a_found_word_maps_back_to_its_accented_original(
    text: str, word: str, span: tuple[int, int]
) -> None:
    folded = fold(text)
    start = folded.text.index(word)
    assert folded.original_span(start, start + len(word)) == span


@settings(max_examples=200)
@given(st.lists(st.sampled_from(ALPHABET), max_size=30).map("".join), st.data())
def test_every_folded_span_comes_from_the_original_span_it_maps_to(
    text: str, data: st.DataObject
) -> None:
    folded = fold(text)
    if not folded.text:
        assert set(text) <= {"\u0301", "\u0303"}
        return
    start = data.draw(st.integers(0, len(folded.text) - 1))
    end = data.draw(st.integers(start + 1, len(folded.text)))
    lo, hi = folded.original_span(start, end)
    assert 0 <= lo < hi <= len(text)
    # The characters that folded to the span, with any marks that trail them; at most one
    # character at each end folded to more than the span takes of it.
    covered = fold(text[lo:hi]).text
    assert folded.text[start:end] in covered
    assert len(covered) - (end - start) <= 2
    assert hi == len(text) or fold(text[hi]).text != ""


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_an_ascii_text_folds_to_itself(text: str) -> None:
    assert fold(text) == FoldedText(text, None)
    assert fold(text + "é") == FoldedText(text + "e", None)  # the general path agrees
