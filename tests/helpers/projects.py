"""Projects built through the store's own edits, for tests that need real rows.

``article`` makes an ImportedArticle from a text; ``random_project`` fills a project with
events, actors, claims, citations and tags drawn by Hypothesis, every value passing
through ``operations`` exactly as the app's edits do (refused edits are skipped).
"""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError
from annotator.core.importers.article import ImportedArticle
from annotator.store import operations as ops
from annotator.store.project import Project
from annotator.store.rows import parse_edtf_field

# Characters that break writers that forget to quote or escape: separators, quotes, CSV
# and Markdown punctuation, formula starters, markup, an astral emoji and a combining mark.
AWKWARD = [*"aZé 0,;|\"'\t\n=+-@<>&*_#[]`\\", "😀", "𝔘", "e\u0301", "\u00a0", "\u200b"]
DATES = [
    None,
    "2025-03-04",
    "2025-03",
    "2025",
    "2025-03-04/2025-03-09",
    "2025-03-04~",
    "2024?",
    "2025-W10",
    "2025-21",
    "2025-33",
    "202X",
    "../2025-03",
    "2025-03-01~/2025-03-10~",
    "2025-03-04T14:30Z",
]
ROLES = ["", "host", "guest", "a;b", "=x"]
KINDS = ["person", "organisation", "state", "group", "other"]

ARTICLE_TEXTS = [
    "Talks 😀 began in Paris on 4 March 2025. 𝔘nity was hoped for; the talks failed.\n"
    'Ministers met again in Rome on 9 March, "briefly", and left.',
    "Le président a déclaré, le 5 mars : « nous verrons ». Café, naïve, e\u0301.\n"
    "<script>alert(1)</script> =1+1 and -5 dead | pipes; semicolons.",
]


def article(text: str, **meta: Any) -> ImportedArticle:
    fields: dict[str, Any] = {
        "title": "Article",
        "outlet": "Wire",
        "author": None,
        "url": "https://example.org/a",
        "published": "2025-03-05",
        "language": "en",
        "source": "a.txt",
    }
    fields.update(meta)
    return ImportedArticle(text=text, **fields)


def add_article(project: Project, text: str, **meta: Any) -> str:
    cs, aid = ops.import_article(project, article(text, **meta))
    project.apply(cs)
    return aid


def awkward_text(min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(AWKWARD), min_size=min_size, max_size=max_size).map("".join)


def headline_text() -> st.SearchStrategy[str]:
    """Text with something left after trimming: headlines, names and claim texts."""
    return st.tuples(st.sampled_from("AbΩ9😀"), awkward_text()).map("".join)


def _span(data: st.DataObject, project: Project, aid: str) -> tuple[str, int, int]:
    n = len(project.row("articles", aid)["text"])  # type: ignore[index]
    start = data.draw(st.integers(0, n - 1), label="start")
    end = data.draw(st.integers(start + 1, min(n, start + 60)), label="end")
    return aid, start, end


def random_project(project: Project, data: st.DataObject, *, size: int = 6) -> list[str]:
    """Articles, then up to ``size`` actors, events and claims with links, citations and
    tags; returns the article ids."""
    aids = []
    for i, text in enumerate(ARTICLE_TEXTS):
        aids.append(
            add_article(
                project,
                text,
                title=data.draw(headline_text(), label="title"),
                outlet=data.draw(st.none() | awkward_text(), label="outlet") or None,
                url=data.draw(st.sampled_from([None, "https://e.org/x", "javascript:alert(1)"])),
                published=data.draw(st.sampled_from(DATES), label="published"),
                source=f"a{i}.txt",
            )
        )
    actors: list[str] = []
    for _ in range(data.draw(st.integers(0, size), label="actors")):
        try:
            cs, actor = ops.create_actor(
                project,
                name=data.draw(headline_text(), label="name"),
                kind=data.draw(st.sampled_from(KINDS)),
                aliases=data.draw(st.lists(headline_text(), max_size=2), label="aliases"),
                description=data.draw(awkward_text(), label="description"),
                span=data.draw(st.none() | st.just(_span(data, project, aids[0]))),
            )
        except AnnotatorError:
            continue
        project.apply(cs)
        actors.append(actor)
    events: list[str] = []
    for _ in range(data.draw(st.integers(1, size), label="events")):
        links = []
        if actors:
            picked = data.draw(st.lists(st.sampled_from(actors), max_size=3, unique=True))
            links = [(a, data.draw(st.sampled_from(ROLES))) for a in picked]
        date = data.draw(st.sampled_from(DATES), label="date")
        cs, event = ops.create_event(
            project,
            headline=data.draw(headline_text(), label="headline"),
            span=data.draw(
                st.none() | st.just(_span(data, project, data.draw(st.sampled_from(aids))))
            ),
            date=parse_edtf_field(date, "date"),
            date_phrase=data.draw(st.none() | awkward_text(1), label="phrase") if date else None,
            date_anchor=data.draw(
                st.sampled_from([None, "published", *(f"event:{e}" for e in events[-2:])]),
                label="anchor",
            ),
            date_status=data.draw(st.sampled_from(["suggested", "confirmed"]), label="status"),
            description=data.draw(awkward_text(), label="event description"),
            type=data.draw(st.sampled_from(["", "meeting", "=HYPERLINK(1)", "a, b"])),
            location=data.draw(awkward_text(), label="location"),
            confidence=data.draw(st.sampled_from([None, "high", "medium", "low"])),
            actors=links,
            tags=data.draw(st.lists(awkward_text(1, 5), max_size=3), label="tags"),
        )
        project.apply(cs)
        events.append(event)
        if data.draw(st.booleans(), label="second citation"):
            with contextlib.suppress(AnnotatorError):  # this passage already supports it
                project.apply(ops.cite(project, "event", event, _span(data, project, aids[1])))
    for _ in range(data.draw(st.integers(0, size // 2), label="claims")):
        cs, _claim = ops.create_claim(
            project,
            text=data.draw(headline_text(), label="claim"),
            claimant_id=data.draw(st.none() | st.sampled_from(actors)) if actors else None,
            event_id=data.draw(st.none() | st.sampled_from(events)),
            stance=data.draw(st.sampled_from(["asserts", "denies"])),
            claimed=parse_edtf_field(data.draw(st.sampled_from(DATES)), "claimed"),
            span=data.draw(st.none() | st.just(_span(data, project, aids[0]))),
            tags=data.draw(st.lists(awkward_text(1, 4), max_size=2), label="claim tags"),
        )
        project.apply(cs)
    return aids
