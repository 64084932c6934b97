"""The compiled schema check (fastjsonschema, for whole exports) and jsonschema (which words
the problems for the analyst) reach the same verdict on valid and broken documents."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import fastjsonschema
import jsonschema
import pytest

from annotator.core.export.json_export import _fast_check, load_schema, schema_problems
from annotator.store.chronology import build_document
from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project


@pytest.fixture(scope="module")
def doc(tmp_path_factory) -> dict[str, Any]:
    from annotator.store.project_setup import create_project

    path = tmp_path_factory.mktemp("fast") / "seed.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        annotate_seed_project(project)
        return build_document(project, include_text=True)


def _set(path: list, value: Any) -> Callable[[dict], None]:
    def change(d: dict) -> None:
        target = d
        for key in path[:-1]:
            target = target[key]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


def _selector(d: dict) -> None:
    for p in d["passages"]:
        for s in p.get("target", {}).get("selector", []):
            if s.get("type") == "TextPositionSelector":
                s.pop("start", None)
                return


BREAKS = {
    "valid": lambda d: None,
    "extra top-level field": _set(["surprise"], 1),
    "missing events": _set(["events"], KeyError),
    "headline a number": _set(["events", 0, "headline"], 5),
    "event id missing": _set(["events", 0, "id"], KeyError),
    "precision unknown": _set(["events", 0, "date", "precision"], "dya"),
    "earliest not a date": _set(["events", 0, "date", "earliest"], "soon"),
    "actors not a list": _set(["events", 0, "actors"], "all"),
    "actor kind unknown": _set(["actors", 0, "kind"], "planet"),
    "article text a list": _set(["articles", 0, "text"], ["x"]),
    "passage selector incomplete": _selector,
}


@pytest.mark.parametrize("name", list(BREAKS))
def test_the_compiled_check_agrees_with_jsonschema(doc, name) -> None:
    broken = copy.deepcopy(doc)
    BREAKS[name](broken)
    slow = list(jsonschema.Draft202012Validator(load_schema()).iter_errors(broken))
    try:
        _fast_check("chronology")(broken)
        fast_ok = True
    except fastjsonschema.JsonSchemaValueException:
        fast_ok = False
    assert fast_ok == (not slow), name
    assert bool(schema_problems(broken)) == bool(slow)
