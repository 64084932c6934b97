"""Datasette 1.0, installed from PyPI into a virtualenv of its own, serves a project with the
metadata and configuration files ``annotator datasette --config`` writes: the stored queries
with readable dates and undated rows last, the facets, the hidden tables, the passage search
and the descriptions, as the 0.65 tests check with the installed Datasette."""

from __future__ import annotations

import json
from typing import Any

import pytest

from annotator.cli import main
from annotator.store import operations as ops
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.rows import parse_edtf_field
from annotator.store.sample_annotations import annotate_seed_project
from tests.helpers.datasette1 import datasette_1, run_datasette

# The first run installs Datasette 1.0 (about a minute); later runs reuse it.


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    """The project and a function that GETs a path from Datasette 1.x (no server needed)."""
    command, version = datasette_1()
    folder = tmp_path_factory.mktemp("ds1")
    path = folder / "proj.db"
    create_project(path, seed=True)
    with Project.open(path) as opened:
        annotate_seed_project(opened)
        for headline, date in (("Undated talk", None), ("Spring plan", "2025-03")):
            cs, _ = ops.create_event(opened, headline=headline, date=parse_edtf_field(date, "date"))
            opened.apply(cs)
    meta, config = folder / "metadata.json", folder / "datasette.json"
    assert main(["datasette", str(path), "-o", str(meta), "--config", str(config)]) == 0

    def get(url: str, *, as_json: bool = True) -> Any:
        done = run_datasette(
            command, str(path), "--metadata", str(meta), "-c", str(config), "--get", url
        )
        assert done.returncode == 0, (url, done.stderr[-800:])
        return json.loads(done.stdout) if as_json else done.stdout

    return get, version, path, folder


def test_it_is_datasette_1(served) -> None:
    _get, version, _path, _folder = served
    assert version.startswith("1.")


def test_the_stored_queries_are_there_with_readable_dates_and_undated_last(served) -> None:
    get, _version, _path, _folder = served
    database = get("/proj.json")
    assert {q["name"] for q in database["queries"]} >= {
        "chronology_query",
        "claims_by_actor_query",
        "events_per_source_query",
        "passages_search_query",
    }
    rows = get("/proj/chronology_query.json?_shape=array")
    assert rows[-1]["headline"] == "Undated talk" and rows[-1]["date_display"] == ""
    spring = next(r for r in rows if r["headline"] == "Spring plan")
    assert (spring["date_edtf"], spring["date_display"]) == ("2025-03", "Mar 2025")
    assert (rows[0]["date_edtf"], rows[0]["date_display"]) == ("2025-02-28", "28 Feb 2025")
    claims = get("/proj/claims_by_actor_query.json?actor=&_shape=array")
    assert claims and all("claimed_display" in c and "claimed_edtf" in c for c in claims)
    sources = get("/proj/events_per_source_query.json?_shape=array")
    assert sources and all(s["published_display"] for s in sources)
    view = get("/proj/chronology.json?_shape=array")  # the view, as a table page shows it
    assert view[-1]["headline"] == "Undated talk" and view[0]["date"] == "2025-02-28"


def test_passages_are_searchable(served) -> None:
    get, _version, _path, _folder = served
    found = get("/proj/passages_search_query.json?q=truce&_shape=array")
    assert found and all("truce" in s["quote"].lower() for s in found)
    assert get('/proj/passages_search_query.json?q=a"b(&_shape=array') == []


def test_facets_hidden_tables_and_descriptions(served) -> None:
    get, _version, _path, _folder = served
    database = get("/proj.json")
    hidden = {t["name"] for t in database["tables"] if t["hidden"]}
    visible = {t["name"] for t in database["tables"] if not t["hidden"]}
    assert {"_sqlite_migrations", "project", "row_history", "events_fts"} <= hidden
    assert not any(name.endswith("_fts") for name in visible) and "events" in visible
    events = get("/proj/events.json?_extra=facet_results")["facet_results"]["results"]
    claims = get("/proj/claims.json?_extra=facet_results")["facet_results"]["results"]
    tags = get("/proj/tags.json?_extra=facet_results")["facet_results"]["results"]
    assert {"type", "date_precision", "date_status"} <= set(events)
    assert {"stance", "assessment"} <= set(claims)
    assert "tag" in tags
    page = get("/proj/events", as_json=False)
    assert "What happened, when." in page  # the table's description, from the metadata


def test_without_the_configuration_file_1_0_has_no_stored_queries(served) -> None:
    """Why the split exists: given only the 0.65 file, Datasette 1.0 drops the queries."""
    _get, _version, path, folder = served
    combined = folder / "meta-0.65.json"
    assert main(["datasette", str(path), "-o", str(combined)]) == 0
    command, _v = datasette_1()
    done = run_datasette(command, str(path), "--metadata", str(combined), "--get", "/proj.json")
    assert done.returncode == 0, done.stderr[-800:]
    assert json.loads(done.stdout)["queries"] == []
