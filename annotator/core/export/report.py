"""A readable report of a chronology: Markdown and printable, self-contained HTML.

Both come from one outline (``build_outline``) so they say the same thing: events by date with
their actors, claims (stance, assessment) and tags; claims tied to no event; actors; then the
numbered sources (outlet, title, date, quote, note). A citation gets its number the first time
the report mentions it.

Safety: every value from the document is escaped (``html.escape`` in HTML; backslash escapes of
Markdown and HTML punctuation in Markdown), so ``<script>`` in an article shows as text. The HTML
has inline CSS only, no script, and a Content-Security-Policy that forbids loading anything.
Article URLs are shown as text, and made links only when they are http(s) (``javascript:`` and
other schemes stay plain text): a link loads nothing until the reader clicks it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from annotator.core.export.common import (
    Index,
    Source,
    actor_label,
    anchor_label,
    date_status,
    format_date,
)
from annotator.core.export.corroboration import corroboration
from annotator.core.export.filters import sort_events
from annotator.core.export.grading import DocumentGrades
from annotator.core.export.memos import about_label
from annotator.core.export.relation_text import relations_by_event
from annotator.core.vocabulary import FACT_MARKS, fact_status_words


@dataclass
class ClaimEntry:
    text: str
    claimant: str
    stance: str
    assessment: str
    claimed: str
    refs: list[int]
    fact_status: str = ""


@dataclass
class EventEntry:
    id: str
    headline: str
    meta: list[str]
    description: str
    actors: list[str]
    claims: list[ClaimEntry]
    tags: list[str]
    phrase: str
    refs: list[int]
    suggested: bool = False  # the app found the date; the analyst has not confirmed it
    anchor: str = ""  # what a relative phrase was resolved against, in words
    # (words, other event id, its headline): "precedes", "caused by", "follows"...
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    fact_status: str = ""  # key, undisputed, disputed or "" (not judged)


@dataclass
class ActorEntry:
    name: str
    kind: str
    aliases: list[str]
    description: str
    tags: list[str]
    refs: list[int]


@dataclass
class Outline:
    title: str
    generator: str
    days: list[tuple[str, list[EventEntry]]] = field(default_factory=list)
    free_claims: list[ClaimEntry] = field(default_factory=list)
    actors: list[ActorEntry] = field(default_factory=list)
    notes: list[Source] = field(default_factory=list)
    memos: list[tuple[str, str, str]] = field(default_factory=list)  # about, text, by whom
    grades: list[str] = field(default_factory=list)  # each note's grade ("B2"), "" if none


def build_outline(doc: dict[str, Any], title: str = "Chronology") -> Outline:
    index = Index(doc)
    graded = DocumentGrades(doc)
    out = Outline(title=title, generator=doc.get("generator") or "")
    numbers: dict[str, int] = {}

    def refs(item: dict[str, Any]) -> list[int]:
        found = []
        for citation in item.get("citations") or []:
            if citation["id"] not in numbers:
                out.notes.append(index.source(citation))
                out.grades.append(graded.code(citation))
                numbers[citation["id"]] = len(out.notes)
            found.append(numbers[citation["id"]])
        return found

    def claim_entry(claim: dict[str, Any]) -> ClaimEntry:
        who = index.actor_name(claim.get("claimant_id")) if claim.get("claimant_id") else ""
        return ClaimEntry(
            claim["text"],
            who or "Unattributed",
            claim["stance"],
            claim["assessment"],
            format_date(claim.get("claimed")),
            refs(claim),
            claim.get("fact_status") or "",
        )

    related = relations_by_event(doc.get("relations") or [], index.headlines)
    # Same bounds, different certainty ("4 Mar 2025", "~4 Mar 2025") can interleave in the
    # chronological order; one heading per date keeps the report readable.
    by_label: dict[str, list[dict[str, Any]]] = {}
    for ev in sort_events(doc["events"]):
        by_label.setdefault(format_date(ev.get("date")) or "Undated", []).append(ev)
    for label, ev in ((label, ev) for label, evs in by_label.items() for ev in evs):
        entry = EventEntry(
            id=ev["id"],
            headline=ev["headline"],
            meta=[
                m
                for m in (
                    ev.get("type"),
                    ev.get("location"),
                    ev.get("confidence") and f"confidence {ev['confidence']}",
                    # one outlet behind every citation: said, so nobody leans on it unawares
                    corroboration((s.article_id, s.outlet) for s in index.sources(ev))[
                        "single_source"
                    ]
                    == "yes"
                    and "single source",
                    *graded.report_meta(ev),
                )
                if m
            ],
            description=ev.get("description") or "",
            actors=[actor_label(index, link) for link in ev["actors"]],
            refs=refs(ev),
            claims=[claim_entry(c) for c in index.claims_about(ev["id"])],
            tags=list(ev.get("tags") or []),
            phrase=(ev.get("date") or {}).get("phrase") or "",
            suggested=date_status(ev.get("date")) == "suggested",
            anchor=anchor_label((ev.get("date") or {}).get("anchor"), index.headlines),
            relations=related.get(ev["id"], []),
            fact_status=ev.get("fact_status") or "",
        )
        if out.days and out.days[-1][0] == label:
            out.days[-1][1].append(entry)
        else:
            out.days.append((label, [entry]))
    out.free_claims = [
        claim_entry(c)
        for c in doc["claims"]
        if not c.get("event_id") or c["event_id"] not in index.events
    ]
    for actor in doc["actors"]:
        out.actors.append(
            ActorEntry(
                actor["name"],
                actor["kind"],
                list(actor.get("aliases") or []),
                actor.get("description") or "",
                list(actor.get("tags") or []),
                refs(actor),
            )
        )
    for note in doc.get("notes") or []:
        kind = note["about"]["kind"]
        who = " ".join(x for x in (note.get("analyst") or "", note["created"][:10]) if x)
        out.memos.append((f"{kind.capitalize()}: {about_label(index, note)}", note["text"], who))
    return out


SUGGESTED_MARK = "†"
LEGEND = (
    f"{SUGGESTED_MARK} The date was suggested by the app from the article's wording and "
    "has not been confirmed by the analyst."
)


def has_suggested(o: Outline) -> bool:
    return any(e.suggested for _, evs in o.days for e in evs)


# Fact status marks (CaseMap's key facts and disputed facts), after a headline or claim.
FACT_LEGEND = {
    "key": "★ A key fact.",
    "disputed": "⚑ A disputed fact.",
}


def fact_statuses(o: Outline) -> set[str]:
    found = {e.fact_status for _, evs in o.days for e in evs}
    found |= {c.fact_status for _, evs in o.days for e in evs for c in e.claims}
    found |= {c.fact_status for c in o.free_claims}
    return found


def legends(o: Outline) -> list[str]:
    """The lines that explain the marks this report uses, and only those."""
    out = [LEGEND] if has_suggested(o) else []
    present = fact_statuses(o)
    out += [words for status, words in FACT_LEGEND.items() if status in present]
    return out


def fact_mark(status: str) -> str:
    return f" {FACT_MARKS[status]}" if status in FACT_MARKS else ""


def fact_meta(status: str) -> list[str]:
    return [fact_status_words(status)] if status else []


def date_note(e: EventEntry) -> str:
    """``suggested, resolved against …`` after the phrase a date came from (plain text)."""
    bits = ["suggested, not confirmed" if e.suggested else "confirmed"]
    if e.anchor:
        bits.append(f"resolved against {e.anchor}")
    return "; ".join(bits)


def _summary(o: Outline, generator: str) -> str:
    n_events = sum(len(evs) for _, evs in o.days)
    n_claims = sum(len(e.claims) for _, evs in o.days for e in evs) + len(o.free_claims)
    return (
        f"{n_events} events, {len(o.actors)} actors, {n_claims} claims, "
        f"{len(o.notes)} citations. Generated by {generator}."
    )


# --- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&!])")


def md(text: str) -> str:
    """Inline Markdown text: one line, Markdown and HTML punctuation backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _md_refs(refs: list[int]) -> str:
    return "".join(f" [{n}]" for n in refs)


