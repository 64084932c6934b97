"""Each detector the fuzzer and the crash loops rely on can fail: a fault injected into a
file, an export, the CLI's output or a writing verb is counted, never passed."""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.reliability import cli_fuzz, cli_outcome, fuzz, health, run, special
from annotator.reliability.cli_crash import Verb, Workload, leftovers, run_cli_crash
from annotator.reliability.cli_outcome import CliRun, problems, verdict
from annotator.reliability.fuzz_json import JsonCases
from annotator.reliability.outcome import guarded


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> fuzz.Workbench:
    return fuzz.Workbench(tmp_path_factory.mktemp("detectors"))


def _ghost_fts_row(path: Path) -> None:
    """An FTS row with no event behind it: integrity_check says ok, FTS5's check does not."""
    con = sqlite3.connect(path)
    con.execute("INSERT INTO events_fts(rowid, headline) VALUES (99999, 'ghost')")
    con.commit()
    con.close()


# -- the file checks -----------------------------------------------------------------------


def test_health_passes_a_whole_project_and_reports_a_broken_fts_index(
    bench: fuzz.Workbench, tmp_path: Path
) -> None:
    path = tmp_path / "p.db"
    shutil.copyfile(bench.good, path)
    assert health.health_problems(path) == []
    _ghost_fts_row(path)
    found = health.health_problems(path)
    assert any(p.startswith("fts integrity-check") and "events_fts" in p for p in found), found


