"""The measurements outside the window and their floors. Each returns Figures; the runner
takes medians over repeats.

Exports and imports run exactly as the command line runs them (a child process), so their
time includes the command's checks and writing the file, and the child's peak memory is its
own (``os.wait4``). Their floors are bare ``sqlite3`` in a child process of the same kind.
"""

from __future__ import annotations

import itertools
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.bench import gui_measures
from annotator.bench.figure import Figure
from annotator.bench.synth import article_text

# The floor of the events CSV: the same 31 columns (relations, the corroboration counts),
# joined, counted and ordered by SQLite alone.
CSV_FLOOR = """
import csv, sqlite3, sys
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = con.execute('''
WITH ac AS (SELECT ea.event_id, group_concat(a.name || ' (' || ea.role || ')', '; ') v
            FROM event_actors ea JOIN actors a ON a.id = ea.actor_id GROUP BY ea.event_id),
     tg AS (SELECT event_id, group_concat(tag, '; ') v FROM tags
            WHERE event_id IS NOT NULL GROUP BY event_id),
     rl AS (SELECT x.eid, group_concat(x.kind || ': ' || o.headline, '; ') v
            FROM (SELECT source_id eid, kind, target_id other FROM event_relations
                  UNION ALL SELECT target_id, kind, source_id FROM event_relations) x
            JOIN events o ON o.id = x.other GROUP BY x.eid),
     ct AS (SELECT c.event_id, count(*) n, count(DISTINCT p.article_id) na,
                   count(DISTINCT coalesce(nullif(trim(ar.outlet), ''), 'article:' || ar.id)) no,
                   group_concat(ar.outlet || ' — ' || ar.title || ' — ' || ar.published, ' | ') s,
                   group_concat(p.quote, ' | ') q, group_concat(ar.url, ' | ') u,
                   group_concat(p.article_id, '; ') a, group_concat(p.id, '; ') p
            FROM citations c JOIN passages p ON p.id = c.passage_id
            JOIN articles ar ON ar.id = p.article_id
            WHERE c.event_id IS NOT NULL GROUP BY c.event_id)
SELECT e.id, e.date, e.date, e.date_earliest, e.date_latest, e.date_precision, e.date_status,
       e.date_phrase, e.date_anchor, e.day_seq, e.headline, e.description, e.type,
       e.location, e.confidence, e.fact_status, ac.v, tg.v, rl.v, coalesce(ct.n, 0),
       coalesce(ct.na, 0), coalesce(ct.no, 0),
       CASE ct.no WHEN 1 THEN 'yes' WHEN NULL THEN '' ELSE 'no' END,
       ct.s, ct.q, ct.u, ct.a, ct.p, e.created, e.modified, e.analyst
FROM events e LEFT JOIN ac ON ac.event_id = e.id LEFT JOIN tg ON tg.event_id = e.id
LEFT JOIN rl ON rl.eid = e.id LEFT JOIN ct ON ct.event_id = e.id
ORDER BY e.date_earliest, e.day_seq, e.headline, e.id''')
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow([d[0] for d in rows.description])
    w.writerows(rows)
"""

# The floor of the JSON document: every table the document holds, streamed to the file.
JSON_FLOOR = """
import json, sqlite3, sys
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
tables = ("articles", "passages", "events", "actors", "claims", "event_actors",
          "citations", "tags", "event_relations", "notes", "codes")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("{")
    for i, table in enumerate(tables):
        cur = con.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        f.write(("," if i else "") + json.dumps(table) + ": [")
        for j, row in enumerate(cur):
            f.write(("," if j else "") + json.dumps(dict(zip(names, row)), ensure_ascii=False))
        f.write("]")
    f.write("}")
"""

IMPORT_FLOOR = """
import sqlite3, sys
from pathlib import Path
con = sqlite3.connect(sys.argv[1])
con.execute("CREATE TABLE bench_floor (name TEXT, text TEXT)")
with con:
    con.executemany("INSERT INTO bench_floor VALUES (?, ?)",
                    ((p.name, p.read_text(encoding="utf-8")) for p in map(Path, sys.argv[2:])))
"""


# The child's own peak: VmHWM belongs to the process's memory after exec. (The kernel's
# ru_maxrss of a child counts the parent's pages it was forked with, so it is not used.)
PEAK = """
import atexit, resource, runpy, sys
def peak():
    u = resource.getrusage(resource.RUSAGE_SELF)
    sys.stderr.write("cpu-ms " + str((u.ru_utime + u.ru_stime) * 1000) + "\\n")
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stderr.write("peak-kb " + line.split()[1] + "\\n")
atexit.register(peak)
what, sys.argv = sys.argv[1], sys.argv[1:]
if what == "-c":
    code, sys.argv = sys.argv[1], sys.argv[1:]
    exec(compile(code, "<floor>", "exec"), {"__name__": "__main__"})
else:
    runpy.run_module(what, run_name="__main__", alter_sys=True)
"""


