"""Opening, guarding and writing one project file.

A file is checked read-only before anything writes to it, so that a file that is not
ours (a text file, a truncated database, another program's database, one from a newer
version) is reported and left byte-for-byte as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from annotator.core.desktop import APPLICATION_ID
from annotator.core.errors import ProjectError
from annotator.store.changes import ChangeSet, RowChange, now_iso
from annotator.store.file_checks import (
    DamagedError,
    _check_header,
    _check_is_project,
    _describe_sqlite_error,
    _ro_uri,
    check_for_writing,
    check_wal,
    damage_for_reading,
    read_wal,
)
from annotator.store.lock import ProjectLock, write_marker
from annotator.store.schema import migrations

# Project files this process has open, by (device, inode), with how many connections.
# SQLite's locks are POSIX advisory locks, held per process: any descriptor of the file
# that this process opens and closes outside SQLite (the header check reads the file with
# open()) drops the locks of every live connection to it, and another program may then
# delete the -wal under them. So a file already open here is never opened again except
# through SQLite, which shares one lock state between its connections in a process.
# Each open Project is listed with the thread that opened it: worker threads open and close
# readers of the window's file, so the table is guarded.
_OPEN_HERE: dict[tuple[int, int], list[tuple[Project, int]]] = {}
_OPEN_HERE_CHANGED = threading.Condition()
# How long a writer's close waits for the workers' reads it stopped: a read interrupted
# ends within milliseconds; one that does not is left, and the file is checked next time.
READERS_STOP_S = 1.0


def _file_key(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def is_open_here(path: Path) -> bool:
    key = _file_key(path)
    with _OPEN_HERE_CHANGED:
        return key is not None and key in _OPEN_HERE


class ReadStopped(ProjectError):
    """A worker's read stopped because the project it reads was being closed."""


class ConflictError(ProjectError):
    """The database no longer holds what an edit (or its undo) expects."""


class TransactionLeakError(RuntimeError):
    """A transaction was open where none may be: a bug in the app, never the user's doing.

    Raised loudly (tests fail on it); the app's error hook logs it and tells the analyst.
    """


def plain_database_error(exc: BaseException) -> str | None:
    """Plain words for an SQLite error the environment caused, or None (then it is a bug)."""
    if not isinstance(exc, sqlite3.Error):
        return None
    text = str(exc).lower()
    for words, plain in (
        ("full", "The disk is full."),
        ("readonly", "The project file cannot be written."),
        ("locked", "The project is busy in another program."),
        ("malformed", "The project file is damaged."),
        ("not a database", "The project file is damaged."),
        ("could not decode", "The project file is damaged."),
    ):
        if words in text:
            return plain
    return None


