"""The canonical JSON export: writing it, and checking a document against its schema.

``validate`` is also what loading a user's JSON runs, so its errors are for users: the JSON path
of the problem first, e.g. ``events[3].date.precision: 'dya' is not one of [...]``.
Besides the schema it checks what a schema cannot: values the project file cannot store
(a lone surrogate, an integer beyond SQLite's 64 bits, a whole number written ``5.0``), dates
whose ``value`` is not EDTF, unique ids, references that resolve, no actor listed twice in
one role on an event, ``start <= end`` and ``earliest <= latest``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from annotator.core.errors import InputError

SCHEMA_FILES = {
    "chronology": "chronology.schema.json",
    "webannotation": "webannotation.schema.json",
}
MAX_LISTED = 5  # problems named in one error message
INT64 = (-(2**63), 2**63 - 1)  # what an SQLite INTEGER holds


def _resources_dir() -> Path:
    try:
        from annotator.core.resources import resources_dir
    except ImportError:  # resources.py not written yet: the source tree layout
        return Path(__file__).resolve().parents[3] / "resources"
    return resources_dir()


@functools.cache
def load_schema(name: str = "chronology") -> dict[str, Any]:
    """The JSON Schema shipped in resources/schema (``chronology`` or ``webannotation``)."""
    path = _resources_dir() / "schema" / SCHEMA_FILES[name]
    with path.open(encoding="utf-8") as fp:
        schema: dict[str, Any] = json.load(fp)
    return schema


def dumps(doc: dict[str, Any]) -> str:
    """The document as JSON text: indent 2, UTF-8 characters kept, keys in the order built."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def json_path(parts: Iterable[Any]) -> str:
    """``['events', 3, 'date']`` -> ``events[3].date`` (the root is ``(document)``)."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"


@functools.cache
def _fast_check(schema_name: str) -> Any:
    """The schema compiled to Python by fastjsonschema: about 20x faster than jsonschema's
    interpreter, which was 89% of exporting 100,000 events (profiled). The schema uses only
    keywords draft-07 has ($defs reached by $ref; siblings of $ref are descriptions), so it
    is compiled as draft-07; a test holds the two validators to the same verdicts."""
    import fastjsonschema

    schema = {**load_schema(schema_name), "$schema": "http://json-schema.org/draft-07/schema#"}
    return fastjsonschema.compile(schema)


def schema_problems(doc: Any, schema_name: str = "chronology") -> list[tuple[str, str]]:
    """(path, message) for every place ``doc`` breaks the schema, in document order."""
    import fastjsonschema
    import jsonschema
    from jsonschema.exceptions import best_match

    try:
        _fast_check(schema_name)(doc)
        return []
    except fastjsonschema.JsonSchemaValueException:
        pass  # jsonschema names every problem, in words made for the analyst

    validator = jsonschema.Draft202012Validator(load_schema(schema_name))
    problems = []
    for error in validator.iter_errors(doc):
        # descend into anyOf/if-then so the message names the innermost field
        if error.context:
            error = best_match(error.context) or error
        problems.append((json_path(error.absolute_path), error.message))
    problems.sort(key=lambda p: _path_key(p[0]))
    return problems


def _path_key(path: str) -> list[tuple[int, int, str]]:
    # numeric indices sort as numbers, so events[10] comes after events[9]
    key: list[tuple[int, int, str]] = []
    for token in path.replace("[", ".").replace("]", "").split("."):
        key.append((0, int(token), "") if token.isdigit() else (1, 0, token))
    return key


def _iso(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def value_problems(x: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Values JSON allows and the schema accepts but a project cannot hold as they are.

    JSON Schema counts ``5.0`` as an integer; Python does not (a float offset cannot slice a
    text), so a number with a decimal point is refused wherever it is. ``json`` reads
    ``"\\ud800"`` as a lone surrogate, which is not text and cannot be written as UTF-8.
    """
    if isinstance(x, str):
        if not _is_text(x):
            yield (
                path or "(document)",
                "contains a lone surrogate (an escape such as \\ud800 "
                "that is half of a character), which is not text",
            )
    elif isinstance(x, bool) or x is None:
        return
    elif isinstance(x, int):
        if not INT64[0] <= x <= INT64[1]:
            # str() of a huge int is slow or refused: say how long it is instead
            shown = str(x) if x.bit_length() < 200 else f"a {len(hex(abs(x))) - 2}-hex-digit number"
            yield path, f"{shown} is too large for a project (at most {INT64[1]} either way)"
    elif isinstance(x, float):
        yield path, f"{x!r}: write a whole number, without a decimal point"
    elif isinstance(x, dict):
        for key, value in x.items():
            if not _is_text(key):  # not named in the path: it could not be printed
                yield path or "(document)", "a field name contains a lone surrogate"
                continue
            yield from value_problems(value, f"{path}.{key}" if path else key)
    elif isinstance(x, list):
        for i, value in enumerate(x):
            yield from value_problems(value, f"{path}[{i}]")


