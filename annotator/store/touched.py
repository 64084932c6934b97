"""Which articles an applied edit touched, for the views that count items per article.

A citation row names only its passage, so the edit alone cannot say which article gained
or lost an item when a passage already cited is cited again (or no longer): the passage's
article is looked up in one query.
"""

from __future__ import annotations

import json

from annotator.store.changes import ChangeSet
from annotator.store.project import Project


def articles_touched(project: Project, changeset: ChangeSet) -> set[str]:
    out = changeset.article_ids()
    passages = {
        str(row["passage_id"])
        for c in changeset.changes
        if c.table == "citations"
        for row in (c.before, c.after)
        if row is not None and row.get("passage_id")
    }
    if passages:
        rows = project.rows(
            "SELECT DISTINCT article_id FROM passages WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(passages))],
        )
        out |= {str(r["article_id"]) for r in rows}
    return out
