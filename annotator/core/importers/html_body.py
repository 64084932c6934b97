"""The article body of a page: two extractors, each where it is strong, then a light trim.

trafilatura (precision mode) is the main extractor: it drops boilerplate well but sometimes
keeps only one part of a body split over several containers, or locks onto a teaser.
readability-lxml scores containers and joins sibling blocks, so it finds the whole of a split
body, but keeps more furniture. ``combine`` takes trafilatura's text unless readability's
shows that trafilatura kept a fragment of the body or missed it altogether. Then the headline
repeated as the first paragraph and runs of related-article links at either end are trimmed,
and a lead paragraph that only readability kept is put back.
Paragraphs stay paragraphs (one blank line between them), and repeated identical
paragraphs are all kept: nothing here deduplicates.

The combination rules and the trim are hand-written: no library merges extractors.
"""

from __future__ import annotations

import copy
import re
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import Any

from annotator.core.importers.html_clean import remove_hidden, remove_players

_TOKEN = re.compile(r"\w+")
_BLOCKS = (
    "p",
    "div",
    "section",
    "article",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "figure",
    "figcaption",
    "br",
    "dd",
    "dt",
)
SHORT_BODY = 50  # words: below this, a "body" is a teaser or a notice
FRAGMENT = 0.5  # trafilatura's share of readability's words when it kept one part only
COVERED = 0.9  # share of one text's 4-word shingles found in the other
DISJOINT = 0.2
AGREE = 0.8  # readability's text found in trafilatura's: the two saw the same body
SHORT_PARAGRAPH = 30  # words
LEAD_WORDS = 20  # a lead paragraph is prose, not a caption or a kicker
_PROSE_END = re.compile(r"[.!?\"\u201d\u2019)]$")
_COPYRIGHT = re.compile(r"\s*(?:©|\(c\)|copyright\b)", re.I)


@dataclass(frozen=True)
class Candidates:
    precise: list[str]  # trafilatura, favor_precision
    broad: list[str]  # readability-lxml


def extract_candidates(tree: Any, max_size: int) -> Candidates:
    """Run both extractors on a cleaned copy of ``tree`` (which is left as it was)."""
    cleaned = copy.deepcopy(tree)
    remove_hidden(cleaned)
    remove_players(cleaned)
    return Candidates(_trafilatura(cleaned, max_size), _readability(cleaned))


def extract_body(tree: Any, titles: list[str], link_texts: set[str], max_size: int) -> str:
    found = extract_candidates(tree, max_size)
    chosen = combine(found)
    if chosen is found.precise:
        chosen = trim_unconfirmed(chosen, found.broad)
        chosen = restore_lead(trim(chosen, titles, link_texts), found.broad)
    else:
        chosen = trim(chosen, titles, link_texts)
    return "\n\n".join(chosen)


def combine(found: Candidates) -> list[str]:
    precise, broad = found.precise, found.broad
    p_words, b_words = _words(precise), _words(broad)
    if not b_words:
        return precise
    if not p_words:
        return broad
    shared = covered(precise, broad)
    if p_words < SHORT_BODY and b_words >= 3 * SHORT_BODY and shared < DISJOINT:
        return broad  # a notice or teaser where readability found a whole article
    if shared >= COVERED and p_words < FRAGMENT * b_words:
        return broad  # one part of a body split over several containers
    return precise


def trim_unconfirmed(precise: list[str], broad: list[str]) -> list[str]:
    """Short paragraphs at either end that readability did not find, when it agrees otherwise.

    These are captions, share prompts, newsletter pleas and related links that trafilatura
    let through around the body.
    """
    if not broad or covered(broad, precise) < AGREE:
        return precise
    theirs = _shingles(broad)

    def confirmed(paragraph: str) -> bool:
        mine = _shingles([paragraph])
        return sum(min(n, theirs[s]) for s, n in mine.items()) >= 0.5 * sum(mine.values())

    start, end = 0, len(precise)
    while (
        end > start
        and _words([precise[end - 1]]) < SHORT_PARAGRAPH
        and not confirmed(precise[end - 1])
    ):
        end -= 1
    while (
        start < end and _words([precise[start]]) < SHORT_PARAGRAPH and not confirmed(precise[start])
    ):
        start += 1
    return precise[start:end] if end > start else precise