def _md_claim(c: ClaimEntry) -> str:
    when = f", {md(c.claimed)}" if c.claimed else ""
    status = f"; {md(fact_status_words(c.fact_status))}" if c.fact_status else ""
    return (
        f"{md(c.claimant)} *{md(c.stance)}* (assessment: {md(c.assessment)}{when}{status}): "
        f"“{md(c.text)}”{fact_mark(c.fact_status)}{_md_refs(c.refs)}"
    )


def to_markdown(doc: dict[str, Any], *, title: str = "Chronology") -> str:
    o = build_outline(doc, title)
    lines = [f"# {md(o.title)}", "", _summary(o, md(o.generator)), ""]
    for legend in legends(o):
        lines += [f"*{md(legend)}*", ""]
    lines += ["## Events, in order", ""]
    for label, events in o.days:
        lines += [f"### {md(label)}", ""]
        for e in events:
            mark = f" {SUGGESTED_MARK}" if e.suggested else ""
            mark += fact_mark(e.fact_status)
            lines += [f"#### {md(e.headline)}{mark}{_md_refs(e.refs)}", ""]
            if e.meta or e.fact_status:
                meta = [*e.meta, *fact_meta(e.fact_status)]
                lines += ["*" + " · ".join(md(m) for m in meta) + "*", ""]
            if e.description:
                lines += [md(e.description), ""]
            if e.phrase:
                lines.append(f"- **Date as reported:** “{md(e.phrase)}” ({md(date_note(e))})")
            if e.actors:
                lines.append("- **Actors:** " + "; ".join(md(a) for a in e.actors))
            if e.tags:
                lines.append("- **Tags:** " + ", ".join(md(t) for t in e.tags))
            if e.relations:
                lines.append(
                    "- **Relations:** "
                    + "; ".join(f"{md(words)} “{md(other)}”" for words, _id, other in e.relations)
                )
            for c in e.claims:
                lines.append("- **Claim:** " + _md_claim(c))
            if e.phrase or e.actors or e.tags or e.claims or e.relations:
                lines.append("")
    if o.free_claims:
        lines += ["## Claims not tied to an event", ""]
        lines += ["- " + _md_claim(c) for c in o.free_claims] + [""]
    if o.actors:
        lines += ["## Actors", ""]
        for a in o.actors:
            aka = f"; also {', '.join(md(x) for x in a.aliases)}" if a.aliases else ""
            desc = f": {md(a.description)}" if a.description else ""
            tags = f" (tags: {', '.join(md(t) for t in a.tags)})" if a.tags else ""
            lines.append(f"- **{md(a.name)}** ({md(a.kind)}{aka}){desc}{tags}{_md_refs(a.refs)}")
        lines.append("")
    if o.notes:
        lines += ["## Sources", ""]
        for n, s in enumerate(o.notes, 1):
            lines.append(f"{n}. {_md_source(s)}{_grade_note(o.grades[n - 1])}")
        lines.append("")
    if o.memos:
        lines += ["## Memos", ""]
        for about, text, who in o.memos:
            by = f" ({md(who)})" if who else ""
            lines.append(f"- **{md(about)}**{by}: {md(text)}")
        lines.append("")
    return "\n".join(lines)


