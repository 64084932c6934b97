"""Every suggestion for one article: known actors, new names, reported speech, dates.

Pure and cached: the same text, actor index and publication date give the same list, kept
for the last articles read (the reader asks again after every edit). Marks never overlap:
where two would, the first of known actor, new name, date, reported speech is kept.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from annotator.core.item_text import actor_kind
from annotator.core.suggestions.candidate import Candidate
from annotator.core.suggestions.gazetteer import place_index
from annotator.core.suggestions.name_index import Hit, NameIndex
from annotator.core.suggestions.new_names import STOP, find_new_names
from annotator.core.suggestions.quotes import QuotedPassages
from annotator.core.suggestions.sentences import sentence_spans
from annotator.core.suggestions.speakers import PRONOUNS, UNRESOLVED, People, Person, full_names
from annotator.core.suggestions.speech import Attribution, find_speech
from annotator.core.suggestions.tokens import name_tokens, tokenize

# The claim's stance a verb of saying gives (``core.vocabulary.STANCES``); others: asserts.
_STANCES = {
    "denied": "denies", "denies": "denies", "predicted": "predicts", "predicts": "predicts",
    "warned": "predicts", "warns": "predicts", "asked": "questions", "asks": "questions",
}  # fmt: skip


@dataclass(frozen=True)
class KnownActor:
    id: str
    name: str
    kind: str = ""  # "" when the index was given no kinds


class ActorIndex:
    """The project's actors and their aliases, indexed once (rebuilt when actors change)."""

    def __init__(self, actors: Iterable[Mapping[str, Any]]):
        names: list[tuple[str, KnownActor]] = []
        last: dict[str, list[KnownActor]] = {}
        for a in actors:
            known = KnownActor(a["id"], a["name"], str(a.get("kind") or ""))
            names.extend((n, known) for n in _names(a))
            words = str(a["name"]).split()
            if len(words) >= 2 and words[-1][:1].isupper():
                last.setdefault(words[-1], []).append(known)
        self.index: NameIndex[KnownActor] = NameIndex(names)
        # "Putin" after "Vladimir Putin" was made: a surname only one known actor has
        self.surnames = {w: ks[0] for w, ks in last.items() if len(ks) == 1}

    def __len__(self) -> int:
        return len(self.index)


def _names(actor: Mapping[str, Any]) -> list[str]:
    aliases = actor.get("aliases") or []
    if isinstance(aliases, str):
        try:
            aliases = json.loads(aliases or "[]")
        except ValueError:  # a damaged value: the name alone
            aliases = []
    if not isinstance(aliases, list):
        aliases = []
    return [n for n in [actor.get("name") or "", *aliases] if isinstance(n, str) and n.strip()]


def find_suggestions(
    text: str,
    actors: ActorIndex,
    published: date | tuple[date, date] | None = None,
    *,
    dates: bool = True,
) -> tuple[Candidate, ...]:
    """All suggestions in ``text``, in text order (cached: call it freely)."""
    return _cached(text, actors, published, dates)


def find_uncached(
    text: str, actors: ActorIndex, published: date | tuple[date, date] | None, dates: bool = True
) -> tuple[Candidate, ...]:
    """``find_suggestions`` without its cache: for a long text's chunks, which would push
    the articles read out of it (``chunks.find_in_chunk``)."""
    tokens = name_tokens(text)
    out: list[Candidate] = []
    every = tokenize(text) if actors.index.needs_all_words else tokens
    known = actors.index.find(text, every)
    for h in known:
        out.append(
            Candidate(
                "known_actor", h.start, h.end, text[h.start : h.end],
                actor_id=h.payload.id, actor_name=h.payload.name,
            )
        )  # fmt: skip
    places = place_index().find(text, tokens)
    for n in find_new_names(text, tokens, places):
        surname = actors.surnames.get(text[n.start : n.end]) if n.guess == "person" else None
        if surname is not None:
            out.append(
                Candidate(
                    "known_actor", n.start, n.end, text[n.start : n.end],
                    actor_id=surname.id, actor_name=surname.name,
                )
            )  # fmt: skip
            known.append(Hit(n.start, n.end, -1, -1, surname))  # a speaker, for claims
            continue
        out.append(
            Candidate(
                "new_actor", n.start, n.end, text[n.start : n.end],
                guess=n.guess, actor_kind=n.actor_kind,
            )
        )  # fmt: skip
    if dates:
        out.extend(_dates(text, published))
    sentences = sentence_spans(text)
    out.extend(_claims(text, sentences, known, out))
    return tuple(_without_overlaps(out))


_cached = lru_cache(maxsize=16)(find_uncached)


