"""A REFI-QDA project (read by ``core.importers.qdpx``) as one ChangeSet for a project.

Sources become articles; each selection becomes a passage cited by the item its code maps to.
A file written by this app (its parent codes carry fixed GUIDs, ``core.export.qdpx``) maps
back to the events, actors, claims and tags it came from, with the same ids, so exporting it
again gives the same ``project.qde``. Another tool's codes map as the analyst chooses:

* ``events``: each code applied to text is an event (headline: the code's name) cited by
  every selection coded with it;
* ``tags``: each coded selection is an event (headline: the selection's name, else the start
  of its text) cited by that passage and tagged with the names of its codes.

Nothing is written here: the caller applies the ChangeSet (one undoable step, all or nothing).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime
from typing import Any

from annotator.core.anchoring import make_selector
from annotator.core.errors import InputError
from annotator.core.export.qdpx import DESCRIPTION_KEYS, parent_guid, unescape_line
from annotator.core.importers.article import ImportedArticle
from annotator.core.importers.qdpx import QdaNote, QdaProject, QdaSelection, QdaSource
from annotator.core.tag_colours import clean_colour
from annotator.store.changes import ChangeSet, derived_id, new_id, now_iso
from annotator.store.notes import note_text
from annotator.store.operations import create_actor, create_claim, create_event, import_article
from annotator.store.project import Project
from annotator.store.rows import clean_text, provenance
from annotator.store.schema import NOTE_TARGETS

CODES_AS = ("tags", "events")
HEADLINE_CHARS = 80
OUR_PARENTS = {parent_guid(k): k for k in ("event", "actor", "claim", "tag")}


def _hex(guid: str) -> str:
    return uuid.UUID(guid).hex


def _stamp(value: str | None) -> str:
    """A creation time from the file when it reads as ISO 8601, else now."""
    if value:
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
            return value
        except ValueError:
            pass
    return now_iso()


def _description_fields(description: str) -> tuple[dict[str, str], str]:
    """``key: value`` lines this app writes, and whatever else the description says."""
    fields: dict[str, str] = {}
    rest: list[str] = []
    for line in description.split("\n"):
        key, sep, value = line.partition(": ")
        if sep and key in DESCRIPTION_KEYS and key not in fields:
            fields[key] = unescape_line(value)
        elif line.strip():
            rest.append(line)
    return fields, "\n".join(rest)


class _Builder:
    def __init__(self, project: Project, qda: QdaProject, codes_as: str, where: str):
        if codes_as not in CODES_AS:
            raise InputError(
                f"unknown mapping {codes_as!r}", where="--codes-as", hint="use tags or events"
            )
        self.project = project
        self.qda = qda
        self.codes_as = codes_as
        self.where = where
        self.cs = ChangeSet(f"Import {len(qda.sources)} source(s) from a QDA project")
        self.taken: set[tuple[str, str]] = set()
        self.items: dict[str, tuple[str, str]] = {}  # code GUID -> (kind, item id)
        self.tags: dict[tuple[str, str], set[str]] = defaultdict(set)

    def _free(self, table: str, wanted: str) -> str:
        """The id a file asks for, unless the project (or this import) has it already."""
        if (table, wanted) in self.taken or self.project.row(table, wanted) is not None:
            wanted = new_id()
        self.taken.add((table, wanted))
        return wanted

    def _replace_id(self, table: str, old: str, new: str, **values: Any) -> None:
        """Give a row made by an edit function the id (and provenance) the file carries."""
        for n, change in enumerate(self.cs.changes):
            if change.table == table and change.id == old and change.after is not None:
                self.cs.changes.pop(n)
                self.cs.insert(table, {**change.after, "id": new, **values})
                return

    def kind_of(self, code_guid: str) -> str | None:
        code = self.qda.codes[code_guid]
        kind = OUR_PARENTS.get(code.parent or "")
        if kind is None and self._under_our_tags(code_guid):
            return "tag"  # a tag nested under another in the codebook
        return kind

    def _under_our_tags(self, code_guid: str) -> bool:
        seen: set[str] = set()
        parent = self.qda.codes[code_guid].parent
        while parent is not None and parent not in seen and parent in self.qda.codes:
            if parent == parent_guid("tag"):
                return True
            seen.add(parent)
            parent = self.qda.codes[parent].parent
        return parent == parent_guid("tag")

    def build(self) -> ChangeSet:
        seen: set[str] = set()
        articles = {s.guid: self._article(s, seen) for s in self.qda.sources}
        for code in self.qda.codes.values():
            kind = self.kind_of(code.guid)
            if kind in ("event", "actor", "claim"):
                self._item(kind, code.guid, code.name, code.description)
        applied = {c for s in self.qda.sources for sel in s.selections for c in sel.codes}
        if self.codes_as == "events":
            for code in self.qda.codes.values():
                foreign = self.kind_of(code.guid) is None and code.guid not in OUR_PARENTS
                if code.guid in applied and foreign:
                    self._item("event", code.guid, code.name, code.description)
        for source in self.qda.sources:
            for sel in source.selections:
                self._selection(source, articles[source.guid], sel)
        self._tag_rows()
        for code_guid, (kind, item_id) in self.items.items():
            for ref in self.qda.codes[code_guid].notes:
                self._memo(ref, kind, item_id)
        for source in self.qda.sources:
            for ref in source.notes:
                self._memo(ref, "article", articles[source.guid])
        self._codebook()
        return self.cs

    def _codebook(self) -> None:
        """The file's tag codes as the codebook: names, colours, descriptions, the tree.
        A name the project's codebook has already keeps what the project says of it."""
        tag_codes = [
            c
            for c in self.qda.codes.values()
            if c.guid not in OUR_PARENTS
            and (
                self.kind_of(c.guid) == "tag"
                or (self.codes_as == "tags" and self.kind_of(c.guid) is None)
            )
        ]
        wanted = {c.guid for c in tag_codes}
        parents = {c.parent for c in tag_codes}
        applied = {c for s in self.qda.sources for sel in s.selections for c in sel.codes}
        made: dict[str, dict[str, Any]] = {}  # name -> code row (ours or made here)
        for code in tag_codes:  # parents come before their children in the file
            name = clean_text(code.name)
            if not name or name in made:
                continue
            plain = not (code.color or code.description.strip() or code.guid in parents)
            if plain and code.guid in applied and code.parent not in wanted:
                continue  # a tag as applied, nothing said about it: no entry needed
            ours = self.project.rows("SELECT * FROM codes WHERE name = ?", [name])
            if ours:
                made[name] = ours[0]
                continue
            parent = self.qda.codes.get(code.parent or "")
            parent_row = (
                made.get(clean_text(parent.name)) if parent and parent.guid in wanted else None
            )
            try:
                colour = clean_colour(code.color)
            except InputError:
                colour = ""  # a colour another tool writes some other way: left out
            made[name] = self.cs.insert(
                "codes",
                {
                    "id": self._free("codes", derived_id("code", name)),
                    "name": name,
                    "color": colour,
                    "description": code.description.strip(),
                    "parent_id": parent_row["id"] if parent_row else None,
                    **provenance(self.project.analyst),
                },
            )

    def _memo(self, ref: str, kind: str, target: str) -> None:
        """A note the file refers to, as a memo on what refers to it."""
        note: QdaNote | None = self.qda.notes.get(ref)
        if note is None or not note.text:
            return
        try:
            text = note_text(note.text)
        except InputError as exc:
            raise InputError(
                exc.message, where=f"{self.where}: note {note.name or note.guid!r}", hint=exc.hint
            ) from None
        created = _stamp(note.created)
        row = {
            "id": self._free("notes", _hex(note.guid)),
            "text": text,
            **{f"{k}_id": (target if k == kind else None) for k in NOTE_TARGETS},
            **provenance(note.user or self.project.analyst, stamp=created),
        }
        row["modified"] = _stamp(note.modified) if note.modified else created
        self.cs.insert("notes", row)

    def _article(self, source: QdaSource, seen: set[str]) -> str:
        fields, _rest = _description_fields(source.description)
        art = ImportedArticle(
            text=source.text,
            title=source.name if source.name.strip() else "Untitled source",
            outlet=fields.get("outlet"),
            author=fields.get("author"),
            url=fields.get("url"),
            published=fields.get("published"),
            language=fields.get("language"),
            source=f"{self.where}: source {source.name!r}",
        )
        if not art.text.strip():
            raise InputError("has no text", where=art.source)
        _cs, made = import_article(self.project, art, self.cs, seen_hashes=seen)
        article_id = self._free("articles", _hex(source.guid))
        stamp = _stamp(source.created)
        analyst = source.user or self.project.analyst
        self._replace_id("articles", made, article_id, **provenance(analyst, stamp=stamp))
        return article_id

    def _item(self, kind: str, code_guid: str, name: str, description: str) -> str:
        table = f"{kind}s"
        item_id = self._free(table, _hex(code_guid))
        if kind == "event":
            cs, made = create_event(
                self.project, headline=name, description=description, id=item_id
            )
        elif kind == "actor":
            cs, made = create_actor(self.project, name=name, description=description)
        else:
            cs, made = create_claim(self.project, text=name)
        self.cs.extend(cs)
        self._replace_id(table, made, item_id)
        self.items[code_guid] = (kind, item_id)
        return item_id

    def _selection(self, source: QdaSource, article_id: str, sel: QdaSelection) -> None:
        items = [self.items[c] for c in sel.codes if c in self.items]
        tag_names = [
            self.qda.codes[c].name
            for c in sel.codes
            if c not in self.items and self.kind_of(c) == "tag"
        ]
        foreign = [
            self.qda.codes[c].name
            for c in sel.codes
            if c not in self.items and self.kind_of(c) is None and c not in OUR_PARENTS
        ]
        if self.codes_as == "tags" and foreign:
            quote = " ".join(source.text[sel.start : sel.end].split())
            headline = clean_text(sel.name) or quote[:HEADLINE_CHARS] or "Coded passage"
            cs, event_id = create_event(self.project, headline=headline)
            self.cs.extend(cs)
            items.append(("event", event_id))
            for name in foreign:
                self.tags[("event", event_id)].add(name)
        if not items:
            # Coded only with codes that map to nothing (a parent, say), or not coded at
            # all: its notes are memos on the passage.
            if any(self.qda.notes.get(r) and self.qda.notes[r].text for r in sel.note_refs):
                passage_id = self._passage(source, article_id, sel)
                for ref in sel.note_refs:
                    self._memo(ref, "passage", passage_id)
            return
        passage_id = self._passage(source, article_id, sel)
        analyst = sel.user or self.project.analyst
        stamp = _stamp(sel.created)
        for n, (kind, item_id) in enumerate(items):
            for tag in tag_names:
                self.tags[(kind, item_id)].add(tag)
            wanted = _hex(sel.guid) if n == 0 else derived_id("citation", kind, item_id, passage_id)
            citation_id = self._free("citations", wanted)
            row = {
                "id": citation_id,
                "passage_id": passage_id,
                "event_id": None,
                "actor_id": None,
                "claim_id": None,
                f"{kind}_id": item_id,
                "note": "\n\n".join(sel.notes),
                "credibility": None,
                **provenance(analyst, stamp=stamp),
            }
            self.cs.insert("citations", row)

    def _passage(self, source: QdaSource, article_id: str, sel: QdaSelection) -> str:
        passage_id = derived_id("passage", article_id, str(sel.start), str(sel.end))
        if ("passages", passage_id) in self.taken:
            return passage_id
        self.taken.add(("passages", passage_id))
        selector = make_selector(source.text, sel.start, sel.end)
        article = next(
            c.after for c in self.cs.changes if c.table == "articles" and c.id == article_id
        )
        assert article is not None
        self.cs.insert(
            "passages",
            {
                "id": passage_id,
                "article_id": article_id,
                **selector,
                "text_hash": article["text_hash"],
                "status": "anchored",
                **provenance(sel.user or self.project.analyst, stamp=_stamp(sel.created)),
            },
        )
        return passage_id

    def _tag_rows(self) -> None:
        for (kind, item_id), names in sorted(self.tags.items()):
            for tag in sorted(names):
                tag = clean_text(tag)
                if not tag:
                    continue
                self.cs.insert(
                    "tags",
                    {
                        "id": derived_id("tag", kind, item_id, tag),
                        "tag": tag,
                        "event_id": None,
                        "actor_id": None,
                        "claim_id": None,
                        f"{kind}_id": item_id,
                        **provenance(self.project.analyst),
                    },
                )


def import_qdpx(project: Project, qda: QdaProject, *, codes_as: str, where: str) -> ChangeSet:
    """The ChangeSet that brings ``qda`` into ``project`` (not applied)."""
    return _Builder(project, qda, codes_as, where).build()
