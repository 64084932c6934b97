"""A killed `init --seed` leaves build files; the next init beside it removes them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid  # finished and reaped: no such process now


def test_stale_build_files_removed_live_ones_kept(tmp_path: Path) -> None:
    pid = dead_pid()
    stale = [
        tmp_path / f".p.db.{pid}.tmp",
        tmp_path / f".p.db.{pid}.tmp-wal",
        tmp_path / f".p.db.{pid}.tmp-shm",
        tmp_path / f".p.db.{pid}.tmp-journal",
        tmp_path / f"..p.db.{pid}.tmp.lock",
    ]
    live = tmp_path / ".p.db.1.tmp"  # pid 1 is always running
    other = tmp_path / ".notes.txt"
    for f in [*stale, live, other]:
        f.write_bytes(b"x")
    assert main(["init", str(tmp_path / "p.db"), "--seed"]) == 0
    assert not any(f.exists() for f in stale)
    assert live.exists() and other.exists()
    names = {p.name for p in tmp_path.iterdir()} - {".p.db.lock"}  # the project's own lock
    assert sorted(names) == [".notes.txt", ".p.db.1.tmp", "p.db"]


def test_failed_create_names_the_project_not_the_build_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    import annotator.store.project_setup as project_setup

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(project_setup.os, "replace", full)
    target = tmp_path / "p.db"
    assert main(["init", str(target), "--seed"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"annotator: {target}: cannot be created (No space left on device)")
    assert ".tmp" not in err and err.count("\n") == 1
    assert [p.name for p in tmp_path.iterdir()] == []
