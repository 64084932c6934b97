"""A page's own title and byline, from its metadata first and its visible text last.

Title, first found: JSON-LD ``headline`` of an article object, ``og:title``,
``twitter:title``, ``<title>`` with the site name cut off, then the first ``<h1>`` (last,
because on many sites the first h1 is the site's or the section's name). Byline: JSON-LD
``author``, a ``<meta name="author">`` (or ``article:author`` when it is a name, not a
link), then an element marked as the byline (``rel="author"``, ``itemprop="author"``, a
class or id naming a byline or author). Names are kept as the page writes them, less what
is not a name: a leading "Analysis by", a trailing role or outlet ("…, AP Auto Writer",
"…, Cleveland.com", "…, CNN Editor-at-large"), "View More Articles", "1 day ago".
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Collection
from typing import Any

from annotator.core.importers.metadata import clean

_ARTICLE_TYPES = re.compile(r"article|posting|report|blog|webpage", re.I)
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\u2013\u2014·•»]|-|::)\s+")
_BYLINE_HINT = re.compile(r"byline|author", re.I)
_BY = re.compile(r"^\s*(?:(?:posted|written)\s+)?(?:by|par|von|por|di|door)\s*:?\s+", re.I)
_NOT_BYLINE_TAGS = frozenset({"meta", "link", "script", "style", "input", "textarea", "label"})
_NOT_A_NAME = re.compile(r"https?://|www\.|@|\d{3}", re.I)
_MAX_BYLINE = 100
_LEAD = re.compile(
    r"^\s*(?:(?:analysis|opinion|commentary|story|words|text|reporting|report)\s+(?:by|from)\s+"
    r"|(?:text|author|autor|auteur|текст|автор)\s*:\s*)",
    re.I,
)
_NOISE = re.compile(
    r"\s*(?:\bview (?:more|all) (?:articles|posts|stories)\b.*|\bmore (?:articles|posts|stories)"
    r" (?:by|from)\b.*|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?) ago\b.*)$",
    re.I,
)
_ROLE = re.compile(
    r"\b(?:writer|editor|correspondent|reporter|staff|contributor|columnist|bureau|producer|"
    r"analyst|at-large|special to|news service|wire|desk)\b|\.(?:com|org|net|co|uk|in|de|fr)\b",
    re.I,
)
# News agencies that follow a reporter's name ("MEG KINNARD, AP"): the outlet, not a co-author.
_AGENCIES = frozenset(
    {
        "ap",
        "associated press",
        "the associated press",
        "reuters",
        "afp",
        "upi",
        "dpa",
        "ani",
        "pti",
        "ians",
        "bloomberg",
        "cnn",
        "bbc",
        "efe",
        "xinhua",
        "tass",
        "kyodo",
    }
)
_CREDENTIAL = re.compile(r"^(?:[A-Z]{2,4}|Ph\.?\s?D\.?|M\.?D\.?|Jr\.?|Sr\.?)$")  # "MS, RDN"
_ADMIN = re.compile(r"^\w*admin\w*$", re.I)  # a CMS account name, not a byline


def json_ld(root: Any) -> list[dict[str, Any]]:
    """Every JSON object in the page's ld+json scripts, @graph members included."""
    found: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue  # a broken block is the page's problem; the other sources remain
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                found.append(item)
                if "@graph" in item:
                    stack.append(item["@graph"])
    return found


def _meta(root: Any, *names: str) -> str | None:
    wanted = {n.lower() for n in names}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key in wanted:
            value = clean(meta.get("content"))
            if value:
                return value
    return None


def _articles(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def is_article(obj: dict[str, Any]) -> bool:
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        return any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds)

    return [o for o in objects if is_article(o)]


def page_title(root: Any, objects: list[dict[str, Any]]) -> str | None:
    titles = title_candidates(root, objects)
    return titles[0] if titles else None


def title_candidates(root: Any, objects: list[dict[str, Any]]) -> list[str]:
    """Every title the page gives itself, best first (see the module's order)."""
    found: list[str | None] = []
    for obj in _articles(objects):
        headline = obj.get("headline")
        if isinstance(headline, str):
            found.append(clean(html.unescape(headline)))  # script text: entities still coded
    site = _meta(root, "og:site_name", "application-name")
    headings = [clean(h1.text_content()) for h1 in root.iter("h1")]
    for social in (_meta(root, "og:title"), _meta(root, "twitter:title")):
        found.append(strip_site_name(social, site, only_site=True) if social else None)
    title = root.find(".//title")
    if title is not None:
        text = clean(title.text_content())
        if text:
            found.append(_heading_part(text, headings) or strip_site_name(text, site))
    found += headings
    unique: list[str] = []
    for text in found:
        if text and text not in unique:
            unique.append(text)
    return _untruncated(unique)


