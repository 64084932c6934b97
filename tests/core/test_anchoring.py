"""Passage selectors and re-anchoring after the text changes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.anchoring import CONTEXT, Anchor, make_selector, reanchor
from annotator.core.errors import InputError
from tests.helpers.paths import REPO

SEED = REPO / "seeds" / "000_c331db4bed050878.txt"
TEXT = SEED.read_text(encoding="utf-8")
QUOTE = "Starmer convened nineteen leaders, including Zelensky"


def find(text: str, sel: dict) -> Anchor | None:
    return reanchor(text, sel["quote"], sel["prefix"], sel["suffix"], sel["start"], sel["end"])


def selector_for(text: str, quote: str, occurrence: int = 0) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return make_selector(text, start, start + len(quote))


# --- make_selector ---------------------------------------------------------------------


def test_selector_fields():
    sel = selector_for(TEXT, QUOTE)
    assert sel["quote"] == QUOTE
    assert len(sel["prefix"]) == CONTEXT == len(sel["suffix"])
    assert (
        TEXT[sel["start"] - CONTEXT : sel["end"] + CONTEXT] == sel["prefix"] + QUOTE + sel["suffix"]
    )


def test_selector_at_text_edges_has_short_context():
    sel = make_selector("abcdef", 0, 6)
    assert (sel["prefix"], sel["quote"], sel["suffix"]) == ("", "abcdef", "")


def test_selector_counts_code_points_with_astral_characters():
    text = "😀😀 abc 🇺🇦 def 😀 ghi"
    sel = make_selector(text, 7, 9)
    assert sel["quote"] == "🇺🇦"  # one flag = two regional-indicator code points
    assert sel["prefix"] == "😀😀 abc " and sel["suffix"] == " def 😀 ghi"
    assert find(text, sel) == Anchor(7, 9, "exact-position")
    shifted = "🎉🎉" + text
    assert find(shifted, sel) == Anchor(9, 11, "exact-quote", find(shifted, sel).score)


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 3), (4, 2), (0, 7), (True, 2)])
def test_selector_rejects_bad_offsets(start, end):
    with pytest.raises(InputError, match="passage"):
        make_selector("abcdef", start, end)


# --- reanchor --------------------------------------------------------------------------


def test_unchanged_text_is_exact_position():
    sel = selector_for(TEXT, QUOTE)
    assert find(TEXT, sel) == Anchor(sel["start"], sel["end"], "exact-position", 1.0)


def test_insertion_before_shifts_the_span():
    sel = selector_for(TEXT, QUOTE)
    note = "An editor's note added at the top of the article.\n"
    edited = note + TEXT
    got = find(edited, sel)
    assert got is not None and got.method == "exact-quote"
    assert (got.start, got.end) == (sel["start"] + len(note), sel["end"] + len(note))
    assert edited[got.start : got.end] == QUOTE


def test_changed_words_inside_the_quote_found_fuzzily():
    sel = selector_for(TEXT, QUOTE)
    edited = TEXT.replace("convened nineteen leaders", "gathered eighteen leaders")
    got = find(edited, sel)
    assert got is not None and got.method == "fuzzy"
    assert edited[got.start : got.end] == "Starmer gathered eighteen leaders, including Zelensky"
    assert 0.75 <= got.score < 1.0


def test_changed_words_and_shift_together():
    sel = selector_for(TEXT, QUOTE)
    edited = ("Correction appended.\n" + TEXT).replace("nineteen leaders", "19 leaders")
    got = find(edited, sel)
    assert got is not None and got.method == "fuzzy"
    assert edited[got.start : got.end] == "Starmer convened 19 leaders, including Zelensky"


def test_duplicated_quote_chooses_by_context():
    text = (
        "The cat sat on the mat in London. Something else entirely happens here. "
        "The cat sat on the mat in Paris."
    )
    sel = selector_for(text, "The cat sat on the mat", occurrence=1)  # the Paris one
    edited = (
        "New intro. The cat sat on the mat in Paris. Then filler text. "
        "The cat sat on the mat in London. Something else entirely happens here."
    )
    got = find(edited, sel)
    assert got is not None and got.method == "exact-quote"
    assert got.start == edited.index("The cat sat on the mat in Paris")


def test_duplicated_quote_with_equal_context_prefers_old_position():
    unit = "Repeated sentence about nothing in particular, said twice. "
    text = unit * 6
    sel = make_selector(text, len(unit) * 3, len(unit) * 3 + 25)
    edited = "x" + text
    got = find(edited, sel)
    assert got is not None and got.start == len(unit) * 3 + 1


def test_deleted_passage_is_an_orphan():
    sentence = (
        "Meeting in London’s historic Lancaster House, British prime minister Keir "
        "Starmer convened nineteen leaders, including Zelensky, to hammer out a European "
        "peace initiative that would keep military aid flowing to Ukraine and assign "
        "peacekeeping forces to monitor a potential ceasefire."
    )
    assert sentence in TEXT
    sel = selector_for(TEXT, QUOTE)
    assert find(TEXT.replace(sentence, ""), sel) is None


def test_short_quote_elsewhere_without_context_is_an_orphan():
    text = "Alpha beta gamma. The vote was held on Tuesday in Brussels. Delta epsilon."
    sel = selector_for(text, "Tuesday")
    edited = "Completely different article text. It mentions Tuesday once, in a new place."
    assert find(edited, sel) is None


def test_empty_quote_or_text_is_none():
    assert reanchor("abc", "", "", "", 0, 0) is None
    assert reanchor("", "abc", "", "", 0, 3) is None


def test_many_exact_position_passages_on_a_long_text():
    long_text = (TEXT + "\n") * 300  # about 2 MB
    assert len(long_text) > 2_000_000
    step = len(long_text) // 3000
    sels = [make_selector(long_text, i, i + 40) for i in range(0, len(long_text) - 40, step)]
    anchors = [find(long_text, s) for s in sels]
    assert len(anchors) >= 3000
    assert all(a is not None and a.method == "exact-position" for a in anchors)


# --- properties --------------------------------------------------------------------------

ALPHABET = st.sampled_from([*"ab cd\n.", "é", "😀", "🇺", "🇦", "𝔘", "中"])
texts = st.text(alphabet=ALPHABET, min_size=1, max_size=200)


@st.composite
def text_and_span(draw):
    text = draw(texts)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@given(text_and_span())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_property_unchanged_text_exact_position(case):
    text, start, end = case
    sel = make_selector(text, start, end)
    assert find(text, sel) == Anchor(start, end, "exact-position", 1.0)


@given(text_and_span(), st.data())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_property_insertion_before_shifts(case, data):
    text, start, end = case
    inserted = data.draw(st.text(alphabet=ALPHABET, min_size=1, max_size=50))
    at = data.draw(st.integers(0, start))
    edited = text[:at] + inserted + text[at:]
    sel = make_selector(text, start, end)
    got = find(edited, sel)
    assert got is not None
    assert edited[got.start : got.end] == sel["quote"]
    quote = sel["quote"]
    # occurrences, overlapping ones too: "aaa" is twice in "aaaa" (str.count says once)
    if sum(edited.startswith(quote, i) for i in range(len(edited))) == 1:
        shift = len(inserted)
        assert (got.start, got.end) == (start + shift, end + shift)


def test_long_quote_edited_and_shifted_is_found_by_head_and_tail():
    start = 200
    sel = make_selector(TEXT, start, start + 3000)
    assert len(sel["quote"]) > 1000
    edited_quote = sel["quote"].replace("Zelensky", "Zelenskyy")
    assert edited_quote != sel["quote"]
    edited = "Note.\n" + TEXT[:start] + edited_quote + TEXT[start + 3000 :]
    got = find(edited, sel)
    assert got is not None and got.method == "fuzzy"
    assert (got.start, got.end) == (start + 6, start + 6 + len(edited_quote))
    assert got.score > 0.95
