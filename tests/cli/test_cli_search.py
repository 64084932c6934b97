"""Search on a long article with many hits stays fast; its snippet is cut in one pass."""

from __future__ import annotations

from pathlib import Path

from annotator.cli import main
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.search import search


def test_many_hits_in_one_long_article_is_linear(tmp_path: Path) -> None:
    project = tmp_path / "p.db"
    create_project(project, seed=False)
    article = tmp_path / "long.txt"
    line = "The ceasefire talks went on in Paris today and tomorrow.\n"
    article.write_text(line * 40000, encoding="utf-8")  # 2.3 MB, 40,000 hits: was ~40 s
    assert main(["import", str(project), str(article)]) == 0
    with Project.open(project, readonly=True) as opened:  # was ~40 s; timed by the bench
        hits = search(opened, "ceasefire")
        assert search(opened, "talks went")[0].snippet.startswith("The ceasefire [talks] [went]")
    assert len(hits) == 1 and (hits[0].start, hits[0].end) == (4, 13)
    assert hits[0].snippet == (
        "The [ceasefire] talks went on in Paris today and tomorrow.\nThe [ceasefire]…"
    )


def test_snippet_in_the_middle_has_both_ellipses(tmp_path: Path) -> None:
    project = tmp_path / "p.db"
    create_project(project, seed=False)
    article = tmp_path / "a.txt"
    article.write_text(
        "one two three four five six seven eight nine ten eleven twelve "
        "thirteen fourteen truce fifteen sixteen seventeen eighteen nineteen "
        "twenty twentyone twentytwo twentythree\n",
        encoding="utf-8",
    )
    assert main(["import", str(project), str(article)]) == 0
    with Project.open(project, readonly=True) as opened:
        hit = search(opened, "truc")[0]
    assert hit.snippet == (
        "…nine ten eleven twelve thirteen fourteen [truce] fifteen sixteen "
        "seventeen eighteen nineteen…"
    )


def test_search_words_are_each_used_once_and_bounded() -> None:
    from annotator.store.search import MAX_TERMS, fts_query, search_terms, words_left_out

    assert search_terms("talks Talks talks peace") == ["talks", "peace"]
    assert search_terms("peace talks peace") == ["talks", "peace"]  # the last word stays last
    many = " ".join(f"w{i}" for i in range(40))
    terms = search_terms(many)
    assert len(terms) == MAX_TERMS and terms[-1] == "w39" and terms[0] == "w0"
    assert words_left_out(many) == 40 - MAX_TERMS and words_left_out("a b") == 0
    assert fts_query("talks " * 500) == '"talks"*'


def test_a_pasted_page_as_the_query_answers_and_says_what_it_left_out(
    tmp_path: Path, capsys
) -> None:
    """500 repeated words against an item holding the word 833 times ran for minutes."""
    from annotator.store import operations as ops

    project = tmp_path / "p.db"
    create_project(project, seed=False)
    with Project.open(project) as opened:
        cs, _ = ops.create_event(opened, headline="Talks", description="talks " * 833)
        opened.apply(cs)
    assert main(["search", str(project), "--", "talks " * 500]) == 0
    out, err = capsys.readouterr()
    assert "Talks" in out and err == ""
    words = " ".join(f"talks{i}" for i in range(30))
    assert main(["search", str(project), "--", words]) == 0
    out, err = capsys.readouterr()
    assert err.strip() == "annotator: searching for the first 16 distinct words; 14 more left out"


def test_a_lone_double_dash_and_several_unquoted_words_are_searched(tmp_path, capsys) -> None:
    project = tmp_path / "p.db"
    assert main(["init", str(project)]) == 0
    assert main(["search", str(project), "--", "--"]) == 0
    assert main(["search", str(project), "European", "Union"]) == 0
