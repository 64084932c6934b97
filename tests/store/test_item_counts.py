"""The article list's item counts: the whole-project count (driven from the citations) and
the per-article recount after an edit give the same numbers as counting by hand."""

from __future__ import annotations

from collections import defaultdict

from annotator.bench.synth import SIZES, Size, build
from annotator.store.panel_queries import item_counts
from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project


def _by_hand(project: Project) -> dict[str, int]:
    items: dict[str, set[str]] = defaultdict(set)
    for r in project.rows(
        "SELECT p.article_id, c.event_id, c.actor_id, c.claim_id FROM citations c "
        "JOIN passages p ON p.id = c.passage_id"
    ):
        items[r["article_id"]].add(r["event_id"] or r["actor_id"] or r["claim_id"])
    return {aid: len(ids) for aid, ids in items.items()}


def test_counts_of_every_article_and_of_some_agree_with_counting_by_hand(seeded_path) -> None:
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
    with Project.open(seeded_path, readonly=True) as project:
        expected = _by_hand(project)
        assert expected and item_counts(project) == expected
        some = sorted(expected)[:3]
        assert item_counts(project, some) == {a: expected[a] for a in some}


def test_counts_on_a_synthetic_project_with_shared_passages(tmp_path) -> None:
    small = Size("tiny", 30, 200, 400, 20, 10, article_chars=1500)
    assert "tiny" not in SIZES
    path = build(tmp_path / "tiny.db", small)
    with Project.open(path, readonly=True) as project:
        assert item_counts(project) == _by_hand(project)
