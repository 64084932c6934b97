"""Agreement between two analysts' tagged spans: pairing, kinds, and counts that add up."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.agreement import KINDS, Tagged, agreement


def T(start: int, end: int, kind: str = "event", article: str = "h1") -> Tagged:
    return Tagged(article, start, end, kind)


def test_overlapping_spans_pair_once_and_kinds_decide_alike_or_different() -> None:
    ours = [T(0, 10), T(20, 30, "actor"), T(50, 60), T(0, 5, "claim", "h2")]
    theirs = [T(2, 10), T(21, 29, "claim"), T(80, 90), T(0, 5, "claim", "h2"), T(0, 4, "x", "h3")]
    a = agreement(ours, theirs)
    assert (a.alike, a.exact, a.different, a.only_ours, a.only_theirs) == (2, 1, 1, 1, 1)
    assert a.articles == 2  # h3 was tagged by them only: not counted against anyone
    assert a.by_kind["actor"]["different"] == 1
    assert "40% tagged alike" in a.lines()[0]


def test_a_small_overlap_is_not_the_same_annotation() -> None:
    a = agreement([T(0, 10)], [T(8, 30)])
    assert (a.alike, a.only_ours, a.only_theirs) == (0, 1, 1)


def test_nothing_shared_says_so() -> None:
    assert (
        "no article was tagged by both" in agreement([T(0, 3)], [T(0, 3, article="h9")]).lines()[0]
    )


spans = st.lists(
    st.builds(
        lambda s, n, k, a: Tagged(a, s, s + n, k),
        st.integers(0, 200),
        st.integers(1, 40),
        st.sampled_from(KINDS),
        st.sampled_from(["h1", "h2"]),
    ),
    max_size=25,
)


@given(ours=spans, theirs=spans)
def test_every_span_is_counted_once_on_each_side(ours: list[Tagged], theirs: list[Tagged]) -> None:
    a = agreement(ours, theirs)
    shared = {t.article for t in ours} & {t.article for t in theirs}
    mine = {t for t in ours if t.article in shared}
    their = {t for t in theirs if t.article in shared}
    assert a.alike + a.different + a.only_ours == len(mine)
    assert a.alike + a.different + a.only_theirs == len(their)
