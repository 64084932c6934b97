"""The checks of ``json_export.validate``, one record at a time, for a document written as
it is read (``store.chronology_stream``): the memory they need is the sets of ids, not the
document (checking a whole 100,000-event document held it and its text: about 3 GB).

Each record is checked against its own part of the schema (``$defs/event`` and so on,
compiled by jsonschema-rs) as it comes; what a schema cannot say (duplicate ids,
references that resolve, reversed bounds, blank names) is checked with the ids seen so far,
and a reference to a list not read yet (an event's actors come before the actors) waits
until the end. The problems are worded as ``validate`` words them and reported the same
way: the schema's first, then the values, then the rest, five named and the others counted.
"""

from __future__ import annotations

import functools
from typing import Any

from annotator.core.errors import InputError
from annotator.core.export import json_export
from annotator.core.export.json_export import (
    BLANK,
    MAX_LISTED,
    _blank,
    _date_problems,
    codebook_problems,
    json_path,
    load_schema,
    relation_problems,
    value_problems,
)

# The document's lists in the order they are written, and the part of the schema each
# record follows.
RECORD_DEFS = {
    "articles": "article",
    "passages": "passage",
    "events": "event",
    "actors": "actor",
    "claims": "claim",
    "relations": "relation",
    "notes": "note",
    "codebook": "code",
    "outlet_grades": "outletGrade",
    "suggestion_dismissals": "suggestion_dismissal",
}
_ID_LISTS = ("articles", "passages", "events", "actors", "claims")


def _record_schema(name: str) -> dict[str, Any]:
    schema = load_schema()
    # The document's own $id, so that its $refs resolve within it and never on the web.
    return {"$id": schema["$id"], "$defs": schema["$defs"], "$ref": f"#/$defs/{name}"}


@functools.cache
def _record_validator(name: str) -> Any:
    """The record's schema compiled by jsonschema-rs: about ten times faster per record
    than fastjsonschema's generated Python (profiled: the schema was 6 s of the 100,000-event
    export). A test holds its verdicts to jsonschema's, which words the problems."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(_record_schema(name))


@functools.cache
def _head_validator() -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(load_schema())


def _worded(record: Any, name: str, at: list[Any]) -> list[tuple[str, str]]:
    """The record's schema problems in words (jsonschema names each one)."""
    import jsonschema
    from jsonschema.exceptions import best_match

    validator = jsonschema.Draft202012Validator(_record_schema(name))
    problems = []
    for error in validator.iter_errors(record):
        if error.context:
            error = best_match(error.context) or error
        problems.append((json_path([*at, *error.absolute_path]), error.message))
    return problems


class Problems:
    """The first problems of one kind in document order, and how many there were."""

    def __init__(self) -> None:
        self.first: list[tuple[str, str]] = []
        self.count = 0

    def add(self, path: str, message: str) -> None:
        self.count += 1
        if len(self.first) < MAX_LISTED:
            self.first.append((path, message))

    def extend(self, problems: Any) -> None:
        for path, message in problems:
            self.add(path, message)


