"""Numbering an article's versions from the ``previous_version`` links alone.

Shared by the store (the article list, the reader's header) and the exports, which read
only the chronology document: both number the same chain the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class VersionInfo:
    number: int  # 1 for the first version
    total: int  # versions in its chain
    newer: str | None  # the version that replaces it (None: it is the newest)
    root: str  # the first version's id: what groups a chain


def chain_infos(rows: Iterable[dict[str, Any]]) -> dict[str, VersionInfo]:
    """Number every article of ``rows`` (id, previous_version; in the order they were
    added): the first version is 1; when several name the same previous version, the
    last added is the one that replaces it."""
    rows = list(rows)
    previous = {r["id"]: r["previous_version"] for r in rows}
    newer: dict[str, str] = {}
    for r in rows:  # in created order: the last added replacement wins
        if r["previous_version"]:
            newer[r["previous_version"]] = r["id"]
    out: dict[str, VersionInfo] = {}
    depth: dict[str, tuple[int, str]] = {}

    def walk(aid: str) -> None:
        seen: list[str] = []
        cur: str | None = aid
        # back to the first version, or to one numbered already; an id not among the rows
        # (an export of some articles only) ends the chain as a first version would
        while cur is not None and cur in previous and cur not in depth and cur not in seen:
            seen.append(cur)
            cur = previous[cur]
        if not seen:
            return
        n, root = depth[cur] if cur in depth else (0, seen[-1])
        if cur in seen:  # a loop (a hand-made file): cut where it closes
            n, root = 0, cur
        for x in reversed(seen):
            n += 1
            depth[x] = (n, root)

    for aid in previous:
        walk(aid)
    totals: dict[str, int] = {}
    for n, root in depth.values():
        totals[root] = max(totals.get(root, 0), n)
    for aid, (n, root) in depth.items():
        out[aid] = VersionInfo(n, totals[root], newer.get(aid), root)
    return out


def label(info: VersionInfo) -> str:
    return f"version {info.number} of {info.total}"
