"""The Datasette settings, run by the installed Datasette: readable dates, undated last,
facets, hidden internal tables, passage search, and the split for Datasette 1.0."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette

from annotator.cli import main
from annotator.store import operations as ops
from annotator.store.datasette_meta import CONFIG_TABLE_KEYS, datasette_files, datasette_metadata
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.rows import parse_edtf_field
from annotator.store.sample_annotations import annotate_seed_project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ds") / "proj.db"
    create_project(path, seed=True)
    with Project.open(path) as opened:
        annotate_seed_project(opened)
        for headline, date in (("Undated talk", None), ("Spring plan", "2025-03")):
            cs, _ = ops.create_event(opened, headline=headline, date=parse_edtf_field(date, "date"))
            opened.apply(cs)
    return path


def _get(path: Path, *urls: str) -> list[Any]:
    async def fetch() -> list[Any]:
        ds = Datasette([str(path)], metadata=datasette_metadata(path))
        out = []
        for url in urls:
            response = await ds.client.get(url)
            assert response.status_code == 200, (url, response.text[:300])
            out.append(response.json())
        return out

    return asyncio.run(fetch())


def test_the_chronology_query_has_edtf_and_display_dates_and_undated_last(project: Path) -> None:
    (rows,) = _get(project, "/proj/chronology_query.json?_shape=array")
    assert rows[-1]["headline"] == "Undated talk" and rows[-1]["date_display"] == ""
    spring = next(r for r in rows if r["headline"] == "Spring plan")
    assert (spring["date_edtf"], spring["date_display"]) == ("2025-03", "Mar 2025")
    first = rows[0]
    assert first["date_edtf"] == "2025-02-28" and first["date_display"] == "28 Feb 2025"
    dated = [r for r in rows if r["date_edtf"]]
    assert len(dated) == len(rows) - 1
    (view,) = _get(project, "/proj/chronology.json?_shape=array")  # the view's own page
    assert view[-1]["headline"] == "Undated talk" and view[0]["date"] == "2025-02-28"


def test_every_stored_query_runs_and_orders_undated_last(project: Path) -> None:
    claims, sources, search = _get(
        project,
        "/proj/claims_by_actor_query.json?actor=&_shape=array",
        "/proj/events_per_source_query.json?_shape=array",
        "/proj/passages_search_query.json?q=truce&_shape=array",
    )
    assert claims and all("claimed_display" in c and "claimed_edtf" in c for c in claims)
    assert all(s["published_display"] for s in sources)
    assert search and all("truce" in s["quote"].lower() for s in search)
    (odd,) = _get(project, '/proj/passages_search_query.json?q=a"b(&_shape=array')
    assert odd == []  # FTS syntax in what was typed is a phrase, not an error


def test_facets_and_hidden_tables(project: Path) -> None:
    database, events, claims, tags = _get(
        project,
        "/proj.json",
        "/proj/events.json",
        "/proj/claims.json",
        "/proj/tags.json",
    )
    visible = {t["name"] for t in database["tables"] if not t["hidden"]}
    assert "_sqlite_migrations" not in visible and "project" not in visible
    assert "event_sort_keys" not in visible  # derived data for the app's sorts
    assert not any(name.endswith("_fts") for name in visible)
    assert {"type", "date_precision"} <= set(events["facet_results"])
    assert {"stance", "assessment"} <= set(claims["facet_results"])
    assert "tag" in tags["facet_results"]


def test_the_split_for_datasette_1_keeps_every_setting_once(project: Path) -> None:
    whole = datasette_metadata(project)
    metadata, config = datasette_files(project)
    assert "queries" not in metadata["databases"]["proj"]
    assert config["databases"]["proj"]["queries"] == whole["databases"]["proj"]["queries"]
    for table, settings in whole["databases"]["proj"]["tables"].items():
        left = metadata["databases"]["proj"]["tables"][table]
        moved = config["databases"]["proj"]["tables"].get(table, {})
        assert not set(left) & set(CONFIG_TABLE_KEYS)
        assert {**left, **moved} == settings


def test_the_command_writes_both_files(project: Path, tmp_path: Path) -> None:
    meta, config = tmp_path / "metadata.json", tmp_path / "datasette.json"
    assert main(["datasette", str(project), "-o", str(meta), "--config", str(config)]) == 0
    assert json.loads(config.read_text())["databases"]["proj"]["queries"]
    assert "description" in json.loads(meta.read_text())