class StreamCheck:
    """Feed it the top-level fields and every record in document order, then ``finish``.

    ``ids_checked``: the caller has found every id unique and every reference resolved
    (``store.export_references``), so no id is kept: the sets of them grew with the project
    (85 MB at 100,000 events). Every other check runs as before.
    """

    def __init__(self, *, ids_checked: bool = False) -> None:
        self.ids_checked = ids_checked
        self.schema = Problems()
        self.values = Problems()
        self.other = Problems()
        self.ids: dict[str, set[str]] = {coll: set() for coll in _ID_LISTS}
        self.done: set[str] = set()
        # references to a list not complete yet: (list, id) -> paths of the first few
        self.waiting: dict[tuple[str, str], list[str]] = {}
        self.waiting_counts: dict[tuple[str, str], int] = {}
        self.cite_ids: set[str] = set()
        self.note_ids: set[str] = set()
        self.relations: list[dict[str, Any]] = []
        self.codes: list[dict[str, Any]] = []
        # (value, earliest, latest) of the dates found sound: 100,000 events share a few
        # thousand, and checking each again was 6% of the JSON export (profiled).
        self.sound_dates: set[tuple[Any, Any, Any]] = set()

    def head(self, fields: dict[str, Any]) -> None:
        """The top-level fields with each list given empty: the document's own shape."""
        if not _head_validator().is_valid(fields):
            self.schema.extend(json_export.schema_problems(fields))

    def unwritable(self, coll: str, i: int, record: Any) -> None:
        """A record that could not be written as UTF-8: say where and why."""
        self.values.extend(value_problems(record, f"{coll}[{i}]"))

    def record(self, coll: str, i: int, record: Any) -> None:
        if not _record_validator(RECORD_DEFS[coll]).is_valid(record):
            self.schema.extend(_worded(record, RECORD_DEFS[coll], [coll, i]))
            return  # the checks below assume the record's shape
        if self.schema.count:
            return  # only the schema's problems are reported, as validate does
        getattr(self, "_" + coll)(i, record)

    def checker(self, coll: str) -> Any:
        """``record`` for one list, bound once: (i, record) -> None. The same checks, with
        the validator and the list's own checks looked up once rather than per record."""
        is_valid = _record_validator(RECORD_DEFS[coll]).is_valid
        own = getattr(self, "_" + coll)
        schema = self.schema

        def check(i: int, record: Any) -> None:
            if not is_valid(record):
                schema.extend(_worded(record, RECORD_DEFS[coll], [coll, i]))
            elif not schema.count:
                own(i, record)

        return check

    def end(self, coll: str) -> None:
        """Every record of ``coll`` has been given."""
        self.done.add(coll)

    # -- what the schema cannot say, list by list (as json_export.consistency_problems)

    def _ref(self, value: Any, coll: str, template: str, *at: Any) -> None:
        """A reference to one of ``coll``; the path (``template`` with ``at``) is worded
        only for a problem or a reference kept waiting, not for each of the 300,000 that
        resolve at 100,000 events (profiled)."""
        if value is None or self.ids_checked or value in self.ids[coll]:
            return
        if coll in self.done:
            self.other.add(template.format(*at), f"{value!r} is not the id of one of the {coll}")
            return
        key = (coll, value)
        count = self.waiting_counts.get(key, 0)
        if count < MAX_LISTED:
            self.waiting.setdefault(key, []).append(template.format(*at))
        self.waiting_counts[key] = count + 1

    def _id(self, coll: str, i: int, record: dict[str, Any]) -> None:
        if self.ids_checked:
            return
        seen = self.ids[coll]
        if record["id"] in seen:
            self.other.add(f"{coll}[{i}].id", f"duplicate id {record['id']!r}")
        seen.add(record["id"])

    def _item(self, coll: str, i: int, item: dict[str, Any]) -> None:
        # A path is worded only for a problem: 200,000 citations have none (profiled).
        for j, tag in enumerate(item["tags"]):
            if _blank(tag):
                self.other.add(f"{coll}[{i}].tags[{j}]", BLANK)
        if self.ids_checked:
            return
        passages, cite_ids = self.ids["passages"], self.cite_ids
        for j, cite in enumerate(item["citations"]):
            passage_id = cite["passage_id"]
            if passage_id is not None and passage_id not in passages:
                self._ref(passage_id, "passages", "{}[{}].citations[{}].passage_id", coll, i, j)
            if cite["id"] in cite_ids:
                path = f"{coll}[{i}].citations[{j}].id"
                self.other.add(path, f"duplicate citation id {cite['id']!r}")
            cite_ids.add(cite["id"])

    def _date(self, date: Any, path: str) -> None:
        """``_date_problems`` of the date, once per distinct date found sound."""
        try:
            key = (date.get("value"), date.get("earliest"), date.get("latest"))
            if key in self.sound_dates:
                return
        except (AttributeError, TypeError):  # not a dict, or a value that cannot be a key
            key = None
        problems = list(_date_problems(date, path))
        if problems:
            self.other.extend(problems)
        elif key is not None and len(self.sound_dates) < 1 << 18:
            self.sound_dates.add(key)

    def _articles(self, i: int, art: dict[str, Any]) -> None:
        self._id("articles", i, art)
        self._date(art["published"], f"articles[{i}].published")
        self._ref(art["previous_version"], "articles", "articles[{}].previous_version", i)

    def _passages(self, i: int, p: dict[str, Any]) -> None:
        self._id("passages", i, p)
        self._ref(p["article_id"], "articles", "passages[{}].article_id", i)
        if p["target"]["source"] != p["article_id"]:
            self.other.add(f"passages[{i}].target.source", "differs from article_id")
        for j, sel in enumerate(p["target"]["selector"]):
            if sel["type"] == "TextPositionSelector" and sel["start"] > sel["end"]:
                self.other.add(
                    f"passages[{i}].target.selector[{j}].end",
                    f"end {sel['end']} is before start {sel['start']}",
                )

    def _events(self, i: int, ev: dict[str, Any]) -> None:
        self._id("events", i, ev)
        if _blank(ev["headline"]):
            self.other.add(f"events[{i}].headline", BLANK)
        self._item("events", i, ev)
        if ev["date"] is not None:
            self._date(ev["date"], f"events[{i}].date")
        links: set[tuple[str, str]] = set()
        actors = self.ids["actors"]
        for j, link in enumerate(ev["actors"]):
            actor_id = link["actor_id"]
            if actor_id is not None and actor_id not in actors:
                self._ref(actor_id, "actors", "events[{}].actors[{}].actor_id", i, j)
            key = (actor_id, link["role"] or "")  # no role is stored as ""
            if key in links:
                self.other.add(
                    f"events[{i}].actors[{j}]",
                    f"actor {key[0]!r} is already listed with role {key[1]!r}",
                )
            links.add(key)

    def _actors(self, i: int, actor: dict[str, Any]) -> None:
        self._id("actors", i, actor)
        if _blank(actor["name"]):
            self.other.add(f"actors[{i}].name", BLANK)
        self._item("actors", i, actor)

    def _claims(self, i: int, claim: dict[str, Any]) -> None:
        self._id("claims", i, claim)
        if _blank(claim["text"]):
            self.other.add(f"claims[{i}].text", BLANK)
        self._item("claims", i, claim)
        if claim["claimed"] is not None:
            self._date(claim["claimed"], f"claims[{i}].claimed")
        self._ref(claim["claimant_id"], "actors", "claims[{}].claimant_id", i)
        self._ref(claim["event_id"], "events", "claims[{}].event_id", i)

    def _relations(self, i: int, relation: dict[str, Any]) -> None:
        self.relations.append(relation)  # a loop is found over all of them: few, and small

    def _notes(self, i: int, note: dict[str, Any]) -> None:
        about = note["about"]
        self._ref(about["id"], f"{about['kind']}s", "notes[{}].about.id", i)
        if not self.ids_checked:
            if note["id"] in self.note_ids:
                self.other.add(f"notes[{i}].id", f"duplicate id {note['id']!r}")
            self.note_ids.add(note["id"])
        if _blank(note["text"]):
            self.other.add(f"notes[{i}].text", BLANK)

    def _codebook(self, i: int, code: dict[str, Any]) -> None:
        self.codes.append(code)

    def _outlet_grades(self, i: int, grade: dict[str, Any]) -> None:
        pass  # the schema says all there is: one outlet, one grade

    def _suggestion_dismissals(self, i: int, dismissal: dict[str, Any]) -> None:
        pass  # no reference is checked: a dismissal outlives its article by design

    def finish(self) -> None:
        """Raise the InputError ``validate`` would raise for the document; return if valid."""
        found = self.schema if self.schema.count else self.values
        if not found.count:
            found = self.other
            for (coll, value), paths in self.waiting.items():
                if value in self.ids[coll]:
                    continue
                for path in paths:
                    found.add(path, f"{value!r} is not the id of one of the {coll}")
                found.count += self.waiting_counts[(coll, value)] - len(paths)

            def ref(value: Any, coll: str, path: str) -> None:
                if value is not None and not self.ids_checked and value not in self.ids[coll]:
                    found.add(path, f"{value!r} is not the id of one of the {coll}")

            found.extend(relation_problems(self.relations, ref))
            found.extend(codebook_problems(self.codes))
        if not found.count:
            return
        path, message = found.first[0]
        more = [f"{p}: {m}" for p, m in found.first[1:MAX_LISTED]]
        if more:
            message += "; also " + "; ".join(more)
        if found.count > MAX_LISTED:
            message += f"; and {found.count - MAX_LISTED} more problems"
        raise InputError(
            message,
            where=path,
            hint="fix the field named; see resources/schema/chronology.schema.json",
        )
