"""What is derived from the actors or the articles is read again when, and only when, they
may have changed: on this connection, or committed by another one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.importers.article import ImportedArticle
from annotator.store import operations as ops
from annotator.store.actor_links import actor_completions, actor_index, actor_rows
from annotator.store.project import Project
from annotator.store.table_stamps import table_stamp
from annotator.store.versions import version_infos


def _article(title: str, text: str) -> ImportedArticle:
    return ImportedArticle(
        title=title, text=text, source=f"{title}.txt", outlet="", author="", url="",
        published=None, language="en",
    )  # fmt: skip


def test_a_stamp_moves_with_its_table_and_with_other_connections(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as p:
        actors, articles = table_stamp(p, "actors"), table_stamp(p, "articles")
        p.apply(ops.create_event(p, headline="Talks")[0])  # neither table
        assert (table_stamp(p, "actors"), table_stamp(p, "articles")) == (actors, articles)
        p.apply(ops.create_actor(p, name="Ann Lee")[0])
        assert table_stamp(p, "actors") != actors
        moved = table_stamp(p, "articles")
        other = sqlite3.connect(path)  # another process writing the file
        other.execute("CREATE TABLE scratch (a)")  # any commit: data_version moves
        other.commit()
        other.close()
        assert table_stamp(p, "articles") != moved
        with pytest.raises(ValueError):
            table_stamp(p, "events")


def test_actor_choices_are_kept_across_event_edits_and_read_again_after_an_actor_edit(
    tmp_path: Path,
) -> None:
    with Project.open(tmp_path / "p.db", create=True) as p:
        p.apply(ops.create_actor(p, name="Ann Lee", aliases=["Lee"])[0])
        rows, index, names = actor_rows(p), actor_index(p), actor_completions(p)
        assert names == {"Ann Lee": "Ann Lee", "Lee — Ann Lee": "Ann Lee"}
        p.apply(ops.create_event(p, headline="Talks")[0])
        assert actor_rows(p) is rows and actor_index(p) is index and actor_completions(p) is names
        p.apply(ops.create_actor(p, name="Bo Park")[0])
        assert [r["name"] for r in actor_rows(p)] == ["Ann Lee", "Bo Park"]
        assert "bo park" in actor_index(p) and "Bo Park" in actor_completions(p)


def test_version_chains_are_read_again_after_an_import(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.db", create=True) as p:
        cs, _first = ops.import_article(p, _article("One", "Talks began on Monday."))
        p.apply(cs)
        infos = version_infos(p)
        p.apply(ops.create_event(p, headline="Talks")[0])
        assert version_infos(p) is infos  # an event edit reads no chain again
        cs, _second = ops.import_article(p, _article("Two", "Talks ended on Friday."))
        p.apply(cs)
        assert version_infos(p) is not infos
