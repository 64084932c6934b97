"""All passages for one tag or one actor, with a few words of context either side.

For a tag: the passages cited by the items carrying it. For an actor: the passages cited
for the actor itself, for the events it takes part in and for the claims it makes. One row
per passage, in article order, naming the items that cite it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass

from annotator.core.errors import InputError
from annotator.core.export.csv_export import neutralise
from annotator.store.project import Project
from annotator.store.rows import aliases_of

CONTEXT_CHARS = 60  # before and after, then cut back to a word boundary

# The item each citation is for, by kind: (kind, item id, label).
_CITED = """
SELECT c.passage_id, 'event' AS kind, e.id AS item_id, e.headline AS label
  FROM citations c JOIN events e ON e.id = c.event_id WHERE c.event_id IN ({events})
UNION ALL
SELECT c.passage_id, 'actor', a.id, a.name
  FROM citations c JOIN actors a ON a.id = c.actor_id WHERE c.actor_id IN ({actors})
UNION ALL
SELECT c.passage_id, 'claim', cl.id, cl.text
  FROM citations c JOIN claims cl ON cl.id = c.claim_id WHERE c.claim_id IN ({claims})
"""

_BY_TAG = {
    "events": "SELECT event_id FROM tags WHERE tag = ?1",
    "actors": "SELECT actor_id FROM tags WHERE tag = ?1",
    "claims": "SELECT claim_id FROM tags WHERE tag = ?1",
}
_BY_ACTOR = {
    "events": "SELECT event_id FROM event_actors WHERE actor_id = ?1",
    "actors": "SELECT ?1",
    "claims": "SELECT id FROM claims WHERE claimant_id = ?1",
}

COLUMNS = [
    "article",
    "published",
    "before",
    "passage",
    "after",
    "items",
    "article_id",
    "passage_id",
    "start",
    "end",
]


@dataclass(frozen=True)
class PassageRow:
    article: str
    published: str
    before: str
    passage: str
    after: str
    items: str  # "event: headline; claim: text"
    article_id: str
    passage_id: str
    start: int
    end: int
    first_item: tuple[str, str]  # (kind, id) of one item citing it, to select


def passages_for_tag(project: Project, tag: str) -> list[PassageRow]:
    return _rows(project, _BY_TAG, tag)


def passages_for_actor(project: Project, actor_id: str) -> list[PassageRow]:
    return _rows(project, _BY_ACTOR, actor_id)


def find_actor(project: Project, text: str) -> str:
    """An actor's id from its id, name or an alias (case-insensitive), as exports accept."""
    if project.row("actors", text) is not None:
        return text
    wanted = text.strip().casefold()
    for row in project.rows("SELECT * FROM actors ORDER BY name"):
        names = [row["name"], *aliases_of(row)]
        if any(n.casefold() == wanted for n in names):
            return str(row["id"])
    raise InputError(f"no actor named “{text}”", where="--actor", hint="give a name, alias or id")


def passages_csv(project: Project, *, tags: list[str], actors: list[str]) -> str:
    """The passages of each tag and actor named, as CSV (one table, a first column naming
    which tag or actor each row is for)."""
    if not tags and not actors:
        raise InputError(
            "passages of what?", where="--what passages", hint="add --tag NAME or --actor NAME"
        )
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["for", *COLUMNS])
    for tag in tags:
        for row in passages_for_tag(project, tag):
            writer.writerow([neutralise(f"tag: {tag}"), *_cells(row)])
    for text in actors:
        actor_id = find_actor(project, text)
        name = project.row("actors", actor_id) or {}
        for row in passages_for_actor(project, actor_id):
            writer.writerow([neutralise(f"actor: {name.get('name', '')}"), *_cells(row)])
    return buf.getvalue()


def _cells(row: PassageRow) -> list[str]:
    values = asdict(row)
    return [neutralise(values[c]) for c in COLUMNS]


def _rows(project: Project, sources: dict[str, str], key: str) -> list[PassageRow]:
    sql = _CITED.format(**sources)
    cited = project.rows(f"SELECT * FROM ({sql})", [key])
    items: dict[str, list[tuple[str, str, str]]] = {}
    for r in cited:
        items.setdefault(r["passage_id"], []).append((r["kind"], r["item_id"], r["label"] or ""))
    if not items:
        return []
    marks = ", ".join("?" * len(items))
    rows = project.rows(
        f"""SELECT p.id, p.article_id, p.start, p."end", p.quote,
                   substr(a.text, max(1, p.start + 1 - {CONTEXT_CHARS}),
                          min(p.start, {CONTEXT_CHARS})) AS before,
                   substr(a.text, p."end" + 1, {CONTEXT_CHARS}) AS after,
                   a.title, coalesce(a.published, '') AS published
              FROM passages p JOIN articles a ON a.id = p.article_id
             WHERE p.id IN ({marks})
             ORDER BY a.published_earliest IS NULL, a.published_earliest, a.title, p.start""",
        list(items),
    )
    out = []
    for r in rows:
        cited_by = sorted(set(items[r["id"]]))
        out.append(
            PassageRow(
                article=r["title"],
                published=r["published"],
                before=_words_before(r["before"]),
                passage=r["quote"],
                after=_words_after(r["after"]),
                items="; ".join(f"{k}: {label}" for k, _i, label in cited_by),
                article_id=r["article_id"],
                passage_id=r["id"],
                start=r["start"],
                end=r["end"],
                first_item=(cited_by[0][0], cited_by[0][1]),
            )
        )
    return out


def _words_before(text: str) -> str:
    # Paragraph breaks become spaces: one line of context, as a coding tool shows it.
    cut = len(text) >= CONTEXT_CHARS and " " in text.strip()
    text = " ".join(text.split())
    return text[text.index(" ") + 1 :] if cut and " " in text else text


def _words_after(text: str) -> str:
    cut = len(text) >= CONTEXT_CHARS and " " in text.strip()
    text = " ".join(text.split())
    return text[: text.rindex(" ")] if cut and " " in text else text
