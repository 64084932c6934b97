"""Passages cited for an actor, written as rows directly: a test that needs hundreds of
them (enough for the reader to read its marks in a worker) would wait on as many edits."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.text import text_hash
from annotator.store.project import Project
from annotator.store.rows import new_row


def cite_spans(
    project: Project, article_id: str, text: str, actor_id: str, spans: Iterable[tuple[int, int]]
) -> None:
    """One anchored passage per (start, end) of ``text``, each cited for ``actor_id``."""
    passages, citations = [], []
    for start, end in spans:
        p = new_row(
            "test", article_id=article_id, start=start, end=end, quote=text[start:end],
            prefix=text[max(0, start - 32) : start], suffix=text[end : end + 32],
            text_hash=text_hash(text), status="anchored",
        )  # fmt: skip
        passages.append(p)
        citations.append(
            new_row(
                "test", passage_id=p["id"], event_id=None, actor_id=actor_id,
                claim_id=None, note="",
            )
        )  # fmt: skip
    project.db["passages"].insert_all(passages)
    project.db["citations"].insert_all(citations)
