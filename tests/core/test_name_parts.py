"""The actor index reads each name in one pass (``tokens.name_parts``): the same keys, gaps
and capitals as the words ``tokenize`` makes of it, which the index matched before."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.suggestions.find import ActorIndex
from annotator.core.suggestions.tokens import name_parts, tokenize


def by_tokens(name: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[bool, ...]]:
    toks = tokenize(name)
    return (
        tuple(t.key for t in toks),
        tuple(name[a.end : b.start].strip() for a, b in pairwise(toks)),
        tuple(t.capitalised for t in toks),
    )


NAMES = [
    "", "  ", "Vladimir Putin", "Bank of America", "AT&T", "U.S. Army", "Côte d'Ivoire",
    "3GS", "iPhone 3GS", "Coca-Cola Co.", "al-Assad", "ΑΘΗΝΑ news", "straße", "ǅemal",
    "the Hague", "Trinidad and Tobago", "1999", "x-Ray 7b", "İstanbul", "ﬁnance Ltd",
]  # fmt: skip


def test_known_names_read_as_their_tokens() -> None:
    for name in NAMES:
        assert name_parts(name) == by_tokens(name), name


@given(st.text(alphabet=st.sampled_from("aAbZ9 .-&'’\néÉǅß_,"), max_size=30))
def test_any_name_reads_as_its_tokens(name: str) -> None:
    assert name_parts(name) == by_tokens(name)


def test_the_index_finds_names_as_before() -> None:
    actors = [
        {"id": "1", "name": "Vladimir Putin", "kind": "person", "aliases": '["Putin"]'},
        {"id": "2", "name": "Bank of America", "kind": "organisation", "aliases": "[]"},
        {"id": "3", "name": "Côte d'Ivoire", "kind": "state", "aliases": None},
        {"id": "4", "name": "iPhone maker", "kind": "other", "aliases": "[]"},
    ]
    index = ActorIndex(actors).index
    text = "Putin met Bank of America and Côte d'Ivoire; the iPhone maker said."
    hits = [(h.start, h.end, h.payload.id) for h in index.find(text, tokenize(text))]
    assert [text[a:b] for a, b, _ in hits] == [
        "Putin", "Bank of America", "Côte d'Ivoire", "iPhone maker",
    ]  # fmt: skip
    assert index.needs_all_words
