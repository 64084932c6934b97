"""HTML page to article text and metadata; never touches the network.

The body comes from two extractors combined (``html_body``), the title and byline from the
page's own metadata (``html_meta``); trafilatura's metadata reader gives the site name
(outlet), canonical URL and publication date (htmldate, the original date). Dates come
from metadata only (meta tags, JSON-LD, <time>, the URL): free-text date guessing is off,
because a footer's "© 2024" is not a publication date. A full timestamp keeps the
publisher's calendar day.

Entities are decoded once: a page that shows ``&lt;script&gt;`` to its readers yields the
literal text ``<script>``, which stays text.
"""

from __future__ import annotations

import copy
import re
import warnings
from typing import Any

from annotator.core.errors import InputError
from annotator.core.importers.html_body import extract_body, page_link_texts
from annotator.core.importers.html_meta import json_ld, page_byline, title_candidates
from annotator.core.importers.metadata import check_language, clean
from annotator.core.importers.reader import MAX_BYTES

_FURNITURE = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "button",
    "select",
    "svg",
    "iframe",
    "menu",
)
_NO_BODY_HINT = (
    "check this is the article page itself, not an index, login or consent page; "
    "or copy the article text into a .txt file"
)
_WORD = re.compile(r"\w{2,}")
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?"
    r"(?:<!doctype\s+html|<html|<head|<body)",
    re.I | re.S,
)


def looks_like_html(text: str) -> bool:
    """Sniff files with no telling extension."""
    return bool(_HTML_START.match(text[:4096]))


def html_to_article(source: str, where: str) -> tuple[str, dict[str, str | None]]:
    """Return (body text, metadata dict with title/outlet/author/url/published/language)."""
    from trafilatura.metadata import extract_metadata  # heavy: imported only for a page
    from trafilatura.utils import load_html

    tree = load_html(source)
    if tree is None:
        raise InputError(
            "cannot be read as HTML", where=where, hint="check the file is a saved web page"
        )
    page = _page_facts(tree)
    if not page["words"]:
        raise InputError(
            "no article body found (the page holds only navigation and other furniture)",
            where=where,
            hint=_NO_BODY_HINT,
        )
    objects = json_ld(tree)
    titles = title_candidates(tree, objects)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # library notices are not the user's problem
            body = extract_body(tree, titles, page_link_texts(tree), MAX_BYTES + 1)
            doc = extract_metadata(
                copy.deepcopy(tree),
                date_config={"extensive_search": False, "original_date": True},
                extensive=False,
            )
    except (ValueError, TypeError, LookupError, RecursionError) as err:
        # malformed markup deep inside lxml/htmldate: the page, not the program, is at fault
        raise InputError(
            f"cannot be read as HTML ({type(err).__name__})",
            where=where,
            hint="re-save the page from a browser, or copy its text into a .txt file",
        ) from err
    if not _WORD.search(body) or _only_link_text(body, page["link_text"]):
        raise InputError("no article body found", where=where, hint=_NO_BODY_HINT)

    outlet = clean(doc.sitename)
    if outlet and doc.hostname and outlet.lower() == str(doc.hostname).lower():
        outlet = None  # trafilatura's fallback from the URL, not the page's own site name
    meta: dict[str, str | None] = {
        "title": titles[0] if titles else clean(doc.title),
        "author": page_byline(tree, objects) or clean(doc.author),
        "outlet": outlet,
        "url": clean(doc.url),
        "published": clean(doc.date),
        "language": check_language(page["language"], where, strict=False),
    }
    return body, meta


def _page_facts(tree: Any) -> dict[str, Any]:
    """What we read from the page before trafilatura (which edits the tree it is given)."""
    root = tree.getroottree().getroot()
    language = (
        root.get("lang")
        or root.get("xml:lang")
        or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    )
    if not language:
        for meta in root.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                language = meta.get("content")
    link_text = " ".join(" ".join(a.itertext()) for a in root.iter("a"))
    content = copy.deepcopy(root)
    for element in list(content.iter(*_FURNITURE)):
        if element.getparent() is not None:
            element.drop_tree()
    head = content.find("head")
    if head is not None:
        head.drop_tree()
    text = " ".join(content.itertext())
    return {
        "language": language,
        "link_text": " ".join(link_text.split()),
        "words": bool(_WORD.search(text)),
    }


def _only_link_text(body: str, link_text: str) -> bool:
    """A 'body' made only of link labels is a menu that survived extraction."""
    lines = [" ".join(ln.split()) for ln in body.split("\n") if ln.strip()]
    return bool(lines) and all(ln in link_text for ln in lines)
