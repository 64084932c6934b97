"""Project files that are not what they claim, and the check that each is refused untouched.

A text file, an empty file, a truncated database, another program's database, a project
from a newer version, a folder, and (for the fuzz target) any number of bit-flipped,
truncated or header-mangled copies of a real project. Opening must either work (and
then every row must be readable or refused with the clear error) or raise the clear
error with the file byte-for-byte as it was and no -wal/-shm/-journal left beside it;
a reader may instead read on after saying the file is damaged.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from annotator.reliability.outcome import Outcome, file_print, guarded
from annotator.store.project import Project


def rich_project(path: Path) -> Path:
    """A real project: the seed articles with the worked example's annotations."""
    from annotator.store.project_setup import create_project
    from annotator.store.sample_annotations import annotate_seed_project

    create_project(path, seed=True)
    with Project.open(path, analyst="fuzz") as project:
        annotate_seed_project(project)  # applies as it goes
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _sqlite_file(path: Path, script: str) -> None:
    con = sqlite3.connect(path)
    con.executescript(script)
    con.commit()
    con.close()


def named_bad_files(folder: Path, good: Path) -> dict[str, Path]:
    """The issue's catalogue of impostors, made in ``folder`` from a real project ``good``."""
    folder.mkdir(parents=True, exist_ok=True)
    data = good.read_bytes()
    out: dict[str, Path] = {}

    def put(name: str, content: bytes) -> None:
        out[name] = folder / f"{name}.db"
        out[name].write_bytes(content)

    put("text file", b"Talks began in Paris on 4 March 2025.\n" * 50)
    put("empty file", b"")
    put("header only", data[:100])
    put("truncated to half", data[: len(data) // 2])
    put("truncated to one page", data[:4096])
    put("magic then noise", b"SQLite format 3\x00" + bytes(range(256)) * 40)
    put("bad page size", data[:16] + b"\x00\x03" + data[18:])
    # the schema table's second page gone: SQLite still opens it and reads some tables
    put("second page zeroed", data[:4096] + bytes(4096) + data[8192:])
    put("utf-16 text", "Talks began on 4 March.\n".encode("utf-16") * 30)
    other = folder / "other program.db"
    _sqlite_file(
        other,
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);"
        "INSERT INTO customers VALUES (1, 'Ada');",
    )
    out["other program's database"] = other
    newer = folder / "newer version.db"
    shutil.copyfile(good, newer)
    _sqlite_file(
        newer,
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('annotator', 'm999_from_the_future', '2030-01-01');",
    )
    out["project from a newer version"] = newer
    foreign_set = folder / "other migrations.db"
    _sqlite_file(
        foreign_set,
        "CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT,"
        " applied_at TEXT);"
        "INSERT INTO _sqlite_migrations VALUES ('blog', 'm001', 'x');",
    )
    out["sqlite-utils database of another app"] = foreign_set
    folder_case = folder / "a folder.db"
    folder_case.mkdir(exist_ok=True)
    out["a folder"] = folder_case
    return out


def mangled(data: bytes, how: str, at: list[int], noise: bytes) -> bytes:
    """A damaged copy of a project file's bytes, for the fuzz target."""
    buf = bytearray(data)
    if how == "truncate":
        return bytes(buf[: at[0] % max(1, len(buf))])
    if how == "header":  # the first 100 bytes are SQLite's header
        for i, pos in enumerate(at):
            buf[pos % 100] = noise[i % len(noise)] if noise else 0xFF
        return bytes(buf)
    if how == "zero page":
        page = 4096 * (at[0] % max(1, len(buf) // 4096))
        buf[page : page + 4096] = bytes(min(4096, len(buf) - page))
        return bytes(buf)
    for i, pos in enumerate(at):  # "flip": bits anywhere
        buf[pos % len(buf)] ^= 1 << (i % 8)
    return bytes(buf)


def read_everything(project: Project) -> None:
    """What the app does after opening: export every row and search the text."""
    from annotator.store.chronology import build_document
    from annotator.store.search import search

    build_document(project)
    search(project, "talks")


def open_case(
    path: Path, *, readonly: bool, after_open: Callable[[Project], None] = read_everything
) -> Outcome:
    """Open a suspect file as the app would; a refusal must leave it untouched.

    A reader is opened as the command line's reading verbs open it: damage the checks find
    is reported rather than refused, and a file reported damaged counts as handled
    ("rejected") once everything was read without an escape. Read with nothing said, it
    is "accepted", and the caller checks that it really is whole."""
    before = file_print(path)
    reported: list[str] = []

    def action() -> None:
        with Project.open(
            path, readonly=readonly, analyst="fuzz", report_damage=readonly
        ) as project:
            if project.damage is not None:
                reported.append(str(project.damage))
            after_open(project)

    out = guarded(action)
    if out.kind == "accepted" and reported:
        out = Outcome("rejected", reported[0][:200])
    if out.kind == "rejected" and file_print(path) != before:
        out.modified = f"{path.name}: changed by a refused open ({out.detail[:80]})"
    return out


def silent_read(path: Path, verb: str, out: Outcome) -> str:
    """A command that read the file with nothing said: a broken promise if the file is
    damaged (its reader refused it, or the health checks find it broken)."""
    if out.kind == "rejected" and "damaged" in out.detail:
        return f"project files: {verb} read a file refused as damaged with nothing said"
    if out.kind == "accepted":  # already checked whole above
        return ""
    from annotator.reliability.health import health_problems

    problems = health_problems(path)
    if problems:
        return f"project files: {verb} read a broken file with nothing said ({problems[0]})"
    return ""


def check_named_bad_files(folder: Path, good: Path) -> dict[str, tuple[Outcome, Outcome]]:
    """Each impostor opened for writing and read-only: (writable outcome, read-only outcome)."""
    results = {}
    for name, path in named_bad_files(folder, good).items():
        results[name] = (open_case(path, readonly=False), open_case(path, readonly=True))
    return results
