"""An article's header fields without its text: the reader's header, the window's title and
the suggestions' reference date each read the article as it opens, and a 2 MB text read
whole for a title costs 2-10 ms each time (measured)."""

from __future__ import annotations

from typing import Any

from annotator.store.project import Project

HEAD_COLUMNS = "id, title, outlet, author, url, published"


def article_head(project: Project, article_id: str) -> dict[str, Any] | None:
    rows = project.rows(f"SELECT {HEAD_COLUMNS} FROM articles WHERE id = ?", [article_id])
    return rows[0] if rows else None
