"""The export verb's options for other tools: Excel's CSV, the citations table, and bad input
(a format or table that does not exist, a folder that does not exist) in one line, status 2."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.sample_annotations import annotate_seed_project


def run(*args: object) -> int:
    return main([str(a) for a in args])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("proj") / "p.db"
    create_project(path, seed=True)
    with Project.open(path) as opened:
        annotate_seed_project(opened)
    return path


def test_excel_csv_starts_with_a_byte_order_mark_and_plain_csv_does_not(
    tmp_path: Path, project: Path
) -> None:
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    assert run("export", project, "--format", "csv", "-o", plain) == 0
    assert run("export", project, "--format", "csv", "--excel", "-o", excel) == 0
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert excel.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    for what in ("claims", "citations"):
        out = tmp_path / f"{what}.csv"
        assert run("export", project, "--format", "csv", "--what", what, "--excel", "-o", out) == 0
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        assert rows and rows[0]


def test_citations_table_from_the_command_line(tmp_path: Path, project: Path) -> None:
    out = tmp_path / "citations.csv"
    assert run("export", project, "--format", "csv", "--what", "citations", "-o", out) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    with Project.open(project) as opened:
        assert len(rows) == opened.scalar("SELECT count(*) FROM citations")
    assert all(r["quote"] and r["item"] and r["start"] and r["end"] for r in rows)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--format", "xls"], "invalid choice: 'xls'"),
        (["--format", "csv", "--what", "places"], "invalid choice: 'places'"),
        (["--format", "csv", "-o", "{tmp}/no/such/folder/x.csv"], "the folder does not exist"),
    ],
)
def test_bad_export_arguments_are_one_line_and_status_2(
    tmp_path: Path,
    project: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    fragment: str,
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert exit_code("export", project, *args) == 2
    err = capsys.readouterr().err
    assert fragment in err and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "no").exists()


def exit_code(*args: object) -> int | str | None:
    """The verb's status, whether it returns it or argparse exits with it."""
    try:
        return run(*args)
    except SystemExit as exc:
        return exc.code


def test_xlsx_from_the_command_line(tmp_path: Path, project: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "p.xlsx"
    assert run("export", project, "--format", "xlsx", "-o", out) == 0
    wb = load_workbook(out)
    with Project.open(project) as opened:
        assert wb["Events"].max_row - 1 == opened.scalar("SELECT count(*) FROM events")


def test_timelinejs_says_on_stderr_what_it_left_out(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from annotator.store import operations as ops

    copy = tmp_path / "p.db"
    copy.write_bytes(project.read_bytes())
    with Project.open(copy) as opened:
        opened.apply(ops.create_event(opened, headline="Undated meeting")[0])
    out = tmp_path / "t.json"
    assert run("export", copy, "--format", "timelinejs", "-o", out) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "1 undated event " in err[0], err
    assert run("export", project, "--format", "timelinejs", "-o", out) == 0
    assert capsys.readouterr().err == ""


def test_load_accepts_a_later_file_with_a_field_it_does_not_know(
    tmp_path: Path, project: Path
) -> None:
    import json

    exported = tmp_path / "c.json"
    assert run("export", project, "--format", "json", "-o", exported) == 0
    doc = json.loads(exported.read_text(encoding="utf-8"))
    doc["events"][0]["importance"] = "high"
    doc["added_in_a_later_release"] = {"x": 1}
    later = tmp_path / "later.json"
    later.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "empty.db"
    create_project(target, seed=False)
    assert run("load", target, later) == 0
    again = tmp_path / "again.json"
    assert run("export", target, "--format", "json", "-o", again) == 0
    assert again.read_bytes() == exported.read_bytes()


def test_load_takes_an_unknown_analyst_as_no_name(tmp_path: Path, project: Path) -> None:
    # The schema lets "analyst" be null (a tool that does not know who tagged); the file's
    # column is never empty of a value. Found by the fuzzer as a raw SQLite message.
    import json
    import sqlite3

    exported = tmp_path / "c.json"
    assert run("export", project, "--format", "json", "-o", exported) == 0
    doc = json.loads(exported.read_text(encoding="utf-8"))
    for table in ("articles", "passages", "events", "actors", "claims"):
        for row in doc[table]:
            row["analyst"] = None
    unknown = tmp_path / "unknown.json"
    unknown.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "empty.db"
    create_project(target, seed=False)
    assert run("load", target, unknown) == 0
    with sqlite3.connect(target) as con:  # read from outside the app
        names = {
            r[0]
            for r in con.execute("SELECT analyst FROM events UNION SELECT analyst FROM articles")
        }
    con.close()
    assert names == {""}
