"""A project of many events written straight into its tables: exports' memory compared
between a project and one four times its size (ops would take minutes to build them)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from annotator.store.lock import write_marker
from annotator.store.project_setup import create_project

STAMP = "2025-03-01T10:00:00.000Z"
TEXT = "Talks began in Paris on 4 March 2025 and failed. " * 8
TEXT_HASH = "sha256:" + hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
# Long ids and headlines (the schema allows 128 characters): what an export keeps per
# item shows up many times over.
PAD = "x" * 100


def _id(kind: str, i: int) -> str:
    return f"{kind}-{i:06d}-{PAD}"


def build_bulk_project(path: Path, events: int, *, word: str = "Event") -> Path:
    """``events`` events, each citing two passages of one of events/2 articles, with an
    actor, a tag, a claim every second, a relation every tenth and a date resolved against
    another event every fiftieth (both reaching an event over a thousand away: another
    chunk of the export). From 2,000 events every list fills the export's chunks.
    ``word`` starts each headline: one beyond ASCII leaves the order to the key's bytes."""
    create_project(path, seed=False)
    articles = max(1, events // 2)
    con = sqlite3.connect(path)
    prov = (STAMP, STAMP, "tester")
    con.executemany(
        "INSERT INTO articles (id, title, outlet, url, published, published_earliest, "
        "published_latest, text, text_hash, created, modified, analyst) "
        "VALUES (?, ?, ?, ?, '2025-03-04', '2025-03-04', '2025-03-04', ?, ?, ?, ?, ?)",
        [
            (_id("a", i), f"Article {i}", f"Outlet {i % 7}", f"https://e.org/{i}", TEXT,
             TEXT_HASH, *prov)
            for i in range(articles)
        ],
    )  # fmt: skip
    con.executemany(
        "INSERT INTO actors (id, name, created, modified, analyst) VALUES (?, ?, ?, ?, ?)",
        [(_id("p", i), f"Actor {i}", *prov) for i in range(20)],
    )
    rows = []
    for i in range(events):
        anchor = f"event:{_id('e', i - 1200)}" if i % 50 == 0 and i >= 1200 else None
        day = 1 + i % 28
        rows.append(
            (_id("e", i), f"{word} {i} {PAD * 4}", f"2025-02-{day:02d}",
             f"2025-02-{day:02d}T00:00:00", f"2025-02-{day:02d}T23:59:59", "day", anchor,
             "Monday" if anchor else None, *prov)
        )  # fmt: skip
    con.executemany(
        "INSERT INTO events (id, headline, date, date_earliest, date_latest, date_precision, "
        "date_anchor, date_phrase, created, modified, analyst) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    passages, citations, links, tags, claims, relations = [], [], [], [], [], []
    for i in range(events):
        event = _id("e", i)
        for j in range(2):
            passage = _id(f"s{j}", i)
            passages.append(
                (passage, _id("a", (i + j) % articles), 0, 5, "Talks", TEXT_HASH, *prov)
            )
            citations.append((_id(f"c{j}", i), passage, event, *prov))
        links.append((_id("l", i), event, _id("p", i % 20), "host" if i % 2 else "", *prov))
        tags.append((_id("t", i), f"tag {i % 13}", event, *prov))
        if i % 2 == 0:
            claims.append((_id("k", i), f"Claim {i}", _id("p", i % 20), event, *prov))
        if i % 10 == 0 and i + 1500 < events:
            relations.append((_id("r", i), event, "precedes", _id("e", i + 1500), *prov))
    con.executemany(
        'INSERT INTO passages (id, article_id, start, "end", quote, text_hash, created, '
        "modified, analyst) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        passages,
    )
    con.executemany(
        "INSERT INTO citations (id, passage_id, event_id, created, modified, analyst) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        citations,
    )
    con.executemany(
        "INSERT INTO event_actors (id, event_id, actor_id, role, created, modified, analyst) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        links,
    )
    con.executemany(
        "INSERT INTO tags (id, tag, event_id, created, modified, analyst) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        tags,
    )
    con.executemany(
        "INSERT INTO claims (id, text, claimant_id, event_id, created, modified, analyst) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        claims,
    )
    con.executemany(
        "INSERT INTO event_relations (id, source_id, kind, target_id, created, modified, "
        "analyst) VALUES (?, ?, ?, ?, ?, ?, ?)",
        relations,
    )
    con.commit()
    con.close()
    write_marker(path, clean=True)
    return path
