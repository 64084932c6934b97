"""Rolling backups (VACUUM INTO) and restoring one without losing the current file."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.store import operations as ops
from annotator.store.backup import backup_dir, list_backups, make_backup, restore_backup
from annotator.store.lock import ProjectLockedError
from annotator.store.project import Project
from tests.helpers.db import db_dump
from tests.helpers.paths import child_env

T0 = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def _add_actor(path: Path, name: str) -> None:
    with Project.open(path) as project:
        project.apply(ops.create_actor(project, name=name)[0])


def test_backup_is_a_whole_copy_in_a_sibling_folder(seeded_path: Path) -> None:
    with Project.open(seeded_path) as project:
        made = make_backup(project, now=T0)
    assert made is not None and made.parent == backup_dir(seeded_path)
    assert made.parent.name == f".{seeded_path.name}.backups"
    assert made.name == "seed-20260102T030405.000000Z.db"
    assert db_dump(made) == db_dump(seeded_path)
    assert list_backups(seeded_path) == [made]


def test_backups_roll_and_skip_within_a_minute(seeded_path: Path) -> None:
    with Project.open(seeded_path) as project:
        first = make_backup(project, keep=3, now=T0)
        # Reopened 10 s later: no second copy, the newest is returned.
        assert make_backup(project, keep=3, now=T0 + timedelta(seconds=10)) == first
        made = [make_backup(project, keep=3, now=T0 + timedelta(minutes=m)) for m in range(1, 6)]
    kept = list_backups(seeded_path)
    assert len(kept) == 3
    assert kept == made[::-1][:3]  # newest first, the oldest pruned
    assert first not in kept and not first.exists()


def test_full_disk_returns_none_and_leaves_no_partial(
    seeded_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.open(seeded_path) as project:
        folder = backup_dir(seeded_path)
        folder.mkdir()
        folder.chmod(0o500)
        try:
            if _writable(folder):  # root ignores permissions: use a file where the folder is
                folder.chmod(0o700)
                folder.rmdir()
                folder.write_text("in the way")
            assert make_backup(project, now=T0) is None
        finally:
            if folder.is_dir():
                folder.chmod(0o700)
        assert project.scalar("SELECT count(*) FROM articles") == 3  # the project is fine


def _writable(folder: Path) -> bool:
    probe = folder / "probe"
    try:
        probe.write_text("x")
    except OSError:
        return False
    probe.unlink()
    return True


def test_memory_project_has_no_backup() -> None:
    assert make_backup(Project.memory()) is None


def test_restore_moves_the_current_file_aside(seeded_path: Path) -> None:
    with Project.open(seeded_path) as project:
        backup = make_backup(project, now=T0)
    original = db_dump(seeded_path)
    _add_actor(seeded_path, "Added after the backup")
    edited = db_dump(seeded_path)
    aside = restore_backup(backup, seeded_path)
    assert db_dump(seeded_path) == original
    assert aside is not None and aside.name.startswith(f".{seeded_path.name}.before-restore-")
    assert db_dump(aside) == edited  # nothing is lost: the replaced file is kept
    with Project.open(seeded_path) as project:
        assert project.scalar("SELECT count(*) FROM actors WHERE name LIKE 'Added%'") == 0


def test_restore_keeps_a_hot_wal_with_the_old_file(seeded_path: Path) -> None:
    with Project.open(seeded_path) as project:
        backup = make_backup(project, now=T0)
    # A writer killed before its checkpoint leaves committed edits only in the -wal.
    code = (
        "import os,sys; from annotator.store.project import Project;"
        "from annotator.store import operations as ops;"
        "p=Project.open(sys.argv[1]); p.apply(ops.create_actor(p, name='Only in WAL')[0]);"
        "os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code, str(seeded_path)], check=True, env=child_env())
    assert Path(f"{seeded_path}-wal").stat().st_size > 0
    aside = restore_backup(backup, seeded_path)
    assert aside is not None
    names = [r[1] for r in db_dump(aside)["actors"]]
    assert "Only in WAL" in names


def test_restore_refused_while_open_elsewhere(seeded_path: Path) -> None:
    with Project.open(seeded_path) as project:
        backup = make_backup(project, now=T0)
        before = seeded_path.read_bytes()
        with pytest.raises(ProjectLockedError):
            restore_backup(backup, seeded_path)
        assert seeded_path.read_bytes() == before
    assert list(seeded_path.parent.glob("*before-restore*")) == []


def test_restore_refuses_a_damaged_backup(seeded_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(seeded_path.read_bytes()[:5000])
    before = seeded_path.read_bytes()
    with pytest.raises(ProjectError, match="truncated"):
        restore_backup(bad, seeded_path)
    assert seeded_path.read_bytes() == before
    with pytest.raises(ProjectError, match="no such backup"):
        restore_backup(tmp_path / "missing.db", seeded_path)


def test_restore_to_a_missing_project(seeded_path: Path, tmp_path: Path) -> None:
    with Project.open(seeded_path) as project:
        backup = make_backup(project, now=T0)
    target = tmp_path / "new" / "restored.db"
    target.parent.mkdir()
    assert restore_backup(backup, target) is None
    assert db_dump(target) == db_dump(backup)
