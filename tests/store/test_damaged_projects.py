"""A damaged project is refused in one clear line before anything writes to it, and the
refusal leaves the file, its sidecars and its backups byte-for-byte as they were.

Table-driven: every kind of damage below against every writing verb (the CLI's import,
load, merge and init, and the window's File > Open), and against the reading verbs, which
read on where they can but say in one line what is damaged (never a traceback).
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import ProjectError
from annotator.store.backup import list_backups, make_backup
from annotator.store.lock import read_marker, write_marker
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from tests.helpers.db import db_dump
from tests.helpers.paths import REPO, child_env
from tests.helpers.window_fixture import warnings, window  # noqa: F401  (fixtures)


def run(*args: object) -> int:
    return main([str(a) for a in args])


def _sql(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


def _hot_wal_of(tmp: Path, *, seed: bool) -> bytes:
    """The -wal of another project named p.db, taken while its writer still has it open."""
    other = tmp / "elsewhere" / "p.db"
    other.parent.mkdir()
    create_project(other, seed=seed)
    con = sqlite3.connect(other)
    con.execute("INSERT INTO project (key, value) VALUES ('theirs', 'yes')")
    con.execute("UPDATE articles SET title = 'theirs'")
    con.commit()
    wal = Path(f"{other}-wal").read_bytes()
    con.close()
    return wal


def zeroed_page(path: Path, tmp: Path) -> None:
    with path.open("r+b") as fh:
        fh.seek(2 * 4096)  # page 3
        fh.write(bytes(4096))


def truncated(path: Path, tmp: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def twin_wal(path: Path, tmp: Path) -> None:
    # Same seed, same shape: SQLite replays it silently and quick_check says "ok".
    Path(f"{path}-wal").write_bytes(_hot_wal_of(tmp, seed=True))


def other_wal(path: Path, tmp: Path) -> None:
    Path(f"{path}-wal").write_bytes(_hot_wal_of(tmp, seed=False))


def garbage_wal(path: Path, tmp: Path) -> None:
    Path(f"{path}-wal").write_bytes(random.Random(7).randbytes(9000))


def not_sqlite(path: Path, tmp: Path) -> None:
    path.write_text("meeting notes, not a database\n" * 100)


def no_schema(path: Path, tmp: Path) -> None:
    path.unlink()
    _sql(path, "PRAGMA user_version = 3")  # a valid, empty SQLite file


def foreign_schema(path: Path, tmp: Path) -> None:
    path.unlink()
    _sql(path, "CREATE TABLE recipes (name TEXT)", "INSERT INTO recipes VALUES ('soup')")


def newer_schema(path: Path, tmp: Path) -> None:
    _sql(
        path,
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('annotator', 'm999_future', 'now')",
    )


def dropped_column(path: Path, tmp: Path) -> None:
    _sql(path, "ALTER TABLE passages DROP COLUMN prefix")


def blob_title(path: Path, tmp: Path) -> None:
    _sql(
        path,
        "UPDATE articles SET title = X'00ff80' WHERE rowid = (SELECT max(rowid) FROM articles)",
    )


def broken_fts(path: Path, tmp: Path) -> None:
    # integrity_check and quick_check both say "ok" over this
    _sql(path, "UPDATE articles_fts_data SET block = X'ffffffff00' WHERE id > 10")


def garbled_header(path: Path, tmp: Path) -> None:
    data = bytearray(path.read_bytes())
    data[18] = 3  # a file format version SQLite does not write: it would open it read-only
    path.write_bytes(data)


def index_disagrees(path: Path, tmp: Path) -> None:
    # quick_check says "ok" over this; integrity_check does not
    _sql(
        path,
        "PRAGMA writable_schema=ON",
        "UPDATE sqlite_master SET sql = "
        "replace(sql, '(', '(id, ') WHERE name = 'idx_articles_published'",
    )


def garbled_stamp(path: Path, tmp: Path) -> None:
    # every SQLite check passes this; the JSON export refuses it
    _sql(path, "UPDATE articles SET created = '2025-1\t-02T10:00:00Z' WHERE rowid = 1")


# kind: (how to damage, words the message must hold, whether it is damage to restore from)
DAMAGE: dict[str, tuple[Callable[[Path, Path], None], str, bool]] = {
    "zeroed page": (zeroed_page, "the project file is damaged (page 3 is zeroed)", True),
    "truncated": (truncated, "the project file is damaged (truncated", True),
    "twin -wal": (twin_wal, "the p.db-wal file beside it belongs to another database", False),
    "other -wal": (other_wal, "the p.db-wal file beside it belongs to another database", False),
    # closed cleanly first, so moving the -wal away is all it takes (no backup needed)
    "garbage -wal": (
        garbage_wal,
        "p.db-wal file beside it is damaged (not a write-ahead log)",
        False,
    ),
    "not sqlite": (not_sqlite, "not a project file (not an SQLite database)", False),
    "no schema": (no_schema, "not a Timeline Annotator project", False),
    "foreign schema": (foreign_schema, "not a Timeline Annotator project", False),
    "newer schema": (newer_schema, "written by a newer version", False),
    "dropped column": (dropped_column, "damaged (column passages.prefix is missing)", True),
    "blob in text": (blob_title, "damaged (articles.title holds bytes where text belongs)", True),
    "broken fts": (broken_fts, "damaged (the search index of articles is broken)", True),
    "garbled header": (garbled_header, "damaged (its header is garbled)", True),
    "index disagrees": (index_disagrees, "damaged (its tables and indexes do not agree)", True),
}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the project's folder (sidecars, lock, backups) and its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("good") / "good.db"
    create_project(path, seed=True)
    return path


@pytest.fixture(scope="module")
def inputs(good: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("inputs")
    article = folder / "article.txt"
    article.write_text("Talks resumed in Geneva on 3 March 2025, officials said.\n")
    doc = folder / "doc.json"
    assert run("export", good, "--format", "json", "-o", doc) == 0
    json.loads(doc.read_text())
    return {"article": article, "doc": doc, "other": good}


@pytest.fixture(params=sorted(DAMAGE))
def damaged(request, tmp_path: Path) -> tuple[Path, str, str, Path]:
    """p.db in a folder of its own, with one backup, opened and closed once, then damaged."""
    how, words, restore = DAMAGE[request.param]
    path = tmp_path / "project" / "p.db"
    path.parent.mkdir()
    create_project(path, seed=True)
    with Project.open(path) as project:
        backup = make_backup(project)
    assert backup is not None and list_backups(path) == [backup]
    how(path, tmp_path)
    return path, words, request.param, backup if restore else None


VERBS = {
    "import": lambda p, i: ["import", p, i["article"]],
    "load": lambda p, i: ["load", p, i["doc"]],
    "merge": lambda p, i: ["merge", p, i["other"]],
}


def _one_clear_line(err: str, path: Path, words: str, backup: Path | None) -> None:
    assert err.count("\n") == 1 and err.startswith(f"annotator: {path}: "), err
    assert words in err, err
    assert "Traceback" not in err and "annotator-check" not in err and "check.db" not in err
    for raw in ("malformed", "btree", "sqlite3.", "disk image"):  # SQLite's own words
        assert raw not in err.lower(), err
    if backup is not None:
        assert str(backup) in err, "the newest backup is named"


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_cli_verb_refuses_damage_and_changes_nothing(damaged, verb: str, inputs, capsys) -> None:
    path, words, _kind, backup = damaged
    before = snapshot(path.parent)
    capsys.readouterr()
    assert run(*VERBS[verb](path, inputs)) == 2  # the CLI's status for a user error
    _one_clear_line(capsys.readouterr().err, path, words, backup)
    assert snapshot(path.parent) == before


READS = {
    "info": lambda p: ["info", p],
    "export csv": lambda p: ["export", p, "--format", "csv"],
    "export json": lambda p: ["export", p, "--format", "json"],
    "search": lambda p: ["search", p, "talks"],
}
READ_ON = {
    "export csv": "this export holds only what could be read",
    "export json": "this export holds only what could be read",
    "search": "these results come only from what could be read",
}


@pytest.mark.parametrize("verb", sorted(READS))
def test_reading_verb_says_what_is_damaged_and_changes_nothing(damaged, verb: str, capsys) -> None:
    path, words, _kind, backup = damaged
    before = snapshot(path.parent)
    capsys.readouterr()
    rc = run(*READS[verb](path))
    out, err = capsys.readouterr()
    _one_clear_line(err, path, words, backup)  # the warning, or the refusal
    if verb == "info":
        assert rc == 2, "a health report of a damaged file is not a success"
    elif rc == 0:  # read on: the output, then the line that says it is not the whole file
        assert f"{words}" in err and READ_ON[verb] in err, err
        assert out or verb == "search"
    else:
        assert rc == 2 and READ_ON[verb] not in err
    assert "Traceback" not in out and "malformed" not in out
    assert snapshot(path.parent) == before


@pytest.mark.parametrize("verb", sorted(READS))
def test_reading_verb_on_a_whole_file_warns_of_nothing(
    seeded_path: Path, verb: str, capsys
) -> None:
    write_marker(seeded_path, clean=False)  # as after a crash: the full checks run too
    capsys.readouterr()
    assert run(*READS[verb](seeded_path)) == 0
    out, err = capsys.readouterr()
    assert err == "" and "damaged" not in out and out


def test_a_reader_beside_a_live_writer_sees_no_damage(seeded_path: Path, capsys) -> None:
    """The writer's -wal is hot and its marker says "open": the reader checks everything,
    on a consistent copy taken through SQLite, and finds the file whole."""
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom annotator.store import operations as ops\n"
            "from annotator.store.project import Project\n"
            "p = Project.open(sys.argv[1])\np.apply(ops.create_actor(p, name='Live')[0])\n"
            "print('ready', flush=True)\nsys.stdin.read()\np.close()",
            str(seeded_path),
        ],
        cwd=REPO,
        env=child_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline() == "ready\n"
        assert not read_marker(seeded_path).clean
        capsys.readouterr()
        assert run("export", seeded_path, "--format", "csv", "--what", "actors") == 0
        out, err = capsys.readouterr()
        assert "Live" in out and "damaged" not in err
    finally:
        writer.communicate("", timeout=30)


def test_a_sqlite_error_escaping_a_verb_is_the_damaged_line(
    seeded_path: Path, capsys, monkeypatch
) -> None:
    from annotator.cli import read_verbs

    def fails(args: object) -> int:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(read_verbs, "cmd_info", fails)
    capsys.readouterr()
    assert run("info", seeded_path) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith(
            f"annotator: {seeded_path}: the project file is damaged (it cannot be read) ("
        )
        and err.count("\n") == 1
        and "malformed" not in err
    )

    def bug(args: object) -> int:  # our SQL is wrong: a bug stays one, to be seen
        raise sqlite3.ProgrammingError("Incorrect number of bindings supplied")

    monkeypatch.setattr(read_verbs, "cmd_info", bug)
    with pytest.raises(sqlite3.ProgrammingError):
        run("info", seeded_path)


def test_init_over_a_damaged_file_changes_nothing(damaged, capsys) -> None:
    path, _words, _kind, _backup = damaged
    before = snapshot(path.parent)
    capsys.readouterr()
    assert run("init", path) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err
    assert snapshot(path.parent) == before


def test_writer_open_refuses_damage_and_changes_nothing(damaged) -> None:
    path, words, _kind, _backup = damaged
    before = snapshot(path.parent)
    with pytest.raises(ProjectError) as err:
        Project.open(path)
    assert words in str(err.value) and str(path) in str(err.value)
    assert "\n" not in str(err.value)
    assert snapshot(path.parent) == before


def test_window_open_shows_the_message_and_changes_nothing(
    window,  # noqa: F811
    warnings,  # noqa: F811
    damaged,
) -> None:
    path, words, _kind, backup = damaged
    before = snapshot(path.parent)
    shown = window.session.project
    assert window.projects.open_path(path) is False
    assert window.session.project is shown, "the open project stays open"
    (call,) = warnings.calls
    text = call[2]
    assert words in text and str(path) in text and "\n" not in text
    if backup is not None:
        assert str(backup) in text
    assert snapshot(path.parent) == before


# -- the close marker: what is and is not trusted --------------------------------------------


def test_clean_close_is_marked_and_a_crash_is_not(seeded_path: Path) -> None:
    marker = read_marker(seeded_path)
    assert marker is not None and marker.clean, "init leaves the new file marked clean"
    project = Project.open(seeded_path)
    assert not read_marker(seeded_path).clean, "open for writing until the clean close"
    project.close()
    marker = read_marker(seeded_path)
    assert marker.clean and marker.stat[1] == seeded_path.stat().st_size


CRASH = """
import os, sys
from annotator.store.project import Project
from annotator.store import operations as ops
p = Project.open(sys.argv[1])
aid = p.scalar("SELECT id FROM articles LIMIT 1")
cs, eid = ops.create_event(p, headline="saved before the crash", span=(aid, 0, 5))
p.apply(cs)
if len(sys.argv) > 2:  # damage written by the crashed writer itself, into its -wal
    p.db.execute("UPDATE articles SET title = X'ff' WHERE id = ?", [aid])
