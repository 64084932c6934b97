"""A very long text's suggestions found a chunk at a time: the chunks partition the text at
paragraph (or line) breaks, each chunk's marks are the finder's on its text moved to their
places, and away from a chunk's edges they are the whole text's marks."""

from __future__ import annotations

import dataclasses
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.suggestions.candidate import Candidate
from annotator.core.suggestions.chunks import chunk_of, chunk_spans, find_in_chunk, shifted
from annotator.core.suggestions.find import ActorIndex, find_suggestions

PARAGRAPHS = [
    "On Tuesday, President Emmanuel Macron met Dr. Ruth Fox in Paris.",
    "Chrysler CEO Robert Nardelli said the company would cut jobs. The Ministry of Defence "
    "denied the report, according to the BBC.",
    '"We are not worried," said Anna Berg, a spokeswoman for Acme Corp. She added that '
    "talks would resume next week.",
    "US automakers and the United Auto Workers (UAW) met in Detroit on March 3, 2025. Fox "
    "said the deal was close.",
    "Boeing reported a loss two days later, and shares of Apple fell. Analysts said it was "
    "expected.",
    "The talks began in January and ended the following month, he said.",
]
ACTORS = ActorIndex(
    [
        {"id": "m", "name": "Emmanuel Macron", "kind": "person", "aliases": ["Macron"]},
        {"id": "b", "name": "BBC", "kind": "organisation", "aliases": []},
    ]
)
PUBLISHED = date(2025, 3, 7)

news = st.lists(
    st.tuples(st.sampled_from(PARAGRAPHS), st.sampled_from(["\n\n", "\n"])),
    min_size=1,
    max_size=60,
).map(lambda ps: "".join(p + sep for p, sep in ps).rstrip())


def assert_partition(text: str, spans: list[tuple[int, int]]) -> None:
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .\n", max_size=3000), st.integers(1, 400))
def test_chunks_partition_any_text(text: str, size: int) -> None:
    if not text:
        assert chunk_spans(text, size) == [(0, 0)]
        return
    spans = chunk_spans(text, size)
    assert_partition(text, spans)
    # a chunk runs past its size only to finish a line, and never past twice its size
    assert all(len(text[a:b].rstrip("\n")) <= 2 * size for a, b in spans[:-1])
    for a, b in spans[:-1]:
        if "\n" in text[a + max(size // 2, 1) : a + 2 * size]:
            assert text[b - 1] == "\n"  # cut after a line break, never inside a line
    for i, (a, b) in enumerate(spans):
        assert chunk_of(spans, a) == i and chunk_of(spans, b - 1) == i


@settings(max_examples=25, deadline=None)
@given(news, st.integers(300, 4000))
def test_each_chunk_is_found_alone_and_moved_to_its_place(text: str, size: int) -> None:
    spans = chunk_spans(text, size)
    assert_partition(text, spans)
    for _, b in spans[:-1]:
        assert text[b - 1] == "\n" and text[b] != "\n"  # at a paragraph's or line's start
    chunked = []
    for a, b in spans:
        found = find_in_chunk(text, (a, b), ACTORS, PUBLISHED)
        alone = find_suggestions(text[a:b], ACTORS, PUBLISHED)
        assert found == tuple(shifted(c, a) for c in alone)
        for c in found:
            assert a <= c.start < c.end <= b and text[c.start : c.end] == c.text
            if c.kind == "claim":
                assert a <= c.passage_start < c.passage_end <= b
                assert text[c.speaker_start : c.speaker_end] in text[a:b]
        chunked.extend(found)
    # away from the chunks' edges (a paragraph or two), the whole text's marks, their kinds
    # and known actors, and the dates' values
    whole = find_suggestions(text, ACTORS, PUBLISHED)
    edges = [a for a, _ in spans[1:]]

    def inside(c) -> bool:
        return all(abs(c.start - e) > 400 for e in edges)

    def what(c) -> tuple:
        return (c.kind, c.start, c.end, c.actor_id, c.timex_value)

    assert {what(c) for c in chunked if inside(c)} == {what(c) for c in whole if inside(c)}
    if len(spans) == 1:
        assert tuple(chunked) == whole


def test_a_text_without_paragraphs_is_cut_after_a_sentence() -> None:
    text = "Anna Berg said talks began on Monday. " * 200
    spans = chunk_spans(text, 1000)
    assert_partition(text, spans)
    assert len(spans) > 5
    assert all(text[b - 2 : b] == ". " for _, b in spans[:-1])


def test_a_mark_moved_keeps_all_but_its_places() -> None:
    claim = Candidate(
        "claim", 10, 14, "said", speaker="Anna Berg", speaker_start=0, speaker_end=9,
        passage_start=0, passage_end=40, claimed="talks began", stance="asserts",
    )  # fmt: skip
    moved = shifted(claim, 100)
    assert (moved.start, moved.end, moved.speaker_start, moved.speaker_end) == (110, 114, 100, 109)
    assert (moved.passage_start, moved.passage_end) == (100, 140)
    assert dataclasses.replace(moved, start=10, end=14, speaker_start=0, speaker_end=9,
                               passage_start=0, passage_end=40) == claim  # fmt: skip
    name = Candidate("new_actor", 3, 7, "Acme", guess="organisation")
    assert shifted(name, 5) == Candidate("new_actor", 8, 12, "Acme", guess="organisation")
