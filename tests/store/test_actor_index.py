"""The kept index of actor names answers as the matching it replaces, and the store builds
it again when actors change (an edit, its undo) and only then."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.actor_matching import ActorNames
from annotator.core.suggest import exact_actor, matching_actors
from annotator.store import operations as ops
from annotator.store.actor_index import actor_index
from annotator.store.project import Project

WORDS = ["Anna", "Adler", "EU", "Commission", "Putin", "the", "Kyiv", "Élan", "O'Brien", "—"]
_NAME = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    names=st.lists(st.tuples(_NAME, st.lists(_NAME, max_size=2)), max_size=8),
    text=st.lists(st.sampled_from([*WORDS, "said", ",", "\n", "anna", "ADLER"]), max_size=14),
)
def test_the_index_matches_as_matching_actors(
    names: list[tuple[str, list[str]]], text: list[str]
) -> None:
    actors = [
        {"id": f"a{i}", "name": name, "aliases": aliases} for i, (name, aliases) in enumerate(names)
    ]
    passage = " ".join(text)
    index = ActorNames(actors)
    assert index.matching(passage) == matching_actors(passage, actors)
    for name, _aliases in names:
        for asked in (name, name.upper(), f"  {name} "):
            assert index.exact_actor(asked) == exact_actor(asked, actors)


def test_the_projects_index_is_kept_until_actors_change() -> None:
    project = Project.memory(analyst="tester")
    try:
        cs, anna = ops.create_actor(project, name="Anna Adler", kind="person")
        project.apply(cs)
        first = actor_index(project)
        assert actor_index(project) is first  # nothing changed: the same index
        assert first.matching("Anna Adler said") == [anna]
        alias = project.apply(ops.add_alias(project, anna, "AA"))
        second = actor_index(project)
        assert second is not first and second.matching("AA said") == [anna]
        project.apply(alias.inverse())  # undone: the alias is gone again
        assert actor_index(project).matching("AA said") == []
    finally:
        project.close()
