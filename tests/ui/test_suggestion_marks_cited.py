"""Marks already done are found by a bisect of the marks inside each passage (a 2 MB
article's 25,000 marks each looked passages up on the event loop): the marks shown are the
same as when every mark is looked up."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.suggestions.candidate import Candidate
from annotator.ui.reader.suggestion_marks import SuggestionMarks


@dataclass
class Passage:
    id: str
    start: int
    end: int
    items: list[tuple[str, str, str]] = field(default_factory=list)


class Reader:
    """What the marks read of the reader; passages looked up by a scan."""

    def __init__(self, passages: list[Passage]) -> None:
        self.passages = {p.id: p for p in passages}

    def passages_at(self, pos: int) -> list[Passage]:
        return [p for p in self.passages.values() if p.start <= pos < p.end]


KINDS = {"known_actor": "actor", "new_actor": "actor", "claim": "claim", "date": "event"}


def cited(reader: Reader, c: Candidate) -> bool:
    """Each mark looked up (as the reader once did): a mention cited for that actor, a name
    for an actor, a sentence for a claim, a date inside a passage cited for an event."""
    lo, hi = (c.passage_start, c.passage_end) if c.kind == "claim" else (c.start, c.end)
    for p in reader.passages_at(lo):
        if p.start <= lo and hi <= p.end:
            for k, item_id, _ in p.items:
                if k == KINDS[c.kind] and (c.kind != "known_actor" or item_id == c.actor_id):
                    return True
    return False


spans = st.tuples(st.integers(0, 80), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1]))
passages = st.lists(
    st.tuples(spans, st.sampled_from(["actor", "claim", "event"]), st.sampled_from("ab")),
    max_size=12,
)
candidates = st.lists(
    st.tuples(st.sampled_from(sorted(KINDS)), spans, spans, st.sampled_from("ab")), max_size=30
)


@settings(max_examples=200, deadline=None)
@given(passages, candidates)
def test_the_marks_left_out_are_those_a_lookup_of_each_leaves_out(found, marks) -> None:
    reader = Reader(
        [Passage(f"p{i}", a, b, [(kind, item, "")]) for i, ((a, b), kind, item) in enumerate(found)]
    )
    shown = SuggestionMarks.__new__(SuggestionMarks)  # no worker, no Qt: the lookups only
    shown.reader = reader  # type: ignore[assignment]
    cands = [
        Candidate(
            kind, a, b, "", actor_id=actor, passage_start=pa if kind == "claim" else -1,
            passage_end=pb if kind == "claim" else -1,
        )
        for kind, (a, b), (pa, pb), actor in marks
    ]  # fmt: skip
    shown._starts_of = []
    found = tuple(cands)
    assert shown._not_done(found, set()) == [c for c in cands if not cited(reader, c)]
    gone = {c.key for c in cands[::3]}
    assert shown._not_done(found, gone) == [
        c for c in cands if not cited(reader, c) and c.key not in gone
    ]
