"""Closing the writer stops the reads worker threads still make on the file (a backup, the
table's order) so the close is marked clean: quitting soon after opening a large project
must not cost the next open its whole-file checks, nor leave a half-written backup."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from annotator.store.backup import backup_dir, list_backups, make_backup
from annotator.store.lock import read_marker
from annotator.store.project import Project, ReadStopped, is_open_here

# A read that runs until it is interrupted (minutes on any machine).
ENDLESS = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1e12)"
    " SELECT count(*) FROM n"
)


def _reading_in_a_worker(path: Path, read) -> tuple[threading.Thread, threading.Event, list]:
    started, outcome = threading.Event(), []

    def run() -> None:
        try:
            with Project.open(path, readonly=True) as reader:
                started.set()
                outcome.append(read(reader))
        except Exception as exc:  # the outcome is what the test checks
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    assert started.wait(10)
    return worker, started, outcome


def test_a_workers_endless_read_is_stopped_and_the_close_marked_clean(seeded_path: Path) -> None:
    writer = Project.open(seeded_path)
    worker, _, outcome = _reading_in_a_worker(
        seeded_path, lambda reader: reader.db.execute(ENDLESS).fetchone()
    )
    writer.close()
    worker.join(10)
    assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], ReadStopped)
    assert not is_open_here(seeded_path)
    marker = read_marker(seeded_path)
    assert marker is not None and marker.clean


def test_a_reader_of_the_closing_thread_is_left_open_and_working(seeded_path: Path) -> None:
    writer = Project.open(seeded_path)
    reader = Project.open(seeded_path, readonly=True)
    writer.close()  # does not wait for a reader that cannot close meanwhile
    assert reader.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    assert not reader.stopped
    reader.close()


def test_a_backup_stopped_by_the_close_leaves_no_partial_copy(seeded_path: Path) -> None:
    def slow_backup(reader: Project):
        # Slowed to a crawl, so the close surely finds the copy under way.
        reader.db.conn.set_progress_handler(lambda: time.sleep(0.002) or 0, 50)
        return make_backup(reader)

    writer = Project.open(seeded_path)
    worker, _, outcome = _reading_in_a_worker(seeded_path, slow_backup)
    time.sleep(0.2)
    writer.close()
    worker.join(10)
    assert outcome == [None]  # no backup, and no error: it was not wanted any more
    assert list_backups(seeded_path) == []
    assert list(backup_dir(seeded_path).iterdir()) == []
    marker = read_marker(seeded_path)
    assert marker is not None and marker.clean


def test_half_written_copies_a_killed_process_left_are_removed(seeded_path: Path) -> None:
    folder = backup_dir(seeded_path)
    folder.mkdir()
    stale = folder / f".{seeded_path.stem}-20260101T000000.000000Z.db.partial"
    stale.write_bytes(b"x" * 1000)
    Path(f"{stale}-journal").write_bytes(b"j")
    with Project.open(seeded_path, readonly=True) as reader:
        made = make_backup(reader)
    assert made is not None and made.exists()
    assert sorted(p.name for p in folder.iterdir()) == [made.name]
