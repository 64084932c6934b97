"""New project files, and the default project a first launch opens."""

from __future__ import annotations

import contextlib
import glob
import os
import re
import sqlite3
from pathlib import Path

import platformdirs

from annotator.core.errors import ProjectError
from annotator.core.resources import seed_articles
from annotator.store.changes import ChangeSet
from annotator.store.lock import write_marker
from annotator.store.operations import import_article
from annotator.store.project import Project


def default_project_path() -> Path:
    """ANNOTATOR_PROJECT moves it (tests do); otherwise the per-user data folder."""
    env = os.environ.get("ANNOTATOR_PROJECT")
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path("timeline-annotator", appauthor=False) / "default.db"


def ensure_default_project(path: Path) -> Path:
    """First use: create the default project with the seed articles."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        create_project(path, seed=True)
    return path


def create_project(path: Path, *, seed: bool) -> None:
    """A new project file, written whole or not at all (built aside, then renamed)."""
    if path.exists():
        raise ProjectError(
            "already exists",
            where=str(path),
            hint="choose another name, or use 'annotator import' to add to it",
        )
    if not path.parent.exists():
        raise ProjectError("the folder does not exist", where=str(path.parent))
    remove_stale_builds(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with Project.open(tmp, create=True) as project:
            if seed:
                cs = ChangeSet("Import sample articles")
                for art in seed_articles():
                    import_article(project, art, cs)
                project.apply(cs)
            project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        os.replace(tmp, path)
        # Closed cleanly: a -wal that turns up beside it later is not its own.
        write_marker(path, clean=True)
    except (OSError, sqlite3.Error, ProjectError) as exc:
        # Name the file the user asked for, never the build file beside it.
        reason = (
            getattr(exc, "message", None) or getattr(exc, "strerror", None) or type(exc).__name__
        )
        raise ProjectError(
            f"cannot be created ({reason})".replace(str(tmp), str(path)),
            where=str(path),
            hint="check the folder's permissions and free space",
        ) from None
    finally:
        for leftover in (
            tmp,
            Path(f"{tmp}-wal"),
            Path(f"{tmp}-shm"),
            Path(f"{tmp}-journal"),
            tmp.with_name(f".{tmp.name}.lock"),
        ):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def remove_stale_builds(path: Path) -> None:
    """A kill during create_project leaves '.NAME.PID.tmp' (and its -journal, written before
    WAL is on, -wal, -shm and lock) beside the project; remove those whose process is gone,
    so they do not pile up."""
    name = re.escape(path.name)
    pattern = re.compile(rf"\.?\.{name}\.(\d+)\.tmp(?:-wal|-shm|-journal|\.lock)?")
    for leftover in glob.glob(glob.escape(str(path.parent)) + "/.*"):
        m = pattern.fullmatch(Path(leftover).name)
        if not m or _alive(int(m.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(leftover)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True
