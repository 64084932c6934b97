"""A web address to articles: fetched (``web``), then read by the importer its content type names.

HTML goes through the HTML importer, PDF through the PDF one, RSS and Atom feeds give one
article per entry, plain text is taken as it is; anything else is refused, naming what the
server sent. An entry whose feed carries only a summary gets its linked page fetched and
read as a web page; when that page cannot be had, the summary is kept and a note says so.
The text's charset comes from the Content-Type header, else the page's byte order mark or
UTF-8, else its meta tag. Each article keeps when it was retrieved and every address
asked (redirects included). Addresses the project already holds (``known``: address ->
title) are not fetched again: a note says so and nothing is duplicated.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from annotator.core.errors import InputError
from annotator.core.importers import finish
from annotator.core.importers.article import ImportedArticle
from annotator.core.importers.feed import feed_to_articles
from annotator.core.importers.html import html_to_article, looks_like_html
from annotator.core.importers.metadata import check_language
from annotator.core.importers.pdf import pdf_to_article
from annotator.core.importers.reader import decode_bytes
from annotator.core.importers.unsupported import sniff
from annotator.core.importers.web import Fetched, check_address, fetch
from annotator.core.text import normalize_text

_HTML = frozenset({"text/html", "application/xhtml+xml"})
_FEEDS = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+xml"})
_XML = frozenset({"application/xml", "text/xml", "application/rdf+xml"})
_UNLABELLED = frozenset({"", "application/octet-stream", "binary/octet-stream"})

Fetcher = Callable[[str], Fetched]


@dataclass
class UrlImport:
    """What one address gave: its articles, and what the analyst should be told."""

    url: str
    articles: list[ImportedArticle] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one line each, naming an address


def import_url(
    url: str,
    *,
    known: Mapping[str, str] | None = None,
    fetcher: Fetcher | None = None,
    password: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    published: str | None = None,
    language: str | None = None,
) -> UrlImport:
    """Fetch ``url`` and read it; InputError (where=the address) when it cannot be imported.

    ``fetcher`` fetches one address (``web.fetch`` with the caller's cancel and progress);
    ``known`` maps the addresses already in the project to their article's title: a feed's
    entries already imported are left out (a page asked for by its address is read again).
    """
    get: Fetcher = fetcher or fetch
    known = known or {}
    given = check_address(url)
    result = UrlImport(url=given)
    # A page already imported is fetched again all the same: news pages change after they
    # are published, and the store makes a changed text the article's new version (and
    # says an unchanged one is already there).
    page = get(given)
    explicit: dict[str, str | None] = {
        "title": title,
        "outlet": outlet,
        "author": author,
        "published": published,
        "url": None,
        "language": check_language(language, given, strict=True),
    }
    kind = content_kind(page)
    if kind == "feed":
        if title:
            raise InputError(
                "--title names one article; a feed has one per entry",
                where=given,
                hint="leave it out: each entry keeps its own",
            )
        result.articles, result.notes = _feed(page, explicit, known, get)
        return result
    result.articles = [_one(page, kind, explicit, password)]
    return result


def content_kind(page: Fetched) -> str:
    """'html', 'pdf', 'feed' or 'text' from the Content-Type (sniffed when unlabelled)."""
    kind = page.content_type
    head = page.data[:4096]
    if kind in _HTML:
        return "html"
    if kind == "application/pdf":
        return "pdf"
    if kind in _FEEDS:
        return "feed"
    if kind == "text/plain":
        return "text"
    if kind in _XML:
        if sniff(head.decode("latin-1")) == "feed":
            return "feed"
        raise InputError(
            f"sends {kind} that is not an RSS or Atom feed",
            where=page.url,
            hint="import web pages, PDF files, feeds or plain text",
        )
    if kind in _UNLABELLED:
        text = head.decode("latin-1")
        if head.lstrip().startswith(b"%PDF-"):
            return "pdf"
        if sniff(text) == "feed":
            return "feed"
        if looks_like_html(text):
            return "html"
    said = kind or "no content type"
    raise InputError(
        f"sends {said}, which cannot be read as an article",
        where=page.url,
        hint="import web pages, PDF files, RSS or Atom feeds and plain text; "
        "download anything else and convert it",
    )


def decode_page(page: Fetched) -> str:
    """The body as text: the header's charset, else BOM / UTF-8 / the page's meta tag."""
    data = page.data
    charset = page.charset
    if charset and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"\xfe\xff")):
        try:
            codecs.lookup(charset)
        except LookupError:
            charset = None  # an unknown name: read it as if none was sent
    if charset and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"\xfe\xff")):
        try:
            text = data.decode(charset)
        except UnicodeDecodeError as err:
            raise InputError(
                f"is not valid {charset} text, as its server says it is "
                f"(bad data at byte {err.start})",
                where=page.url,
                hint="save the page from a browser and import the file",
            ) from err
        return decode_bytes(text.encode("utf-8"), page.url)  # the same checks as a file
    return decode_bytes(data, page.url)


def _one(
    page: Fetched, kind: str, explicit: dict[str, str | None], password: str | None
) -> ImportedArticle:
    where = page.url
    found: dict[str, str | None] = {}
    starts: list[int] | None = None
    if kind == "pdf":
        body, found, starts = pdf_to_article(page.data, where, password=password)
    elif kind == "html":
        body, found = html_to_article(normalize_text(decode_page(page)), where)
    else:
        body = normalize_text(decode_page(page))
    art = finish(where, body, explicit, found, {"url": page.final_url}, page_starts=starts)
    return _fetched(art, page)


def _fetched(art: ImportedArticle, page: Fetched) -> ImportedArticle:
    return replace(art, source=page.final_url, retrieved=page.retrieved, fetched_from=page.chain)


def _feed(
    page: Fetched,
    explicit: dict[str, str | None],
    known: Mapping[str, str],
    get: Fetcher,
) -> tuple[list[ImportedArticle], list[str]]:
    where = page.url
    entries = feed_to_articles(page.data, where)
    summaries_only = entries_without_content(page.data)
    articles: list[ImportedArticle] = []
    notes: list[str] = []
    skipped = 0
    for i, (body, meta) in enumerate(entries):
        link = meta.get("url")
        if link and link in known:
            skipped += 1
            continue
        art = _fetched(finish(where, body, explicit, meta), page)
        if i in summaries_only and link:
            try:
                linked = get(link)
                kind = content_kind(linked)
                if kind in ("html", "text", "pdf"):
                    full = _one(linked, kind, {**explicit, "url": link}, None)
                    # The feed's title, date and author are the publisher's own: they stay.
                    art = replace(
                        full,
                        title=art.title,
                        author=art.author or full.author,
                        published=art.published or full.published,
                        outlet=art.outlet or full.outlet,
                        language=art.language or full.language,
                    )
                else:
                    raise InputError("is a feed, not an article", where=link)
            except InputError as exc:
                notes.append(
                    f"{link}: the linked page was not read ({exc.message}); "
                    "the feed's summary was imported instead"
                )
        articles.append(art)
    if skipped:
        noun = "entry" if skipped == 1 else "entries"
        notes.append(f"{where}: {skipped} {noun} already imported, left as they are")
    return articles, notes


def entries_without_content(data: bytes) -> set[int]:
    """The feed entries (by index) that carry a summary at most, not the full text."""
    import feedparser  # type: ignore[import-untyped]

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    return {i for i, entry in enumerate(parsed.entries) if not entry.get("content")}
