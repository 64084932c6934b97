"""Hypothesis strategies for arbitrary and adversarial input.

Binary noise, huge lines, deep HTML, wrong encodings, lone UTF-16 surrogates (as text and
as bytes), NUL bytes, other formats' magic numbers, and date phrases with gigantic numbers.
Used by the fuzz targets (``fuzz.py``), from the tests and from ``annotator reliability``.
"""

from __future__ import annotations

import codecs
import json
from typing import Any

from hypothesis import strategies as st

# Every code point, lone surrogates included (hypothesis leaves category Cs out by default).
any_char = st.characters(codec=None, exclude_categories=())
any_text = st.text(any_char, max_size=300)
SURROGATES = ["\ud800", "\udfff", "\udc00x", "a\ud83d", "\ud83d\ude00"[::-1]]

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="http://evil.example/x.png">',
    '=HYPERLINK("http://evil.example","x")',
    "javascript:alert(1)",
    "\x00",
    "\ufeff",
    "\u202e",
    "\r\n",
    "\u2028",
    "&#0;",
    "]]>",
    "{{7*7}}",
    "%s%n",
    "\\x00",
]

DATE_BITS = [
    "4 March 2025",
    "March 4",
    "2025-03-04",
    "99999999999999999999 March 2025",
    "4 March 99999999999999",
    "9" * 400,
    "-9999",
    "10000-01-01",
    "0000-00-00",
    "2025-02-30",
    "31/02/2025",
    "spring 2025",
    "Q5 2025",
    "the 1990s",
    "1990s-2000s",
    "~2025?",
    "2025-03-04/2025-03-01",
    "yesterday",
    "last Tuesday",
    "3 days later",
    "between 1 and 2 March",
    "1e308",
    "2025-21",
    "2025-W60",
    "P99999999999Y",
    "T25:61",
    "4 March 2025 25:00",
    "before",
    "..",
    "/",
    "?",
    "%",
]


def _huge(piece: str, n: int) -> str:
    return piece * n


def _deep(tag: str, n: int, inner: str) -> str:
    close = tag.split(">")[0].split()[0]
    return f"<{tag}>" * n + inner + f"</{close}>" * n


huge_line = st.builds(_huge, st.text(any_char, min_size=1, max_size=8), st.integers(5_000, 120_000))
deep_html = st.builds(
    _deep,
    st.sampled_from(["div", "b", "span", "ul><li", "blockquote", "table><tr><td", "p"]),
    st.integers(50, 3_000),
    any_text,
)
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE + SURROGATES + DATE_BITS), any_text), max_size=20
).map(" ".join)
date_text = st.one_of(
    st.lists(
        st.one_of(
            st.sampled_from(DATE_BITS),
            st.integers(-(10**30), 10**30).map(str),
            st.sampled_from(
                [
                    "March",
                    "Mar.",
                    "to",
                    "-",
                    "/",
                    " ",
                    "c.",
                    "AD",
                    "BC",
                    "of",
                    "early",
                    "late",
                    "mid",
                    "around",
                    "T",
                    "Z",
                ]
            ),
        ),
        max_size=8,
    ).map(" ".join),
    any_text,
    st.sampled_from(SURROGATES),
    huge_line.map(lambda s: s[:20_000]),
)
adversarial_text = st.one_of(any_text, hostile_text, date_text, huge_line, deep_html)

CODECS = [
    "utf-8",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "latin-1",
    "cp1252",
    "shift_jis",
    "utf-7",
    "koi8-r",
]
MAGIC = [
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"\x89PNG\r\n\x1a\n",
    b"SQLite format 3\x00",
    b"\xd0\xcf\x11\xe0",
    b"\x1f\x8b\x08",
    b"GIF89a",
    b"\x7fELF",
    b"{\\rtf1",
]


def _encode(text: str, codec: str) -> bytes:
    return text.encode(codec, errors="surrogatepass" if codec.startswith("utf") else "replace")


