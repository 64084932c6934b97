"""The reader's passage marks read on a connection of their own, for a worker thread.

An article with thousands of passages takes tens of milliseconds of SQL (5,000 passages of
a 2 MB article: 30-40 ms, profiled), which the window's thread need not wait for.
"""

from __future__ import annotations

from pathlib import Path

from annotator.store.panel_queries import ReaderMark, reader_marks
from annotator.store.project import Project
from annotator.store.worker_reads import read_on_own_connection


def passage_count(project: Project, article_id: str) -> int:
    """How many passages the article has (one index lookup): whether to read in a worker."""
    return int(project.scalar("SELECT count(*) FROM passages WHERE article_id = ?", [article_id]))


def reader_marks_in_file(path: Path, article_id: str) -> list[ReaderMark]:
    """``reader_marks`` on its own read-only connection; a failure is the app's error."""
    return read_on_own_connection(path, lambda reader: reader_marks(reader, article_id))
