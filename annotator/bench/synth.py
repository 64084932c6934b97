"""Deterministic synthetic projects for the benchmark (seeded random, realistic shapes).

Rows go in with ``insert_all`` (3-5 µs a row, measured) rather than through ChangeSets:
this builds test data, it is not an analyst's edit.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.text import text_hash
from annotator.store.changes import derived_id, now_iso
from annotator.store.project import Project

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Size:
    name: str
    articles: int
    events: int
    passages: int
    actors: int
    claims: int
    article_chars: int = 5000


SIZES = {
    "seed": Size("seed", 0, 0, 0, 0, 0),
    "medium": Size("medium", 1_000, 10_000, 20_000, 500, 2_000),
    "large": Size("large", 10_000, 100_000, 200_000, 5_000, 20_000),
    # Ten times large, for what touches the whole project (start, export, search, filter).
    "xlarge": Size("xlarge", 100_000, 1_000_000, 2_000_000, 50_000, 200_000),
}

_WORDS = (
    "government minister talks ceasefire agreement security defence spending alliance "
    "summit leaders officials border troops sanctions economy trade election parliament "
    "court ruling protest police report inquiry budget energy pipeline port missile drone "
    "attack negotiations delegation statement spokesman council vote coalition opposition "
    "referendum treaty embassy ambassador aid humanitarian refugees convoy shelling airstrike "
    "ministry interior foreign finance chancellor president prime general commander army navy "
    "the a of to in and on for with that by from at as after before during against over "
    "said announced warned denied agreed rejected proposed signed accused confirmed met "
    "would could will may should has have had was were is are been being new first last"
).split()
_FIRST = (
    "Anna Boris Carla David Elena Farid Greta Hugo Irina Jonas Karim Lena Marco Nadia "
    "Olaf Petra Quentin Rosa Stefan Tamara Umar Vera Walter Xenia Yusuf Zofia"
).split()
_LAST = (
    "Adler Baker Costa Dimitrov Eriksen Fischer Garcia Horvat Ivanova Jansen Kowalski "
    "Larsen Moreau Novak Olsen Petrov Quinn Rossi Schmidt Tanaka Urban Varga Weber "
    "Young Zeller"
).split()
_OUTLETS = (
    "Reuters",
    "AP",
    "AFP",
    "The Guardian",
    "Le Monde",
    "Der Spiegel",
    "El País",
    "The New York Times",
    "Financial Times",
    "BBC News",
)
_TYPES = ("meeting", "statement", "attack", "policy", "summit", "vote", "protest", "ruling")
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
START = date(2015, 1, 1)
BIG_ARTICLE_CHARS = 60_000
BIG_ARTICLE_PASSAGES = 2_000
DAYS = 365 * 10


def _sentence(rng: random.Random, names: list[str]) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 22))]
    if rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), rng.choice(names))
    if rng.random() < 0.3:
        d = START + timedelta(days=rng.randrange(DAYS))
        words.insert(rng.randrange(len(words)), f"on {d.day} {_MONTHS[d.month - 1]} {d.year}")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def article_text(rng: random.Random, chars: int, names: list[str]) -> str:
    paragraphs, length = [], 0
    while length < chars:
        para = " ".join(_sentence(rng, names) for _ in range(rng.randint(3, 7)))
        paragraphs.append(para)
        length += len(para) + 2
    return "\n\n".join(paragraphs)[:chars].rstrip() + "."


def _prov(stamp: str) -> dict[str, str]:
    return {"created": stamp, "modified": stamp, "analyst": "bench"}


def _chunks(rows: Iterator[dict], n: int = 5000) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch


def build(path: Path, size: Size, *, seed: int = 20250301) -> Path:
    """Create ``path`` with the synthetic project of this size (seeded: same every time)."""
    rng = random.Random(seed)
    stamp = now_iso()
    project = Project.open(path, create=True, analyst="bench")
    db = project.db
    actors = []
    for i in range(size.actors):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        name = f"{first} {last}" if i % 5 else f"{last} {rng.choice(_TYPES).title()} Ministry"
        actors.append(
            {
                "id": derived_id("bench-actor", str(i)),
                "name": f"{name} {i}",
                "kind": "person" if i % 5 else "organisation",
                "aliases": json.dumps([last, f"{first[0]}. {last}"]),
                "description": "",
                **_prov(stamp),
            }
        )
    names = [a["name"] for a in actors] or ["Anna Adler"]
    with db.atomic():
        db.table("actors").insert_all(actors, batch_size=5000)
        texts: list[tuple[str, int]] = []

        def articles() -> Iterator[dict]:
            for i in range(size.articles):
                chars = max(800, int(rng.gauss(size.article_chars, size.article_chars / 3)))
                if i == 0:
                    chars = BIG_ARTICLE_CHARS  # the article that holds BIG_ARTICLE_PASSAGES
                text = article_text(rng, chars, names)
                aid = derived_id("bench-article", str(i))
                texts.append((aid, len(text)))
                pub = START + timedelta(days=rng.randrange(DAYS))
                yield {
                    "id": aid,
                    "title": f"{_sentence(rng, names)[:70]}",
                    "outlet": rng.choice(_OUTLETS),
                    "author": rng.choice(_LAST),
                    "url": f"https://example.org/{i}",
                    "published": pub.isoformat(),
                    "published_earliest": f"{pub.isoformat()}T00:00:00",
                    "published_latest": f"{pub.isoformat()}T23:59:59",
                    "language": "en",
                    "text": text,
                    "text_hash": text_hash(text),
                    "source": f"synthetic-{i}.txt",
                    "previous_version": None,
                    **_prov(stamp),
                }

        for batch in _chunks(articles(), 500):
            db.table("articles").insert_all(batch, batch_size=500)
        _events(db, rng, size, actors, stamp)
        _passages_and_citations(db, rng, size, texts, stamp)
        _claims(db, rng, size, actors, stamp)
    project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    project.close()
    return path


def _events(db: Database, rng: random.Random, size: Size, actors: list[dict], stamp: str) -> None:
    def events() -> Iterator[dict]:
        for i in range(size.events):
            d = START + timedelta(days=rng.randrange(DAYS))
            kind = rng.random()
            if kind < 0.7:
                value, lo, hi, prec = d.isoformat(), d, d, "day"
            elif kind < 0.85:
                value, prec = d.strftime("%Y-%m"), "month"
                lo = d.replace(day=1)
                hi = (lo + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            elif kind < 0.95:
                hi = d + timedelta(days=rng.randint(1, 20))
                value, lo, prec = f"{d.isoformat()}/{hi.isoformat()}", d, "range"
            else:
                yield {
                    "id": derived_id("bench-event", str(i)),
                    "headline": f"Undated {i}",
                    "description": "",
                    "date": None,
                    "date_earliest": None,
                    "date_latest": None,
                    "date_precision": None,
                    "date_phrase": None,
                    "date_anchor": None,
                    "date_status": None,
                    "day_seq": 0,
                    "type": rng.choice(_TYPES),
                    "location": "",
                    "confidence": None,
                    **_prov(stamp),
                }
                continue
            yield {
                "id": derived_id("bench-event", str(i)),
                "headline": " ".join(rng.choice(_WORDS) for _ in range(6)).capitalize(),
                "description": "",
                "date": value,
                "date_earliest": f"{lo.isoformat()}T00:00:00",
                "date_latest": f"{hi.isoformat()}T23:59:59",
                "date_precision": prec,
                "date_phrase": None,
                "date_anchor": None,
                "date_status": "confirmed",
                "day_seq": 0,
                "type": rng.choice(_TYPES),
                "location": "",
                "confidence": rng.choice(("low", "medium", "high")),
                **_prov(stamp),
            }

    for batch in _chunks(events()):
        db.table("events").insert_all(batch, batch_size=5000)
    if not actors:
        return

    def links() -> Iterator[dict]:
        for i in range(size.events):
            eid = derived_id("bench-event", str(i))
            for actor in rng.sample(actors, k=min(len(actors), rng.randint(1, 3))):
                yield {
                    "id": derived_id("event_actor", eid, actor["id"], "participant"),
                    "event_id": eid,
                    "actor_id": actor["id"],
                    "role": "participant",
                    **_prov(stamp),
                }

    for batch in _chunks(links()):
        db.table("event_actors").insert_all(batch, batch_size=5000)

    def tags() -> Iterator[dict]:
        for i in range(0, size.events, 3):
            eid = derived_id("bench-event", str(i))
            tag = rng.choice(("ukraine", "nato", "eu", "sanctions", "energy", "elections"))
            yield {
                "id": derived_id("tag", "event", eid, tag),
                "tag": tag,
                "event_id": eid,
                "actor_id": None,
                "claim_id": None,
                **_prov(stamp),
            }

    for batch in _chunks(tags()):
        db.table("tags").insert_all(batch, batch_size=5000)


def _passages_and_citations(
    db: Database, rng: random.Random, size: Size, texts: list[tuple[str, int]], stamp: str
) -> None:
    if not texts or not size.events:
        return
    hashes = dict(db.execute("SELECT id, text_hash FROM articles").fetchall())
    article_text_of: dict[str, str] = {}

    def passages() -> Iterator[dict]:
        for i in range(size.passages):
            pick = 0 if i < BIG_ARTICLE_PASSAGES else rng.randrange(len(texts))
            aid, length = texts[pick]
            start = rng.randrange(max(1, length - 200))
            end = min(length, start + rng.randint(20, 180))  # overlaps are common
            if aid not in article_text_of:
                article_text_of.clear()  # one article's text at a time keeps memory flat
                article_text_of[aid] = db.execute(
                    "SELECT text FROM articles WHERE id = ?", [aid]
                ).fetchone()[0]
            text = article_text_of[aid]
            yield {
                "id": derived_id("bench-passage", str(i)),
                "article_id": aid,
                "start": start,
                "end": end,
                "quote": text[start:end],
                "prefix": text[max(0, start - 32) : start],
                "suffix": text[end : end + 32],
                "text_hash": hashes[aid],
                "status": "anchored",
                **_prov(stamp),
            }

    for batch in _chunks(passages()):
        db.table("passages").insert_all(batch, batch_size=5000)

    def citations() -> Iterator[dict]:
        for i in range(size.passages):
            pid = derived_id("bench-passage", str(i))
            eid = derived_id("bench-event", str(i % size.events))
            yield {
                "id": derived_id("citation", "event", eid, pid),
                "passage_id": pid,
                "event_id": eid,
                "actor_id": None,
                "claim_id": None,
                "note": "",
                **_prov(stamp),
            }

    for batch in _chunks(citations()):
        db.table("citations").insert_all(batch, batch_size=5000)


def _claims(db: Database, rng: random.Random, size: Size, actors: list[dict], stamp: str) -> None:
    if not size.claims:
        return

    def claims() -> Iterator[dict]:
        for i in range(size.claims):
            d = START + timedelta(days=rng.randrange(DAYS))
            yield {
                "id": derived_id("bench-claim", str(i)),
                "text": _sentence(rng, ["They"]),
                "claimant_id": rng.choice(actors)["id"] if actors else None,
                "claimed": d.isoformat(),
                "claimed_earliest": f"{d.isoformat()}T00:00:00",
                "claimed_latest": f"{d.isoformat()}T23:59:59",
                "stance": rng.choice(("asserts", "denies", "disputes", "predicts")),
                "event_id": derived_id("bench-event", str(rng.randrange(size.events))),
                "assessment": "unverified",
                **_prov(stamp),
            }

    for batch in _chunks(claims()):
        db.table("claims").insert_all(batch, batch_size=5000)


HUGE_ARTICLE_CHARS = 2_000_000
HUGE_ARTICLE_PASSAGES = 5_000


def add_huge_article(project: Project, *, seed: int = 2) -> tuple[str, str]:
    """A 2 MB article with 5,000 cited passages, added to an open benchmark project for
    the figure of opening it (and taken out again by ``remove_article``): (id, text)."""
    rng = random.Random(seed)
    db = project.db
    stamp = now_iso()
    names = [r[0] for r in db.execute("SELECT name FROM actors LIMIT 200")] or ["Anna Adler"]
    text = article_text(rng, HUGE_ARTICLE_CHARS, names)
    aid = derived_id("bench-huge-article", str(seed))
    events = [r[0] for r in db.execute("SELECT id FROM events LIMIT 5000")]
    with db.atomic():
        db.table("articles").insert(
            {
                "id": aid,
                "title": "A very long report",
                "outlet": "Reuters",
                "author": "Adler",
                "url": "https://example.org/huge",
                "published": "2020-01-01",
                "published_earliest": "2020-01-01T00:00:00",
                "published_latest": "2020-01-01T23:59:59",
                "language": "en",
                "text": text,
                "text_hash": text_hash(text),
                "source": "synthetic-huge.txt",
                "previous_version": None,
                **_prov(stamp),
            }
        )
        passages, citations = [], []
        for i in range(HUGE_ARTICLE_PASSAGES):
            start = rng.randrange(len(text) - 200)
            end = start + rng.randint(20, 180)
            pid = derived_id("bench-huge-passage", aid, str(i))
            passages.append(
                {
                    "id": pid,
                    "article_id": aid,
                    "start": start,
                    "end": end,
                    "quote": text[start:end],
                    "prefix": text[max(0, start - 32) : start],
                    "suffix": text[end : end + 32],
                    "text_hash": text_hash(text),
                    "status": "anchored",
                    **_prov(stamp),
                }
            )
            if events:
                eid = events[i % len(events)]
                citations.append(
                    {
                        "id": derived_id("citation", "event", eid, pid),
                        "passage_id": pid,
                        "event_id": eid,
                        "actor_id": None,
                        "claim_id": None,
                        "note": "",
                        **_prov(stamp),
                    }
                )
        db.table("passages").insert_all(passages, batch_size=5000)
        db.table("citations").insert_all(citations, batch_size=5000)
    return aid, text


def remove_article(project: Project, article_id: str) -> None:
    """Take out what ``add_huge_article`` added, so the project is as it was built."""
    db = project.db
    with db.atomic():
        db.execute(
            "DELETE FROM citations WHERE passage_id IN "
            "(SELECT id FROM passages WHERE article_id = ?)",
            [article_id],
        )
        db.execute("DELETE FROM passages WHERE article_id = ?", [article_id])
        db.execute("DELETE FROM articles WHERE id = ?", [article_id])