def child(args: list[str]) -> tuple[float, float, float]:
    """Run ``python -m MODULE ARGS`` or ``python -c CODE ARGS`` to its end:
    (wall ms, its own peak resident memory in MB, its CPU ms)."""
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", PEAK, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    ms = (time.perf_counter() - t0) * 1000
    err = out.stderr.decode(errors="replace")
    if out.returncode != 0:
        raise RuntimeError(f"{args[:3]} failed: {err[-2000:]}")
    kb = [ln.split()[1] for ln in err.splitlines() if ln.startswith("peak-kb ")]
    cpu = [ln.split()[1] for ln in err.splitlines() if ln.startswith("cpu-ms ")]
    return ms, int(kb[-1]) / 1024 if kb else 0.0, float(cpu[-1]) if cpu else 0.0


def warm(path: Path) -> None:
    """Read the project file and its -wal through once, so that the page cache is the same
    for whichever child runs next. Without it the command ran first on a file the window's
    day had left cold (in a full run), and the floor after it on the pages it had read: the
    two differed by 1-2 s of reading at large, counted against the command."""
    for part in (path, Path(f"{path}-wal")):
        try:
            with part.open("rb", buffering=0) as fh:
                while fh.read(1 << 20):
                    pass
        except FileNotFoundError:
            continue


def export(path: Path, fmt: str) -> list[Figure]:
    floor_code = {"csv": CSV_FLOOR, "json": JSON_FLOOR}[fmt]
    # Closed cleanly first, as the analyst's own file is: the quit step before this one
    # leaves it marked open (the app quit while a read of its start still ran), and an
    # export of such a file first checks the whole file (about 3 s of CPU at large).
    _close_cleanly(path)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"export.{fmt}"
        warm(path)
        ms, mb, cpu = child(["annotator", "export", "--format", fmt, "-o", str(out), str(path)])
        warm(path)
        floor_ms, floor_mb, _cpu = child(["-c", floor_code, str(path), str(out)])
    return [
        Figure(f"export_{fmt}_command_line", ms, "ms", floor_ms, cpu=cpu),
        Figure(f"export_{fmt}_peak_memory", mb, "MB", floor_mb),
    ]


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


def _close_cleanly(path: Path) -> None:
    from annotator.store.project import Project

    Project.open(path).close()


def import_articles(path: Path, n: int = 1000) -> list[Figure]:
    """``annotator import`` of n new articles into a copy of the benchmark project."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = [str(f) for f in _article_files(folder, n)]
        copy = folder / "project.db"
        shutil.copyfile(path, copy)
        # Opened and closed once first, as the analyst's own project is: a copy carries no
        # close marker, so the import's open would otherwise run the whole-file checks of
        # a file of unknown history (5 s of the 7 at large, profiled), not the import.
        _close_cleanly(copy)
        ms, _mb, _cpu = child(["annotator", "import", str(copy), *files])
        floor_ms, _mb, _cpu = child(["-c", IMPORT_FLOOR, str(copy), *files])
    return [Figure(f"import_{n}_articles", n / ms * 1000, "per_s", n / floor_ms * 1000)]


def date_finder(sizes: tuple[float, ...] = (0.25, 0.5, 1, 2)) -> list[Figure]:
    """The date finder over 0.25, 0.5, 1 and 2 MB of varied article text (the floor reads
    each with one regex), and how its time grows per doubling (2.0 is linear)."""
    import re
    from datetime import date

    from annotator.core.dates.finder import find_timexes

    longest = int(max(sizes) * 1_000_000)
    whole = article_text(random.Random(11), longest, ["Anna Adler", "Ben Brandt"])
    words = re.compile(r"\w+")

    def ms(fn: Callable[[], object]) -> float:
        t0 = time.perf_counter()
        fn()
        return (time.perf_counter() - t0) * 1000

    figures, times = [], []
    for mb in sizes:
        text = whole[: int(mb * 1_000_000)]
        took = ms(lambda text=text: find_timexes(text, date(2025, 3, 4)))  # type: ignore[misc]
        floor = ms(lambda text=text: sum(1 for _ in words.finditer(text)))  # type: ignore[misc]
        times.append(took)
        figures.append(Figure(f"date_finder_{mb:g}mb", took, "ms", floor))
    steps = [b / a for a, b in itertools.pairwise(times) if a > 0]
    if steps:
        per_doubling = statistics.geometric_mean(steps)
        figures.append(Figure("date_finder_per_doubling", per_doubling, "ratio", 2.0))
    return figures


def registry(
    path: Path, size: str, repeat: int, only: list[str] | None = None
) -> Iterator[gui_measures.Entry]:
    """Every group of measurements: (name, run, whether the run repeats inside itself);
    with ``only``, the window's interactions are run for the steps giving those figures."""
    yield from gui_measures.registry(path, size, repeat, only)
    yield "export_csv", lambda: export(path, "csv"), False
    yield "export_json", lambda: export(path, "json"), False
    if size != "xlarge":  # per-item work: the same at every size past large
        yield "import", lambda: import_articles(path), False
        yield "date_finder", date_finder, False