def _claims(
    text: str,
    sentences: list[tuple[int, int]],
    known: list[Hit[KnownActor]],
    names: list[Candidate],
) -> list[Candidate]:
    """Reported speech, its speaker named as an actor (known, or new with its kind) and
    its passage the whole quotation when one runs over several sentences."""
    speech = find_speech(text, sentences)
    if not speech:
        return []
    quoted = QuotedPassages(text, sentences)
    spans = sorted((h.start, h.end) for h in known)
    starts = [a for a, _ in spans]

    def is_known(c: Candidate) -> bool:  # a known actor's name is that actor's, not new
        i = bisect.bisect_left(starts, c.end) - 1
        return i >= 0 and any(spans[k][1] > c.start for k in range(max(i - 3, 0), i + 1))

    new_names = [c for c in names if c.kind == "new_actor" and not is_known(c)]
    persons = [
        Person(h.start, h.end, h.payload.name, h.payload.id)
        for h in known
        if h.payload.kind == "person" or (h.first < 0 and not h.payload.kind)
    ] + [Person(c.start, c.end, c.text) for c in new_names if c.guess == "person"]
    persons = full_names(persons)
    people = People(persons, sentences)
    known_at = _FirstOverlap([(h.start, h.end) for h in known])
    new_at = _FirstOverlap([(c.start, c.end) for c in new_names])
    person_at = {}
    for p in reversed(persons):  # the first person starting there, as a scan in order finds
        person_at[p.start] = p.name
    out = []
    for a in speech:
        written = text[a.speaker_start : a.speaker_end]
        k = known_at.first(a.speaker_start, a.speaker_end)
        hit = known[k] if k is not None else None
        actor = (hit.payload.id, hit.payload.name) if hit else None
        speaker, kind, said = written, "", ""
        lo, hi, quote = quoted.passage(a.sentence_start, a.sentence_end, a.start)
        if actor is None and written.casefold() in PRONOUNS:
            said = written
            person = people.before(a.speaker_start, lo, quote)
            if person is not None:
                speaker = person.name
                if person.actor_id is not None:
                    actor = (person.actor_id, person.name)
                else:
                    kind = "person"
        elif actor is None and written.casefold() in UNRESOLVED:
            said = written
        elif actor is None:
            n = new_at.first(a.speaker_start, a.speaker_end)
            speaker, kind, said = _new_speaker(
                written, new_names[n] if n is not None else None, person_at
            )
        if quote is not None:
            claimed = " ".join(text[quote[0] : quote[1]].split()).strip(' ,.;:"“”')
        else:
            claimed = _clause(text, a)
        out.append(
            Candidate(
                "claim", a.start, a.end, text[a.start : a.end],
                actor_id=actor[0] if actor else None, actor_name=actor[1] if actor else "",
                speaker=speaker, speaker_start=a.speaker_start, speaker_end=a.speaker_end,
                passage_start=lo, passage_end=hi,
                claimed=claimed or a.claimed, stance=_STANCES.get(a.verb, ""),
                speaker_kind=kind, speaker_said=said,
            )
        )  # fmt: skip
    return out


def _clause(text: str, a: Attribution) -> str:
    """What is claimed: the quote, unless it is a word or two quoted inside the clause
    after the verb (a "topic of “deep concern”"): then that clause."""
    after = text[a.end : a.sentence_end]
    if len(a.claimed.split()) >= 4 or a.claimed not in after:
        return a.claimed
    clause = re.sub(r"^[\s,:]*(?:that\s+)?", "", after).strip()
    # the sentence's full stop goes, a quotation's closing mark stays: "… our security”"
    return re.sub(r"[.,;:]+(?=[”\"]?$)", "", clause) or a.claimed


class _FirstOverlap:
    """The first of a list of spans (in list order) that overlaps a span asked for, found
    through the spans sorted by start (a scan of the whole list for every reported speech
    was quadratic in a long article: profiled)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self._sorted = sorted((a, b, i) for i, (a, b) in enumerate(spans))
        self._starts = [a for a, _, _ in self._sorted]
        self._longest = max((b - a for a, b in spans), default=0)

    def first(self, start: int, end: int) -> int | None:
        """The list index of the first span with span.start < end and span.end > start."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        found = [i for a, b, i in self._sorted[lo:hi] if b > start]
        return min(found) if found else None


def _new_speaker(
    written: str, c: Candidate | None, person_at: dict[int, str]
) -> tuple[str, str, str]:
    """(name, actor kind, words as written) of a speaker no actor names: the new name
    marked there (``c``; a surname as its full name), else a capitalised phrase with its
    kind guessed from its words; a common noun phrase ("the company") is offered as no
    actor."""
    if c is not None:
        full = person_at.get(c.start, c.text)
        return full, c.actor_kind or "person", written if full != written else ""
    if written[:1].isupper() and written.split()[0] not in STOP:  # not "The company"
        return written, actor_kind(written), ""
    return written, "", ""


def _dates(text: str, published: date | tuple[date, date] | None) -> list[Candidate]:
    from annotator.core.dates.finder import find_timexes

    out = []
    for t in find_timexes(text, published=published):
        if t.type in ("DATE", "TIME") and t.anchor != "event":
            out.append(
                Candidate("date", t.start, t.end, text[t.start : t.end], timex_value=t.value)
            )
    return out


_PRIORITY = {"known_actor": 0, "new_actor": 1, "date": 2, "claim": 3}


def _without_overlaps(found: list[Candidate]) -> list[Candidate]:
    found.sort(key=lambda c: (_PRIORITY[c.kind], c.start))
    taken: list[tuple[int, int]] = []
    kept: list[Candidate] = []

    for c in found:
        i = bisect.bisect_left(taken, (c.start, c.end))
        clash = (i > 0 and taken[i - 1][1] > c.start) or (i < len(taken) and taken[i][0] < c.end)
        if clash:
            continue
        taken.insert(i, (c.start, c.end))
        kept.append(c)
    kept.sort(key=lambda c: (c.start, c.end))
    return kept