os._exit(0)
"""


def _crash(path: Path, *extra: str) -> None:
    subprocess.run(
        [sys.executable, "-c", CRASH, str(path), *extra], cwd=REPO, check=True, env=child_env()
    )
    assert Path(f"{path}-wal").stat().st_size > 0, "a hot -wal is left"
    assert not read_marker(path).clean


def test_own_hot_wal_after_a_crash_is_replayed(seeded_path: Path) -> None:
    _crash(seeded_path)
    with Project.open(seeded_path) as project:  # checked in full, on a copy, then opened
        assert project.scalar("SELECT headline FROM events") == "saved before the crash"


def test_damage_in_a_hot_wal_is_refused_and_the_wal_kept(seeded_path: Path) -> None:
    _crash(seeded_path, "damage")
    before = snapshot(seeded_path.parent)
    with pytest.raises(ProjectError, match=r"articles\.title holds bytes"):
        Project.open(seeded_path)
    assert snapshot(seeded_path.parent) == before, "the check replayed the -wal on a copy"


def test_garbage_wal_after_a_crash_names_the_backup(seeded_path: Path, tmp_path: Path) -> None:
    with Project.open(seeded_path) as project:
        backup = make_backup(project)
    _crash(seeded_path)
    garbage_wal(seeded_path, tmp_path)
    before = snapshot(seeded_path.parent)
    with pytest.raises(ProjectError) as err:
        Project.open(seeded_path)
    assert "crash may be lost" in str(err.value) and str(backup) in str(err.value)
    assert snapshot(seeded_path.parent) == before
    with Project.open(seeded_path, readonly=True) as reader:  # SQLite ignores such a -wal
        assert reader.scalar("SELECT count(*) FROM articles") == 3
    after = snapshot(seeded_path.parent)  # a reader may rebuild the -shm, nothing else
    assert {k: v for k, v in after.items() if not k.endswith("-shm")} == {
        k: v for k, v in before.items() if not k.endswith("-shm")
    }


def test_a_reader_may_export_from_a_damaged_file(seeded_path: Path, tmp_path: Path, capsys) -> None:
    broken_fts(seeded_path, tmp_path)
    with pytest.raises(ProjectError, match="search index"):
        Project.open(seeded_path)
    out = tmp_path / "out.json"
    capsys.readouterr()
    assert run("export", seeded_path, "-o", out) == 0  # what the message tells the analyst
    assert json.loads(out.read_text())["articles"]
    assert (
        "search index of articles is broken): this export holds only what could be "
        "read" in capsys.readouterr().err
    )


def test_a_foreign_wal_is_refused_to_readers_too(seeded_path: Path, tmp_path: Path) -> None:
    twin_wal(seeded_path, tmp_path)
    before = snapshot(seeded_path.parent)
    with pytest.raises(ProjectError, match="belongs to another database"):
        Project.open(seeded_path, readonly=True)
    assert snapshot(seeded_path.parent) == before


def test_a_wal_a_reader_kept_after_the_clean_close_is_trusted(seeded_path: Path) -> None:
    # Another program reading keeps the -wal (with frames) past the writer's close.
    reader = sqlite3.connect(f"file:{seeded_path}?mode=ro", uri=True)
    reader.execute("SELECT count(*) FROM articles").fetchone()
    with Project.open(seeded_path) as project:
        project.db.execute("INSERT INTO project (key, value) VALUES ('mine', '1')")
        project._wrote = True
    assert Path(f"{seeded_path}-wal").stat().st_size > 0
    marker = read_marker(seeded_path)
    assert marker.clean and marker.salts is not None
    reader.close()
    with Project.open(seeded_path) as project:
        assert project.scalar("SELECT value FROM project WHERE key = 'mine'") == "1"


def test_damage_the_marker_cannot_see_is_still_caught_by_the_cheap_checks(
    seeded_path: Path, tmp_path: Path
) -> None:
    # The marker is rewritten to match: only the checks run at every open remain.
    for how, words in (
        (dropped_column, "passages.prefix is missing"),
        (blob_title, "articles.title holds bytes"),
    ):
        path = tmp_path / how.__name__ / "p.db"
        path.parent.mkdir()
        shutil.copy(seeded_path, path)
        how(path, tmp_path)
        write_marker(path, clean=True)
        with pytest.raises(ProjectError, match=words):
            Project.open(path)


def test_refused_merge_leaves_the_other_file_alone(damaged, inputs, capsys) -> None:
    path, _words, _kind, _backup = damaged
    other = inputs["other"]
    before = db_dump(other)
    run("merge", path, other)
    assert db_dump(other) == before


def test_a_value_only_the_export_refuses_is_named_when_the_project_opens(
    tmp_path: Path, capsys
) -> None:
    """Every SQLite check passes a garbled timestamp, but the JSON export would refuse it:
    the open refuses it first, naming the row and the field, and the file is left alone; the
    command line's readers say so in one line."""
    from annotator.cli import main

    path = tmp_path / "p.db"
    create_project(path, seed=True)
    garbled_stamp(path, tmp_path)
    con = sqlite3.connect(path)
    row = con.execute("SELECT id FROM articles WHERE rowid = 1").fetchone()[0]
    con.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError) as err:
        Project.open(path)
    assert f"the project file is damaged (articles row {row}: created is not a time)" in str(
        err.value
    )
    assert path.read_bytes() == before
    capsys.readouterr()
    assert main(["export", str(path), "--format", "json"]) == 2
    said = capsys.readouterr().err
    assert said.count("\n") == 1 and f"articles row {row}: created" in said
    assert "Traceback" not in said
