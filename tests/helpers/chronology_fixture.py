"""A realistic chronology document (DESIGN.md, "The chronology document") built as a dict.

Export tests use it without a database. It carries the hostile cases on purpose: an emoji
before a passage (code points differ from UTF-16 units), ``<script>`` in article and event
fields, spreadsheet formulas in a headline, a quote and a claim, and a ``javascript:`` URL.

``make_doc()`` returns a fresh deep copy each call, so tests may mutate it.
"""

from __future__ import annotations

import copy
import uuid

_NS = uuid.UUID("6f1d1b5e-0c9a-4f43-9a53-1b2f7a4c0d11")
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example/x","click me")'


def ident(name: str) -> str:
    """Deterministic uuid hex id, like the store's ids."""
    return uuid.uuid5(_NS, name).hex


def _ts(day: int, hour: int = 10) -> str:
    return f"2025-03-{day:02d}T{hour:02d}:00:00.000Z"


def _stamps(day: int, analyst: str = "mk") -> dict:
    return {"created": _ts(day), "modified": _ts(day, 11), "analyst": analyst}


def _date(value, earliest, latest, precision, phrase=None, anchor=None, status="confirmed"):
    return {
        "value": value,
        "earliest": earliest,
        "latest": latest,
        "precision": precision,
        "phrase": phrase,
        "anchor": anchor,
        "status": status,
    }


END = "T23:59:59.999999"

TEXTS = {
    "a1": (
        "GENEVA, March 4 (Reuters) - Envoys from both sides met on Tuesday for the first "
        "round of ceasefire talks. Maria Kovač, the lead mediator, said the talks would resume "
        "in April. An aardvark-shaped balloon drifted over the venue."
    ),
    "a2": (
        "The Ministry of Defence denied that any shelling took place along the river between "
        f"10 and 14 March. Residents posted {SCRIPT} in a forum, and one post read "
        f"{FORMULA} before it was removed. The minister resigned in March."
    ),
    "a3": (
        "Des témoins 🚀 affirment que la Brigade du Fleuve a tiré sur le pont. "
        "La brigade a revendiqué l'attaque en 2024, selon un communiqué."
    ),
}

ARTICLES = [
    {
        "key": "a1",
        "title": "Ceasefire talks open in Geneva",
        "outlet": "Reuters",
        "author": "J. Doe",
        "url": "https://example.org/news/ceasefire-talks",
        "published": _date("2025-03-04", "2025-03-04T00:00:00", "2025-03-04" + END, "day"),
        "language": "en",
        "source": "ceasefire.html",
        "day": 4,
    },
    {
        "key": "a2",
        "title": f"Ministry denies shelling {SCRIPT}",
        "outlet": "The Daily Ledger",
        "author": None,
        "url": "javascript:alert(1)",
        "published": _date("2025-03", "2025-03-01T00:00:00", "2025-03-31" + END, "month"),
        "language": "en",
        "source": "ledger.txt",
        "day": 5,
    },
    {
        "key": "a3",
        "title": "Tirs sur le pont",
        "outlet": "Le Courrier",
        "author": None,
        "url": None,
        "published": None,
        "language": "fr",
        "source": "courrier.txt",
        "day": 6,
    },
]

# passage key -> (article key, exact quote)
PASSAGES = {
    "p1": ("a1", "Envoys from both sides met on Tuesday for the first round of ceasefire talks"),
    "p2": ("a1", "the talks would resume in April"),
    "p3": ("a1", "An aardvark-shaped balloon drifted over the venue"),
    "p4": ("a2", "The Ministry of Defence denied that any shelling took place along the river"),
    "p5": ("a2", f"Residents posted {SCRIPT} in a forum"),
    "p6": ("a2", FORMULA),
    "p7": ("a3", "la Brigade du Fleuve a tiré sur le pont"),
    "p8": ("a3", "La brigade a revendiqué l'attaque en 2024"),
}


