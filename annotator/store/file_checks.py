"""Read-only checks that refuse a damaged project before anything writes to it.

Everything here runs before this process has a connection to the file (reading a file
it already holds open with open() would drop SQLite's POSIX locks on it: see
``project.is_open_here``), and nothing here changes the file or its sidecars.

Cheap checks run at every open for writing: the header, the -wal's header against the
close marker, the schema, and the types in the first rows of each table (at 100,000
events an open costs what it did before, about 0.06 s). The checks that read the whole
file run only when the last close was not clean, i.e. when the marker is missing, says
"open" (a crash) or describes another file (changed, copied or restored since): at
100,000 events quick_check takes 2.4-3.6 s, the full-text indexes 1.4 s, every row's
types 1.7 s, 4-10 s in all on a busy machine, too slow for every open. Then they run on
a private copy, so that a hot -wal is replayed there and never beside the project. On
files up to 32 MB they also compare every index with its table and every full-text index
with its text (damage quick_check passes), which costs too much beyond.

Readers that report what they read (the CLI's info, export and search) run the same
checks under the same policy, but damage is handed back instead of raised: the refusal
tells the analyst to read a damaged file to export what it still holds.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import struct
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from annotator.core.errors import ProjectError

# The store's users import the damage errors and the -wal reader from here too.
from annotator.store.damage import DamagedError as DamagedError
from annotator.store.damage import _check_failed as _check_failed
from annotator.store.damage import _describe_sqlite_error as _describe_sqlite_error
from annotator.store.damage import damaged, restore_hint
from annotator.store.lock import Marker, db_stat, held_elsewhere, read_marker
from annotator.store.schema import FTS_COLUMNS, MIGRATION_SET, known_migrations
from annotator.store.value_checks import check_forms
from annotator.store.wal_file import Wal as Wal
from annotator.store.wal_file import read_wal as read_wal

SQLITE_MAGIC = b"SQLite format 3\x00"
SAMPLE_ROWS = 200  # rows per table whose types are checked at every open (~5 ms in all)
EVERY_ROW_BYTES = 1 << 20  # ... or every row up to this size (30-55 ms more at 2.3 MB, measured)
INTEGRITY_CHECK_BYTES = 32 << 20  # the full check compares indexes up to this size (~0.7 s)
# ... and builds and checks the JSON export up to this size: 3.3 s at 3.8 MB (1,000
# events, measured), mostly the schema check, so only on the smallest projects (< ~1 s)


# -- the file's header and its -wal --------------------------------------------------------


def _check_header(path: Path) -> int:
    """Cheap checks that need no SQLite: magic bytes, and a file shorter than its header says.
    Returns the page size."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(100)
    if not head.startswith(SQLITE_MAGIC):
        raise ProjectError(
            "not a project file (not an SQLite database)",
            where=str(path),
            hint="choose a .db project file, or use 'annotator init' to make one",
        )
    if len(head) < 100:
        raise damaged(path, "truncated")
    if head[18] not in (1, 2) or head[19] not in (1, 2):
        # SQLite's file format versions (1 rollback journal, 2 WAL): anything else makes it
        # open the file read-only, or not at all (found by fuzzing the header)
        raise damaged(path, "its header is garbled")
    page_size = _page_size(head)
    change_counter, pages = struct.unpack(">II", head[24:32])
    valid_for = struct.unpack(">I", head[92:96])[0]
    # The in-header page count is only meaningful when "version-valid-for" matches, and
    # only when no WAL holds pages: a kill in mid-checkpoint leaves a header that already
    # counts pages still safe in the -wal (found by the crash loop).
    try:  # the -wal can vanish between two calls when the writer closes
        wal_has_pages = Path(f"{path}-wal").stat().st_size > 0
    except FileNotFoundError:
        wal_has_pages = False
    if valid_for == change_counter and pages and size < pages * page_size and not wal_has_pages:
        raise damaged(path, f"truncated: {size} of {pages * page_size} bytes")
    return page_size


def _page_size(head: bytes) -> int:
    size = struct.unpack(">H", head[16:18])[0] if len(head) >= 18 else 4096
    return 65536 if size == 1 else size