def restore_lead(chosen: list[str], broad: list[str]) -> list[str]:
    """Prose paragraphs readability has just before trafilatura's first one: a lead or
    standfirst kept in its own container, which trafilatura's precision mode leaves out."""
    if not chosen or not broad:
        return chosen
    first = _key(chosen[0])
    at = next((i for i, b in enumerate(broad) if _key(b) == first), None)
    if at is None:
        return chosen
    lead: list[str] = []
    for paragraph in reversed(broad[:at]):
        prose = _words([paragraph]) >= LEAD_WORDS and _PROSE_END.search(paragraph)
        if not prose or covered([paragraph], chosen) >= 0.5:
            break
        lead.insert(0, paragraph)
    return lead + chosen


def trim(paragraphs: list[str], titles: list[str], link_texts: set[str]) -> list[str]:
    """Drop the headline repeated on top, and related-article links at either end."""
    kept = list(paragraphs)
    headings = {_key(t) for t in titles} - {""}
    while kept and _key(kept[0]) in headings:
        kept.pop(0)
    while kept and (_is_link(kept[-1], link_texts) or _COPYRIGHT.match(kept[-1])):
        kept.pop()
    while kept and _is_link(kept[0], link_texts):
        kept.pop(0)
    return kept or paragraphs


def covered(part: list[str], whole: list[str]) -> float:
    """Share of ``part``'s 4-word shingles (with repeats) that ``whole`` also has."""
    mine, theirs = _shingles(part), _shingles(whole)
    total = sum(mine.values())
    if not total:
        return 0.0
    return sum(min(n, theirs[s]) for s, n in mine.items()) / total


def page_link_texts(root: Any) -> set[str]:
    """Texts of the page's links of three words or more (headlines of other articles)."""
    texts = set()
    for anchor in root.iter("a"):
        key = _key(" ".join(anchor.itertext()))
        if key.count(" ") >= 2:
            texts.add(key)
    return texts


def _is_link(paragraph: str, link_texts: set[str]) -> bool:
    return _key(paragraph) in link_texts


def _key(text: str) -> str:
    return " ".join(_TOKEN.findall(text.casefold()))


def _words(paragraphs: list[str]) -> int:
    return sum(len(_TOKEN.findall(p)) for p in paragraphs)


def _shingles(paragraphs: list[str]) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(" ".join(paragraphs))
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)))


def _paragraphs(text: str) -> list[str]:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return [line for line in lines if line]


def _trafilatura(tree: Any, max_size: int) -> list[str]:
    import trafilatura
    from trafilatura.settings import DEFAULT_CONFIG, Document

    config = copy.deepcopy(DEFAULT_CONFIG)
    config.set("DEFAULT", "max_file_size", str(max_size))  # our own limit applies
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # library notices are not the user's problem
        doc = trafilatura.bare_extraction(
            copy.deepcopy(tree),  # it edits the tree it is given
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_precision=True,
            deduplicate=False,
            config=config,
        )
    text = doc.text if isinstance(doc, Document) else None
    return _paragraphs(text or "")


def _readability(tree: Any) -> list[str]:
    import lxml.html  # type: ignore[import-untyped]
    from readability import Document  # type: ignore[import-untyped]
    from readability.readability import Unparseable  # type: ignore[import-untyped]

    try:
        summary = Document(lxml.html.tostring(tree, encoding="unicode")).summary(html_partial=True)
    except (Unparseable, ValueError, TypeError):
        return []
    if not summary.strip():
        return []
    fragment = lxml.html.fragment_fromstring(summary, create_parent="div")
    return block_paragraphs(fragment)


def block_paragraphs(root: Any) -> list[str]:
    """The text of an HTML fragment, one paragraph per block element."""
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    return _paragraphs("".join(root.itertext()))