def _passage(key: str, article_key: str, exact: str) -> dict:
    from annotator.core.text import text_hash

    text = TEXTS[article_key]
    start = text.index(exact)
    end = start + len(exact)
    return {
        "id": ident(key),
        "article_id": ident(article_key),
        "status": "anchored",
        "text_hash": text_hash(text),
        "target": {
            "source": ident(article_key),
            "selector": [
                {"type": "TextPositionSelector", "start": start, "end": end},
                {
                    "type": "TextQuoteSelector",
                    "exact": exact,
                    "prefix": text[max(0, start - 32) : start],
                    "suffix": text[end : end + 32],
                },
            ],
        },
        **_stamps(7),
    }


def _cite(key: str, passage: str, note: str | None = None) -> dict:
    return {
        "id": ident(key),
        "passage_id": ident(passage),
        "note": note,
        "created": _ts(8),
        "analyst": "mk",
    }


def _build() -> dict:
    from annotator.core.text import text_hash

    articles = []
    for a in ARTICLES:
        text = TEXTS[a["key"]]
        articles.append(
            {
                "id": ident(a["key"]),
                "title": a["title"],
                "outlet": a["outlet"],
                "author": a["author"],
                "url": a["url"],
                "published": a["published"],
                "language": a["language"],
                "text_hash": text_hash(text),
                "text": text,
                "source": a["source"],
                "previous_version": None,
                **_stamps(a["day"]),
            }
        )
    passages = [_passage(k, ak, q) for k, (ak, q) in PASSAGES.items()]

    def actor_ref(key: str, role: str) -> dict:
        return {"actor_id": ident(key), "role": role}

    # Listed in the chronological order DESIGN.md prescribes (the tests check sort_events).
    events = [
        {
            "id": ident("e5"),
            "headline": FORMULA,
            "description": "Brigade claims an attack.",
            "date": _date(
                "2024~",
                "2024-01-01T00:00:00",
                "2024-12-31" + END,
                "year",
                phrase="en 2024",
                anchor=None,
                status="suggested",
            ),
            "day_seq": None,
            "type": "violence",
            "location": None,
            "confidence": "low",
            "actors": [actor_ref("river", "perpetrator")],
            "tags": ["claimed"],
            "citations": [_cite("c-e5", "p8")],
            **_stamps(9),
        },
        {
            "id": ident("e3"),
            "headline": "Minister resigns",
            "description": "The defence minister left office.",
            "date": _date(
                "2025-03",
                "2025-03-01T00:00:00",
                "2025-03-31" + END,
                "month",
                phrase="in March",
                anchor="published",
            ),
            "day_seq": None,
            "type": "politics",
            "location": "Ardenia",
            "confidence": "medium",
            "actors": [actor_ref("mod", "subject")],
            "tags": ["government"],
            "citations": [],
            **_stamps(9),
        },
        {
            "id": ident("e2"),
            "headline": "Ceasefire talks open",
            "description": "First round of talks between the envoys.",
            "date": _date(
                "2025-03-04",
                "2025-03-04T00:00:00",
                "2025-03-04" + END,
                "day",
                phrase="on Tuesday",
                anchor="published",
            ),
            "day_seq": 1,
            "type": "diplomacy",
            "location": "Geneva",
            "confidence": "high",
            "actors": [actor_ref("kovac", "mediator"), actor_ref("ardenia", "party")],
            "tags": ["talks", "geneva"],
            "citations": [_cite("c-e2", "p1", "Reuters wire")],
            **_stamps(9),
        },
        {
            "id": ident("e1"),
            "headline": "Aardvark balloon over the venue",
            "description": "A balloon drifted over the talks.",
            "date": _date("2025-03-04", "2025-03-04T00:00:00", "2025-03-04" + END, "day"),
            "day_seq": 2,
            "type": "other",
            "location": "Geneva",
            "confidence": "medium",
            "actors": [],
            "tags": ["geneva"],
            "citations": [_cite("c-e1", "p3")],
            **_stamps(9),
        },
        {
            "id": ident("e4"),
            "headline": "Shelling along the river",
            "description": f"Reports of shelling. {SCRIPT}",
            "date": _date(
                "2025-03-10/2025-03-14",
                "2025-03-10T00:00:00",
                "2025-03-14" + END,
                "range",
                phrase="between 10 and 14 March",
            ),
            "day_seq": None,
            "type": "violence",
            "location": "River Ard",
            "confidence": "low",
            "actors": [actor_ref("river", "perpetrator"), actor_ref("mod", "denier")],
            "tags": ["violence", "disputed"],
            "citations": [_cite("c-e4a", "p4"), _cite("c-e4b", "p5"), _cite("c-e4c", "p7")],
            **_stamps(9),
        },
        {
            "id": ident("e6"),
            "headline": "Rumoured meeting of envoys 🚀",
            "description": "Undated; mentioned in a forum post.",
            "date": None,
            "day_seq": None,
            "type": "diplomacy",
            "location": None,
            "confidence": "low",
            "actors": [actor_ref("kovac", "attendee")],
            "tags": [],
            "citations": [_cite("c-e6", "p6")],
            **_stamps(9),
        },
    ]
    actors = [
        {
            "id": ident("kovac"),
            "name": "Maria Kovač",
            "kind": "person",
            "aliases": ["M. Kovač", "Kovac"],
            "description": "Lead mediator.",
            "tags": ["mediator"],
            "citations": [_cite("c-kovac", "p2")],
            **_stamps(7),
        },
        {
            "id": ident("mod"),
            "name": "Ministry of Defence",
            "kind": "organisation",
            "aliases": ["MoD"],
            "description": None,
            "tags": [],
            "citations": [],
            **_stamps(7),
        },
        {
            "id": ident("ardenia"),
            "name": "Republic of Ardenia",
            "kind": "state",
            "aliases": [],
            "description": "Party to the talks.",
            "tags": [],
            "citations": [],
            **_stamps(7),
        },
        {
            "id": ident("river"),
            "name": "River Brigade",
            "kind": "group",
            "aliases": ["Brigade du Fleuve"],
            "description": f"Armed group {SCRIPT}",
            "tags": ["armed"],
            "citations": [_cite("c-river", "p7")],
            **_stamps(7),
        },
    ]
    claims = [
        {
            "id": ident("k1"),
            "text": "No shelling took place along the river.",
            "claimant_id": ident("mod"),
            "claimed": _date("2025-03", "2025-03-01T00:00:00", "2025-03-31" + END, "month"),
            "stance": "denies",
            "event_id": ident("e4"),
            "assessment": "disputed",
            "tags": ["denial"],
            "citations": [_cite("c-k1", "p4")],
            **_stamps(10),
        },
        {
            "id": ident("k2"),
            "text": "Talks will resume in April.",
            "claimant_id": ident("kovac"),
            "claimed": _date("2025-03-04", "2025-03-04T00:00:00", "2025-03-04" + END, "day"),
            "stance": "predicts",
            "event_id": None,
            "assessment": "unverified",
            "tags": ["talks"],
            "citations": [_cite("c-k2", "p2", "said to reporters")],
            **_stamps(10),
        },
        {
            "id": ident("k3"),
            "text": "=cmd|' /C calc'!A0 the brigade fired on the bridge",
            "claimant_id": ident("river"),
            "claimed": None,
            "stance": "asserts",
            "event_id": ident("e5"),
            "assessment": "unverified",
            "tags": [],
            "citations": [_cite("c-k3", "p8")],
            **_stamps(10),
        },
    ]
    return {
        "schema_version": 1,
        "generator": "timeline-annotator 0.1.0",
        "articles": articles,
        "passages": passages,
        "events": events,
        "actors": actors,
        "claims": claims,
    }


_DOC: dict | None = None


def make_doc() -> dict:
    global _DOC
    if _DOC is None:
        _DOC = _build()
    return copy.deepcopy(_DOC)


EXPECTED_ORDER = ["e5", "e3", "e2", "e1", "e4", "e6"]