def damage_for_reading(path: Path) -> DamagedError | None:
    """The first damage a reader should be told of (None: none found); a file that is not a
    project, or a -wal from another database, is refused with a ProjectError as for writers."""
    found: DamagedError | None = None
    try:
        page_size = _check_header(path)
    except DamagedError as exc:  # truncated: SQLite may still read the pages that are left
        found = exc
        with path.open("rb") as fh:
            page_size = _page_size(fh.read(100))
    try:
        marker = check_wal(path, page_size, writing=True)
    except DamagedError as exc:  # a garbage -wal, which SQLite reads the file without
        found, marker = found or exc, read_marker(path)
    return found or check_for_reading(path, page_size, marker)


def check_wal(path: Path, page_size: int, *, writing: bool) -> Marker | None:
    """Refuse a -wal that is garbage (for writers: SQLite ignores it, then overwrites it) or
    that was not written for this file. Returns the close marker."""
    wal = read_wal(path)
    marker = read_marker(path)
    name = f"{path.name}-wal"
    move = f"move {name} out of the folder, then open the project again"
    clean = marker is not None and marker.clean
    lost = (
        "; the project was closed cleanly, so it needs nothing from that file"
        if clean
        else f" (edits made just before a crash may be lost), or {restore_hint(path)}"
    )
    if wal is None:
        return marker
    if not wal.valid:
        if writing:
            raise DamagedError(
                f"the {name} file beside it is damaged (not a write-ahead log)",
                where=str(path),
                hint=move + lost,
            )
        return marker
    # SQLite keeps no link between a database and its -wal: it replays any -wal whose frames
    # check out against the -wal's own header, one from another project too (found on
    # 3.40: a same-shaped project's rows appear silently and quick_check says "ok"). The
    # marker written at the last clean close names the -wal left then (if any): a -wal with
    # frames and other salts came later, from elsewhere.
    if wal.has_frames and (
        wal.page_size != page_size or (clean and marker is not None and marker.salts != wal.salts)
    ):
        raise ProjectError(
            f"the {name} file beside it belongs to another database",
            where=str(path),
            hint=move + lost,
        )
    return marker


def trusted(path: Path, marker: Marker | None) -> bool:
    """The last close was clean and the file is the one it left (so the long checks can go)."""
    return marker is not None and marker.clean and marker.stat == db_stat(path)


# -- looking inside ------------------------------------------------------------------------


