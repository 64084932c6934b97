"""The drawn timeline's read gives what the read before it gave (tuples in batches, names
joined in SQL, the citations ordered by SQLite), for random filters on a generated project."""

from __future__ import annotations

import json
import random
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest

from annotator.bench.synth import Size, build
from annotator.store.changes import derived_id
from annotator.store.drawn_rows import (
    DrawnRow,
    claims_about,
    drawn_for,
    drawn_rows,
    drawn_selection,
)
from annotator.store.project import Project
from annotator.store.queries import TimelineFilter, event_ids

SMALL = Size("test", 40, 700, 1_400, 60, 200, article_chars=900)


def _old_drawn_rows(project: Project, ids: set[str] | None) -> list[DrawnRow]:
    """The read as it was before issue 17's first filters (dicts, names in Python)."""
    from annotator.store.drawn_rows import latest_drawn_ids

    wanted = json.dumps(sorted(ids) if ids is not None else latest_drawn_ids(project))
    rows = project.rows
    links = rows(
        "SELECT event_id, actor_id, created FROM event_actors "
        "WHERE event_id IN (SELECT value FROM json_each(?))",
        [wanted],
    )
    names = {r["id"]: r["name"] for r in rows("SELECT id, name FROM actors")}
    links.sort(key=lambda r: (r["created"], names.get(r["actor_id"], "")))
    actors: dict[str, list[str]] = defaultdict(list)
    for r in links:
        if r["actor_id"] in names:
            actors[r["event_id"]].append(names[r["actor_id"]])
    tags: dict[str, list[str]] = defaultdict(list)
    for r in rows(
        "SELECT tag, coalesce(event_id, claim_id) AS item FROM tags WHERE event_id IN "
        "(SELECT value FROM json_each(?1)) OR claim_id IN (SELECT value FROM json_each(?1)) "
        "ORDER BY tag",
        [wanted],
    ):
        tags[r["item"]].append(r["tag"])
    cited = rows(
        "SELECT coalesce(c.event_id, c.claim_id) AS item, c.event_id IS NOT NULL AS event, "
        "p.article_id, c.rowid AS seq FROM citations c JOIN passages p ON p.id = c.passage_id "
        "WHERE c.event_id IN (SELECT value FROM json_each(?1)) "
        "OR c.claim_id IN (SELECT value FROM json_each(?1))",
        [wanted],
    )
    sources = {r["id"]: (r["title"], r["outlet"]) for r in rows("SELECT * FROM articles")}
    cited.sort(key=lambda r: r["seq"])
    articles: dict[str, list[str]] = defaultdict(list)
    outlets: dict[str, set[str]] = defaultdict(set)
    for r in cited:
        if r["article_id"] not in sources:
            continue
        title, outlet = sources[r["article_id"]]
        if title not in articles[r["item"]]:
            articles[r["item"]].append(title)
        if r["event"]:
            outlets[r["item"]].add(outlet or r["article_id"])
    single = {item for item, found in outlets.items() if len(found) == 1}
    out = []
    for e in rows(
        "SELECT * FROM events WHERE date IS NOT NULL AND id IN (SELECT value FROM json_each(?))",
        [wanted],
    ):
        out.append(
            DrawnRow(
                id=e["id"],
                kind="event",
                label=e["headline"],
                date=e["date"],
                earliest=e["date_earliest"],
                latest=e["date_latest"],
                precision=e["date_precision"],
                day_seq=e["day_seq"] or 0,
                type=e["type"] or "",
                actors=tuple(actors.get(e["id"], ())),
                tags=tuple(tags.get(e["id"], ())),
                articles=tuple(articles.get(e["id"], ())),
                fact_status=e["fact_status"],
                suggested=e["date_status"] == "suggested",
                single_source=e["id"] in single,
            )
        )
    for c in rows(
        "SELECT c.*, a.name AS claimant FROM claims c LEFT JOIN actors a ON a.id = c.claimant_id "
        "WHERE c.claimed IS NOT NULL AND c.id IN (SELECT value FROM json_each(?))",
        [wanted],
    ):
        out.append(
            DrawnRow(
                id=c["id"],
                kind="claim",
                label=c["text"],
                date=c["claimed"],
                earliest=c["claimed_earliest"],
                latest=c["claimed_latest"],
                precision=None,
                about_event_id=c["event_id"],
                type="claim",
                actors=(c["claimant"],) if c["claimant"] else (),
                tags=tuple(tags.get(c["id"], ())),
                articles=tuple(articles.get(c["id"], ())),
                fact_status=c["fact_status"],
            )
        )
    return out


