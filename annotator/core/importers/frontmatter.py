"""A small metadata header at the top of a text or Markdown file.

    ---
    title: Leaders meet in London
    outlet: The Example Gazette
    published: 2025-03-02
    ---

Only ``key: value`` lines, one per field, no YAML (no lists, no nesting, no multi-line
values); a value may be wrapped in matching quotes. Keys are case-insensitive; ``date`` is
accepted for ``published``, ``lang`` for ``language``, ``source``/``site`` for ``outlet``,
``byline`` for ``author`` and ``link`` for ``url``. Other keys (``layout``, ``tags`` from
blog generators) are ignored. Blank lines and ``#`` comment lines are allowed.
"""

from __future__ import annotations

import re

from annotator.core.errors import InputError

_ALIASES = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "site": "outlet",
    "publication": "outlet",
    "author": "author",
    "authors": "author",
    "byline": "author",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "language": "language",
    "lang": "language",
}
_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)\s*:\s?(.*)")
_FENCE = "---"
_MAX_LINES = 50  # a header, not a document


def split_front_matter(text: str, where: str) -> tuple[dict[str, str], str]:
    """Return (fields, body). Text that does not start with a front-matter block is all body.

    ``text`` must already be normalised (``\\n`` newlines); the body is returned exactly as
    it follows the closing ``---`` line.
    """
    if not text.startswith(_FENCE + "\n"):
        return {}, text
    lines = text.split("\n")
    first = next((ln for ln in lines[1:] if ln.strip()), "")
    if not _LINE.fullmatch(first.strip()):
        return {}, text  # a Markdown rule '---' at the top, not a header
    fields: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() == _FENCE:
            body = "\n".join(lines[number:])
            return fields, body
        if number > _MAX_LINES:
            break
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _LINE.fullmatch(stripped)
        if not match:
            raise InputError(
                f"front matter line {number} is not 'key: value' ({stripped[:40]!r}); "
                "is the closing '---' missing?",
                where=where,
                hint="write one 'key: value' per line, or remove the header",
            )
        key, value = match.group(1).lower(), match.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1].strip()
        field = _ALIASES.get(key)
        if field is None:
            continue
        if field in fields:
            raise InputError(
                f"front matter line {number} repeats '{field}'",
                where=where,
                hint="give each field once",
            )
        fields[field] = value
    raise InputError(
        "front matter is not closed",
        where=where,
        hint="end the header with a line holding only '---'",
    )