class Project:
    """One open project file. Use :meth:`open`; close it (or use it as a context manager)."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        path: Path | None,
        *,
        readonly: bool,
        lock: ProjectLock | None,
        analyst: str,
    ):
        self.db = db
        self.path = path
        self.readonly = readonly
        self.analyst = analyst
        self._lock = lock
        self._wrote = False
        self._closed = False
        # Sidecars an open creates are removed on close when nothing was written:
        # looking at a file (even a damaged one) changes nothing. Set by open().
        self._new_sidecars: list[Path] = []
        self._file_key: tuple[int, int] | None = None
        # What the checks found wrong with the file, for a reader opened with
        # report_damage=True (a writer is refused instead). Set by open().
        self.damage: DamagedError | None = None
        self._stopped = False  # a writer closing the file interrupted this reader

    def _register(self) -> None:
        if self.path is not None:
            self._file_key = _file_key(self.path)
            if self._file_key is not None:
                with _OPEN_HERE_CHANGED:
                    _OPEN_HERE.setdefault(self._file_key, []).append((self, threading.get_ident()))

    def _unregister(self) -> None:
        key, self._file_key = self._file_key, None
        if key is None:
            return
        with _OPEN_HERE_CHANGED:
            open_here = _OPEN_HERE.get(key)
            if open_here is None:
                return
            open_here[:] = [(p, t) for p, t in open_here if p is not self]
            if not open_here:
                del _OPEN_HERE[key]
            _OPEN_HERE_CHANGED.notify_all()

    def _stop_worker_reads(self) -> None:
        """Interrupts the reads other threads of this process still make on the file and
        waits for them to close: they read for a project being closed (a backup, the
        table's order), and only with no connection left may the close be marked clean.
        Readers of this thread cannot close meanwhile, so they are not waited for."""
        key, me = self._file_key, threading.get_ident()
        if key is None:
            return

        def workers() -> list[Project]:
            return [p for p, t in _OPEN_HERE.get(key, []) if p is not self and t != me]

        deadline = time.monotonic() + READERS_STOP_S
        with _OPEN_HERE_CHANGED:
            while (left := workers()) and (wait := deadline - time.monotonic()) > 0:
                for reader in left:
                    reader._stopped = True
                    # A read between two statements is not stopped by one interrupt (it
                    # is a no-op then): asked again until it closes.
                    with contextlib.suppress(sqlite3.Error):
                        reader.db.conn.interrupt()
                _OPEN_HERE_CHANGED.wait(min(wait, 0.02))

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        create: bool = False,
        readonly: bool = False,
        analyst: str | None = None,
        wait_for_lock: bool = False,
        report_damage: bool = False,
    ) -> Project:
        """``report_damage`` (readers only): run the writer's damage checks and keep what
        they find in ``project.damage`` instead of refusing, for a reader that tells the
        analyst (the CLI's info, export, search). Other readers skip them: the backup and
        anchor-check threads read a file this process already checked, and a full check
        can take seconds."""
        path = Path(path)
        damage: DamagedError | None = None
        analyst = analyst if analyst is not None else default_analyst()
        if path.is_dir():
            raise ProjectError(
                "is a folder, not a project file",
                where=str(path),
                hint="give a file name such as project.db",
            )
        exists = path.exists()
        if not exists and not create:
            raise ProjectError(
                "no such project file", where=str(path), hint="create it with 'annotator init'"
            )
        if exists and path.stat().st_size == 0 and not create:
            raise ProjectError(
                "the file is empty, not a project",
                where=str(path),
                hint="create a project with 'annotator init'",
            )
        if path.is_symlink() and not exists:
            raise ProjectError(
                "is a link to a file that does not exist",
                where=str(path),
                hint="give the path of the real file, or remove the link",
            )
        lock = None
        if not readonly:
            lock = ProjectLock(path)
            if lock.lock_path.exists():  # taken before the checks, so none runs in vain
                lock.acquire(wait=wait_for_lock)
        try:
            if exists and path.stat().st_size > 0 and not is_open_here(path):
                # A file open here was checked when it was opened (and reading it again with
                # open() would drop this process's SQLite locks on it: see _OPEN_HERE).
                damage = cls._check(path, writing=not readonly, report=readonly and report_damage)
            elif create and not path.parent.exists():
                raise ProjectError("the folder does not exist", where=str(path.parent))
            if lock is not None and not lock.held:
                lock.acquire(wait=wait_for_lock)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if lock is not None:
            write_marker(path, clean=False)  # until the clean close: a crash leaves "open"
        new_sidecars = [p for p in (Path(f"{path}-wal"), Path(f"{path}-shm")) if not p.exists()]
        project: Project | None = None
        try:
            db = cls._connect(path, readonly=readonly)
            project = cls(db, path, readonly=readonly, lock=lock, analyst=analyst)
            project._new_sidecars = new_sidecars
            project.damage = damage
            project._register()
            if not readonly:
                project._migrate(new=not exists or path.stat().st_size == 0)
            return project
        except BaseException as exc:
            if project is not None:
                project.close()  # releases the lock, removes sidecars this open created
            elif lock:
                lock.release()
            if isinstance(exc, sqlite3.DatabaseError):
                raise damage or _describe_sqlite_error(path, exc) from None
            raise

    @staticmethod
    def _check(path: Path, *, writing: bool, report: bool = False) -> DamagedError | None:
        """Refuse a file that is not a whole project before anything writes to it; for a
        reader that reports damage, return what is damaged instead."""
        try:
            if report:
                return damage_for_reading(path)
            page_size = _check_header(path)
            marker = check_wal(path, page_size, writing=writing)
        except OSError as exc:  # gone or unreadable since it was found
            raise ProjectError(f"cannot be read ({exc.strerror})", where=str(path)) from None
        if writing:
            check_for_writing(path, page_size, marker)
        else:  # a reader changes nothing, and may be the way to export from a damaged file
            _check_is_project(path)
        return None

    @classmethod
    def memory(cls, analyst: str = "test") -> Project:
        """An in-memory project, for tests and scratch work."""
        db = sqlite_utils.Database(
            sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None),
            execute_plugins=False,
        )
        db.execute("PRAGMA foreign_keys=ON")
        project = cls(db, None, readonly=False, lock=None, analyst=analyst)
        project._migrate(new=True)
        return project

    @staticmethod
    def _connect(path: Path, *, readonly: bool) -> sqlite_utils.Database:
        # execute_plugins=False everywhere: sqlite-utils plugins would add their own SQL to
        # the analyst's file, and finding them scans every installed package (20 ms of a
        # start, profiled). The app uses none.
        if readonly:
            con = sqlite3.connect(
                _ro_uri(path), uri=True, check_same_thread=False, isolation_level=None
            )
            db = sqlite_utils.Database(con, execute_plugins=False)
        else:
            # isolation_level=None: the driver never opens a transaction by itself. Without
            # it, one INSERT on the raw connection opened a transaction that nothing
            # committed, every later edit nested inside it, and closing threw them all away.
            # Now a statement outside db.atomic() commits on its own and atomic() always
            # ends in COMMIT or ROLLBACK, so nothing shown as saved can be left uncommitted
            # when the app quits or is killed.
            con = sqlite3.connect(
                str(path), check_same_thread=False, timeout=5.0, isolation_level=None
            )
            db = sqlite_utils.Database(con, execute_plugins=False)
            # WAL outside any transaction; NORMAL is durable across process crashes.
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        return db

    def _migrate(self, *, new: bool) -> None:
        if migrations.pending(self.db):
            migrations.apply(self.db)
            self._wrote = True
        if new or self._wrote:
            # The header names the app, so a desktop tells a project from any SQLite file.
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        if new:
            with self.db.atomic():
                self.db.table("project").insert_all(
                    [
                        {"key": "created", "value": now_iso()},
                        {"key": "created_by", "value": self.analyst},
                    ],
                    replace=True,
                )

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def stopped(self) -> bool:
        """A writer closing the file interrupted this reader: what it read is not wanted."""
        return self._stopped

    def close(self) -> None:
        if self._closed:
            return
        leaked = self.db.conn.in_transaction
        self._closed = True
        if self._lock:
            self._stop_worker_reads()
        with contextlib.suppress(sqlite3.Error):
            if self._wrote:  # a project only looked at is left byte-for-byte as it was
                self.db.execute("PRAGMA optimize")
            self.db.close()
        self._unregister()
        if (
            self._new_sidecars
            and self.path is not None
            and not self._wrote
            and not is_open_here(self.path)
        ):
            self._remove_sidecars(self.path, self._new_sidecars, locked=self._lock is not None)
        if self._lock:
            if self.path is not None and not is_open_here(self.path):
                # Only with no connection left here may the -wal be read (see _OPEN_HERE);
                # otherwise the marker stays "open" and the next open checks everything.
                wal = read_wal(self.path)
                write_marker(
                    self.path,
                    clean=True,
                    salts=wal.salts if wal and wal.valid and wal.has_frames else None,
                )
            self._lock.release()
            self._lock = None
        if leaked:  # the edits in it are lost: the bug must not pass unnoticed
            raise TransactionLeakError("the project was closed inside an open transaction")

    @staticmethod
    def _remove_sidecars(path: Path, sidecars: list[Path], *, locked: bool) -> None:
        """Only while no other writer has the file: a live writer's -shm must never go."""
        guard = ProjectLock(path)
        try:
            if not locked:  # we hold the writer's lock ourselves otherwise
                guard.acquire()
        except ProjectError:
            return
        try:
            for sidecar in sidecars:
                with contextlib.suppress(OSError):
                    if sidecar.name.endswith("-shm") or sidecar.stat().st_size == 0:
                        sidecar.unlink()
        finally:
            guard.release()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        self.close()
        if self._stopped and isinstance(exc, sqlite3.Error | ProjectError):
            # Not the file's fault nor a bug: the worker's result is simply not wanted.
            raise ReadStopped("the read was stopped: the project was closed", where=str(self.path))

    # -- writing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction; sqlite errors become ProjectErrors the user can read."""
        if self.readonly:
            raise ProjectError(
                "the project is open read-only",
                where=str(self.path or ""),
                hint="another window or program is editing it",
            )
        try:
            with self.db.atomic():
                yield
        except sqlite3.Error as exc:
            raise _describe_sqlite_error(self.path or Path(":memory:"), exc) from None

    def apply(self, changeset: ChangeSet) -> ChangeSet:
        """Apply an edit in one transaction, after checking it matches what is stored.

        The only way an analyst's edit reaches the file. It refuses to start inside an open
        transaction (the edit would only nest a savepoint in it, and be lost with it) and
        checks that it leaves none open, so "saved" always means committed.
        """
        self.check_no_transaction("before an edit")
        with self.transaction():
            self._apply_rows(changeset.ordered())
        self._wrote = True
        self.check_no_transaction("after an edit")
        return changeset

    def check_no_transaction(self, when: str) -> None:
        if not self._closed and self.db.conn.in_transaction:
            raise TransactionLeakError(
                f"a transaction was left open {when}; edits made in it would not be saved"
            )

    @property
    def data_version(self) -> int:
        """Grows with every change this connection makes (a cache key for derived data)."""
        return self.db.conn.total_changes

    def _apply_rows(self, changes: list[RowChange]) -> None:
        batch: list[RowChange] = []
        for change in changes:
            if batch and (change.kind != "insert" or change.table != batch[0].table):
                self._insert_batch(batch)
                batch = []
            if change.kind == "insert":
                batch.append(change)
                continue
            current = self.row(change.table, change.id)
            if current is None or current != change.before:  # an update's before is a row
                raise ConflictError(
                    f"{change.table} row {change.id} changed since this edit was made",
                    hint="the edit was not applied",
                )
            self._remember_version(change.table, current, deleted=change.after is None)
            if change.after is None:
                self.db.table(change.table).delete(change.id)
            else:
                diff = {k: v for k, v in change.after.items() if current.get(k) != v}
                self.db.table(change.table).update(change.id, diff)
        if batch:
            self._insert_batch(batch)

    def _remember_version(self, table: str, row: dict[str, Any], *, deleted: bool) -> None:
        """Note a version being replaced, for merges (an audit log: undo does not erase it)."""
        if "modified" in row and table != "merge_conflicts":
            self.db.execute(
                "INSERT OR IGNORE INTO row_history (table_name, row_id, modified, deleted) "
                "VALUES (?, ?, ?, ?)",
                [table, row["id"], row["modified"], int(deleted)],
            )

    def _insert_batch(self, batch: list[RowChange]) -> None:
        table = batch[0].table
        ids = [c.id for c in batch]
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            clash = self.db.execute(
                f"SELECT id FROM [{table}] WHERE id IN ({marks}) LIMIT 1", chunk
            ).fetchone()
            if clash:
                raise ConflictError(
                    f"{table} row {clash[0]} already exists", hint="the edit was not applied"
                )
        rows: list[dict[str, Any]] = []
        for c in batch:
            assert c.after is not None  # an insert carries its new row
            rows.append(c.after)
        self.db.table(table).insert_all(rows, batch_size=500)

    # -- reading -------------------------------------------------------------------------

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that see one state of the file, whatever another connection writes
        meanwhile (an export written in the background while the analyst goes on)."""
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("ROLLBACK")

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """A damaged page found while reading is the damaged-file error, not a traceback."""
        try:
            yield
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            if isinstance(exc, sqlite3.ProgrammingError | sqlite3.InterfaceError):
                raise  # our SQL is wrong: a bug, not the user's file
            raise _describe_sqlite_error(self.path or Path(":memory:"), exc) from None

    def row(self, table: str, id: str) -> dict[str, Any] | None:
        with self.reading():
            cur = self.db.execute(f"SELECT * FROM [{table}] WHERE id = ?", [id])
            values = cur.fetchone()
        if values is None:
            return None
        return dict(zip([d[0] for d in cur.description], values, strict=True))

    def rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        with self.reading():
            cur = self.db.execute(sql, list(params))
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def scalar(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Any:
        with self.reading():
            row = self.db.execute(sql, list(params)).fetchone()
        return row[0] if row else None

    def schema_version(self) -> str:
        applied = migrations.applied(self.db)
        return applied[-1].name if applied else ""


def default_analyst() -> str:
    name = os.environ.get("ANNOTATOR_ANALYST")
    if name:
        return name
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no login name on some CI containers
        return "analyst"