def _grade_note(code: str) -> str:
    """A source's Admiralty grade after it: reliability A-F then credibility 1-6."""
    return f" (graded {code})" if code else ""


def _md_source(s: Source) -> str:
    bits = [
        md(s.outlet) if s.outlet else "",
        f"*{md(s.title)}*" if s.title else "",
        md(s.version) if s.version else "",
        md(s.published) if s.published else "",
    ]
    text = ", ".join(b for b in bits if b) or "Unknown source"
    if s.quote:
        text += f". “{md(s.quote)}”"
    if s.note:
        text += f" ({md(s.note)})"
    if s.url:  # an autolink: safe_url allows no spaces, quotes or angle brackets
        text += f" <{s.url}>"
    if s.retrieved:
        text += f" (retrieved {s.retrieved})"
    return text


# --- HTML -----------------------------------------------------------------------------------

CSS = """
body { font: 11pt/1.45 Georgia, 'DejaVu Serif', serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; color: #111; }
h1 { font-size: 1.7em; margin-bottom: .2em; } h2 { border-bottom: 1px solid #999; margin-top: 2em; }
h3 { font-size: 1.05em; color: #444; margin: 1.6em 0 .4em; }
.event { margin: 0 0 1.1em; padding-left: .8em; border-left: 3px solid #bbb; }
.event h4 { margin: 0 0 .2em; font-size: 1.05em; } .meta { color: #555; font-style: italic; }
.facts { margin: .3em 0; padding-left: 1.2em; } .refs { font-size: .8em; vertical-align: super; }
.stance { font-weight: bold; } .notes li { margin-bottom: .4em; } .url { word-break: break-all; }
.summary, .legend { color: #555; } .suggested { color: #a40; }
.fact-key { color: #b8860b; } .fact-disputed { color: #b22; } .memos li { margin-bottom: .4em; }
.event.key { border-left-color: #b8860b; } .event.disputed { border-left-color: #b22; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  .event, .notes li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'"

esc = html.escape


def _h_refs(refs: list[int]) -> str:
    if not refs:
        return ""
    links = ",".join(f'<a href="#note-{n}">{n}</a>' for n in refs)
    return f' <span class="refs">[{links}]</span>'


def _h_claim(c: ClaimEntry) -> str:
    when = f", {esc(c.claimed)}" if c.claimed else ""
    status = f"; {esc(fact_status_words(c.fact_status))}" if c.fact_status else ""
    return (
        f'{esc(c.claimant)} <span class="stance">{esc(c.stance)}</span> '
        f"(assessment: {esc(c.assessment)}{when}{status}): “{esc(c.text)}”"
        f"{_h_fact_mark(c.fact_status)}{_h_refs(c.refs)}"
    )


def _h_fact_mark(status: str) -> str:
    if status not in FACT_MARKS:
        return ""
    words = esc(fact_status_words(status))
    return f' <span class="fact-{status}" title="{words}">{FACT_MARKS[status]}</span>'


def _h_source(s: Source) -> str:
    bits = [
        esc(s.outlet) if s.outlet else "",
        f"<cite>{esc(s.title)}</cite>" if s.title else "",
        esc(s.version) if s.version else "",
        esc(s.published) if s.published else "",
    ]
    text = ", ".join(b for b in bits if b) or "Unknown source"
    if s.quote:
        text += f". <q>{esc(s.quote)}</q>"
    if s.note:
        text += f" ({esc(s.note)})"
    if s.url:
        text += f' <a class="url" href="{esc(s.url)}" rel="noopener noreferrer">{esc(s.url)}</a>'
    if s.retrieved:
        text += f" (retrieved {esc(s.retrieved)})"
    return text


def to_html(doc: dict[str, Any], *, title: str = "Chronology") -> str:
    o = build_outline(doc, title)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(o.title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{esc(o.title)}</h1>",
        f'<p class="summary">{_summary(o, esc(o.generator))}</p>',
    ]
    parts += [f'<p class="legend">{esc(legend)}</p>' for legend in legends(o)]
    parts.append("<h2>Events, in order</h2>")
    for label, events in o.days:
        parts.append(f"<h3>{esc(label)}</h3>")
        for e in events:
            status_class = f" {e.fact_status}" if e.fact_status in FACT_MARKS else ""
            parts.append(f'<section class="event{status_class}" id="event-{esc(e.id)}">')
            mark = (
                f' <span class="suggested" title="suggested date">{SUGGESTED_MARK}</span>'
                if e.suggested
                else ""
            )
            mark += _h_fact_mark(e.fact_status)
            parts.append(f"<h4>{esc(e.headline)}{mark}{_h_refs(e.refs)}</h4>")
            if e.meta or e.fact_status:
                meta = [*e.meta, *fact_meta(e.fact_status)]
                parts.append(f'<p class="meta">{" · ".join(esc(m) for m in meta)}</p>')
            if e.description:
                parts.append(f"<p>{esc(e.description)}</p>")
            facts = []
            if e.phrase:
                facts.append(
                    f"<li><b>Date as reported:</b> “{esc(e.phrase)}” ({esc(date_note(e))})</li>"
                )
            if e.actors:
                facts.append(f"<li><b>Actors:</b> {'; '.join(esc(a) for a in e.actors)}</li>")
            if e.tags:
                facts.append(f"<li><b>Tags:</b> {', '.join(esc(t) for t in e.tags)}</li>")
            if e.relations:
                linked = "; ".join(
                    f'{esc(words)} <a href="#event-{esc(oid)}">“{esc(other)}”</a>'
                    for words, oid, other in e.relations
                )
                facts.append(f"<li><b>Relations:</b> {linked}</li>")
            facts += [f"<li><b>Claim:</b> {_h_claim(c)}</li>" for c in e.claims]
            if facts:
                parts.append(f'<ul class="facts">{"".join(facts)}</ul>')
            parts.append("</section>")
    if o.free_claims:
        parts.append("<h2>Claims not tied to an event</h2><ul>")
        parts += [f"<li>{_h_claim(c)}</li>" for c in o.free_claims]
        parts.append("</ul>")
    if o.actors:
        parts.append("<h2>Actors</h2><ul>")
        for a in o.actors:
            aka = f"; also {', '.join(esc(x) for x in a.aliases)}" if a.aliases else ""
            desc = f": {esc(a.description)}" if a.description else ""
            tags = f" (tags: {', '.join(esc(t) for t in a.tags)})" if a.tags else ""
            parts.append(
                f"<li><b>{esc(a.name)}</b> ({esc(a.kind)}{aka}){desc}{tags}{_h_refs(a.refs)}</li>"
            )
        parts.append("</ul>")
    if o.notes:
        parts.append('<h2>Sources</h2><ol class="notes">')
        parts += [
            f'<li id="note-{n}">{_h_source(s)}{esc(_grade_note(o.grades[n - 1]))}</li>'
            for n, s in enumerate(o.notes, 1)
        ]
        parts.append("</ol>")
    if o.memos:
        parts.append('<h2>Memos</h2><ul class="memos">')
        for about, text, who in o.memos:
            by = f" ({esc(who)})" if who else ""
            parts.append(f"<li><b>{esc(about)}</b>{by}: {esc(text)}</li>")
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