def _roughen(path: Path, rng: random.Random) -> None:
    """What the synthetic project lacks: tags and citations on claims, events cited from
    several articles, articles without an outlet or of one title, undated events and claims,
    links made at different times, actors of one name, a claimant gone (a plain connection:
    no foreign keys)."""
    db = sqlite3.connect(path)
    claims = [r[0] for r in db.execute("SELECT id FROM claims ORDER BY id")]
    events = [r[0] for r in db.execute("SELECT id FROM events ORDER BY id")]
    passages = [r[0] for r in db.execute("SELECT id FROM passages ORDER BY id")]
    stamp = "2025-01-01T00:00:00"
    with db:
        articles = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]
        spread = []
        for i in range(120):  # passages in every article (the synthetic ones are in one)
            spread.append(derived_id("t-passage", str(i)))
            db.execute(
                'INSERT INTO passages (id, article_id, start, "end", quote, text_hash, '
                "created, modified) VALUES (?,?,0,5,'quote','hash',?,?)",
                [spread[-1], rng.choice(articles), stamp, stamp],
            )
        for i, claim in enumerate(rng.sample(claims, 120)):
            db.execute(
                "INSERT INTO tags (id, tag, claim_id, created, modified) VALUES (?,?,?,?,?)",
                [derived_id("t-tag", str(i)), rng.choice("bac"), claim, stamp, stamp],
            )
            db.execute(
                "INSERT INTO citations (id, passage_id, claim_id, created, modified) "
                "VALUES (?,?,?,?,?)",
                [derived_id("t-cite", str(i)), rng.choice(passages + spread), claim, stamp, stamp],
            )
        for i in range(300):  # events cited from several articles, in no order of theirs
            db.execute(
                "INSERT INTO citations (id, passage_id, event_id, created, modified) "
                "VALUES (?,?,?,?,?)",
                [
                    derived_id("t-more", str(i)),
                    rng.choice(spread),
                    rng.choice(events[:80]),
                    stamp,
                    stamp,
                ],
            )
        for sql in (
            "UPDATE articles SET outlet = NULL WHERE rowid % 3 = 0",
            "UPDATE articles SET title = 'Same title' WHERE rowid % 5 = 0",
            "UPDATE events SET date = NULL, date_earliest = NULL, date_latest = NULL "
            "WHERE rowid % 17 = 0",
            "UPDATE claims SET claimed = NULL WHERE rowid % 13 = 0",
            "UPDATE event_actors SET created = '2024-0' || (rowid % 7 + 1) || '-01' "
            "WHERE rowid % 2 = 0",
            "UPDATE actors SET name = 'One Name' WHERE rowid % 9 = 0",
            "UPDATE events SET date_status = 'suggested' WHERE rowid % 4 = 0",
            "UPDATE claims SET claimant_id = 'gone' WHERE rowid % 11 = 0",
        ):
            db.execute(sql)
    db.close()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build(tmp_path_factory.mktemp("drawn") / "generated.db", SMALL, seed=17)
    _roughen(path, random.Random(17))
    return path


def test_the_read_matches_the_old_one_for_random_id_sets(generated: Path) -> None:
    rng = random.Random(3)
    with Project.open(generated, readonly=True) as project:
        items = [
            r[0]
            for r in project.db.execute("SELECT id FROM events UNION ALL SELECT id FROM claims")
        ]
        assert drawn_rows(project) == _old_drawn_rows(project, None)
        for _ in range(25):
            ids = set(rng.sample(items, rng.randrange(0, len(items))))
            assert drawn_rows(project, ids) == _old_drawn_rows(project, ids)


def test_the_read_matches_the_old_one_for_random_filters(generated: Path) -> None:
    rng = random.Random(5)
    with Project.open(generated, readonly=True) as project:
        actors = [r[0] for r in project.db.execute("SELECT id FROM actors ORDER BY id")]
        days = [
            r[0]
            for r in project.db.execute(
                "SELECT date_earliest FROM events WHERE date_earliest IS NOT NULL ORDER BY 1"
            )
        ]
        for _ in range(20):
            lo, hi = sorted(rng.sample(days, 2))
            flt = rng.choice(
                [
                    TimelineFilter(actor_ids=tuple(rng.sample(actors, rng.randrange(1, 4)))),
                    TimelineFilter(date_from=lo[:10], date_to=hi[:10]),
                    TimelineFilter(text=rng.choice(["ceasefire", "talks", "minister"])),
                ]
            )
            shown = set(event_ids(project, flt, "date", limit=10_000))
            ids = shown | claims_about(project, shown)
            rows, total = drawn_for(project, flt)
            assert total is None
            assert rows == _old_drawn_rows(project, ids)


def test_events_read_with_the_filter_give_the_rows_a_lookup_by_id_gives(generated: Path) -> None:
    """Some of the events handed in (undated ones among them, as a text filter lets them
    through), the rest and the claims looked up: the rows and their order are the same."""
    rng = random.Random(11)
    with Project.open(generated, readonly=True) as project:
        flt = TimelineFilter(text="ceasefire")
        ids, total, events = drawn_selection(project, flt)
        assert total is None and events and set(events) <= ids
        undated = {i for i, row in events.items() if row[2] is None}
        for _ in range(5):
            handed = dict(rng.sample(sorted(events.items()), rng.randrange(len(events) + 1)))
            assert drawn_rows(project, ids, events=handed) == drawn_rows(project, ids)
        drawn = {row.id for row in drawn_rows(project, ids, events=events)}
        assert undated and not drawn & undated and drawn >= set(events) - undated


def test_a_worker_read_pauses_between_batches(generated: Path) -> None:
    pauses = []
    with Project.open(generated, readonly=True) as project:
        rows = drawn_rows(project, pause=lambda: pauses.append(1))
        assert rows == _old_drawn_rows(project, None)
    assert len(pauses) >= len(rows) // 500


def test_dated_events_are_counted_up_to_a_cap() -> None:
    from annotator.store.drawn_rows import count_dated_events

    project = Project.memory()
    for i in range(5):
        project.db["events"].insert(  # type: ignore[union-attr]
            {
                "id": f"e{i}",
                "headline": f"h{i}",
                "date": "2024-01-0" + str(i + 1) if i < 3 else None,
                "created": "2024",
                "modified": "2024",
            }
        )
    assert count_dated_events(project) == 3
    assert count_dated_events(project, cap=2) == 2
    assert count_dated_events(project, cap=10) == 3
