"""The actors as the reader's suggestions index them: id, name, kind and aliases, as plain
rows (the index is built from them away from the database, in a worker if need be)."""

from __future__ import annotations

from typing import Any

from annotator.store.project import Project


def suggestion_actors(project: Project) -> list[dict[str, Any]]:
    """Every actor, by name: the kind tells who "he" and "she" may stand for."""
    return project.rows("SELECT id, name, kind, aliases FROM actors ORDER BY name")
