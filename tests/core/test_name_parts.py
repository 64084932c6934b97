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


def _loose_end_by_words(text: str, start: int, entry) -> int | None:
    """A loose name's end as the index read it before its folded-window check: the window
    tokenized and compared word by word, always."""
    from annotator.core.suggestions.name_index import NameIndex
    from annotator.core.suggestions.tokens import dotted_end

    window = text[start : start + entry.length + 8]
    words = tokenize(window)
    if not NameIndex._matches(window, words, 0, entry):
        return None
    return start + dotted_end(window, words[len(entry.keys) - 1])


LOOSE_NAMES = ["Olaf Adler 12", "Olaf Adler 3", "Olaf Adler 123", "Olaf straße", "Olaf d'Or"]
LOOSE_WORDS = ["Olaf", "Adler", "12", "3", "123", "STRASSE", "straße", "Straße", "d'Or", "D'OR"]


@given(st.lists(st.sampled_from(LOOSE_WORDS), max_size=12), st.sampled_from([" ", "  ", "\n"]))
def test_loose_names_are_found_as_word_by_word(words: list[str], gap: str) -> None:
    index = ActorIndex({"id": str(i), "name": n} for i, n in enumerate(LOOSE_NAMES)).index
    text = gap.join(words)
    tokens = tokenize(text)
    expected = []
    i = 0
    while i < len(tokens):  # the index's own walk, with the loose ends read word by word
        end = None
        for entry in index._by_first.get(tokens[i].key, []):
            end = _loose_end_by_words(text, tokens[i].start, entry) if entry.loose else None
            if end is not None:
                expected.append((tokens[i].start, end, entry.payload.id))
                break
        if end is None:
            i += 1
            continue
        while i < len(tokens) and tokens[i].start < end:
            i += 1
    assert [(h.start, h.end, h.payload.id) for h in index.find(text, tokens)] == expected