def _heading_part(title: str, headings: list[str | None]) -> str | None:
    """The part of '<site> - <headline>' that the page also shows as a heading."""
    parts = _TITLE_SEPARATORS.split(title)
    keys = {h.casefold() for h in headings if h}
    matching = [p for p in parts if p.casefold() in keys]
    return matching[0] if len(parts) > 1 and matching else None


def _untruncated(titles: list[str]) -> list[str]:
    """A headline cut short with an ellipsis gives way to a full version of it."""
    if titles and titles[0].endswith(("…", "...")):
        stem = titles[0].rstrip(".…").rstrip()
        fuller = [t for t in titles[1:] if t.startswith(stem) and len(t) > len(stem) + 1]
        if fuller:
            return [fuller[0], *titles]
    return titles


def strip_site_name(title: str, site: str | None, *, only_site: bool = False) -> str:
    """'Leaders meet | The Gazette' -> 'Leaders meet': the site name, or the last short part."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if site:
        key = site.casefold()
        kept = [p for p in parts if not _names_site(p.casefold(), key)]
        if kept and len(kept) < len(parts):
            return " - ".join(kept) if len(kept) > 1 else kept[0]
    if only_site:
        return title
    if len(parts[-1].split()) <= 4 and len(parts[-1]) <= len(parts[0]):
        cut = list(_TITLE_SEPARATORS.finditer(title))[-1]
        return title[: cut.start()]
    return title


def _names_site(part: str, site: str) -> bool:
    """'The Gazette', 'Gazette' or 'Gazette Politics' for the site 'The Gazette'."""
    if part == site:
        return True
    short = site.removeprefix("the ").strip()
    return len(part.split()) <= 4 and bool(short) and (short in part or part in site)


def page_byline(root: Any, objects: list[dict[str, Any]]) -> str | None:
    found = _raw_byline(root, objects)
    return tidy_byline(found, _outlets(root, objects)) if found else None


def _outlets(root: Any, objects: list[dict[str, Any]]) -> set[str]:
    names = {_meta(root, "og:site_name", "application-name") or ""}
    for obj in _articles(objects):
        publisher = obj.get("publisher")
        for item in publisher if isinstance(publisher, list) else [publisher]:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                names.add(item["name"])
    return {n.casefold().strip() for n in names if n and n.strip()}


def tidy_byline(text: str, outlets: Collection[str] = ()) -> str | None:
    """The names in a byline, without its roles, outlets and page furniture."""
    text = _NOISE.sub("", _LEAD.sub("", text)).strip(" ,;|-")
    parts = [p.strip() for p in re.split(r"\s*[,|]\s*", text) if p.strip()]
    kept = parts[:1] + [
        p
        for p in parts[1:]
        if not (_ROLE.search(p) or _CREDENTIAL.match(p) or p.casefold() in _AGENCIES)
        and p.casefold() not in outlets
    ]
    if kept and (_ROLE.search(kept[0]) and len(kept) > 1):
        kept = kept[1:]
    out = ", ".join(kept).strip()
    if not out or _ADMIN.match(out):
        return None
    return out


def _raw_byline(root: Any, objects: list[dict[str, Any]]) -> str | None:
    for obj in _articles(objects):
        names = [_BY.sub("", html.unescape(n)).strip() for n in _names(obj.get("author"))]
        if any(names):
            return ", ".join(n for n in names if n)
    found = _meta(
        root, "author", "article:author", "dc.creator", "parsely-author", "sailthru.author"
    )
    if found and not _NOT_A_NAME.search(found):
        return _BY.sub("", found).strip() or None
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in _NOT_BYLINE_TAGS:
            continue
        if any(a.tag in ("form", "label") for a in element.iterancestors()):
            continue  # a comment form's "author" field
        marked = element.get("rel") == "author" or element.get("itemprop") == "author"
        named = _BYLINE_HINT.search(f"{element.get('class') or ''} {element.get('id') or ''}")
        if not (marked or named):
            continue
        text = clean(" ".join(element.itertext()))
        if text and len(text) <= _MAX_BYLINE:
            text = _BY.sub("", text).strip()
            if text and not _NOT_A_NAME.search(text):
                return text
    return None


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and clean(name) and not _NOT_A_NAME.search(name):
            names.append(clean(name) or "")
    return names
