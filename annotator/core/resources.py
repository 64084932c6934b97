"""Where the shipped data lives, installed or in a source checkout; and the seed articles.

An installed wheel carries ``annotator/_data/resources`` and ``annotator/_data/seeds``
(pyproject ``force-include``); a source checkout or editable install uses the repository's
``resources/`` and ``seeds/`` folders.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.errors import ProjectError

if TYPE_CHECKING:
    from annotator.core.importers import ImportedArticle

_PACKAGE = Path(__file__).resolve().parent.parent  # .../annotator
MANIFEST = "manifest.json"
_ENTRY_KEYS = ("file", "title", "outlet", "author", "url", "published", "language", "notes")


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent / name
    if checkout.is_dir():
        return checkout
    raise ProjectError(
        f"the application's {name} folder is missing",
        where=str(installed),
        hint="reinstall the application",
    )


def resources_dir() -> Path:
    return _data_dir("resources")


def seeds_dir() -> Path:
    return _data_dir("seeds")


def seed_manifest() -> list[dict[str, Any]]:
    """The manifest entries (file, title, outlet, author, url, published, language, notes)."""
    path = seeds_dir() / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ProjectError(
            f"cannot read the seed manifest ({err})",
            where=str(path),
            hint="reinstall the application",
        ) from err
    entries = data.get("articles") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("file"), str) for e in entries
    ):
        raise ProjectError(
            "the seed manifest has no valid 'articles' list",
            where=str(path),
            hint="reinstall the application",
        )
    return [{key: entry.get(key) for key in _ENTRY_KEYS} for entry in entries]


def seed_articles() -> list[ImportedArticle]:
    """Every seed article, imported with the manifest's metadata, in manifest order."""
    # Here, not above: every open of a project reaches this module (for the resources
    # folder), and the importers cost 30-40 ms to load at the app's start.
    from annotator.core.importers import import_file

    folder = seeds_dir()
    return [
        import_file(
            folder / entry["file"],
            title=entry["title"],
            outlet=entry["outlet"],
            author=entry["author"],
            url=entry["url"],
            published=entry["published"],
            language=entry["language"],
        )
        for entry in seed_manifest()
    ]
