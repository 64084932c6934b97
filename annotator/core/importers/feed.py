"""An RSS or Atom feed to one article per entry, through feedparser; never fetches anything.

Each entry gives its title, link (the article's URL), author, publication date (as the feed
writes it, with its time zone) and text: the full content when the feed carries it, else
the summary, else only the title. Entry HTML becomes paragraphs separated by blank lines.
The feed's own title is the outlet, its language the language. A file that is not
well-formed XML, or XML that is no feed, is refused with the parser's line number.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from annotator.core.errors import InputError
from annotator.core.importers.metadata import check_language, clean
from annotator.core.text import normalize_text

_HINT = "check it is the feed file itself (save it again from the address of the feed)"


def feed_to_articles(data: bytes, where: str) -> list[tuple[str, dict[str, str | None]]]:
    """(text, metadata) for every entry, in the feed's order."""
    import feedparser  # type: ignore[import-untyped]

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    problem = parsed.get("bozo_exception")
    if problem is not None and not isinstance(problem, feedparser.CharacterEncodingOverride):
        line = getattr(problem, "getLineNumber", lambda: None)()
        at = f" at line {line}" if line else ""
        raise InputError(
            f"is not a well-formed feed ({type(problem).__name__}{at}: "
            f"{str(getattr(problem, 'getMessage', lambda: problem)())[:80]})",
            where=where,
            hint=_HINT,
        )
    if not parsed.get("version"):
        raise InputError("is XML but not an RSS or Atom feed", where=where, hint=_HINT)
    if not parsed.entries:
        raise InputError("is a feed with no entries", where=where, hint=_HINT)
    channel = parsed.feed
    outlet = clean(channel.get("title"))
    language = check_language(channel.get("language"), where, strict=False)
    return [_entry(entry, outlet, language) for entry in parsed.entries]


def _entry(
    entry: Any, outlet: str | None, language: str | None
) -> tuple[str, dict[str, str | None]]:
    title = clean(entry.get("title"))
    text = ""
    for block in [*entry.get("content", []), entry.get("summary_detail")]:
        if block and clean(block.get("value")):
            text = _to_text(block.get("value"), block.get("type") or "text/html")
            if text:
                break
    meta: dict[str, str | None] = {
        "title": title,
        "author": clean(entry.get("author")),
        "url": clean(entry.get("link")),
        "published": _date(entry.get("published") or entry.get("updated")),
        "outlet": outlet,
        "language": language,
    }
    return text or (title or ""), meta


def _to_text(value: str, kind: str) -> str:
    if "html" not in kind:
        return normalize_text(value).strip()
    import lxml.html  # type: ignore[import-untyped]

    from annotator.core.importers.html_body import block_paragraphs

    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except (ValueError, TypeError):
        return normalize_text(value).strip()
    return "\n\n".join(block_paragraphs(root))


def _date(value: str | None) -> str | None:
    """RFC 822 (RSS) or RFC 3339 (Atom) as ISO 8601 with the feed's own offset."""
    value = clean(value)
    if not value:
        return None
    when: datetime | None = None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (ValueError, TypeError, IndexError):
            return None  # unreadable: the analyst can fill it in
    if when.tzinfo is None:
        return when.date().isoformat() if len(value) <= 10 else when.isoformat()
    return when.isoformat()
