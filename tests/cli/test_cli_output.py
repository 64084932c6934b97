"""`-o FILE` on every export verb: atomic for regular files, in place for special files."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import InputError
from annotator.core.files import TEMP_MARK, write_output
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


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if TEMP_MARK in p.name]


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_new_file_gets_the_umask(tmp_path: Path, project: Path, umask: int) -> None:
    out = tmp_path / "out.json"
    old = os.umask(umask)
    try:
        assert run("export", project, "-o", out) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    assert out.read_text(encoding="utf-8").startswith("{")


def test_existing_file_keeps_its_mode(tmp_path: Path, project: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("old")
    out.chmod(0o640)
    assert run("export", project, "--format", "csv", "-o", out) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.read_text(encoding="utf-8") != "old"


def test_symlink_is_written_through(tmp_path: Path, project: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert run("export", project, "--format", "markdown", "-o", link) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("#")
    dangling = tmp_path / "dangling.html"
    dangling.symlink_to(tmp_path / "made.html")
    assert run("export", project, "--format", "html", "-o", dangling) == 0
    assert dangling.is_symlink() and (tmp_path / "made.html").stat().st_size > 100
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", ["csv", "json", "timelinejs", "webannotation", "markdown", "html"])
def test_dev_null_stays_a_device(project: Path, fmt: str) -> None:
    assert run("export", project, "--format", fmt, "-o", os.devnull) == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_datasette_to_dev_null_and_stdout(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("datasette", project, "-o", os.devnull) == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert run("datasette", project, "-o", "-") == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("{") and "now run" not in captured.err
    assert not (tmp_path / "-").exists()


def test_fifo_is_written_in_place(tmp_path: Path, project: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    # The reader is there before the export starts (opened without waiting for a writer);
    # the export is smaller than the pipe's buffer, so it is read after the export ends.
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert run("export", project, "--format", "csv", "-o", fifo) == 0
        os.set_blocking(fd, True)
        got = b""
        while chunk := os.read(fd, 65536):
            got += chunk
    finally:
        os.close(fd)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert got.startswith(b"id,")
    assert leftovers(tmp_path) == []


def test_a_fifo_nobody_reads_is_refused_at_once(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    capsys.readouterr()
    assert run("export", project, "--format", "csv", "-o", fifo) == 2
    err = capsys.readouterr().err
    assert err == (
        f"annotator: {fifo}: is a pipe (FIFO) that no program is reading (start "
        "the program that reads it first, or write to a file)\n"
    )
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and leftovers(tmp_path) == []


def test_dash_is_standard_output(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert run("export", project, "--format", "csv", "-o", "-") == 0
    assert capsys.readouterr().out.startswith("id,")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_and_folder_target(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "nope" / "out.json"
    assert run("export", project, "-o", out) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(out) in err and "folder does not exist" in err
    assert run("export", project, "-o", tmp_path) == 2
    assert "is a folder" in capsys.readouterr().err


def test_failed_write_cleans_up_and_names_the_target(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.json"
    out.write_text("before")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert run("export", project, "-o", out) == 2
    err = capsys.readouterr().err
    assert (
        err == f"annotator: {out}: cannot be written (No space left on device) "
        "(check the folder's permissions and free space)\n"
    )
    assert TEMP_MARK not in err
    assert out.read_text() == "before" and leftovers(tmp_path) == []


def test_interrupt_while_writing_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.txt"

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_output(out, "text")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("undated", "fragment"),
    [(0, "it has no events"), (1, "its one event is undated"), (3, "all 3 events are undated")],
)
def test_timelinejs_without_dated_events_is_a_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture, undated: int, fragment: str
) -> None:
    from annotator.store import operations as ops

    path = tmp_path / "undated.db"
    create_project(path, seed=True)
    with Project.open(path) as opened:
        for i in range(undated):
            cs, _ = ops.create_event(opened, headline=f"Undated {i}")
            opened.apply(cs)
    out = tmp_path / "t.json"
    assert run("export", path, "--format", "timelinejs", "-o", out) == 2
    err = capsys.readouterr().err
    assert err == (
        "annotator: the chronology: has nothing dated to put on a TimelineJS "
        f"timeline: {fragment} (give some events a date, or loosen the filters; "
        "the csv, json and html exports keep undated events)\n"
    )
    assert not out.exists()
    assert run("export", path, "--format", "csv", "-o", out) == 0  # the way out it names
    assert out.read_text(encoding="utf-8").count("Undated ") == undated


def test_timelinejs_ids_that_slugify_alike_export(tmp_path: Path) -> None:
    import json

    from annotator.store import operations as ops
    from annotator.store.rows import parse_edtf_field

    path = tmp_path / "ids.db"
    create_project(path, seed=False)
    ids = ["ab_c", "ab-c", "ABC", "abc"]
    with Project.open(path) as opened:
        for i, eid in enumerate(ids):
            cs, _ = ops.create_event(
                opened,
                headline=f"Event {eid}",
                id=eid,
                date=parse_edtf_field(f"2025-03-0{i + 1}", "date"),
            )
            opened.apply(cs)
    out = tmp_path / "t.json"
    assert run("export", path, "--format", "timelinejs", "-o", out) == 0
    slides = json.loads(out.read_text(encoding="utf-8"))["events"]
    assert [s["unique_id"] for s in slides] == [
        "event-ab-c-2",
        "event-ab-c",
        "event-abc",
        "event-abc-2",
    ]


def test_symlink_loop_is_one_clear_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match="cannot be written"):
        write_output(loop, "x")
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder(tmp_path: Path, project: Path, capsys: pytest.CaptureFixture) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert run("export", project, "-o", folder / "x.json") == 2
    finally:
        folder.chmod(0o700)
    err = capsys.readouterr().err
    assert "Permission denied" in err and TEMP_MARK not in err


HOSTILE_HEADLINE = "Talks \x1b[2J\x1b]0;owned\x07 \u202eright-to-left\x9b31m\r end"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from annotator.store import operations as ops

    path = tmp_path_factory.mktemp("hostile") / "p.db"
    create_project(path, seed=False)
    with Project.open(path) as opened:
        cs, _ = ops.create_event(opened, headline=HOSTILE_HEADLINE)
        opened.apply(cs)
    return path


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown", "html", "webannotation"])
def test_an_export_on_a_terminal_shows_control_characters_never_obeys_them(
    hostile: Path, fmt: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    import re

    screen = _Terminal()
    monkeypatch.setattr("sys.stdout", screen)
    assert run("export", hostile, "--format", fmt) == 0
    shown = screen.getvalue().replace("\r\n", "\n")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", shown), fmt
    err = capsys.readouterr().err
    if fmt == "webannotation":  # only citations are annotations: nothing of it printed
        assert err == ""
        return
    if fmt != "json":  # JSON writes its own \u001b escapes for C0 controls
        assert "\\x1b" in shown and "\\u202e" in shown
    assert "shown escaped" in err


def test_an_export_to_a_pipe_or_file_is_the_exact_text(
    hostile: Path, tmp_path: Path, capfdbinary
) -> None:
    out = tmp_path / "e.csv"
    assert run("export", hostile, "--format", "csv", "-o", out) == 0
    assert HOSTILE_HEADLINE.encode() in out.read_bytes()
    assert run("export", hostile, "--format", "csv") == 0  # pytest's capture is no terminal
    captured = capfdbinary.readouterr()
    assert HOSTILE_HEADLINE.encode() in captured.out and captured.err == b""
