"""Inputs that are not regular files are refused at once; big files are bounded."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import InputError
from annotator.core.files import read_bounded
from annotator.core.importers.reader import MAX_BYTES
from annotator.store.project_setup import create_project
from tests.helpers.db import db_dump
from tests.helpers.paths import child_env


def run(*args: object) -> int:
    return main([str(a) for a in args])


@pytest.fixture
def project(seeded_path: Path) -> Path:
    return seeded_path


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


@pytest.fixture
def sock() -> Iterator[Path]:
    folder = tempfile.mkdtemp(prefix="s")  # socket paths must be short
    path = Path(folder) / "s.txt"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    yield path
    server.close()
    path.unlink()
    os.rmdir(folder)


def one_line(capsys: pytest.CaptureFixture, *words: str) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("annotator: "), err
    for w in words:
        assert w in err, err
    return err


def test_fifo_without_writer_does_not_hang(project: Path, fifo: Path) -> None:
    env = child_env()
    for verb, args in (
        ("import", [project, fifo]),
        ("load", [project, fifo]),
        ("merge", [project, fifo]),
        ("info", [fifo]),
        ("search", [fifo, "x"]),
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "annotator", verb, *map(str, args)],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        assert proc.returncode == 2, (verb, proc.stderr)
        assert proc.stderr.startswith(f"annotator: {fifo}: is a pipe (FIFO), not a file (")
        assert proc.stderr.count("\n") == 1, (verb, proc.stderr)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_refused(project: Path, device: str, capsys: pytest.CaptureFixture) -> None:
    before = db_dump(project)
    for args in (
        ("import", project, device),
        ("load", project, device),
        ("merge", project, device),
    ):
        assert run(*args) == 2
        one_line(capsys, device, "is a device, not a file")
    assert db_dump(project) == before


def test_folder_and_socket_refused(
    project: Path, tmp_path: Path, sock: Path, capsys: pytest.CaptureFixture
) -> None:
    assert run("import", project, tmp_path) == 2
    one_line(capsys, "is a folder, not a file")
    assert run("load", project, tmp_path) == 2
    one_line(capsys, "is a folder, not a file")
    for verb in ("import", "load", "merge"):
        assert run(verb, project, sock) == 2
        one_line(capsys, str(sock), "is a socket, not a file")


def test_project_path_that_is_a_device(capsys: pytest.CaptureFixture) -> None:
    assert run("info", "/dev/zero") == 2
    one_line(capsys, "/dev/zero: is a device", "project file")


def test_read_is_bounded_even_when_size_is_not_reported(tmp_path: Path) -> None:
    # /proc files are regular but report size 0: the read itself must stop at limit + 1.
    status = Path("/proc/self/status")
    if not status.exists():
        pytest.skip("no /proc")
    with pytest.raises(InputError, match="too large"):
        read_bounded(status, 10, hint="")
    assert len(read_bounded(status, 1 << 20, hint="")) > 10


def test_sparse_json_over_the_json_limit(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as fh:
        fh.truncate(3 * 1024**3)  # sparse: nothing written
    assert run("load", project, huge) == 2
    one_line(capsys, str(huge), "too large", "3 GB", "the limit is 2 GB")
    txt = tmp_path / "huge.txt"
    txt.symlink_to(huge)
    assert run("import", project, txt) == 2
    one_line(capsys, "too large", "the limit is 50 MB")


def exported(project: Path, tmp_path: Path) -> dict:
    out = tmp_path / "export.json"
    assert run("export", project, "-o", out) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_json_export_over_50_mb_loads_back(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    doc = exported(project, tmp_path)
    big = tmp_path / "big.json"
    text = json.dumps(doc, ensure_ascii=False)
    big.write_text(text + " " * (MAX_BYTES + 1024), encoding="utf-8")  # JSON allows padding
    assert big.stat().st_size > MAX_BYTES
    empty = tmp_path / "empty.db"
    create_project(empty, seed=False)
    capsys.readouterr()
    assert run("load", empty, big) == 0, capsys.readouterr().err
    assert "loaded" in capsys.readouterr().err


def test_one_article_in_json_keeps_the_article_limit(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    doc = exported(project, tmp_path)
    doc["articles"] = doc["articles"][:1]
    doc["articles"][0]["text"] = "a" * (MAX_BYTES + 1)
    for key in ("events", "claims", "actors", "passages"):
        doc[key] = []
    big = tmp_path / "article.json"
    big.write_text(json.dumps(doc), encoding="utf-8")
    empty = tmp_path / "empty.db"
    create_project(empty, seed=False)
    capsys.readouterr()
    assert run("load", empty, big) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "articles" in err and "too large" in err, err[:300]
