"""Schema-aware mutations of a valid exported chronology, so most cases reach the loader.

Random edits anywhere in a document nearly always break the schema, so the loader behind
it is never exercised. Here each case changes the VALUES of a few fields of a valid export,
chosen for the field's kind (an id, a date bound, an offset, a text...), mostly keeping the
type the schema wants: lone surrogates (written as ``\\ud800`` escapes in the JSON text, or as
raw bytes), integers too large for SQLite, ``5.0`` for an offset, null where a string
belongs, non-EDTF dates with valid bounds, huge strings, control characters, ids that
collide by case or punctuation, and now and then a wrong type. Each case carries the
indices of the document paths it touched, for the coverage figure.
"""

from __future__ import annotations

import json
import random
from typing import Any

from hypothesis import strategies as st

from annotator.reliability import fuzz_inputs as fi

Path_ = tuple[Any, ...]
Case = tuple[bytes, frozenset[int]]

TERMINAL = [
    "\x1b[31mred\x1b[0m",
    "\x1b]0;owned\x07",
    "\x1b[2J",
    "\x9b31m",
    "\r",
    "\x08\x08",
    "\x07",
    "\x00",
    "\x7f",
    "\u202e",
    "\t",
    "\u2028",
]
HOSTILE_STRINGS = [
    *fi.SURROGATES,
    *TERMINAL,
    *fi.HOSTILE,
    "",
    " ",
    "-",
    "*",
    '"',
    "NEAR",
    "talks OR",
    "\\ud800",
    "\U0001d518\u0301" * 50,
]
# Valid for the id pattern, but colliding with another id after case folding or slugging.
ID_COLLISIONS = [
    "ab_c",
    "ab-c",
    "ab.c",
    "ab:c",
    "ABC",
    "abc",
    "Abc",
    "a" * 128,
    "0",
    "a:b",
    "a--b",
    "a__b",
]
DATE_VALUES = [
    "spring 2025",
    "2025-02-30",
    "2025-13",
    "yesterday",
    "2025-03-04/2025-03-01",
    "99999-01-01",
    "-0001",
    "2025~",
    "2025?",
    "[2025,2026]",
    "2025-21",
    "X",
    "..",
    "2025-03-04T25:00",
    "1e308",
]
BOUNDS = [
    "2025-03-04T00:00:00",
    "-99999-01-01",
    "99999-12-31T23:59:59",
    "2025-02-30",
    "0000-01-01",
    "2025-03-04T23:59:59.999999",
    "10000-01-01",
    "-0001-01-01",
]
TIMESTAMPS = [
    "9999-12-31T23:59:59Z",
    "0000-00-00T00:00:00Z",
    "2025-02-30T10:00:00+14:00",
    "2025-03-04T10:00:00.123456-23:59",
]
BIG_INTS = [10**30, 2**63, 2**63 - 1, 10**400, 0, 2**31, -(10**30), -1]


FREE_TEXT = {
    "generator",
    "title",
    "outlet",
    "author",
    "url",
    "language",
    "text",
    "source",
    "headline",
    "description",
    "location",
    "type",
    "phrase",
    "anchor",
    "note",
    "analyst",
    "name",
    "role",
    "exact",
    "prefix",
    "suffix",
    "aliases",
    "tags",
}


