"""What the verbs print on stderr beside their output: damage, imports, interrupts."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from itertools import zip_longest
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


def report_imported(articles: list[Any], versions: Sequence[Any] = ()) -> None:
    """One line per article; a new version of one says what became of its citations."""
    for art, version in zip_longest(articles, versions[: len(articles)]):
        line = f"imported {safe(art.source)}: {safe(art.title)}"
        if version is not None:
            line += f" ({safe(version.words())})"
        print(line, file=sys.stderr)
