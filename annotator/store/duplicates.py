"""Pairs of events across the project that may be the same event told twice.

Comparing every pair is quadratic; instead, events are blocked (written by hand: no kept
library does this over a SQLite chronology). Dated events are walked in date order and
compared only with events that start within a few days and share an actor or a headline
word that few events use; undated events are compared through their rarest words alone.
Each candidate pair is scored as the new-event form scores a match (dates that meet,
shared actors, how alike the headlines are), and the reasons are kept for the analyst.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from annotator.store.changes import ChangeSet, derived_id
from annotator.store.project import Project
from annotator.store.rows import provenance
from annotator.store.same_event import NEAR  # as when tagging: one paper a day late

RARE = 0.002  # a word in at most this share of headlines (and at least 50) blocks pairs
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_STOP = frozenset(
    "that this with from have will were been they their said says about after before "
    "into over more than also would could which when where while what there other "
    "the and for has had was are its but not his her our amid".split()
)


@dataclass
class Pair:
    a: str
    b: str
    headline_a: str
    headline_b: str
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class _Event:
    id: str
    headline: str
    start: datetime | None
    end: datetime | None
    words: frozenset[str]  # what happened, stemmed: the headline less its actors' names
    written: dict[str, str]  # each stem as the headline writes it, to show the analyst
    actors: frozenset[str]
    articles: frozenset[str]


def _stem(word: str) -> str:
    """'disputed' and 'dispute', 'talks' and 'talk' alike: a light suffix strip (a full
    stemmer would be a dependency for a few points of recall)."""
    for suffix in ("ments", "ment", "ings", "ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _what(headline: str, names: Iterable[str]) -> dict[str, str]:
    """The headline's words for what happened (stem: the word as written), without the words
    of its actors' names and aliases ("Merz" of "Friedrich Merz")."""
    name_words = {w for name in names for w in _WORD.findall(name.casefold())}
    out: dict[str, str] = {}
    for word in _WORD.findall(headline):
        low = word.casefold()
        if low not in _STOP and low not in name_words:
            out.setdefault(_stem(low), low)
    return out


def possible_duplicates(project: Project, *, limit: int = 500) -> list[Pair]:
    """The likeliest pairs first; pairs the analyst set aside are left out."""
    names = {r["id"]: r["name"] for r in project.rows("SELECT id, name FROM actors")}
    events = _load(project, names)
    frequency: Counter[str] = Counter(w for e in events.values() for w in e.words)
    rare = rare_words(frequency, len(events))
    # A shared rare word says more than a shared common one ("gas" against "talks").
    weight = {w: math.log((len(events) + 1) / n) for w, n in frequency.items()}
    dismissed = {
        (r["event_a"], r["event_b"])
        for r in project.rows("SELECT event_a, event_b FROM not_duplicates")
    }
    seen: set[tuple[str, str]] = set()
    out: list[Pair] = []
    for a, b in _candidates(events, rare):
        key = (a, b) if a < b else (b, a)
        if key in seen or key in dismissed:
            continue
        seen.add(key)
        pair = _score(events[key[0]], events[key[1]], names, weight)
        if pair is not None:
            out.append(pair)
    out.sort(key=lambda p: (-p.score, p.a, p.b))
    return out[:limit]


def set_aside(project: Project, a: str, b: str) -> ChangeSet:
    """The analyst says two events are not the same: they are not offered again."""
    a, b = sorted((a, b))
    cs = ChangeSet("Not the same event")
    row_id = aside_id(a, b)
    if project.row("not_duplicates", row_id) is None:
        cs.insert(
            "not_duplicates",
            {"id": row_id, "event_a": a, "event_b": b, **provenance(project.analyst)},
        )
    return cs


def rare_words(frequency: Counter[str], n_events: int) -> set[str]:
    cap = max(50, int(RARE * n_events))
    return {w for w, n in frequency.items() if n <= cap}


def aside_id(a: str, b: str) -> str:
    return derived_id("not_duplicate", *sorted((a, b)))