def huge_string(rng: random.Random) -> str:
    piece = rng.choice(["x", "\x1b[1m", "\ud800", "talks ", "\U0001f600", "\x00"])
    return piece * (rng.randint(10_000, 400_000) // len(piece))


def hostile_string(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.08:
        return huge_string(rng)
    if roll < 0.5:
        return rng.choice(HOSTILE_STRINGS)
    return "".join(
        rng.choice([*HOSTILE_STRINGS, "talks", " ", "Paris", "4 March 2025"])
        for _ in range(rng.randint(1, 6))
    )


def schema_enums() -> dict[str, list[Any]]:
    """Field name -> the values the shipped schema allows it (several fields share a name)."""
    from annotator.core.export.json_export import load_schema

    enums: dict[str, list[Any]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for name, sub in (node.get("properties") or {}).items():
                if isinstance(sub, dict) and "enum" in sub:
                    enums.setdefault(name, []).extend(
                        v for v in sub["enum"] if v not in enums.get(name, [])
                    )
            for sub in node.values():
                walk(sub)
        elif isinstance(node, list):
            for sub in node:
                walk(sub)

    walk(load_schema())
    return enums


# A valid other value keeps the case going to the loader.
ENUMS = schema_enums()
PASSAGE_STATUS = ("anchored", "reanchored", "orphan")
WRONG_TYPES: list[Any] = [None, 5, 5.0, True, [], {}, ["x"], {"a": 1}, 10**30, "5"]


def _key(path: Path_) -> str:
    """The field name of a path (the nearest string part)."""
    return next((p for p in reversed(path) if isinstance(p, str)), "")


def value_for(path: Path_, current: Any, rng: random.Random) -> Any:
    """A replacement for the value at ``path``, mostly of the type the schema expects."""
    if rng.random() < 0.05:
        return rng.choice(WRONG_TYPES)
    key = _key(path)
    if key == "type" and "selector" in path:
        return current if rng.random() < 0.9 else hostile_string(rng)  # one must be a quote
    enum = ENUMS.get(key) if key != "type" else None  # an event's type is free text
    if key == "status":  # a passage's status and a date's share the name
        enum = [
            v
            for v in enum or []
            if (v in PASSAGE_STATUS) == (path[0] == "passages" and len(path) == 3)
        ]
    if enum:
        return hostile_string(rng) if rng.random() < 0.05 else rng.choice(enum)
    if (
        key == "id"
        or key.endswith("_id")
        or key == "previous_version"
        or (key == "source" and "target" in path)
    ):
        return rng.choice(ID_COLLISIONS)
    if key in ("earliest", "latest"):
        return rng.choice(BOUNDS)
    if key == "value":
        return rng.choice(DATE_VALUES)
    if key in ("created", "modified"):
        return rng.choice(TIMESTAMPS)
    if key in ("start", "end", "day_seq") or (
        isinstance(current, int) and not isinstance(current, bool)
    ):
        return rng.choice(
            [*BIG_INTS, 5.0, 1e308, rng.randint(-(2**70), 2**70), rng.randint(0, 20_000)]
        )
    if key == "text_hash":
        return rng.choice(["sha256:" + "0" * 64, "sha256:" + "f" * 64])
    if current is None or key in ("role", "outlet", "author", "url", "note"):
        return None if rng.random() < 0.3 else hostile_string(rng)
    return hostile_string(rng)


def leaf_paths(doc: Any) -> list[Path_]:
    """Paths to the document's field values (not to its objects and lists)."""
    return [p for p in fi.paths_of(doc) if p and not isinstance(_at(doc, p), dict | list)]


def _at(doc: Any, path: Path_) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def _copy(doc: Any) -> Any:
    return json.loads(json.dumps(doc))


def rename_ids(doc: dict[str, Any], coll: str, names: list[str]) -> dict[str, Any]:
    """Give the first rows of ``coll`` (and every reference to them) the ``names`` as ids."""
    text = json.dumps(doc)
    for row, name in zip(doc[coll], names, strict=False):
        text = text.replace(json.dumps(row["id"]), json.dumps(name))  # ids are unique hex
    return json.loads(text)


def undated(doc: dict[str, Any]) -> dict[str, Any]:
    doc = _copy(doc)
    for event in doc["events"]:
        event["date"] = None
    return doc


def serialise(doc: Any, ascii_escapes: bool) -> bytes:
    """``ensure_ascii=True`` writes a lone surrogate as the escape ``\\ud800`` (valid JSON
    text); without it the surrogate goes out as raw (invalid UTF-8) bytes."""
    return json.dumps(doc, ensure_ascii=ascii_escapes).encode("utf-8", "surrogatepass")


class JsonCases:
    """Cases over one base document, drawn from a seeded ``random.Random`` (so a case is
    reproduced from one integer), with the document paths each touched."""

    def __init__(self, base: dict[str, Any]):
        self.base = base
        self.paths = fi.paths_of(base)
        self.index = {p: i for i, p in enumerate(self.paths)}
        self.leaves = leaf_paths(base)
        self.text_leaves = [p for p in self.leaves if _key(p) in FREE_TEXT]

    def _start(self, rng: random.Random) -> tuple[dict[str, Any], list[Path_]]:
        """Most cases start from the export; some from a document-wide change."""
        roll = rng.random()
        if roll < 0.15:
            coll = rng.choice(["events", "actors"])
            names = rng.sample(ID_COLLISIONS, rng.randint(2, 4))
            return rename_ids(self.base, coll, names), [(coll, i, "id") for i in range(len(names))]
        if roll < 0.22:
            return undated(self.base), [
                ("events", i, "date") for i in range(len(self.base["events"]))
            ]
        return _copy(self.base), []

    def mutated(self, rng: random.Random) -> Case:
        doc, touched = self._start(rng)
        if rng.random() < 0.3:  # many free-text fields at once: these keep the schema
            edits = rng.sample(self.text_leaves, min(len(self.text_leaves), rng.randint(5, 40)))
        else:
            edits = [rng.choice(self.leaves) for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 5]))]
        for path in edits:
            try:
                _at(doc, path[:-1])[path[-1]] = value_for(path, _at(self.base, path), rng)
            except (KeyError, IndexError, TypeError):
                continue  # a document-wide change removed that field (e.g. undated)
            touched.append(path)
        ids = frozenset(self.index[p] for p in touched if p in self.index)
        return serialise(doc, ascii_escapes=rng.random() < 0.8), ids

    def cases(self) -> st.SearchStrategy[Case]:
        """Nine in ten near-valid documents; the rest raw junk and the old structural edits."""
        junk = fi.json_document_bytes(self.base).map(lambda b: (b, frozenset[int]()))

        def pick(n: int) -> st.SearchStrategy[Case]:
            rng = random.Random(n)
            return junk if rng.random() < 0.1 else st.just(self.mutated(rng))

        return st.integers(0, 2**64).flatmap(pick)
