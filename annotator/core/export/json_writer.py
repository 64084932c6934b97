"""The chronology document written piece by piece, with the bytes ``json_export.dumps`` gives.

``json.dumps(doc, indent=2)`` holds the whole text (about 2 GB at 100,000 events, with the
article texts) and, with an indent, runs the standard library's pure-Python encoder (8.6 s
at that size, profiled). Here each record of the document's lists is written on its own by
orjson, whose two-space indent is the standard library's (same separators, the same
escapes with the characters kept as they are; a test holds the two to the same bytes),
then indented to its place in the document.
"""

from __future__ import annotations

import json
from typing import IO, Any

import orjson

_INDENT = orjson.OPT_INDENT_2


def element(record: Any) -> bytes:
    """``record`` as an element of a top-level list (four spaces in), as UTF-8.

    Raises ``TypeError`` (orjson's ``JSONEncodeError``) for what orjson will not write the
    way ``json.dumps`` does: a lone surrogate, an integer beyond 64 bits, a key that is
    not text. ``dumps_element`` writes those as the standard library does.
    """
    # A newline inside a JSON text is always between values (a string's is escaped).
    return orjson.dumps(record, option=_INDENT).replace(b"\n", b"\n    ")


def dumps_element(record: Any) -> bytes:
    """The standard library's writing of ``element``: for what orjson refuses."""
    text = json.dumps(record, indent=2, ensure_ascii=False).replace("\n", "\n    ")
    return text.encode("utf-8")


class DocumentWriter:
    """Writes ``{ "key": value, "list": [record, ...], ... }`` to a binary file as UTF-8,
    one top-level field or list element at a time, exactly as ``json_export.dumps`` would
    write the whole document (its trailing newline included)."""

    def __init__(self, out: IO[bytes]):
        self.out = out
        self.fields = 0
        self.items = 0

    def _key(self, key: str) -> None:
        self.out.write(b",\n  " if self.fields else b"{\n  ")
        self.out.write(orjson.dumps(key) + b": ")
        self.fields += 1

    def field(self, key: str, value: Any) -> None:
        """One top-level field, written whole."""
        self._key(key)
        self.out.write(orjson.dumps(value, option=_INDENT).replace(b"\n", b"\n  "))

    def begin_list(self, key: str) -> None:
        self._key(key)
        self.items = 0

    def element(self, data: bytes) -> None:
        """One element of the open list, from ``element``."""
        self.out.write(b",\n    " if self.items else b"[\n    ")
        self.out.write(data)
        self.items += 1

    def end_list(self) -> None:
        self.out.write(b"\n  ]" if self.items else b"[]")

    def close(self) -> None:
        self.out.write(b"\n}\n" if self.fields else b"{}\n")
