"""How well the possible-duplicates list finds the same event told twice.

A synthetic chronology (seeded): news events written from templates, and for a share of them
a second report as another outlet would write it (other words for the verb and the object,
words added or dropped, the order changed, the date a day off or only the month known, the
actors partly shared). Hard negatives sit beside them: other events of the same actors on
the same days. Precision and recall are counted on the planted pairs; the time is taken at
the size asked for (100,000 events by default for the timing run).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from annotator.core.dates.value import DateValue
from annotator.store.changes import derived_id, now_iso
from annotator.store.duplicates import possible_duplicates
from annotator.store.project import Project
from annotator.store.same_event import similar_events

# (verb forms: each row is one action, worded as different outlets word it)
_ACTIONS = (
    ("meets", "holds talks with", "sits down with", "met"),
    ("sanctions", "imposes sanctions on", "hits with penalties", "targets with sanctions"),
    ("signs a deal with", "agrees a deal with", "seals an agreement with", "strikes a pact with"),
    ("criticises", "condemns", "slams", "rebukes"),
    ("visits", "travels to", "arrives in", "tours"),
    ("accuses", "blames", "points the finger at", "charges"),
    ("warns", "issues a warning to", "cautions", "threatens"),
    ("calls", "phones", "holds a call with", "speaks by phone with"),
    ("recognises", "formally recognises", "extends recognition to", "accepts"),
    ("withdraws troops from", "pulls forces out of", "begins a withdrawal from", "leaves"),
)
_COUNTRIES = (
    "Germany France Italy Spain Poland Ukraine Russia China Japan India Brazil Canada Mexico "
    "Turkey Egypt Israel Iran Kenya Nigeria Chile Norway Sweden Finland Greece Austria "
    "Hungary Romania Serbia Georgia Armenia Qatar Vietnam Indonesia Australia Argentina"
).split()
_FIRST = "Anna Boris Carla David Elena Farid Greta Hugo Irina Jonas Karim Lena Marco Nadia".split()
_LAST = "Adler Baker Costa Dimitrov Eriksen Fischer Garcia Horvat Ivanova Jansen Kowalski".split()
# 35 countries and 154 people: a chronology's cast, not a handful of names on every line.
_PARTIES = tuple(_COUNTRIES) + tuple(f"{f} {s}" for f in _FIRST for s in _LAST)
_TOPICS = (
    ("over gas supplies", "on gas deliveries", "about the gas pipeline"),
    ("on trade", "over tariffs", "about trade barriers"),
    ("over the border dispute", "on the frontier row", "about the disputed border"),
    ("on climate targets", "over emissions goals", "about climate policy"),
    ("over the prisoner exchange", "on a prisoner swap", "about detained citizens"),
    ("on defence spending", "over military budgets", "about arms spending"),
    ("over the election", "on the disputed vote", "about the ballot"),
    ("on migration", "over asylum rules", "about refugees"),
    ("over grain exports", "on the grain corridor", "about wheat shipments"),
    ("on the nuclear programme", "over uranium enrichment", "about nuclear inspections"),
    ("over debt relief", "on loan repayments", "about the debt deal"),
    ("on the ceasefire", "over the truce", "about halting the fighting"),
    ("over fishing rights", "on fishing quotas", "about the fisheries dispute"),
    ("on vaccine supplies", "over vaccine doses", "about the vaccine rollout"),
    ("over the dam project", "on the river dam", "about water sharing"),
    ("on rare earth exports", "over critical minerals", "about mining rights"),
)
_EXTRAS = ("", " in Brussels", " on Tuesday", " amid tensions", " for the first time", "")
START = date(2020, 1, 1)


@dataclass(frozen=True)
class Planted:
    events: list[dict[str, object]]
    links: list[dict[str, object]]
    pairs: set[tuple[str, str]]


def _headline(rng: random.Random, a: str, b: str, action: int, topic: int, variant: int) -> str:
    verb = _ACTIONS[action][variant % len(_ACTIONS[action])]
    about = _TOPICS[topic][variant % len(_TOPICS[topic])]
    extra = rng.choice(_EXTRAS)
    if variant % 2 and rng.random() < 0.5:
        return f"{a} and {b}: {verb.split()[0]} {about}{extra}".capitalize()
    return f"{a} {verb} {b} {about}{extra}"


def plant(n_events: int, *, seed: int = 7, share: float = 0.3) -> Planted:
    rng = random.Random(seed)
    stamp = now_iso()
    events: list[dict[str, object]] = []
    links: list[dict[str, object]] = []
    pairs: set[tuple[str, str]] = set()
    days = max(30, n_events // 40)  # about 40 events a day, as in a busy chronology

    def add(headline: str, lo: date, hi: date, value: str, actors: Sequence[str]) -> str:
        event_id = derived_id("dup-event", str(len(events)))
        events.append(
            {
                "id": event_id,
                "headline": headline,
                "description": "",
                "date": value,
                "date_earliest": f"{lo.isoformat()}T00:00:00",
                "date_latest": f"{hi.isoformat()}T23:59:59",
                "date_precision": "day" if lo == hi else "month",
                "date_phrase": None,
                "date_anchor": None,
                "date_status": "confirmed",
                "day_seq": 0,
                "type": "",
                "location": "",
                "confidence": None,
                "created": stamp,
                "modified": stamp,
                "analyst": "eval",
            }
        )
        for actor in dict.fromkeys(actors):
            links.append(
                {
                    "id": derived_id("dup-link", event_id, actor),
                    "event_id": event_id,
                    "actor_id": derived_id("dup-actor", actor),
                    "role": "",
                    "created": stamp,
                    "modified": stamp,
                    "analyst": "eval",
                }
            )
        return event_id

    while len(events) < n_events:
        a, b = rng.sample(_PARTIES, 2)
        action, topic = rng.randrange(len(_ACTIONS)), rng.randrange(len(_TOPICS))
        day = START + timedelta(days=rng.randrange(days))
        first = add(_headline(rng, a, b, action, topic, 0), day, day, day.isoformat(), [a, b])
        # Hard negatives: the same two parties on the same day about something else, and
        # others on the same day about the same thing.
        if rng.random() < 0.05:
            other = (action + rng.randrange(1, len(_ACTIONS))) % len(_ACTIONS)
            subject = (topic + rng.randrange(1, len(_TOPICS))) % len(_TOPICS)
            add(_headline(rng, a, b, other, subject, 0), day, day, day.isoformat(), [a, b])
        if rng.random() < 0.1:
            c, d = rng.sample(_PARTIES, 2)
            add(_headline(rng, c, d, action, topic, 0), day, day, day.isoformat(), [c, d])
        if rng.random() < share:
            variant = rng.randrange(1, 4)
            shift = rng.choice((0, 0, 1, -1))
            when = day + timedelta(days=shift)
            if rng.random() < 0.15:  # the other outlet gives only the month
                lo = when.replace(day=1)
                hi = (lo + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                value = lo.strftime("%Y-%m")
            else:
                lo = hi = when
                value = when.isoformat()
            actors = rng.choice(([a, b], [a], [b, a], [a, b, rng.choice(_PARTIES)]))
            second = add(_headline(rng, a, b, action, topic, variant), lo, hi, value, actors)
            pairs.add((min(first, second), max(first, second)))
    kept = {str(e["id"]) for e in events[:n_events]}
    return Planted(events[:n_events], links, {p for p in pairs if kept.issuperset(p)})


def _build(path: Path, planted: Planted) -> None:
    project = Project.open(path, create=True, analyst="eval")
    stamp = now_iso()
    kept = {e["id"] for e in planted.events}
    with project.db.atomic():
        project.db.table("actors").insert_all(
            [
                {
                    "id": derived_id("dup-actor", name),
                    "name": name,
                    "kind": "state",
                    "aliases": "[]",
                    "description": "",
                    "created": stamp,
                    "modified": stamp,
                    "analyst": "eval",
                }
                for name in _PARTIES
            ]
        )
        project.db.table("events").insert_all(planted.events, batch_size=5000)
        project.db.table("event_actors").insert_all(
            [link for link in planted.links if link["event_id"] in kept], batch_size=5000
        )
    project.close()


def evaluate(n_events: int, *, seed: int = 7) -> dict[str, float]:
    planted = plant(n_events, seed=seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dups.db"
        _build(path, planted)
        with Project.open(path) as project:
            started = time.perf_counter()
            found = possible_duplicates(project, limit=10**9)
            seconds = time.perf_counter() - started
            offers = _form_offers(project, planted)
    got = {(min(p.a, p.b), max(p.a, p.b)) for p in found}
    true = len(got & planted.pairs)
    return {
        **offers,
        "events": float(n_events),
        "planted": float(len(planted.pairs)),
        "found": float(len(got)),
        "precision": true / len(got) if got else 0.0,
        "recall": true / len(planted.pairs) if planted.pairs else 0.0,
        "seconds": seconds,
    }


SAMPLE = 300  # tagged events timed and judged for the form's offer


def _form_offers(project: Project, planted: Planted) -> dict[str, float]:
    """What the new-event form offers while the analyst tags: for the second report of a
    planted pair, is the first one offered first? For an event with no twin, is anything
    offered at all? Each lookup timed as the form runs it (one indexed read, no scan)."""
    rng = random.Random(11)
    by_id = {str(e["id"]): e for e in planted.events}
    actors: dict[str, list[str]] = {}
    for link in planted.links:
        actors.setdefault(str(link["event_id"]), []).append(str(link["actor_id"]))
    paired = {x for pair in planted.pairs for x in pair}
    seconds = sorted(planted.pairs)
    twins = rng.sample(seconds, min(SAMPLE, len(seconds)))
    alone = rng.sample(sorted(set(by_id) - paired), min(SAMPLE, len(by_id) - len(paired)))
    times: list[float] = []

    def offer(event_id: str) -> list[str]:
        e = by_id[event_id]
        started = time.perf_counter()
        found = similar_events(
            project,
            str(e["headline"]),
            DateValue.from_edtf(e["date"]),
            actors.get(event_id, []),
            limit=4,
        )
        times.append(time.perf_counter() - started)
        return [m.event_id for m in found if m.event_id != event_id]  # not itself

    order = {str(e["id"]): k for k, e in enumerate(planted.events)}
    # the analyst tags the second report; the first is in the chronology already
    pairs = [sorted(pair, key=order.__getitem__) for pair in twins]
    offers = [(a, offer(b)[:1]) for a, b in pairs]
    first_right = sum(1 for a, got in offers if got == [a])
    offered_alone = sum(1 for x in alone if offer(x))
    made = sum(1 for _, got in offers if got) + offered_alone
    times.sort()
    return {
        "offer_recall": first_right / len(twins) if twins else 0.0,
        "offer_false": offered_alone / len(alone) if alone else 0.0,
        # the same number of each kind asked: the share of offers that were right
        "offer_precision": first_right / made if made else 0.0,
        "offer_ms": 1000 * times[len(times) // 2] if times else 0.0,
        "offer_ms_max": 1000 * times[-1] if times else 0.0,
    }


def lines(results: Iterator[dict[str, float]]) -> Iterator[str]:
    yield f"{'events':>8} {'planted':>8} {'found':>7} {'precision':>9} {'recall':>7} {'time':>9}"
    for r in results:
        yield (
            f"{r['events']:8,.0f} {r['planted']:8,.0f} {r['found']:7,.0f} "
            f"{100 * r['precision']:8.1f}% {100 * r['recall']:6.1f}% {r['seconds']:8.2f}s"
        )
        yield (
            f"{'':8} the form's offer while tagging: the twin offered first for "
            f"{100 * r['offer_recall']:.1f}% of planted second reports, something offered "
            f"for {100 * r['offer_false']:.1f}% of events with no twin (the planted hard "
            f"negatives among them), {100 * r['offer_precision']:.1f}% of offers right "
            "with as many of each asked; lookup median "
            f"{r['offer_ms']:.1f} ms, slowest {r['offer_ms_max']:.1f} ms"
        )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    sizes = [int(a.replace(",", "").replace("_", "")) for a in args] or [2_000, 100_000]
    print("Possible duplicates on a synthetic chronology with planted duplicates (seed 7)")
    for line in lines(evaluate(n) for n in sizes):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
