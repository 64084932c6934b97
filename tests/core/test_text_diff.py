"""What changed between two texts: word runs that rebuild both texts, a unified diff by
sentence, and offsets carried from the old text to the new one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.text_diff import PositionMap, sentences, summary, unified, word_diff

PIECES = ["talks", "😀", "𝔘nity", " ", ", ", ".\n", "Paris", "e\u0301", "met", "the", "—"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@given(old=texts, new=texts)
def test_runs_rebuild_both_texts(old: str, new: str) -> None:
    runs = word_diff(old, new)
    assert "".join(r.text for r in runs if r.kind != "deleted") == new
    assert "".join(r.text for r in runs if r.kind != "inserted") == old
    assert (summary(runs).places == 0) == (old == new)


@given(old=texts, new=texts, at=st.integers(0, 200))
def test_kept_characters_map_onto_themselves(old: str, new: str, at: int) -> None:
    position = PositionMap(old, new)
    if not old:
        return
    at %= len(old)
    moved = position(at)
    assert 0 <= moved <= len(new)
    span = position.kept_span(at, at + 1)
    if span is not None:
        assert new[span[0] : span[1]] == old[at]


def test_an_insertion_before_shifts_offsets_exactly() -> None:
    old = "Leaders met 😀 in Paris. The talks failed."
    new = "Updated 🚀. " + old.replace("talks", "long talks")
    position = PositionMap(old, new)
    start = old.index("Paris")
    assert new[position(start) : position(start) + 5] == "Paris"
    a, b = position.kept_span(old.index("The"), len(old))  # type: ignore[misc]
    assert new[a:b] == "The long talks failed."


def test_unified_diff_by_sentence() -> None:
    old = "One sentence. Two sentences here.\nA third."
    new = "One sentence. Two sentences there.\nA third."
    assert sentences(old) == ["One sentence. ", "Two sentences here.\n", "A third."]
    out = unified(old, new, "v1", "v2")
    assert "-Two sentences here.\n+Two sentences there.\n" in out
    assert out.startswith("--- v1\n+++ v2\n")
    assert unified(old, old, "v1", "v2") == ""


def test_a_long_article_is_aligned_sentence_by_sentence() -> None:
    """30,000 words: aligned word by word whole, this took minutes; by sentence, a moment."""
    sentences_ = [f"Sentence {i} says w{i % 97} and w{i % 89} again." for i in range(6000)]
    old = " ".join(sentences_)
    new = old.replace("Sentence 4000 says", "Sentence 4000 now says").replace(
        "Sentence 10 says w10 and w10 again. ", ""
    )
    position = PositionMap(old, new)
    at = old.index("Sentence 5999")
    assert new[position(at) :].startswith("Sentence 5999")
    runs = word_diff(old, new)
    changed = [r.text for r in runs if r.kind != "same"]
    assert changed == ["Sentence 10 says w10 and w10 again. ", " now"]