def test_health_reports_an_export_that_breaks(
    bench: fuzz.Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.core.export import render

    real = render.render_export

    def broken(doc: dict, fmt: str, **kw: str) -> str:
        if fmt == "markdown":
            raise KeyError("title")
        if fmt == "csv":
            raise InputError("cannot be written", where="x")  # a refusal is a failure too
        return real(doc, fmt, **kw)

    monkeypatch.setattr(render, "render_export", broken)
    found = health.health_problems(bench.good)
    assert "export:markdown: KeyError: 'title'" in found
    assert any(p.startswith("export:csv/claims refused") for p in found)
    assert not any(p.startswith("export:json") for p in found)


def test_json_case_that_leaves_a_broken_export_is_a_broken_promise(
    bench: fuzz.Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(health.HEALTH_FAULT_ENV, "export:timelinejs")
    target = bench.target("JSON loader")
    try:
        out = target.run_case(json.dumps(bench.doc).encode())  # the valid export loads
    finally:
        target.close()
    assert out.kind == "accepted"
    assert out.broken.startswith("JSON loader left a broken file (export"), out.broken


def test_damaged_file_that_opens_is_counted_broken(
    bench: fuzz.Workbench, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose FTS index is broken is reported damaged (handled); were it read with
    nothing said, the open target would fail it."""
    from annotator.store import project

    damaged = tmp_path / "damaged.db"
    shutil.copyfile(bench.good, damaged)
    _ghost_fts_row(damaged)
    target = fuzz.OpenTarget(tmp_path / "open", damaged)
    out = target.run_case(("header", [0], b"S", True))  # rewrites byte 0 as it was
    assert out.kind == "rejected" and "search index of events is broken" in out.detail, out
    assert out.broken == ""
    monkeypatch.setattr(project, "damage_for_reading", lambda path: None)  # checks blind
    out = target.run_case(("header", [0], b"S", True))
    assert out.kind == "accepted"
    assert out.broken.startswith("project files left a broken file (fts"), out.broken
    clean = fuzz.OpenTarget(tmp_path / "clean", bench.good).run_case(("header", [0], b"S", True))
    assert clean.kind == "accepted" and clean.broken == ""


def test_a_command_that_reads_a_damaged_file_silently_is_a_broken_promise(
    bench: fuzz.Workbench, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library reports the damage, the command line (made blind here) does not."""
    from annotator.cli import read_verbs
    from annotator.store.project import Project

    target = fuzz.OpenTarget(tmp_path / "silent", bench.good)
    zero_65 = ("zero page", [64], b"", True)
    out = target.run_case(zero_65)
    assert out.kind == "rejected" and "page 65 is zeroed" in out.detail and not out.broken
    monkeypatch.setattr(read_verbs, "open_to_read", lambda path: Project.open(path, readonly=True))
    out = target.run_case(zero_65)
    assert out.broken == ("project files: info read a file refused as damaged with nothing said"), (
        out
    )


def test_clear_error_quoting_sqlite_is_an_escape() -> None:
    def refuse() -> None:
        raise InputError(
            "database error: CHECK constraint failed: length(trim(name)) > 0", where="doc.json"
        )

    out = guarded(refuse)
    assert out.kind == "escape" and "raw SQLite error (constraint failed)" in out.detail
    assert (
        guarded(lambda: (_ for _ in ()).throw(InputError("bad date", where="x"))).kind == "rejected"
    )


# -- the JSON mutations --------------------------------------------------------------------


def test_json_mutations_reach_the_loader_and_cover_the_document(bench: fuzz.Workbench) -> None:
    from annotator.core.export.json_export import schema_problems

    cases = JsonCases(bench.doc)
    docs, touched, passed = [], set(), 0
    for n in range(80):
        data, ids = cases.mutated(random.Random(n))
        touched |= ids
        docs.append(data)
        with contextlib.suppress(ValueError):  # raw surrogate bytes: not UTF-8
            passed += not schema_problems(json.loads(data))
    assert passed >= 40, passed  # most near-valid documents get past the schema
    assert len(touched) >= 250, len(touched)  # of 1,147 paths, not 54
    text = b"".join(docs)
    assert re.search(rb'"\\ud[89ab][0-9a-f]{2}', text)  # lone surrogates as \\udXXX escapes
    assert b"1000000000000000000000000000000" in text and b": 5.0" in text
    assert b'"role": null' in text


# -- what the user sees --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rc", "out", "err", "kind"),
    [
        (0, "ok\n", "", None),
        (2, "", "annotator: doc.json: bad date (fix it)\n", None),
        (2, "", "usage: annotator search [-h] PROJECT query\nannotator search: error: x\n", None),
        (1, "", "Traceback (most recent call last):\n  ...\nKeyError: 'x'\n", "exit status 1"),
        (2, "", "annotator: a\nannotator: b\n", "not one clear line"),
        (2, "", "annotator: sqlite3.OperationalError: database is locked\n", "raw SQLite error"),
        (2, "", "annotator: .p.db.4242.tmp: cannot be created\n", "temp file name on stderr"),
        (0, "\x1b]0;owned\x07Talks\n", "", "terminal control character"),
        (0, "\u202eTalks\n", "", "terminal control character"),
        (None, "", "", "hang"),
        (3, "", "", "exit status 3"),
    ],
)
def test_cli_outcome_judges_what_the_user_sees(
    rc: int | None, out: str, err: str, kind: str | None
) -> None:
    found = problems(CliRun(["export"], rc, out, err, 5.0))
    if kind is None:
        assert found == []
    else:
        assert found and found[0].startswith(kind), found


def test_csv_line_endings_are_not_a_terminal_control() -> None:
    assert problems(CliRun(["export"], 0, "a,b\r\nc,d\r\n", "")) == []
    assert problems(CliRun(["export"], 0, "a\rb\r\n", ""))  # a CR from the data is


def test_a_traceback_in_process_is_an_escape(monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.cli import read_verbs

    monkeypatch.setattr(read_verbs, "cmd_info", lambda args: {}["boom"])
    out = verdict(cli_outcome.run_in_process(["info", "x.db"]))
    assert out.kind == "escape" and out.detail.startswith("info exit status 1")
    assert "traceback: KeyError" in out.detail


def test_a_hang_is_killed_and_counted(tmp_path: Path) -> None:
    run_ = cli_outcome.run_subprocess(
        [], timeout=1, program=[sys.executable, "-c", "import time; time.sleep(60)"]
    )
    assert run_.rc is None and run_.seconds < 30
    assert verdict(run_).detail.startswith("(none) hang")


def test_export_target_counts_terminal_controls_and_temp_files(
    bench: fuzz.Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.cli import read_verbs
    from annotator.core import files
    from annotator.store import exporting

    target = bench.target("export")
    monkeypatch.setattr(exporting, "render_export", lambda *a, **k: "\x1b[2J cleared\n")
    out = target.run_case((7, "markdown", "events", "type", [], "-"))
    assert out.kind != "escape", out  # shown escaped on the terminal
    monkeypatch.setattr(files, "safe_output", lambda text: (text, 0))  # as if that broke
    out = target.run_case((7, "markdown", "events", "type", [], "-"))
    assert out.kind == "escape" and "terminal control character" in out.detail, out
    assert "on the 'as exported' project" in out.detail

    @contextlib.contextmanager
    def leave_temp(where: object, **_kwargs: object) -> Iterator[io.BytesIO]:
        out = io.BytesIO()
        yield out
        Path(str(where)).with_name(f".x{files.TEMP_MARK}").write_bytes(out.getvalue())

    monkeypatch.setattr(read_verbs, "output_file", leave_temp)
    out = target.run_case((7, "markdown", "events", "type", [], "file"))
    assert out.broken.startswith("export: temp file left beside the output"), out


def test_search_target_counts_a_raw_fts_error(
    bench: fuzz.Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.cli import read_verbs

    def broken(project: object, text: str, **kw: object) -> list:
        raise sqlite3.OperationalError('fts5: syntax error near "-"')

    monkeypatch.setattr(read_verbs, "search", broken)
    out = bench.target("search").run_case((7, "-Macron", True))
    assert out.kind == "escape", out
    assert cli_fuzz.as_argv("a\x00\ud800") == "a\udced\udca0\udc80"


# -- special files and two processes --------------------------------------------------------


def test_a_second_writer_that_is_let_in_is_a_broken_promise(
    bench: fuzz.Workbench, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = special.Bench(tmp_path, bench.good, timeout=60)
    assert special.second_writer_case(b).broken == ""  # the real lock refuses it
    monkeypatch.setattr(special, "HOLDER", "print('open', flush=True); input()")  # holds none
    out = special.second_writer_case(b)
    assert out.broken.startswith("second writer: import through a symlink wrote"), out


# -- the CLI crash loop --------------------------------------------------------------------

HALF_WRITER = """
import os, sys, time
from pathlib import Path
from annotator.core.importers.article import ImportedArticle
from annotator.store.changes import ChangeSet
from annotator.store.operations import import_article
from annotator.store.project import Project
path = Path(sys.argv[1])
temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
temp.write_text("build")  # as a careless init would, removed only at the end
with Project.open(path, analyst="half") as project:
    for i in range(2):  # two transactions: a kill between them is half an import
        if i:
            # The gap between them is most of the run, so the loop's kills (aimed at 40-98%
            # of the run) land in it even when a loaded machine slows the start.
            time.sleep(3.0)
        cs = ChangeSet("half")
        import_article(project, ImportedArticle(
            text=f"{i} Talks on 4 March 2025.", title=f"half {i}", outlet=None, author=None,
            url=None, published=None, language="en", source=f"half{i}.txt"), cs)
        project.apply(cs)
temp.unlink()
"""


def test_cli_crash_loop_counts_a_verb_that_is_not_atomic_and_leaves_temp_files(
    bench: fuzz.Workbench, tmp_path: Path
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copyfile(bench.template, inputs / "base.db")
    verb = Verb("half import", lambda p: [sys.executable, "-c", HALF_WRITER, str(p)])
    report = run_cli_crash(
        4, seed=3, workload=Workload(inputs, inputs / "base.db", [verb]), workdir=tmp_path
    )
    assert report.kills == 4 and report.failures
    assert report.not_atomic >= 1, report.failures
    assert report.temp_files_left >= 1, report.failures
    assert report.survived < 4
    figures = {
        k: 0
        for k in (
            *run.MUST_BE_ZERO,
            "kills",
            "kills survived",
            "window kills",
            "window kills survived",
            "cli kills",
            "cli kills survived",
        )
    }
    assert not run.failed({**figures, "cli kills not atomic": 0, "cli kills leaving temp files": 0})
    assert run.failed(
        {**figures, "cli kills not atomic": report.not_atomic, "cli kills leaving temp files": 0}
    )


def test_leftovers_allow_only_the_project_and_its_sidecars(tmp_path: Path) -> None:
    project = tmp_path / "p.db"
    for name in ("p.db", "p.db-wal", "p.db-shm", ".p.db.lock", ".p.db.123.tmp", "x"):
        (tmp_path / name).write_text("")
    assert leftovers(tmp_path, project) == [".p.db.123.tmp", "x"]


def test_negative_cli_kills_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    from annotator.cli import main

    assert (
        main(
            [
                "reliability",
                "--kills",
                "0",
                "--fuzz",
                "0",
                "--window-kills",
                "0",
                "--cli-kills",
                "-1",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--cli-kills" in err


def test_open_target_counts_a_traceback_from_info(
    bench: fuzz.Workbench, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.cli import read_verbs

    target = fuzz.OpenTarget(tmp_path / "info", bench.good)
    assert target.run_case(("header", [0], b"S", True)).kind == "accepted"
    # a misuse of SQLite is a bug (a damaged file's error is the CLI's clear line instead)
    monkeypatch.setattr(
        read_verbs,
        "cmd_info",
        lambda args: sqlite3.connect(":memory:").execute("SELECT ?", [object()]),
    )
    out = target.run_case(("header", [0], b"S", True))
    assert out.kind == "escape" and out.detail.startswith("project files: info exit status 1")
    assert "raw SQLite error" in out.detail


def test_two_writers_whose_exit_status_lies_are_a_broken_promise(
    bench: fuzz.Workbench, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = special.Bench(tmp_path, bench.good, timeout=120)
    assert special.two_writers_case(b, 0).broken == ""
    monkeypatch.setattr(special, "_articles", lambda path: set())  # as if nothing was saved
    b.restore()
    out = special.two_writers_case(b, 1)
    assert out.broken.startswith("two writers: import exited 0 but the article is not in"), out


def test_a_command_that_never_returns_in_process_is_killed_as_a_hang(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    from annotator.cli import read_verbs

    monkeypatch.setattr(read_verbs, "cmd_search", lambda args: time.sleep(60))
    run_ = cli_outcome.run_forked(["search", "p.db", "x"], timeout=1)
    assert run_.rc is None and run_.seconds < 30
    assert verdict(run_).detail.startswith("search hang")
    monkeypatch.setattr(read_verbs, "cmd_search", lambda args: print("\x1b[2Jfound") or 0)
    shown = cli_outcome.run_forked(["search", "p.db", "x"], timeout=30)
    assert (shown.rc, shown.out) == (0, "\x1b[2Jfound\n")  # what it printed comes back whole
