"""Every suggestion for one article: known actors, new names, reported speech, dates.

Pure and cached: the same text, actor index and publication date give the same list, kept
for the last articles read (the reader asks again after every edit). Marks never overlap:
where two would, the first of known actor, new name, date, reported speech is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from annotator.core.suggestions.candidate import Candidate
from annotator.core.suggestions.gazetteer import place_index
from annotator.core.suggestions.name_index import Hit, NameIndex
from annotator.core.suggestions.new_names import find_new_names
from annotator.core.suggestions.sentences import sentence_spans
from annotator.core.suggestions.speech import find_speech
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


class ActorIndex:
    """The project's actors and their aliases, indexed once (rebuilt when actors change)."""

    def __init__(self, actors: Iterable[Mapping[str, Any]]):
        names: list[tuple[str, KnownActor]] = []
        last: dict[str, list[KnownActor]] = {}
        for a in actors:
            known = KnownActor(a["id"], a["name"])
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


@lru_cache(maxsize=16)
def _cached(
    text: str, actors: ActorIndex, published: date | tuple[date, date] | None, dates: bool
) -> tuple[Candidate, ...]:
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
    for a in find_speech(text, sentences):
        speaker = next(
            (h for h in known if h.start < a.speaker_end and h.end > a.speaker_start), None
        )
        out.append(
            Candidate(
                "claim", a.start, a.end, text[a.start : a.end],
                actor_id=speaker.payload.id if speaker else None,
                actor_name=speaker.payload.name if speaker else "",
                speaker=text[a.speaker_start : a.speaker_end],
                speaker_start=a.speaker_start, speaker_end=a.speaker_end,
                passage_start=a.sentence_start, passage_end=a.sentence_end,
                claimed=a.claimed, stance=_STANCES.get(a.verb, ""),
            )
        )  # fmt: skip
    return tuple(_without_overlaps(out))


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
    import bisect

    for c in found:
        i = bisect.bisect_left(taken, (c.start, c.end))
        clash = (i > 0 and taken[i - 1][1] > c.start) or (i < len(taken) and taken[i][0] < c.end)
        if clash:
            continue
        taken.insert(i, (c.start, c.end))
        kept.append(c)
    kept.sort(key=lambda c: (c.start, c.end))
    return kept
