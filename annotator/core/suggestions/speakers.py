"""Who a reported speaker is, when the words say "he" or "she", or give a surname only.

A simple rule, hand-written and meant to be checked by the analyst (the claim form shows
it): "he" and "she" stand for the last person named before them in the same sentence or the
two sentences before it. Its limits: gender is not checked ("she" may get a man's name);
"they", "we", "I" and "it" are not resolved (a group, a company or a quoted speaker: no
rule that simple gets them right); a person named three sentences back, or only as "the
minister", is not found; in a quotation "he" may be someone the speaker talks about.
A surname alone ("Henderson said") is the full name given earlier in the article.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

PRONOUNS = frozenset({"he", "she"})
UNRESOLVED = frozenset({"they", "we", "i", "it", "you"})
SENTENCES_BACK = 2


@dataclass(frozen=True)
class Person:
    """A person named in the text: a known actor (its id) or a new name (no id)."""

    start: int
    end: int
    name: str  # the actor's name, or the name as written (the full one for a surname)
    actor_id: str | None = None


class People:
    """The people named in one text, in order, to find who a pronoun stands for."""

    def __init__(self, people: Sequence[Person], sentences: Sequence[tuple[int, int]]):
        self.people = sorted(people, key=lambda p: p.start)
        self._ends = [p.end for p in self.people]
        self._s_starts = [s for s, _ in sentences]
        self.sentences = sentences

    def before(self, pos: int, since: int, skip: tuple[int, int] | None = None) -> Person | None:
        """The last person named before ``pos``, from the sentence holding ``since`` (the
        passage's start) or the two before it; none inside ``skip`` (the quotation: there
        the speaker talks about others)."""
        k = bisect.bisect_right(self._s_starts, since) - 1
        lo = self.sentences[max(k - SENTENCES_BACK, 0)][0] if k >= 0 else 0
        i = bisect.bisect_right(self._ends, pos) - 1
        while i >= 0 and self.people[i].start >= lo:
            p = self.people[i]
            if p.end <= pos and not (skip and skip[0] <= p.start < skip[1]):
                return p
            i -= 1
        return None


def full_names(people: Sequence[Person]) -> list[Person]:
    """Each surname alone given the full name it stands for, the last named before it
    with that surname ("Fritz Henderson" … "Henderson")."""
    last: dict[str, str] = {}
    out = []
    for p in sorted(people, key=lambda p: p.start):
        words = p.name.split()
        if p.actor_id is None and len(words) == 1 and words[0] in last:
            p = Person(p.start, p.end, last[words[0]])
        elif len(words) >= 2:
            last[words[-1]] = p.name
        out.append(p)
    return out
