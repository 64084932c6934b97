"""Datasette metadata for a project file: descriptions, label columns, stored queries.

Datasette keys metadata by database name (the file's stem), so the shipped template's
"*" entry is renamed for the file at hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.resources import resources_dir


def datasette_metadata(project_path: str | Path) -> dict[str, Any]:
    template: dict[str, Any] = json.loads(
        (resources_dir() / "datasette" / "metadata.json").read_text(encoding="utf-8")
    )
    template["databases"] = {Path(project_path).stem: template["databases"]["*"]}
    return template
