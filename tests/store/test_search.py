"""Full-text search: every word must be present, the last as a prefix; any typed text is a
query (never an FTS syntax error); hits follow edits and their undo; article hits say where
the first word is."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.store import operations as ops
from annotator.store.project import Project
from annotator.store.search import MAX_TERMS, fts_query, search, search_terms, words_left_out
from tests.helpers.projects import add_article

TEXT = "Le café de Zürich: naïve talks 😀 began; Macron's visit ended. Die Straße war leer."


@pytest.fixture(scope="module")
def project():
    project = Project.memory()
    aid = add_article(project, TEXT, title="Zürich report")
    cs, _event = ops.create_event(
        project, headline="Macron visits Zürich", description="coffee", span=(aid, 0, 7)
    )
    project.apply(cs)
    cs, actor = ops.create_actor(project, name="Emmanuel Macron", aliases=["Le Président"])
    project.apply(cs)
    project.apply(ops.create_claim(project, text="The talks were productive", claimant_id=actor)[0])
    yield project
    project.close()


def _kinds(hits) -> set[tuple[str, str]]:
    return {(h.kind, h.label) for h in hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("macron", {"article", "event", "actor"}),
        ("MACRON visit", {"article", "event"}),  # visit* matches visits and visit
        ("talks", {"article", "claim"}),
        ("began talks", {"article"}),  # the order of words does not matter
        ("beg talks", set()),  # only the last word is a prefix
        ("bega", {"article"}),
        ("président", {"actor"}),  # aliases are searched
        ("productive talks macron", set()),  # every word in one item
        ("", set()),
        ("   ;;; ", set()),
    ],
)
def test_which_items_a_query_finds(project: Project, query: str, expected: set[str]) -> None:
    assert {h.kind for h in search(project, query)} == expected


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_any_typed_text_is_a_query_never_an_error(project: Project, query: str) -> None:
    hits = search(project, query)
    assert all(h.kind in ("article", "event", "actor", "claim") for h in hits)
    assert not project.db.conn.in_transaction
    if not search_terms(query):
        assert hits == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["AND", "OR", "NOT", "NEAR", '"', "*", "(", ")", ":", "^", "-"])))
def test_fts_operators_in_the_query_are_literal(project: Project, words: list[str]) -> None:
    assert search(project, " ".join(words)) == []


def test_article_hits_locate_the_first_word_in_the_text(project: Project) -> None:
    for query in ("Macron", "straße", "talks began", "zür"):
        (hit,) = [h for h in search(project, query) if h.kind == "article"]
        assert hit.start is not None and hit.end is not None
        first = re.findall(r"\w+", query)[0].casefold()
        assert TEXT[hit.start : hit.end].casefold().startswith(first)
        assert hit.article_id == hit.id
        assert "[" in hit.snippet and "]" in hit.snippet


def test_item_hits_point_at_their_first_cited_passage(project: Project) -> None:
    (event,) = [h for h in search(project, "visits") if h.kind == "event"]
    assert (event.start, event.end) == (0, 7)
    (actor,) = [h for h in search(project, "Emmanuel") if h.kind == "actor"]
    assert actor.start is None  # nothing cited for it


def test_a_word_typed_without_accents_is_located_in_the_article(project: Project) -> None:
    (hit,) = [h for h in search(project, "cafe") if h.kind == "article"]
    assert hit.start is not None
    assert TEXT[hit.start : hit.end] == "café"
    assert "[café]" in hit.snippet
    (hit,) = [h for h in search(project, "zurich naive") if h.kind == "article"]
    assert hit.start is not None and TEXT[hit.start : hit.end] == "Zürich"


@pytest.mark.parametrize(("query", "found"), [("ka", "ką̃"), ("quiet", "q̃uiet"), ("kas", "kas")])
def test_a_located_word_keeps_the_marks_that_have_no_precomposed_letter(
    query: str, found: str
) -> None:
    text = "Žodis ką̃ buvo, o ne kas. Also q̃uiet times."
    project = Project.memory()
    try:
        add_article(project, text)
        (hit,) = search(project, query)
        assert hit.start is not None and text[hit.start : hit.end] == found
    finally:
        project.close()


def test_search_follows_an_edit_its_undo_and_a_delete() -> None:
    project = Project.memory()
    try:
        cs, actor = ops.create_actor(project, name="Olaf Scholz")
        project.apply(cs)
        rename = project.apply(ops.update_item(project, "actor", actor, name="Friedrich Merz"))
        assert _kinds(search(project, "merz")) == {("actor", "Friedrich Merz")}
        assert search(project, "scholz") == []
        project.apply(rename.inverse())
        assert _kinds(search(project, "scholz")) == {("actor", "Olaf Scholz")}
        assert search(project, "merz") == []
        delete = project.apply(ops.delete_item(project, "actor", actor))
        assert search(project, "scholz") == []
        project.apply(delete.inverse())
        assert len(search(project, "olaf")) == 1
    finally:
        project.close()


# -- the query itself -------------------------------------------------------------------------


@given(st.lists(st.sampled_from(["alpha", "Beta", "gamma", "ALPHA", "beta", "δέλτα"]), max_size=8))
def test_terms_are_unique_by_case_and_keep_the_last_typed_last(words: list[str]) -> None:
    terms = search_terms(" ".join(words))
    folded = [t.casefold() for t in terms]
    assert len(set(folded)) == len(folded)
    assert set(folded) == {w.casefold() for w in words}
    if words:
        assert folded[-1] == words[-1].casefold()
        query = fts_query(" ".join(words))
        assert query is not None and query.endswith("*") and query.count('"') == 2 * len(terms)
    else:
        assert fts_query("") is None


def test_a_pasted_page_is_cut_to_the_first_words_and_the_last() -> None:
    words = [f"w{i}" for i in range(40)]
    terms = search_terms(" ".join(words))
    assert len(terms) == MAX_TERMS
    assert terms == [*words[: MAX_TERMS - 1], words[-1]]
    assert words_left_out(" ".join(words)) == 40 - MAX_TERMS
    assert words_left_out("a b a") == 0