def _is_text(s: str) -> bool:
    try:
        s.encode("utf-8")  # in C: a walk over every character in Python is slow on big texts
    except UnicodeEncodeError:
        return False
    return True


def _is_edtf(value: Any) -> bool:
    if isinstance(value, str):
        return _is_edtf_text(value)
    return _edtf_ok(value)


@functools.lru_cache(maxsize=1 << 16)  # tens of thousands of ranges at 100,000 events
def _is_edtf_text(value: str) -> bool:
    """Kept: 100,000 events hold a few thousand distinct dates (reading each again was a
    fifth of the export's checks, profiled)."""
    return _edtf_ok(value)


def _edtf_ok(value: Any) -> bool:
    from annotator.core.dates.value import DateValue
    from annotator.core.errors import DateError

    try:
        DateValue.from_edtf(value)
    except DateError:
        return False
    return True


def _date_problems(date: Any, path: str) -> Iterator[tuple[str, str]]:
    if not isinstance(date, dict):
        return
    if not _is_edtf(date.get("value")):
        yield (
            f"{path}.value",
            (
                f"{date.get('value')!r} is not an EDTF date "
                "(e.g. 2025-03-04, 2025-03, 2025-03-10/2025-03-14, 2024~)"
            ),
        )
    lo, hi = _iso(date.get("earliest")), _iso(date.get("latest"))
    if lo is None and date.get("earliest") is not None:
        yield f"{path}.earliest", f"{date.get('earliest')!r} is not a valid ISO date"
    if hi is None and date.get("latest") is not None:
        yield f"{path}.latest", f"{date.get('latest')!r} is not a valid ISO date"
    if lo and hi and lo > hi:
        yield f"{path}.latest", f"latest {date['latest']} is before earliest {date['earliest']}"


