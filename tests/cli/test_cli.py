"""The command line end to end: every verb, and every bad input leaving the project as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.sample_annotations import annotate_seed_project
from tests.helpers.db import db_dump
from tests.helpers.paths import REPO, child_env


def run(*args: str) -> int:
    return main([str(a) for a in args])


@pytest.fixture
def annotated(tmp_path: Path) -> Path:
    path = tmp_path / "annotated.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        annotate_seed_project(project)
    return path


def test_init_seed_export_and_info(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "p.db"
    assert run("init", path, "--seed") == 0
    capsys.readouterr()
    assert run("export", path, "--format", "json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["articles"]) == 3
    assert {a["outlet"] for a in doc["articles"]} >= {"The New York Times"}
    nyt = next(a for a in doc["articles"] if a["outlet"] == "The New York Times")
    assert nyt["published"]["value"] == "2025-03-11"
    assert run("info", path) == 0
    out = capsys.readouterr().out
    assert "articles   3" in out and "orphans    0" in out


def test_round_trip_is_identical(annotated: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    empty = tmp_path / "empty.db"
    assert run("export", annotated, "--format", "json", "-o", first) == 0
    doc = json.loads(first.read_text())
    cited_articles = {p["article_id"] for p in doc["passages"]}
    assert len(cited_articles) == 3 and doc["claims"] and doc["actors"]
    assert any(e["tags"] for e in doc["events"]) and any(e["citations"] for e in doc["events"])
    assert run("init", empty) == 0
    assert run("load", empty, first) == 0
    assert run("export", empty, "--format", "json", "-o", second) == 0
    assert first.read_bytes() == second.read_bytes()


def test_filters_and_formats(
    annotated: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    capsys.readouterr()
    assert run("export", annotated, "--format", "csv", "--actor", "Macron") == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) > 1 and all("Macron" in r for r in rows[1:])
    assert (
        run("export", annotated, "--format", "json", "--from", "2025-03-05", "--to", "2025-03-06")
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    # Overlap: the week 3-9 March may hold days in the range, so it stays.
    assert [e["date"]["value"] for e in doc["events"]] == ["2025-W10", "2025-03-05", "2025-03-06"]
    for fmt in ("timelinejs", "webannotation", "markdown", "html"):
        out = tmp_path / f"x.{fmt}"
        assert run("export", annotated, "--format", fmt, "-o", out) == 0
        assert out.stat().st_size > 100
    assert run("export", annotated, "--format", "csv", "--what", "claims") == 0
    assert "Rubio" in capsys.readouterr().out


def _bad_inputs(tmp_path: Path, project: Path) -> list[tuple[list, str]]:
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02PNG")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("café in Paris".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    nobody = tmp_path / "nobody.html"
    nobody.write_text("<html><head><script>x()</script></head><body><nav>Home</nav></body></html>")
    good = tmp_path / "good.txt"
    good.write_text("A good article about talks in Paris on 4 March 2025.\n")
    not_db = tmp_path / "notes.txt"
    not_db.write_text("hello")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"schema_version": 1, "events": "no"}')
    broken_json = tmp_path / "broken.json"
    broken_json.write_text('{"schema_version": 1,')
    seed = REPO / "seeds" / "000_c331db4bed050878.txt"
    return [
        (["import", project, tmp_path / "missing.txt"], "no such file"),
        (["import", project, tmp_path], "folder"),
        (["import", project, binary], "binary"),
        (["import", project, latin], "UTF-8"),
        (["import", project, empty], "empty"),
        (["import", project, nobody], "body"),
        (["import", project, good, "--published", "the 45th of Smarch"], "published"),
        (["import", project, seed], "already imported"),
        (["import", project, good, good], "same text"),
        (["export", not_db, "--format", "json"], "not a project"),
        (["load", project, bad_json], "bad.json"),
        (["load", project, broken_json], "line 1"),
        (["import", not_db, good], "not a project"),
    ]


def test_bad_input_one_line_exit_2_project_unchanged(
    annotated: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    before = db_dump(annotated)
    raw = annotated.read_bytes()
    for args, expected in _bad_inputs(tmp_path, annotated):
        capsys.readouterr()
        assert run(*args) == 2, args
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("annotator: "), err
        assert expected.lower() in err.lower(), (args, err)
        assert "Traceback" not in err
        assert db_dump(annotated) == before, args
    assert annotated.read_bytes() == raw


def test_newer_schema_refused_unchanged(annotated: Path, capsys: pytest.CaptureFixture) -> None:
    import sqlite3

    con = sqlite3.connect(annotated)
    con.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('annotator', 'm900_from_the_future', 'x')"
    )
    con.commit()
    con.close()
    raw = annotated.read_bytes()
    assert run("info", annotated) == 2
    assert "newer version" in capsys.readouterr().err
    assert annotated.read_bytes() == raw


def test_dates_command(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    f = tmp_path / "a.txt"
    f.write_text("😀 On Tuesday the leaders met. Talks lasted three years.", encoding="utf-8")
    assert run("dates", f, "--published", "2025-03-07", "--format", "json") == 0
    out = json.loads(capsys.readouterr().out)
    text = f.read_text(encoding="utf-8")
    by_text = {t["text"]: t for t in out["timexes"]}
    tue = next(t for k, t in by_text.items() if "Tuesday" in k)
    assert text[tue["start"] : tue["end"]] == tue["text"]
    assert tue["value"] == "2025-03-04" and tue["type"] == "DATE"
    assert any(t["type"] == "DURATION" and t["value"] == "P3Y" for t in out["timexes"])


def test_default_project_created_with_seeds(capsys: pytest.CaptureFixture) -> None:
    target = Path(os.environ["ANNOTATOR_PROJECT"])
    assert not target.exists()
    assert run("info") == 0
    assert target.exists() and "articles   3" in capsys.readouterr().out


def test_every_verb_has_help() -> None:
    from annotator.cli import build_parser

    parser = build_parser()
    verbs = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for verb in verbs:
        proc = subprocess.run(
            [sys.executable, "-m", "annotator", verb, "--help"],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=child_env(),
        )
        assert proc.returncode == 0 and "usage:" in proc.stdout, verb


def test_merge_two_copies(annotated: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    import shutil

    from annotator.store import operations as ops
    from annotator.store.merge import merge_into, open_conflicts, resolve_conflict

    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    shutil.copy(annotated, ours)
    shutil.copy(annotated, theirs)
    with Project.open(ours, analyst="alice") as p:
        shared = p.scalar("SELECT id FROM events ORDER BY date_earliest LIMIT 1")
        only_ours = p.scalar("SELECT id FROM events ORDER BY date_earliest DESC LIMIT 1")
        p.apply(ops.update_item(p, "event", shared, headline="Alice's headline"))
        p.apply(ops.update_item(p, "event", only_ours, location="Paris"))
        cs, alice_new = ops.create_event(p, headline="Alice's new event")
        p.apply(cs)
    with Project.open(theirs, analyst="bob") as p:
        p.apply(ops.update_item(p, "event", shared, headline="Bob's headline"))
        cs, bob_new = ops.create_actor(p, name="Mark Rutte", kind="person")
        p.apply(cs)
        claim = p.scalar("SELECT id FROM claims LIMIT 1")
        p.apply(ops.update_item(p, "claim", claim, assessment="disputed"))
    for a, b in ((ours, theirs), (theirs, ours)):
        with Project.open(a) as p:
            result = merge_into(p, b)
            assert len(result.conflicts) == 1 and result.conflicts[0] == shared
            conflicts = open_conflicts(p)
            assert len(conflicts) == 1
            heads = {conflicts[0]["ours"]["headline"], conflicts[0]["theirs"]["headline"]}
            assert heads == {"Alice's headline", "Bob's headline"}
            assert p.row("events", alice_new) and p.row("actors", bob_new)
            assert p.row("claims", claim)["assessment"] == "disputed"  # only Bob changed it
            assert p.row("events", only_ours)["location"] == "Paris"  # only Alice changed it
            snapshot = db_dump(a)
        with Project.open(a) as p:
            again = merge_into(p, b)
            assert not again.changeset
        assert db_dump(a) == snapshot  # merging twice changes nothing
    with Project.open(ours) as p:
        conflict = open_conflicts(p)[0]
        p.apply(resolve_conflict(p, conflict["id"], "both"))
        heads = {r["headline"] for r in p.rows("SELECT headline FROM events")}
        assert {"Alice's headline", "Bob's headline"} <= heads
    capsys.readouterr()
    assert run("merge", theirs, ours) == 0
    assert "conflict" in capsys.readouterr().err


def test_merge_is_one_undoable_step(annotated: Path, tmp_path: Path) -> None:
    import shutil

    from annotator.store import operations as ops
    from annotator.store.merge import merge_into

    other = tmp_path / "other.db"
    shutil.copy(annotated, other)
    with Project.open(other) as p:
        cs, _ = ops.create_event(p, headline="Only in the other file")
        p.apply(cs)
    before = db_dump(annotated)
    with Project.open(annotated) as p:
        result = merge_into(p, other)
        p.apply(result.changeset.inverse())
    after = db_dump(annotated)
    after.pop("row_history"), before.pop("row_history")
    assert after == before


def test_datasette_reads_chronology(annotated: Path) -> None:
    import asyncio

    from datasette.app import Datasette

    from annotator.store.datasette_meta import datasette_metadata

    async def fetch() -> dict:
        ds = Datasette([str(annotated)], metadata=datasette_metadata(annotated))
        r = await ds.client.get(f"/{annotated.stem}/chronology_query.json?_shape=array")
        assert r.status_code == 200, r.text
        return r.json()

    rows = asyncio.run(fetch())
    assert len(rows) == 11
    assert rows[0]["headline"] == "Trump and Zelensky clash in the Oval Office"
    assert "Donald Trump" in rows[0]["actors"]


def test_fast_events_csv_equals_document_path(annotated: Path, tmp_path: Path) -> None:
    import io

    from annotator.bench.synth import Size, build
    from annotator.core.export.csv_export import write_csv
    from annotator.store.chronology import build_document
    from annotator.store.csv_fast import write_events_csv

    synthetic = build(tmp_path / "synthetic.db", Size("t", 30, 200, 400, 20, 30))
    for path in (annotated, synthetic):
        with Project.open(path, readonly=True) as project:
            fast, slow = io.StringIO(), io.StringIO()
            write_events_csv(project, fast)
            write_csv(build_document(project), slow, what="events")
        assert fast.getvalue() == slow.getvalue()
        assert fast.getvalue().count("\n") > 10
