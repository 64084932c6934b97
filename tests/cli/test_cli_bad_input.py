"""Bad input on the command line: one line on standard error that names the file or the
option, exit status 2, never a traceback, and the project left byte for byte as it was."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.cli import main
from annotator.store.project_setup import create_project
from tests.helpers.paths import child_env

Case = Callable[[Path, Path], tuple[list[object], list[str]]]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "project.db"
    create_project(path, seed=True)
    return path


def _text(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def run(*args: object) -> int:
    return main([str(a) for a in args])


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith("annotator: "), err
    assert "Traceback" not in err
    return err


CASES: dict[str, Case] = {
    "export: --from that is no date": lambda p, d: (
        ["export", p, "--from", "the ides of March"],
        ["--from", "the ides of March"],
    ),
    "export: --to on an impossible day": lambda p, d: (
        ["export", p, "--to", "2025-02-30"],
        ["--to", "2025-02-30"],
    ),
    "export: a range that ends before it starts": lambda p, d: (
        ["export", p, "--from", "2025-03-10", "--to", "2025-03-01"],
        ["--to", "before it starts", "on or after --from"],
    ),
    "export: a project that is a text file": lambda p, d: (
        ["export", _text(d, "notes.db", "just notes\n"), "--format", "csv"],
        ["notes.db", "not a project file"],
    ),
    "export: no such project": lambda p, d: (
        ["export", d / "missing.db"],
        ["missing.db", "no such project file"],
    ),
    "export: timelinejs of nothing dated after the filters": lambda p, d: (
        ["export", p, "--format", "timelinejs", "--from", "2099-01-01"],
        ["nothing dated"],
    ),
    "dates: --published that is no date": lambda p, d: (
        ["dates", _text(d, "a.txt", "They met yesterday.\n"), "--published", "soonish"],
        ["--published", "soonish"],
    ),
    "dates: a folder": lambda p, d: (["dates", d], [str(d), "folder"]),
    "dates: a binary file": lambda p, d: (
        ["dates", _text(d, "b.txt", b"\x89PNG\r\n\x1a\nxx")],
        ["b.txt", "PNG"],
    ),
    "import: a missing file": lambda p, d: (
        ["import", p, d / "gone.txt"],
        ["gone.txt", "no such file"],
    ),
    "import: an e-mail in an unknown charset": lambda p, d: (
        [
            "import",
            p,
            _text(d, "m.eml", "From: a@b.c\nContent-Type: text/plain; charset=x-no\n\nHi\n"),
        ],
        ["m.eml", "unknown character set"],
    ),
    "import: a mailbox": lambda p, d: (
        [
            "import",
            p,
            _text(d, "m.mbox", "From a@b.c Tue Mar 11 10:00:00 2025\nFrom: a@b.c\n\nHi\n"),
        ],
        ["m.mbox", "mailbox"],
    ),
    "import: a bad --published": lambda p, d: (
        ["import", p, _text(d, "c.txt", "Fresh words.\n"), "--published", "2025-13"],
        ["c.txt", "published"],
    ),
    "import: a bad language in front matter": lambda p, d: (
        ["import", p, _text(d, "l.md", "---\nlang: English please\n---\nWords.\n")],
        ["l.md", "language"],
    ),
    "import: nothing to import": lambda p, d: (["import", p], ["no files to import"]),
    "load: text that is not JSON": lambda p, d: (
        ["load", p, _text(d, "x.json", "{not json")],
        ["x.json", "line 1"],
    ),
    "load: JSON that is a list": lambda p, d: (
        ["load", p, _text(d, "list.json", "[]")],
        ["list.json", "(document)"],
    ),
    "load: an event without a headline": lambda p, d: (
        ["load", p, _text(d, "doc.json", json.dumps(_doc_without_headline()))],
        ["doc.json", "events[0]", "headline"],
    ),
    "load: a missing file": lambda p, d: (["load", p, d / "no.json"], ["no.json", "no such"]),
    "merge: a missing file": lambda p, d: (["merge", p, d / "other.db"], ["other.db", "no such"]),
    "merge: a text file": lambda p, d: (
        ["merge", p, _text(d, "other.txt", "text\n")],
        ["other.txt", "not a project file"],
    ),
    "search: a folder as the project": lambda p, d: (["search", d, "x"], [str(d), "folder"]),
    "info: a text file": lambda p, d: (
        ["info", _text(d, "info.db", "nothing\n")],
        ["info.db", "not a project file"],
    ),
    "init: an existing file": lambda p, d: (["init", p], [str(p), "already exists"]),
    "init: a missing folder": lambda p, d: (
        ["init", d / "nowhere" / "new.db"],
        ["nowhere", "does not exist"],
    ),
    "--project: a folder": lambda p, d: (["--project", d, "info"], [str(d), "folder"]),
    "evaluate-dates: no corpus there": lambda p, d: (
        ["evaluate-dates", d / "meantime"],
        ["meantime", "not found"],
    ),
    "evaluate-suggestions: no corpus there": lambda p, d: (
        ["evaluate-suggestions", d / "meantime"],
        ["meantime", "not found"],
    ),
    "evaluate-suggestions: a limit of none": lambda p, d: (
        ["evaluate-suggestions", p.parent, "--limit", "0"],
        ["--limit", "1 or more"],
    ),
    "reliability: a negative count": lambda p, d: (
        ["reliability", "--fuzz", "-1"],
        ["--fuzz", "negative"],
    ),
}


def _doc_without_headline() -> dict:
    return {
        "schema_version": 1,
        "generator": "hand",
        "articles": [],
        "passages": [],
        "events": [{"id": "e1"}],
        "actors": [],
        "claims": [],
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_one_line_and_exit_2(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    args, words = CASES[name](project, tmp_path)
    before = project.read_bytes()
    capsys.readouterr()
    assert run(*args) == 2
    err = one_line(capsys)
    for word in words:
        assert word in err, (word, err)
    assert project.read_bytes() == before


@pytest.mark.parametrize(("option", "field"), [("--from", "date_from"), ("--to", "date_to")])
def test_a_bad_date_option_is_named_as_typed(
    project: Path, capsys: pytest.CaptureFixture[str], option: str, field: str
) -> None:
    assert run("export", project, option, "not a date") == 2
    err = one_line(capsys)
    assert option in err and field not in err, err


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("notes.db", b"just notes\n", ["not a project file"]),
        ("empty.db", b"", ["empty"]),
        ("missing.db", None, ["no such project file"]),
    ],
)
def test_datasette_refuses_a_file_that_is_not_a_project(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
    words: list[str],
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    meta = tmp_path / "meta.json"
    before = sorted(tmp_path.iterdir())
    assert run("datasette", path, "-o", meta) == 2
    err = one_line(capsys)
    for word in [name, *words]:
        assert word in err, (word, err)
    assert sorted(tmp_path.iterdir()) == before  # no metadata, no sidecar
    if content is not None:
        assert path.read_bytes() == content


def test_datasette_refuses_an_sqlite_file_of_another_program(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.db"
    with contextlib.closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    meta = tmp_path / "meta.json"
    assert run("datasette", other, "-o", meta) == 2
    assert "not a Timeline Annotator project" in one_line(capsys)
    assert not meta.exists()


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["export", "--format", "pdf"], "--format"),
        (["export", "--what", "places"], "--what"),
        (["export", "--group-by", "colour"], "--group-by"),
        (["bench", "--repeat", "many"], "--repeat"),
        (["dates", "a.txt", "--format", "xml"], "--format"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_a_misspelt_option_exits_2_naming_it(
    args: list[str], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(args)
    assert done.value.code == 2
    err = capsys.readouterr().err
    last = err.strip().splitlines()[-1]
    assert last.startswith("annotator") and option in last  # one line, naming what was typed
    assert "Traceback" not in err


# -- any text where a date or a file is expected ---------------------------------------------------

ANY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TYPED = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30)


@ANY
@given(value=TYPED.filter(lambda s: not s.startswith("-")))
def test_any_export_date_filter_is_used_or_refused_in_one_line(
    project: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    capsys.readouterr()
    code = run("export", project, "--format", "csv", "--from", value, "-o", "/dev/null")
    err = capsys.readouterr().err
    assert code in (0, 2)
    if code == 2:
        assert err.count("\n") == 1 and err.startswith("annotator: ")
    assert "Traceback" not in err


def test_a_blank_published_date_is_as_if_none_were_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _text(tmp_path, "a.txt", "They met yesterday and again on 4 March.\n")
    capsys.readouterr()
    assert run("dates", text) == 0
    without = capsys.readouterr().out
    assert run("dates", text, "--published", "  ") == 0
    assert capsys.readouterr().out == without


@ANY
@given(value=TYPED.filter(lambda s: not s.startswith("-")))
def test_any_published_date_for_the_finder_is_used_or_refused_in_one_line(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    text = tmp_path_factory.mktemp("dates") / "a.txt"
    text.write_text("They met yesterday and again on 4 March.\n", encoding="utf-8")
    capsys.readouterr()
    code = run("dates", text, "--published", value)
    out, err = capsys.readouterr()
    assert code in (0, 2)
    if code == 2:
        assert err.count("\n") == 1 and "--published" in err
    else:
        found = json.loads(out)
        assert isinstance(found, list | dict)


@ANY
@given(payload=st.binary(min_size=1, max_size=300))
def test_any_bytes_given_to_load_are_refused_in_one_line_naming_the_file(
    project: Path,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    payload: bytes,
) -> None:
    doc = tmp_path_factory.mktemp("load") / "doc.json"
    doc.write_bytes(payload)
    before = project.read_bytes()
    capsys.readouterr()
    assert run("load", project, doc) == 2
    err = one_line(capsys)
    assert "doc.json" in err
    assert project.read_bytes() == before


def test_a_real_process_prints_no_traceback_for_a_bad_file(tmp_path: Path) -> None:
    bad = _text(tmp_path, "bad.json", '{"schema_version": 1,')
    project = tmp_path / "p.db"
    create_project(project, seed=False)
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "load", str(project), str(bad)],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "bad.json" in done.stderr
    assert "Traceback" not in done.stderr