def _load(project: Project, names: dict[str, str]) -> dict[str, _Event]:
    actors: dict[str, set[str]] = defaultdict(set)
    for r in project.db.execute("SELECT event_id, actor_id FROM event_actors"):
        actors[r[0]].add(r[1])
    articles: dict[str, set[str]] = defaultdict(set)
    for r in project.db.execute(
        "SELECT c.event_id, p.article_id FROM citations c JOIN passages p ON p.id = c.passage_id "
        "WHERE c.event_id IS NOT NULL"
    ):
        articles[r[0]].add(r[1])
    called: dict[str, list[str]] = {i: [n] for i, n in names.items()}
    for actor_id, alias in project.db.execute(
        "SELECT a.id, j.value FROM actors a, json_each(a.aliases) j WHERE json_valid(a.aliases)"
    ):
        called.setdefault(actor_id, []).append(str(alias))
    out = {}
    for event_id, headline, earliest, latest in project.db.execute(
        "SELECT id, headline, date_earliest, date_latest FROM events"
    ):
        what = _what(headline, (n for a in actors.get(event_id, ()) for n in called.get(a, ())))
        out[event_id] = _Event(
            event_id,
            headline,
            datetime.fromisoformat(earliest) if earliest else None,
            datetime.fromisoformat(latest) if latest else None,
            frozenset(what),
            what,
            frozenset(actors.get(event_id, ())),
            frozenset(articles.get(event_id, ())),
        )
    return out


def _candidates(events: dict[str, _Event], rare: set[str]) -> Iterable[tuple[str, str]]:
    dated = sorted((e for e in events.values() if e.start), key=lambda e: e.start or datetime.min)
    # Per blocking key, the events whose interval still reaches the current one (a month-long
    # event stays in the window for its month): kept in start order, pruned as they end.
    open_: dict[str, list[_Event]] = defaultdict(list)
    for e in dated:
        assert e.start is not None
        edge = e.start - NEAR
        for key in _keys(e, rare):
            window = open_[key]
            if window and (window[0].end or datetime.min) < edge:
                window[:] = [o for o in window if (o.end or datetime.min) >= edge]
            for other in window:
                yield other.id, e.id
            window.append(e)
    by_word: dict[str, list[str]] = defaultdict(list)
    for e in events.values():
        if e.start is None:
            for w in e.words & rare:
                by_word[w].append(e.id)
    for e in events.values():
        for w in e.words & rare:
            for undated in by_word.get(w, ()):
                if undated != e.id:
                    yield undated, e.id


def _keys(e: _Event, rare: set[str]) -> Iterable[str]:
    yield from (f"w:{w}" for w in e.words & rare)
    yield from (f"a:{a}" for a in e.actors)


def _score(a: _Event, b: _Event, names: dict[str, str], weight: dict[str, float]) -> Pair | None:
    """Same time, the same actors for the most part, and some of the same words for what
    happened; or, whatever the actors, mostly the same words. Thresholds measured on the
    planted-duplicates chronology (annotator.bench.duplicates_eval)."""
    meet = _meet(a, b)
    if a.start and b.start and not meet:
        return None  # dated, and days apart: two events, however alike the words
    both = a.actors | b.actors
    actors = len(a.actors & b.actors) / len(both) if both else 0.0
    union = sum(weight[w] for w in a.words | b.words)
    shared_words = sorted(a.words & b.words, key=lambda w: -weight[w])
    words = sum(weight[w] for w in shared_words) / union if union else 0.0
    # Different people doing alike things on one day are different events: words alone
    # decide only where a side has no actors to compare.
    alone = not (a.actors and b.actors)
    if not ((meet and actors >= 0.5 and words >= 0.06) or (alone and words >= 0.5)):
        return None
    reasons = []
    if meet:
        reasons.append("the dates meet")
    if a.actors & b.actors:
        reasons.append("actors " + ", ".join(sorted(names.get(x, x) for x in a.actors & b.actors)))
    if shared_words:
        reasons.append("words " + ", ".join(a.written[w] for w in shared_words[:4]))
    if a.articles and b.articles and not a.articles & b.articles:
        reasons.append("told by different articles")
    score = 100 * words + 40 * actors + (20 if meet else 0)
    return Pair(a.id, b.id, a.headline, b.headline, score, reasons)


def _meet(a: _Event, b: _Event) -> bool:
    if not (a.start and a.end and b.start and b.end):
        return False
    return a.start <= b.end + NEAR and b.start <= a.end + NEAR


def pair_summary(pair: Pair) -> dict[str, Any]:
    return {"a": pair.a, "b": pair.b, "score": round(pair.score, 1), "reasons": pair.reasons}
