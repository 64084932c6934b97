"""Stored values the JSON export checks by form, checked when a project opens.

A flipped bit inside a row changes a value without changing its kind: a time stamp stays
text (``typeof`` passes it) and no index holds it (``integrity_check`` passes it), yet the
export refuses the file, and a byte that is no longer UTF-8 stops every reader of that
row (found by fuzzing). So the columns whose form the export's schema fixes (time stamps,
date bounds, text fingerprints, colours) are matched at open against the schema's own
patterns, read as bytes so that a value that is not UTF-8 is named, not raised.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from pathlib import Path

from annotator.store.damage import damaged

# Table -> column -> the schema's $defs entry (or "article.text_hash"-style property) whose
# pattern it must match: the columns the JSON export writes into a patterned field.
_STAMPS = {"created": "timestamp", "modified": "timestamp"}
FORMS: dict[str, dict[str, str]] = {
    "articles": {
        **_STAMPS,
        "text_hash": "article.text_hash",
        "published_earliest": "isodatetime",
        "published_latest": "isodatetime",
    },
    "passages": {**_STAMPS, "text_hash": "passage.text_hash"},
    "events": {**_STAMPS, "date_earliest": "isodatetime", "date_latest": "isodatetime"},
    "actors": dict(_STAMPS),
    "claims": {**_STAMPS, "claimed_earliest": "isodatetime", "claimed_latest": "isodatetime"},
    "citations": {"created": "timestamp"},
    "codes": {**_STAMPS, "color": "code.color"},
    "event_relations": dict(_STAMPS),
    "notes": dict(_STAMPS),
    "suggestion_dismissals": dict(_STAMPS),
}
# Texts too long to read at every open (a sample of 200 articles is megabytes): only the
# whole-file checks read them, as quick_check does.
LONG = {("articles", "text")}
# What a value that fails its form is, in words.
_WHAT = {
    "timestamp": "is not a time",
    "isodatetime": "is not a date",
    "article.text_hash": "is not a text fingerprint",
    "passage.text_hash": "is not a text fingerprint",
    "code.color": "is not a colour",
}

_D = "[0-9]"
_DAY = f"{_D * 4}-{_D * 2}-{_D * 2}"
_HEX = "[0-9a-f]" * 64
# The form this app writes each in (every character matched, so only ASCII passes): a
# value that has it needs no call into Python, which costs more than the scan itself.
_USUAL = {
    "timestamp": f"{_DAY}T{_D * 2}:{_D * 2}:{_D * 2}.{_D * 3}Z",
    "isodatetime": f"{_DAY}T{_D * 2}:{_D * 2}:{_D * 2}",
    "article.text_hash": f"sha256:{_HEX}",
    "passage.text_hash": f"sha256:{_HEX}",
    "code.color": f"#{'[0-9a-f]' * 6}",
}


@cache
def _patterns() -> dict[str, re.Pattern[bytes]]:
    """The export schema's patterns, as byte patterns: a byte that is not ASCII never
    matches ``\\d`` or a class of ASCII letters, so a value that is not UTF-8 fails too."""
    from annotator.core.export.json_export import load_schema

    defs = load_schema()["$defs"]
    found: dict[str, re.Pattern[bytes]] = {}
    for name in _WHAT:
        node = defs[name] if "." not in name else defs[name.split(".")[0]]["properties"]
        pattern = node["pattern"] if "." not in name else node[name.split(".")[1]]["pattern"]
        found[name] = re.compile(pattern.encode("ascii"))
    return found


def _bad(form: str, value: bytes | None) -> int:
    if value is None:
        return 0
    # search, as the export's schema check matches (its patterns carry ^ and $)
    return int(_patterns()[form].search(value) is None)


def _not_text(value: bytes | None) -> int:
    if value is None:
        return 0
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return 1
    return 0


def check_forms(
    con: sqlite3.Connection,
    path: Path,
    columns: dict[str, list[tuple[str, str]]],
    *,
    limit: int | None,
) -> None:
    """Raise the damaged-file error naming the first row whose value has the wrong form,
    or holds text that is not UTF-8 (which no reader of the row gets past).

    ``columns`` is the file's expected schema; ``limit`` checks only the first rows of each
    table (None: every row). One pass over each table."""
    con.create_function("annotator_bad_form", 2, _bad, deterministic=True)
    con.create_function("annotator_not_text", 1, _not_text, deterministic=True)
    for table, cols in sorted(columns.items()):
        if "_fts" in table or table.startswith("_sqlite"):
            continue  # the search indexes: FTS5 checks its own (file_checks._check_fts)
        forms = FORMS.get(table, {})
        tests = [
            f"WHEN NOT ([{c}] GLOB '{_USUAL[forms[c]]}') "
            f"AND annotator_bad_form('{forms[c]}', CAST([{c}] AS BLOB)) THEN '{c}'"
            for c, _kind in cols
            if c in forms
        ]
        texts = [
            c
            for c, kind in cols
            if kind == "TEXT" and c not in forms and (limit is None or (table, c) not in LONG)
        ]
        if texts:
            # One call a row, not one a value (a call costs more than decoding a value): the
            # row's texts joined by NUL bytes, which end any sequence a value leaves open.
            joined = " || x'00' || ".join(f"coalesce(CAST([{c}] AS BLOB), x'')" for c in texts)
            tests.append(f"WHEN annotator_not_text(CAST({joined} AS BLOB)) THEN '*'")
        if not tests:
            continue
        key = "id" if any(c == "id" for c, _kind in cols) else cols[0][0]
        rows = f" LIMIT {limit}" if limit else ""
        bad = con.execute(
            f"SELECT rid, bad FROM (SELECT CAST([{key}] AS BLOB) AS rid, "
            f"CASE {' '.join(tests)} END AS bad FROM [{table}]{rows}) "
            "WHERE bad IS NOT NULL LIMIT 1"
        ).fetchone()
        if bad:
            row_id = bytes(bad[0] or b"").decode("utf-8", "replace")
            if bad[1] in forms:
                raise damaged(path, f"{table} row {row_id}: {bad[1]} {_WHAT[forms[bad[1]]]}")
            column = next(
                c
                for c in texts
                if con.execute(
                    f"SELECT annotator_not_text(CAST([{c}] AS BLOB)) FROM [{table}] "
                    f"WHERE CAST([{key}] AS BLOB) = ?",
                    [bad[0]],
                ).fetchone()[0]
            )
            raise damaged(path, f"{table} row {row_id}: {column} is not readable text")
