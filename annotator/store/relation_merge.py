"""Relations arriving with a merge: each side's chains of "part of" and "precedes" have no
loops, but the two together can (we said A precedes B, they said B precedes A). Such a
relation of theirs is left out of the merge and named in its summary, as the relation edit
would refuse it; everything else of theirs merges."""

from __future__ import annotations

from collections import defaultdict

from annotator.core.vocabulary import relation_words
from annotator.store.changes import ChangeSet
from annotator.store.project import Project
from annotator.store.relations import NO_LOOPS


def drop_merged_loops(project: Project, cs: ChangeSet) -> list[str]:
    """Remove from ``cs`` the inserted relations that close a loop; say which, in words."""
    incoming = [c for c in cs.changes if c.table == "event_relations" and c.after is not None]
    if not incoming:
        return []
    leaving = {c.id for c in cs.changes if c.table == "event_relations" and c.after is None}
    edges: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in project.rows("SELECT id, source_id, kind, target_id FROM event_relations"):
        if r["id"] not in leaving:
            edges[r["kind"]][r["source_id"]].add(r["target_id"])
    headlines: dict[str, str] = {}
    for c in cs.changes:
        if c.table == "events" and c.after is not None:
            headlines[c.id] = c.after["headline"]
    dropped: list[str] = []
    for change in incoming:
        row = change.after or {}
        kind, source, target = row["kind"], row["source_id"], row["target_id"]
        if kind in NO_LOOPS and (source == target or _reaches(edges[kind], target, source)):
            cs.changes.remove(change)
            dropped.append(
                f"“{_headline(project, headlines, source)}” {relation_words(kind)} "
                f"“{_headline(project, headlines, target)}”"
            )
            continue
        edges[kind][source].add(target)
    return dropped


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in graph.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def _headline(project: Project, known: dict[str, str], event_id: str) -> str:
    if event_id in known:
        return known[event_id]
    return str(project.scalar("SELECT headline FROM events WHERE id = ?", [event_id]) or event_id)