adversarial_bytes = st.one_of(
    st.binary(max_size=4096),
    st.builds(_encode, adversarial_text, st.sampled_from(CODECS)),
    # UTF-16 with a BOM and a lone surrogate, or an odd length
    st.builds(
        lambda a, b: codecs.BOM_UTF16_LE + a.encode("utf-16-le", "surrogatepass") + b"\x00\xd8" + b,
        any_text,
        st.binary(max_size=3),
    ),
    st.builds(lambda m, b: m + b, st.sampled_from(MAGIC), st.binary(max_size=512)),
    st.builds(
        lambda t, i: (t[:i] + "\x00" + t[i:]).encode("utf-8", "surrogatepass"),
        hostile_text,
        st.integers(0, 50),
    ),
    st.builds(lambda s: s.encode("utf-8", "surrogatepass"), adversarial_text),
)

FILE_KINDS = [".txt", ".md", ".html", ".htm", ".xhtml", ".bin", "", ".TXT", ".markdown"]


def html_page(body: str, title: str) -> str:
    return (
        f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title>"
        f'<meta property="article:published_time" content="{title[:30]}">'
        f"<script src='http://evil.example/x.js'></script></head>"
        f"<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )


article_files = st.one_of(
    st.tuples(adversarial_bytes, st.sampled_from(FILE_KINDS)),
    st.tuples(
        st.builds(
            lambda b, t: html_page(b, t).encode("utf-8", "surrogatepass"),
            adversarial_text,
            hostile_text,
        ),
        st.sampled_from([".html", ""]),
    ),
    st.tuples(
        st.builds(
            lambda fm, b: f"---\n{fm}\n---\n{b}".encode("utf-8", "surrogatepass"),
            st.sampled_from(
                [
                    "title: x",
                    "published: 99999999-01-01",
                    "language: ??",
                    "title: [1, 2",
                    "published: 2025-02-30",
                    ": :",
                ]
            ),
            adversarial_text,
        ),
        st.sampled_from([".md", ".txt"]),
    ),
)

# JSON values for replacing parts of a valid document.
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**400), 10**400),
    st.floats(allow_nan=True),
    any_text,
    st.sampled_from(HOSTILE + SURROGATES + DATE_BITS + ["", " ", "0" * 64]),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(any_text, inner, max_size=4)
    ),
    max_leaves=12,
)


def paths_of(doc: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into a JSON document, for choosing one to mutate."""
    out = [prefix]
    if isinstance(doc, dict):
        for key, value in doc.items():
            out.extend(paths_of(value, (*prefix, key)))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            out.extend(paths_of(value, (*prefix, i)))
    return out


def mutate(doc: Any, path: tuple, how: str, value: Any) -> Any:
    """A copy of ``doc`` with the part at ``path`` replaced, removed or duplicated."""
    doc = json.loads(json.dumps(doc))
    if not path:
        return value
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == "delete":
        del parent[last]
    elif how == "duplicate" and isinstance(parent, list):
        parent.append(json.loads(json.dumps(parent[last])))
    else:
        parent[last] = value
    return doc


def json_document_bytes(base: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """Documents near a valid one (a few parts changed), and raw junk."""
    paths = paths_of(base)
    edits = st.lists(
        st.tuples(
            st.integers(0, len(paths) - 1),
            st.sampled_from(["replace", "delete", "duplicate"]),
            json_values,
        ),
        min_size=0,
        max_size=4,
    )

    def build(changes: list[tuple[int, str, Any]]) -> bytes:
        doc: Any = base
        for index, how, value in changes:
            try:
                doc = mutate(doc, paths[index], how, value)
            except (KeyError, IndexError, TypeError):
                continue  # that path no longer exists after an earlier change
        return json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")

    return st.one_of(
        edits.map(build),
        adversarial_bytes,
        st.integers(1_000, 200_000).map(lambda n: b"[" * n + b"]" * n),
        st.integers(1, 5_000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
        st.just(json.dumps(base).encode()[:-5]),
        st.integers(4_301, 20_000).map(lambda n: b'{"schema_version": ' + b"9" * n + b"}"),
    )
