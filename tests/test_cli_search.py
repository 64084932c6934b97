"""Search on a long article with many hits stays fast; its snippet is cut in one pass."""

from __future__ import annotations

import time
from pathlib import Path

from annotator.cli import main
from annotator.commands import create_project
from annotator.store.project import Project
from annotator.store.search import search


def test_many_hits_in_one_long_article_is_linear(tmp_path: Path) -> None:
    project = tmp_path / "p.db"
    create_project(project, seed=False)
    article = tmp_path / "long.txt"
    line = "The ceasefire talks went on in Paris today and tomorrow.\n"
    article.write_text(line * 40000, encoding="utf-8")  # 2.3 MB, 40,000 hits: was ~40 s
    assert main(["import", str(project), str(article)]) == 0
    with Project.open(project, readonly=True) as opened:
        started = time.perf_counter()
        hits = search(opened, "ceasefire")
        elapsed = time.perf_counter() - started
        assert search(opened, "talks went")[0].snippet.startswith("The ceasefire [talks] [went]")
    assert elapsed < 3, elapsed
    assert len(hits) == 1 and (hits[0].start, hits[0].end) == (4, 13)
    assert hits[0].snippet == ("The [ceasefire] talks went on in Paris today and tomorrow.\n"
                               "The [ceasefire]…")


def test_snippet_in_the_middle_has_both_ellipses(tmp_path: Path) -> None:
    project = tmp_path / "p.db"
    create_project(project, seed=False)
    article = tmp_path / "a.txt"
    article.write_text("one two three four five six seven eight nine ten eleven twelve "
                       "thirteen fourteen truce fifteen sixteen seventeen eighteen nineteen "
                       "twenty twentyone twentytwo twentythree\n", encoding="utf-8")
    assert main(["import", str(project), str(article)]) == 0
    with Project.open(project, readonly=True) as opened:
        hit = search(opened, "truc")[0]
    assert hit.snippet == ("…nine ten eleven twelve thirteen fourteen [truce] fifteen sixteen "
                           "seventeen eighteen nineteen…")
