"""The measurements and their floors. Each returns a Figure; the runner takes medians."""

from __future__ import annotations

import csv
import io
import json
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.bench.figure import Figure
from annotator.bench.synth import article_text


def _ms(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def export_csv(path: Path) -> Figure:
    from annotator.store.csv_fast import write_events_csv
    from annotator.store.project import Project

    def ours() -> None:
        with Project.open(path, readonly=True) as project:
            write_events_csv(project, io.StringIO())

    def floor() -> None:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        cur = con.execute("SELECT * FROM events ORDER BY date_earliest")
        writer = csv.writer(io.StringIO())
        writer.writerow([d[0] for d in cur.description])
        writer.writerows(cur)
        con.close()

    return Figure("export_csv", _ms(ours), "ms", _ms(floor))


def export_json(path: Path) -> Figure:
    from annotator.core.export.json_export import dumps
    from annotator.store.chronology import build_document
    from annotator.store.project import Project

    def ours() -> None:
        with Project.open(path, readonly=True) as project:
            doc = build_document(project)
        dumps(doc)

    def floor() -> None:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        out = {}
        for table in (
            "articles",
            "passages",
            "events",
            "actors",
            "claims",
            "event_actors",
            "citations",
            "tags",
        ):
            cur = con.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cur.description]
            out[table] = [dict(zip(names, r, strict=True)) for r in cur]
        json.dumps(out, ensure_ascii=False, indent=2)
        con.close()

    return Figure("export_json", _ms(ours), "ms", _ms(floor))


def _article_files(folder: Path, n: int) -> list[Path]:
    rng = random.Random(7)
    paths = []
    for i in range(n):
        p = folder / f"article-{i:04}.txt"
        p.write_text(
            f"Title of article {i}\n\n" + article_text(rng, 3000, ["Anna Adler"]), encoding="utf-8"
        )
        paths.append(p)
    return paths


def import_articles(n: int = 1000) -> Figure:
    from annotator.core.importers import import_file
    from annotator.store.changes import ChangeSet
    from annotator.store.operations import import_article
    from annotator.store.project import Project

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = _article_files(folder, n)

        def ours() -> None:
            with Project.open(folder / "import.db", create=True) as project:
                cs = ChangeSet("Import")
                seen: set[str] = set()
                for f in files:
                    import_article(project, import_file(f), cs, seen_hashes=seen)
                project.apply(cs)

        def floor() -> None:
            con = sqlite3.connect(folder / "floor.db")
            con.execute("CREATE TABLE t (name TEXT, text TEXT)")
            with con:
                con.executemany(
                    "INSERT INTO t VALUES (?, ?)",
                    ((f.name, f.read_text(encoding="utf-8")) for f in files),
                )
            con.close()

        ours_ms, floor_ms = _ms(ours), _ms(floor)
    return Figure("import_1000_articles", n / ours_ms * 1000, "per_s", n / floor_ms * 1000)


def date_finder(chars: int = 1_000_000) -> Figure:
    """The date finder over 1 MB of varied article text; the floor reads it with one regex."""
    import re
    from datetime import date

    from annotator.core.dates.finder import find_timexes

    text = article_text(random.Random(11), chars, ["Anna Adler", "Ben Brandt"])[:chars]
    words = re.compile(r"\w+")
    return Figure(
        "date_finder_1mb",
        _ms(lambda: find_timexes(text, date(2025, 3, 4))),
        "ms",
        _ms(lambda: sum(1 for _ in words.finditer(text))),
    )


def registry(path: Path, size: str) -> Iterator[tuple[str, Callable[[], Figure]]]:
    from annotator.bench import gui_measures

    yield from gui_measures.registry(path, size)
    yield "export_csv", lambda: export_csv(path)
    yield "export_json", lambda: export_json(path)
    yield "import_1000_articles", import_articles
    yield "date_finder_1mb", date_finder