def _ro_uri(path: Path) -> str:
    """Read-only URI; immutable where SQLite could not create its -shm (read-only folder)."""
    if not os.access(path.parent, os.W_OK) and not Path(f"{path}-wal").exists():
        return f"file:{path}?mode=ro&immutable=1"
    return f"file:{path}?mode=ro"


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection; sidecars SQLite creates for it are removed again."""
    sidecars = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    existed = [p.exists() for p in sidecars]
    con = sqlite3.connect(_ro_uri(path), uri=True)
    try:
        yield con
    finally:
        con.close()
        for sidecar, was_there in zip(sidecars, existed, strict=True):
            if (
                not was_there
                and sidecar.exists()
                and (sidecar.name.endswith("-shm") or sidecar.stat().st_size == 0)
            ):
                with contextlib.suppress(OSError):
                    sidecar.unlink()


def _check_is_project(path: Path) -> None:
    """Read-only look inside: ours, complete, and not from a newer version."""
    try:
        with _read_only(path) as con:
            _check_migrations(con, path)
            con.execute("SELECT count(*) FROM articles").fetchone()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise _check_failed(path, exc) from None


def _check_migrations(con: sqlite3.Connection, path: Path) -> list[str]:
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    if "_sqlite_migrations" not in tables:
        raise ProjectError(
            "this SQLite file is not a Timeline Annotator project",
            where=str(path),
            hint="it belongs to another program; it was not changed",
        )
    applied = [
        r[0]
        for r in con.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        )
    ]
    if not applied:
        raise ProjectError(
            "this SQLite file is not a Timeline Annotator project",
            where=str(path),
            hint="it was not changed",
        )
    unknown = [n for n in applied if n not in known_migrations()]
    if unknown:
        raise ProjectError(
            "the project was written by a newer version of the app",
            where=str(path),
            hint=f"update Timeline Annotator (unknown step {unknown[-1]})",
        )
    return applied


def check_for_reading(path: Path, page_size: int, marker: Marker | None) -> DamagedError | None:
    """The writer's checks for a reader: the damage found, or None. A file that is not a
    project at all (or from a newer version) is still refused with a ProjectError."""
    try:
        # Through SQLite only while a writer is live: 6.3 s against 3.7 s for a byte copy
        # at 400 MB (measured), and with no writer the file and its -wal stand still.
        check_for_writing(path, page_size, marker, snapshot=held_elsewhere(path))
    except DamagedError as exc:
        return exc
    return None


def _snapshot(path: Path, copy: Path) -> None:
    """A consistent private copy through SQLite, for a reader: a writer may be live, and a
    byte copy taken during its checkpoint would pair a file and a -wal that do not agree."""
    with _read_only(path) as src:
        dst = sqlite3.connect(copy)
        try:
            src.backup(dst)
        finally:
            dst.close()


def check_for_writing(
    path: Path, page_size: int, marker: Marker | None, *, snapshot: bool = False
) -> None:
    """Everything a writer must know before it opens ``path``; raises ProjectError."""
    if trusted(path, marker):
        try:
            with _read_only(path) as con:
                _look_inside(con, path, full=False)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            raise _check_failed(path, exc) from None
        return
    with tempfile.TemporaryDirectory(prefix="annotator-check-") as folder:
        target = Path(folder) / "check.db"
        copy: Path | None = target
        try:
            if snapshot:
                _snapshot(path, target)
            else:  # the writer holds the lock: nobody else writes while it copies
                shutil.copyfile(path, target)
                if Path(f"{path}-wal").exists():  # replayed in the copy, never in the project
                    shutil.copyfile(f"{path}-wal", f"{target}-wal")
        except (OSError, sqlite3.DatabaseError):
            # no room for a copy (or pages SQLite cannot copy): the checks it can do
            # read-only, in place
            copy = None
        try:
            if copy is None:
                with _read_only(path) as con:
                    _look_inside(con, path, full=True, fts=False)
            else:
                con = sqlite3.connect(copy, isolation_level=None)
                try:
                    _look_inside(con, path, full=True, copy=copy, page_size=page_size)
                finally:
                    con.close()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            raise _check_failed(path, exc) from None


def _look_inside(
    con: sqlite3.Connection,
    path: Path,
    *,
    full: bool,
    fts: bool = True,
    copy: Path | None = None,
    page_size: int = 4096,
) -> None:
    if full:  # first: a damaged page may be the one the next queries read
        # quick_check does not compare an index with its table (a flipped bit in an index
        # page passes it, found by fuzzing); integrity_check does, at ~10x the cost (8 s
        # against 0.75 s at 400 MB, measured): affordable on all but the largest files.
        # Both on small files: quick_check first, as it names a zeroed page where
        # integrity_check stops with an error.
        small = path.stat().st_size <= INTEGRITY_CHECK_BYTES
        for pragma in ("quick_check", "integrity_check") if small else ("quick_check",):
            result = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
            if result != ["ok"]:
                raise damaged(path, _quick_check_words(result, copy, page_size))
    applied = _check_migrations(con, path)
    _check_schema(con, path, applied)
    # Every row when the file is small enough for it to cost nothing noticeable.
    every = full or path.stat().st_size <= EVERY_ROW_BYTES
    _check_types(con, path, applied, limit=None if every else SAMPLE_ROWS)
    check_forms(con, path, expected_schema(tuple(applied))[0], limit=None if every else SAMPLE_ROWS)
    if full and fts:
        _check_fts(con, path, against_content=small)
    # The export's other checks (a blank name, a link to nothing) stay the export's: such a
    # project must still open, so that the analyst can fix the value it names.


def _quick_check_words(result: list[str], copy: Path | None, page_size: int) -> str:
    """quick_check's findings in a few words: the first damaged page, and if it is all zeros."""
    found = re.search(r"\bpage (\d+)", " ".join(result), re.IGNORECASE)
    if not found:
        # another program wrote past the schema's rules: name the table, not SQLite's words
        rule = re.search(r"(?:CHECK constraint failed in|NULL value in) ([\w.]+)", " ".join(result))
        if rule:
            return f"a value in {rule.group(1).split('.')[0]} breaks the project's rules"
        return "its tables and indexes do not agree"
    page = int(found.group(1))
    zeroed = False
    if copy is not None:
        with copy.open("rb") as fh:  # the private copy: dropping its locks harms nothing
            fh.seek((page - 1) * page_size)
            data = fh.read(page_size)
        zeroed = bool(data) and not data.strip(b"\x00")
    return f"page {page} is {'zeroed' if zeroed else 'unreadable'}"


