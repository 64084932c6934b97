"""What the verbs print on stderr beside their output: damage, imports, interrupts."""

from __future__ import annotations

import sys
from typing import Any

from annotator.core.terminal import safe
from annotator.store.project import Project


class Interrupted(KeyboardInterrupt):
    """Ctrl-C with a message that says truthfully what was saved."""


def warn_damage(project: Project, consequence: str) -> None:
    """One line on stderr: which file, what is damaged, what it means here, what to do."""
    damage = project.damage
    if damage is not None:
        text = f"{damage.where}: {damage.message}: {consequence}"
        print(
            f"annotator: {safe(text + (f'; {damage.hint}' if damage.hint else ''))}",
            file=sys.stderr,
        )


def report_imported(articles: list[Any]) -> None:
    for art in articles:
        print(f"imported {safe(art.source)}: {safe(art.title)}", file=sys.stderr)