def consistency_problems(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """What the schema cannot say: duplicate ids, dangling references, reversed bounds.

    Assumes ``doc`` already passed the schema.
    """
    problems: list[tuple[str, str]] = []
    ids: dict[str, set[str]] = {}
    for coll in ("articles", "passages", "events", "actors", "claims"):
        seen: set[str] = set()
        for i, row in enumerate(doc[coll]):
            if row["id"] in seen:
                problems.append((f"{coll}[{i}].id", f"duplicate id {row['id']!r}"))
            seen.add(row["id"])
        ids[coll] = seen

    def ref(value: Any, coll: str, path: str) -> None:
        if value is not None and value not in ids[coll]:
            problems.append((path, f"{value!r} is not the id of one of the {coll}"))

    for i, art in enumerate(doc["articles"]):
        problems.extend(_date_problems(art["published"], f"articles[{i}].published"))
        ref(art["previous_version"], "articles", f"articles[{i}].previous_version")
    for i, p in enumerate(doc["passages"]):
        ref(p["article_id"], "articles", f"passages[{i}].article_id")
        if p["target"]["source"] != p["article_id"]:
            problems.append((f"passages[{i}].target.source", "differs from article_id"))
        for j, sel in enumerate(p["target"]["selector"]):
            if sel["type"] == "TextPositionSelector" and sel["start"] > sel["end"]:
                problems.append(
                    (
                        f"passages[{i}].target.selector[{j}].end",
                        f"end {sel['end']} is before start {sel['start']}",
                    )
                )
    # The project holds names and tags that show as something: blank ones are refused here,
    # by field, rather than by the file's own rule.
    for coll, key in (("actors", "name"), ("events", "headline"), ("claims", "text")):
        for i, item in enumerate(doc[coll]):
            if _blank(item[key]):
                problems.append((f"{coll}[{i}].{key}", BLANK))
    cite_ids: set[str] = set()
    for coll in ("events", "actors", "claims"):
        for i, item in enumerate(doc[coll]):
            for j, tag in enumerate(item["tags"]):
                if _blank(tag):
                    problems.append((f"{coll}[{i}].tags[{j}]", BLANK))
            for j, cite in enumerate(item["citations"]):
                path = f"{coll}[{i}].citations[{j}]"
                ref(cite["passage_id"], "passages", f"{path}.passage_id")
                if cite["id"] in cite_ids:
                    problems.append((f"{path}.id", f"duplicate citation id {cite['id']!r}"))
                cite_ids.add(cite["id"])
    for i, ev in enumerate(doc["events"]):
        problems.extend(_date_problems(ev["date"], f"events[{i}].date"))
        links: set[tuple[str, str]] = set()
        for j, link in enumerate(ev["actors"]):
            ref(link["actor_id"], "actors", f"events[{i}].actors[{j}].actor_id")
            link_key = (link["actor_id"], link["role"] or "")  # no role is stored as ""
            if link_key in links:
                problems.append(
                    (
                        f"events[{i}].actors[{j}]",
                        f"actor {link_key[0]!r} is already listed with role {link_key[1]!r}",
                    )
                )
            links.add(link_key)
    for i, claim in enumerate(doc["claims"]):
        problems.extend(_date_problems(claim["claimed"], f"claims[{i}].claimed"))
        ref(claim["claimant_id"], "actors", f"claims[{i}].claimant_id")
        ref(claim["event_id"], "events", f"claims[{i}].event_id")
    note_ids: set[str] = set()
    for i, note in enumerate(doc.get("notes", [])):
        about = note["about"]
        ref(about["id"], f"{about['kind']}s", f"notes[{i}].about.id")
        if note["id"] in note_ids:
            problems.append((f"notes[{i}].id", f"duplicate id {note['id']!r}"))
        note_ids.add(note["id"])
        if _blank(note["text"]):
            problems.append((f"notes[{i}].text", BLANK))
    problems.extend(relation_problems(doc.get("relations") or [], ref))
    problems.extend(codebook_problems(doc.get("codebook") or []))
    return problems


def codebook_problems(codes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Duplicate ids or names, blank names, parents missing or inside their own children."""
    problems: list[tuple[str, str]] = []
    by_id: dict[str, dict[str, Any]] = {}
    names: set[str] = set()
    for i, code in enumerate(codes):
        if code["id"] in by_id:
            problems.append((f"codebook[{i}].id", f"duplicate id {code['id']!r}"))
        by_id[code["id"]] = code
        if _blank(code["name"]):
            problems.append((f"codebook[{i}].name", BLANK))
        elif code["name"] in names:
            problems.append((f"codebook[{i}].name", f"the tag {code['name']!r} is listed twice"))
        names.add(code["name"])
    for i, code in enumerate(codes):
        parent, seen = code["parent_id"], {code["id"]}
        if parent is not None and parent not in by_id:
            problems.append((f"codebook[{i}].parent_id", f"{parent!r} is not the id of a code"))
            continue
        while parent is not None and parent in by_id:
            if parent in seen:
                problems.append((f"codebook[{i}].parent_id", "the code is inside itself"))
                break
            seen.add(parent)
            parent = by_id[parent]["parent_id"]
    return problems


BLANK = "is blank (only spaces, or nothing before a NUL character)"


def relation_problems(relations: list[dict[str, Any]], ref: Any) -> list[tuple[str, str]]:
    """Relations name two different events, once each, and close no loop of "part of" or
    "precedes" (the project refuses all three when an analyst makes them)."""
    from annotator.core.vocabulary import relation_words

    problems: list[tuple[str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    ids: set[str] = set()
    chains: dict[tuple[str, str], set[str]] = {}
    for i, r in enumerate(relations):
        path = f"relations[{i}]"
        if r["id"] in ids:
            problems.append((f"{path}.id", f"duplicate id {r['id']!r}"))
        ids.add(r["id"])
        ref(r["source_id"], "events", f"{path}.source_id")
        ref(r["target_id"], "events", f"{path}.target_id")
        key = (r["source_id"], r["kind"], r["target_id"])
        if r["source_id"] == r["target_id"]:
            problems.append((f"{path}.target_id", "relates an event to itself"))
        elif key in seen:
            problems.append((path, f"repeats an earlier relation ({relation_words(r['kind'])})"))
        elif r["kind"] in ("part_of", "precedes") and _reaches(
            chains, r["kind"], r["target_id"], r["source_id"]
        ):
            problems.append((path, f"closes a loop of “{relation_words(r['kind'])}” relations"))
        else:
            chains.setdefault((r["kind"], r["source_id"]), set()).add(r["target_id"])
        seen.add(key)
    return problems


def _reaches(chains: dict[tuple[str, str], set[str]], kind: str, start: str, goal: str) -> bool:
    todo, seen = [start], {start}
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in chains.get((kind, node), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def _blank(text: str) -> bool:
    """SQLite's length() stops at a NUL: a name that starts with one is empty to the file."""
    return not text.split("\x00", 1)[0].strip()


def validate(doc: Any, *, source: str | None = None) -> None:
    """Raise InputError naming the first problems (JSON path: message); return if valid.

    ``source`` (a file name) is put in front of the path in ``where``.
    """
    problems = schema_problems(doc)
    if not problems:
        problems = list(value_problems(doc)) or consistency_problems(doc)
    if not problems:
        return
    path, message = problems[0]
    more = [f"{p}: {m}" for p, m in problems[1:MAX_LISTED]]
    if more:
        message += "; also " + "; ".join(more)
    if len(problems) > MAX_LISTED:
        message += f"; and {len(problems) - MAX_LISTED} more problems"
    where = f"{source}: {path}" if source else path
    raise InputError(
        message,
        where=where,
        hint="fix the field named; see resources/schema/chronology.schema.json",
    )


def read_document(path: Path) -> dict[str, Any]:
    """A chronology JSON file, checked against the schema, or a clear error."""
    from annotator.core.importers.reader import JSON_MAX_BYTES, read_text

    text = read_text(path, limit=JSON_MAX_BYTES)  # a whole export: far above one article
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", where=str(path)
        ) from None
    except RecursionError:
        raise InputError("JSON nested too deeply", where=str(path)) from None
    except ValueError as exc:  # e.g. an integer longer than Python will convert
        raise InputError(f"not a usable JSON file: {exc}", where=str(path)) from None
    drop_unknown_fields(doc)  # a later 1.x file may carry fields this version does not know
    try:
        validate(doc)
    except InputError as exc:
        raise InputError(
            exc.message, where=f"{path}: {exc.where}" if exc.where else str(path), hint=exc.hint
        ) from None
    _check_article_sizes(doc, path)
    return cast(dict[str, Any], doc)  # the schema's root is an object


def _resolve(node: Any, schema: dict[str, Any]) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def drop_unknown_fields(doc: Any, schema: dict[str, Any] | None = None) -> list[str]:
    """Remove, in place, the object fields the schema does not name; returns their paths.

    The versioning rule (see the schema's description): within schema_version 1 a later
    release only adds optional fields, so a reader ignores those it does not know rather
    than refusing the file. The written schema stays strict, so this version's own exports
    hold nothing unknown. Values of the wrong shape are left for ``validate`` to name.
    """
    schema = schema or load_schema()
    dropped: list[str] = []

    def walk(value: Any, node: Any, path: str) -> None:
        node = _resolve(node, schema)
        if not isinstance(node, dict):
            return
        if isinstance(value, dict) and "allOf" in node:  # the selector dispatcher
            kind = value.get("type")
            target = "positionSelector" if kind == "TextPositionSelector" else "quoteSelector"
            if kind in ("TextPositionSelector", "TextQuoteSelector"):
                walk(value, schema["$defs"][target], path)
        elif isinstance(value, dict) and "properties" in node:
            props = node["properties"]
            for key in [k for k in value if k not in props]:
                if node.get("additionalProperties") is False:
                    del value[key]
                    dropped.append(f"{path}.{key}" if path else str(key))
            for key, sub in value.items():
                if key in props:
                    walk(sub, props[key], f"{path}.{key}" if path else key)
        elif isinstance(value, list) and "items" in node:
            for i, item in enumerate(value):
                walk(item, node["items"], f"{path}[{i}]")

    walk(doc, schema, "")
    return dropped


def _check_article_sizes(doc: dict[str, Any], path: Path) -> None:
    """One article in an export keeps the limit of an imported article file."""
    from annotator.core.files import describe_size
    from annotator.core.importers.reader import MAX_BYTES

    for i, article in enumerate(doc.get("articles", [])):
        text = article.get("text") or ""
        if len(text) * 4 > MAX_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise InputError(
                f"article text is too large (the limit is {describe_size(MAX_BYTES)})",
                where=f"{path}: articles[{i}].text",
                hint="split the text into articles",
            )