@cache
def expected_schema(
    applied: tuple[str, ...],
) -> tuple[dict[str, list[tuple[str, str]]], frozenset[tuple[str, str]]]:
    """Columns of each table, and every (type, name) in sqlite_master, that ``applied``
    migrations make: built once per schema version in memory."""
    import sqlite_utils

    from annotator.store.schema import migrations

    db = sqlite_utils.Database(memory=True, execute_plugins=False)
    for migration in migrations._migrations:
        if migration.name in applied:
            migration.fn(db)
    names = frozenset(
        (r[0], r[1])
        for r in db.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
    )
    columns = {
        name: [(c[1], c[2].upper()) for c in db.execute(f"PRAGMA table_info([{name}])")]
        for kind, name in names
        if kind == "table"
    }
    db.close()
    return columns, names


def _check_schema(con: sqlite3.Connection, path: Path, applied: list[str]) -> None:
    columns, names = expected_schema(tuple(applied))
    present = {(r[0], r[1]) for r in con.execute("SELECT type, name FROM sqlite_master")}
    for kind, name in sorted(names - present):
        raise damaged(path, f"{kind} {name} is missing")
    for table, wanted in sorted(columns.items()):
        have = {c[1]: c[2].upper() for c in con.execute(f"PRAGMA table_info([{table}])")}
        for column, kind in wanted:
            if column not in have:
                raise damaged(path, f"column {table}.{column} is missing")
            if have[column] != kind:
                raise damaged(
                    path, f"column {table}.{column} is {have[column] or 'untyped'}, not {kind}"
                )


_ALLOWED = {"TEXT": ("text", "null"), "INTEGER": ("integer", "null")}
_KINDS = {"blob": "bytes", "integer": "a number", "real": "a number", "text": "text"}


def _check_types(
    con: sqlite3.Connection, path: Path, applied: list[str], *, limit: int | None
) -> None:
    """A value of the wrong kind (bytes where text belongs, text where a number belongs):
    integrity_check does not look at values. ``typeof`` reads only the record header."""
    columns, _names = expected_schema(tuple(applied))
    fts_shadows = tuple(f"{t}_fts" for t in FTS_COLUMNS)
    for table, cols in sorted(columns.items()):
        typed = [(c, kind) for c, kind in cols if kind in _ALLOWED]
        if not typed or table.startswith(fts_shadows) or table.startswith("_sqlite"):
            continue
        which = " ".join(
            f"WHEN typeof([{c}]) NOT IN {_ALLOWED[kind]} THEN '{c}'" for c, kind in typed
        )
        rows = f" LIMIT {limit}" if limit else ""
        # Only typeof() in the scan: the values themselves (article texts) are never loaded.
        bad = con.execute(
            f"SELECT bad FROM (SELECT CASE {which} END AS bad FROM [{table}]"
            f"{rows}) WHERE bad IS NOT NULL LIMIT 1"
        ).fetchone()
        if bad:
            column, kind = bad[0], dict(typed)[bad[0]]
            found = con.execute(
                f"SELECT typeof([{column}]) FROM [{table}] WHERE "
                f"typeof([{column}]) NOT IN {_ALLOWED[kind]} LIMIT 1"
            ).fetchone()
            belongs = "a number" if kind == "INTEGER" else "text"
            raise damaged(
                path,
                f"{table}.{column} holds {_KINDS.get(found[0], found[0])} where {belongs} belongs",
            )


def _check_fts(con: sqlite3.Connection, path: Path, *, against_content: bool) -> None:
    """quick_check says "ok" over a broken FTS5 index: ask FTS5 itself, and roll back.
    ``against_content`` also compares each index with the text it indexes: that finds a
    zeroed overflow page of an article's text, which integrity_check passes (found by
    fuzzing), for 3x the time (1.2 s against 0.4 s at 400 MB, measured)."""
    present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table in FTS_COLUMNS:
        fts = f"{table}_fts"
        if fts not in present:
            continue
        con.execute("BEGIN")
        try:
            con.execute(
                f"INSERT INTO [{fts}]([{fts}], rank) VALUES('integrity-check', ?)",
                [int(against_content)],
            )
        except sqlite3.OperationalError:
            continue  # not checkable here (read-only, busy): not known to be broken
        except sqlite3.DatabaseError:  # SQLITE_CORRUPT from the index's own pages
            raise damaged(path, f"the search index of {table} is broken") from None
        finally:
            con.execute("ROLLBACK")
