"""The cached actor choices belong to the project they were read from."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from annotator.store import operations as ops
from annotator.store.actor_links import actor_rows
from annotator.store.project import Project


def test_each_project_opened_in_turn_reads_its_own_actors(tmp_path: Path) -> None:
    # One project after another in the same process, as File > Open does: a new Project
    # can reuse the memory (and so the id) of the one just closed.
    for i in range(12):
        path = tmp_path / f"p{i}.db"
        with Project.open(path, create=True) as p:
            p.apply(ops.create_actor(p, name=f"Actor {i}")[0])
        with Project.open(path) as p:
            assert [r["name"] for r in actor_rows(p)] == [f"Actor {i}"]
        del p
        gc.collect()


def test_a_reused_memory_address_does_not_bring_back_another_files_actors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.store import actor_links

    # Every object at one address: what CPython does now and then for a project opened
    # right after another was freed (seen as another file's actors in a damaged-file test).
    monkeypatch.setattr(actor_links, "id", lambda _obj: 1, raising=False)
    for i in range(2):
        path = tmp_path / f"q{i}.db"
        with Project.open(path, create=True) as p:
            p.apply(ops.create_actor(p, name=f"Actor {i}")[0])
            assert [r["name"] for r in actor_rows(p)] == [f"Actor {i}"]
