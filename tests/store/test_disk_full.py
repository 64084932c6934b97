"""Full disks and read-only files: the failing edit is reported in plain words, nothing
earlier is lost, and the app keeps running (its undo stack holds no failed edit)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.core.importers.article import ImportedArticle
from annotator.store import operations as ops
from annotator.store.project import Project
from annotator.store.project_setup import create_project


def _article(n: int, size: int) -> ImportedArticle:
    text = f"Article {n}. " + "Talks began in Paris on 4 March 2025. " * (size // 38)
    return ImportedArticle(
        text=text,
        title=f"Article {n}",
        outlet=None,
        author=None,
        url=None,
        published=None,
        language="en",
        source=f"a{n}.txt",
    )


def _import(project: Project, n: int, size: int) -> None:
    project.apply(ops.import_article(project, _article(n, size))[0])


def _cap(project: Project, spare_pages: int) -> None:
    """SQLite reports SQLITE_FULL past max_page_count: a full disk without root tricks."""
    pages = project.scalar("PRAGMA page_count")
    project.db.execute(f"PRAGMA max_page_count = {pages + spare_pages}")


def test_full_disk_refuses_the_edit_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    create_project(path, seed=False)
    with Project.open(path) as project:
        _import(project, 1, 2_000)
        _cap(project, 4)
        with pytest.raises(ProjectError) as err:
            _import(project, 2, 400_000)
        assert "disk is full" in str(err.value) and "earlier edits are safe" in str(err.value)
        assert str(err.value).count("\n") == 0
        # The app keeps running: a small edit still fits, and the big one works with space.
        project.apply(ops.create_actor(project, name="Small")[0])
        project.db.execute("PRAGMA max_page_count = 1073741823")
        _import(project, 2, 400_000)
    with Project.open(path, readonly=True) as project:
        assert [r["title"] for r in project.rows("SELECT title FROM articles ORDER BY title")] == [
            "Article 1",
            "Article 2",
        ]
        assert project.scalar("PRAGMA integrity_check") == "ok"


def test_session_reports_and_keeps_no_failed_command(qapp: object, tmp_path: Path) -> None:
    from annotator.ui.editing.session import Session

    path = tmp_path / "p.db"
    create_project(path, seed=False)
    project = Project.open(path)
    session = Session(project)
    failures: list[object] = []
    session.failed.connect(failures.append)
    assert session.run(ops.create_actor(project, name="Before")[0])
    _cap(project, 2)
    assert session.run(ops.import_article(project, _article(9, 500_000))[0]) is False
    assert len(failures) == 1 and isinstance(failures[0], ProjectError)
    assert "disk is full" in str(failures[0])
    assert session.undo_stack.count() == 1  # only the edit that worked
    session.undo_stack.undo()  # and undo still works on it
    assert project.scalar("SELECT count(*) FROM actors") == 0
    assert project.scalar("SELECT count(*) FROM articles") == 0
    project.close()


@contextlib.contextmanager
def _tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small filesystem needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"mount not permitted here: {done.stderr.decode(errors='replace')[:80]}")
    try:
        yield where
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(where)], capture_output=True)
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def test_real_tiny_filesystem_fills_up(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "small", "2m") as mnt:  # a new project passes 1 MB of WAL
        path = mnt / "p.db"
        create_project(path, seed=False)
        kept = []
        with Project.open(path) as project:
            with pytest.raises(ProjectError, match="disk is full"):
                for n in range(100):
                    _import(project, n, 60_000)
                    kept.append(f"Article {n}")
            assert kept  # some fitted before the disk filled
        with Project.open(path, readonly=True) as project:
            titles = [r[0] for r in project.db.execute("SELECT title FROM articles")]
            assert sorted(titles) == sorted(kept)
            assert project.scalar("PRAGMA integrity_check") == "ok"


def test_read_only_folder(tmp_path: Path) -> None:
    """A project on read-only media: writing is refused in plain words, reading works."""
    src = tmp_path / "src"
    src.mkdir()
    path = src / "p.db"
    create_project(path, seed=False)
    with Project.open(path) as project:
        project.apply(ops.create_actor(project, name="Before")[0])
    before = path.read_bytes()
    view = tmp_path / "ro"
    view.mkdir()
    if os.geteuid() != 0:
        os.chmod(src, 0o555)
        os.chmod(path, 0o444)
        view = src
    else:  # root ignores permissions: a read-only bind mount of the folder
        done = subprocess.run(["mount", "--bind", str(src), str(view)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("bind mount not permitted here")
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
    try:
        with pytest.raises(ProjectError) as err:
            Project.open(view / "p.db")
        assert str(err.value).count("\n") == 0
        assert "read-only" in str(err.value) or "cannot" in str(err.value)
        with Project.open(view / "p.db", readonly=True) as project:
            assert [r[0] for r in project.db.execute("SELECT name FROM actors")] == ["Before"]
    finally:
        if view == src:
            os.chmod(src, 0o755)
            os.chmod(path, 0o644)
        else:
            subprocess.run(["umount", "-l", str(view)], capture_output=True)
    assert path.read_bytes() == before
