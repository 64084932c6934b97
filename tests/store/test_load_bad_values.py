"""JSON the schema accepts but a project cannot hold, and damaged project files: each is one
clear line naming the field (or the file), and the project is left exactly as it was."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import InputError
from annotator.core.export.json_export import validate
from annotator.store.chronology import build_document
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.sample_annotations import annotate_seed_project
from tests.helpers.db import db_dump

FORMATS = ["json", "csv", "timelinejs", "webannotation", "markdown", "html"]


def run(*args: object) -> int:
    return main([str(a) for a in args])


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bad") / "annotated.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        annotate_seed_project(project)
    return path


@pytest.fixture(scope="module")
def base_doc(annotated: Path) -> dict:
    with Project.open(annotated, readonly=True) as project:
        return build_document(project)


def _first(doc: dict, coll: str, pred: Callable[[dict], bool]) -> int:
    return next(i for i, item in enumerate(doc[coll]) if pred(item))


def _surrogate(doc: dict) -> str:
    doc["events"][3]["headline"] = "half \ud800 a character"
    return "events[3].headline"


def _big_int(doc: dict) -> str:
    doc["events"][3]["day_seq"] = 10**30
    return "events[3].day_seq"


def _huge_int(doc: dict) -> str:
    doc["events"][2]["day_seq"] = -(10**400)
    return "events[2].day_seq"


def _float_offset(doc: dict) -> str:
    sel = doc["passages"][1]["target"]["selector"][0]
    sel["start"] = float(sel["start"])
    return "passages[1].target.selector[0].start"


def _float_day_seq(doc: dict) -> str:
    doc["events"][0]["day_seq"] = 2.0
    return "events[0].day_seq"


def _not_edtf_event(doc: dict) -> str:
    i = _first(doc, "events", lambda e: e["date"] is not None)
    doc["events"][i]["date"]["value"] = "March 2025"  # the bounds stay valid
    return f"events[{i}].date.value"


def _not_edtf_published(doc: dict) -> str:
    i = _first(doc, "articles", lambda a: a["published"] is not None)
    doc["articles"][i]["published"]["value"] = "11/03/2025"
    return f"articles[{i}].published.value"


def _not_edtf_claimed(doc: dict) -> str:
    i = _first(doc, "claims", lambda c: c["claimed"] is not None)
    doc["claims"][i]["claimed"]["value"] = "yesterday"
    return f"claims[{i}].claimed.value"


def _twice_linked(doc: dict) -> str:
    i = _first(doc, "events", lambda e: e["actors"])
    doc["events"][i]["actors"].append(dict(doc["events"][i]["actors"][0]))
    return f"events[{i}].actors[{len(doc['events'][i]['actors']) - 1}]"


def _tag_twice(doc: dict) -> str:
    i = _first(doc, "events", lambda e: e["tags"])
    doc["events"][i]["tags"].append(doc["events"][i]["tags"][0])
    return f"events[{i}].tags"  # the schema's uniqueItems


BAD = [
    _surrogate,
    _big_int,
    _huge_int,
    _float_offset,
    _float_day_seq,
    _not_edtf_event,
    _not_edtf_published,
    _not_edtf_claimed,
    _twice_linked,
    _tag_twice,
]


def _write(tmp_path: Path, doc: dict) -> Path:
    path = tmp_path / "bad.json"
    # ensure_ascii keeps a lone surrogate as the escape \ud800, as a hand-edited file has it
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("mutate", BAD, ids=lambda f: f.__name__.strip("_"))
def test_load_refuses_with_the_field_path(
    mutate, base_doc: dict, annotated: Path, tmp_path: Path, capsys
) -> None:
    doc = json.loads(json.dumps(base_doc))
    where = mutate(doc)
    with pytest.raises(InputError) as info:
        validate(doc)
    assert str(info.value).startswith(where + ": ")
    target = tmp_path / "target.db"
    shutil.copy(annotated, target)
    before = db_dump(target)
    source = _write(tmp_path, doc)
    capsys.readouterr()
    assert run("load", target, source) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"annotator: {source}: {where}: ") and err.count("\n") == 1
    assert "Traceback" not in err
    assert db_dump(target) == before
    # merging the same file is refused the same way
    assert run("merge", target, source) == 2
    assert f"{where}: " in capsys.readouterr().err
    assert db_dump(target) == before


def test_a_null_role_is_no_role(base_doc: dict, tmp_path: Path, capsys) -> None:
    # the schema allows null for "no role"; it loads as the empty role and exports as such
    doc = json.loads(json.dumps(base_doc))
    i = _first(doc, "events", lambda e: e["actors"])
    doc["events"][i]["actors"][0]["role"] = None
    target = tmp_path / "empty.db"
    assert run("init", target) == 0
    assert run("load", target, _write(tmp_path, doc)) == 0
    with Project.open(target, readonly=True) as project:
        again = build_document(project)
    ev = next(e for e in again["events"] if e["id"] == doc["events"][i]["id"])
    assert ev["actors"][0] == {"actor_id": doc["events"][i]["actors"][0]["actor_id"], "role": ""}
    for fmt in FORMATS:
        assert run("export", target, "--format", fmt, "-o", tmp_path / f"out.{fmt}") == 0


# Every field the schema lets be null: (collection, field, what the project stores for it).
NULLABLE = [
    ("events", "description", ""),
    ("events", "type", ""),
    ("events", "location", ""),
    ("events", "day_seq", 0),
    ("actors", "description", ""),
    ("citations", "note", ""),
]


def test_the_schema_keys_that_may_be_null_are_the_ones_listed() -> None:
    from annotator.core.export.json_export import load_schema

    defs = load_schema()["$defs"]
    nullable = {
        (name, key)
        for name, d in defs.items()
        for key, v in d.get("properties", {}).items()
        if isinstance(v.get("type"), list) and "null" in v["type"]
    }
    # dates' phrase/anchor and the article fields are nullable columns too
    listed = {
        ({"events": "event", "actors": "actor", "citations": "citation"}[c], f)
        for c, f, _ in NULLABLE
    }
    assert listed <= nullable
    assert nullable - listed <= {
        ("date", "phrase"),
        ("date", "anchor"),
        ("article", "outlet"),
        ("article", "author"),
        ("article", "url"),
        ("article", "language"),
        ("article", "source"),
        ("article", "fetched_from"),  # NULL for an article imported from a file
    }


@pytest.mark.parametrize(("coll", "field", "stored"), NULLABLE)
def test_a_null_the_schema_allows_loads_as_the_empty_value(
    coll: str, field: str, stored, base_doc: dict, tmp_path: Path
) -> None:
    doc = json.loads(json.dumps(base_doc))
    if coll == "citations":
        item = next(e for e in doc["events"] if e["citations"])
        item["citations"][0][field] = None
        table, row_id = "citations", item["citations"][0]["id"]
    else:
        item = doc[coll][0]
        item[field] = None
        table, row_id = coll, item["id"]
    target = tmp_path / "empty.db"
    assert run("init", target) == 0
    assert run("load", target, _write(tmp_path, doc)) == 0
    con = sqlite3.connect(target)
    try:
        got = con.execute(f'SELECT "{field}" FROM {table} WHERE id = ?', (row_id,)).fetchall()
    finally:
        con.close()
    assert got == [(stored,)]


def test_a_valid_document_still_loads(base_doc: dict, tmp_path: Path) -> None:
    validate(base_doc)  # the checks above do not refuse a real export
    target = tmp_path / "empty.db"
    assert run("init", target) == 0
    assert run("load", target, _write(tmp_path, base_doc)) == 0


# -- damaged project files -----------------------------------------------------------------

DAMAGE = {
    "dropped column": ("ALTER TABLE passages DROP COLUMN prefix", "passages.prefix"),
    "renamed column": ("ALTER TABLE events RENAME COLUMN location TO place", "events.location"),
    "blob headline": (
        "UPDATE events SET headline = X'00ff80' WHERE rowid = (SELECT min(rowid) FROM events)",
        "events.headline",
    ),
    "blob article title": (
        "UPDATE articles SET title = X'ff' WHERE rowid = (SELECT min(rowid) FROM articles)",
        "articles.title",
    ),
    "blob quote": (
        "UPDATE passages SET quote = X'ff' WHERE rowid = (SELECT min(rowid) FROM passages)",
        "passages.quote",
    ),
    "text as day_seq": (
        "UPDATE events SET day_seq = 'soon' WHERE rowid = (SELECT min(rowid) FROM events)",
        "events.day_seq",
    ),
    "dropped table": ("DROP TABLE tags", "tags"),
}


@pytest.fixture(params=sorted(DAMAGE))
def damaged(request, annotated: Path, tmp_path: Path) -> tuple[Path, str]:
    sql, where = DAMAGE[request.param]
    path = tmp_path / "damaged.db"
    shutil.copy(annotated, path)
    con = sqlite3.connect(path)
    con.execute(sql)
    con.commit()
    con.close()
    return path, where


def _damaged_line(err: str, path: Path, where: str) -> None:
    assert err.startswith(f"annotator: {path}: the project file is damaged"), err
    assert where in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_of_a_damaged_file_is_one_line(damaged, fmt: str, capsys) -> None:
    path, where = damaged
    capsys.readouterr()
    assert run("export", path, "--format", fmt) == 2
    _damaged_line(capsys.readouterr().err, path, where)


def test_csv_exports_of_a_damaged_file_are_one_line(damaged, capsys) -> None:
    path, where = damaged
    for extra in (["--what", "claims"], ["--what", "actors"], ["--type", "violence"]):
        capsys.readouterr()
        assert run("export", path, "--format", "csv", *extra) == 2
        _damaged_line(capsys.readouterr().err, path, where)


def test_merge_with_a_damaged_file_either_way_is_one_line(
    damaged, annotated: Path, tmp_path: Path, capsys
) -> None:
    path, where = damaged
    good = tmp_path / "good.db"
    shutil.copy(annotated, good)
    before_good, before_bad = db_dump(good), db_dump(path)
    capsys.readouterr()
    assert run("merge", good, path) == 2
    _damaged_line(capsys.readouterr().err, path, where)
    assert run("merge", path, good) == 2
    _damaged_line(capsys.readouterr().err, path, where)
    assert db_dump(good) == before_good and db_dump(path) == before_bad


def test_load_into_a_damaged_file_is_one_line(
    damaged, base_doc: dict, tmp_path: Path, capsys
) -> None:
    path, where = damaged
    before = db_dump(path)
    source = _write(tmp_path, base_doc)
    capsys.readouterr()
    assert run("load", path, source) == 2
    _damaged_line(capsys.readouterr().err, path, where)
    assert db_dump(path) == before
