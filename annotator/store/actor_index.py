"""One index of the actors' names per open project, built again only when actors change.

The new-item forms match the selected passage against every actor's names and aliases;
reading and decoding 5,000 actors took 50 ms each time a form opened (profiled). The index
(``core.actor_matching.ActorNames``) is kept beside the connection under the actors'
stamp (``store.table_stamps``).
"""

from __future__ import annotations

import weakref

from annotator.core.actor_matching import ActorNames
from annotator.store.panel_queries import actor_names
from annotator.store.project import Project
from annotator.store.table_stamps import table_stamp

_INDEXES: weakref.WeakKeyDictionary[Project, tuple[tuple[int, int], ActorNames]] = (
    weakref.WeakKeyDictionary()
)


def actor_index(project: Project) -> ActorNames:
    """The project's actors, names and aliases indexed; the same object until they change."""
    stamp = table_stamp(project, "actors")
    kept = _INDEXES.get(project)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    index = ActorNames(actor_names(project))
    _INDEXES[project] = (stamp, index)
    return index
