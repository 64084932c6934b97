"""A worked example on the seed articles: the chronology an analyst might build from them.

Used for the README screenshots, the round-trip tests and the demo project. Every item
cites the exact passage it came from, found by its quote in the seed text.
"""

from __future__ import annotations

from annotator.core.errors import InputError
from annotator.store.changes import ChangeSet
from annotator.store.operations import create_actor, create_claim, create_event, set_tags
from annotator.store.project import Project
from annotator.store.rows import parse_edtf_field

ACTORS = [
    ("Donald Trump", "person", ["Trump", "President Trump"], "000", "President Trump"),
    ("Volodymyr Zelensky", "person", ["Zelensky"], "000", "Volodymyr Zelensky"),
    ("Keir Starmer", "person", ["Starmer"], "000", "Keir Starmer"),
    ("Emmanuel Macron", "person", ["Macron", "Mr. Macron"], "002", "President Emmanuel Macron"),
    ("Friedrich Merz", "person", ["Merz"], "001", "Friedrich Merz"),
    ("European Union", "organisation", ["EU", "the bloc"], "001", "the European Union"),
    ("Marco Rubio", "person", ["Rubio"], "001", "Marco Rubio"),
    ("Vladimir Putin", "person", ["Putin"], "001", "Putin said on Thursday"),
]

# (article, quote, headline, date, phrase, type, actors with roles, tags)
EVENTS = [
    (
        "000",
        "an explosive argument in the Oval Office",
        "Trump and Zelensky clash in the Oval Office",
        "2025-02-28",
        None,
        "meeting",
        [("Donald Trump", "participant"), ("Volodymyr Zelensky", "participant")],
        ["oval-office"],
    ),
    (
        "000",
        "Meeting in London’s historic Lancaster House, British prime minister Keir Starmer "
        "convened nineteen leaders",
        "Starmer convenes nineteen leaders at Lancaster House",
        "2025-03-02",
        "two days after an explosive argument",
        "summit",
        [("Keir Starmer", "host"), ("Volodymyr Zelensky", "participant")],
        ["london-summit"],
    ),
    (
        "000",
        "Macron proposed an initial one-month truce",
        "Macron proposes a one-month truce",
        "2025-03-02",
        None,
        "proposal",
        [("Emmanuel Macron", "proposer")],
        ["london-summit", "ceasefire"],
    ),
    (
        "001",
        "On Tuesday, the European Union unveiled plans that the bloc hopes could increase "
        "military spending by 800 billion euros",
        "EU unveils plan to raise defence spending by €800bn",
        "2025-03-04",
        "On Tuesday",
        "policy",
        [("European Union", "proposer")],
        ["rearmament"],
    ),
    (
        "001",
        "Friedrich Merz , the man in line to become Germany’s next chancellor, announced that "
        "Germany’s strict fiscal rules\xa0would no longer apply to military spending",
        "Merz exempts military spending from Germany's fiscal rules",
        "2025-03-04",
        "The same day",
        "policy",
        [("Friedrich Merz", "announcer")],
        ["rearmament", "germany"],
    ),
    (
        "001",
        "French President Emmanuel Macron said in a televised address on Wednesday",
        "Macron's televised address on the Russian threat",
        "2025-03-05",
        "on Wednesday",
        "statement",
        [("Emmanuel Macron", "speaker")],
        [],
    ),
    (
        "001",
        "At Thursday’s emergency summit of EU leaders",
        "Emergency EU summit on Ukraine",
        "2025-03-06",
        "Thursday’s",
        "summit",
        [("European Union", "host")],
        ["rearmament"],
    ),
    (
        "001",
        "Trump said on Friday he was weighing broad banking sanctions and tariffs on Moscow",
        "Trump weighs banking sanctions and tariffs on Russia",
        "2025-03-07",
        "on Friday",
        "statement",
        [("Donald Trump", "speaker")],
        ["sanctions"],
    ),
    (
        "002",
        "gathered the chiefs of staff of more than 30 armed forces on Tuesday",
        "Paris meeting of 30+ chiefs of staff on a peacekeeping force",
        "2025-03-11",
        "on Tuesday",
        "meeting",
        [("Emmanuel Macron", "host")],
        ["peacekeeping"],
    ),
    (
        "002",
        "the United States said it would lift the pause on intelligence sharing and resume "
        "military assistance to Ukraine",
        "US to lift pause on intelligence sharing and aid",
        "2025-03-11",
        "Soon after the meeting",
        "policy",
        [("Donald Trump", "decision-maker")],
        [],
    ),
    (
        "001",
        "European leaders this week took their biggest steps toward rearming the continent",
        "Europe's biggest rearmament steps since the Cold War",
        "2025-W10",
        "this week",
        "trend",
        [("European Union", "actor")],
        ["rearmament"],
    ),
]

# (article, quote, claim text, claimant, stance, claimed, event headline)
CLAIMS = [
    (
        "000",
        "Trump contends the mere presence of American workers on the ground in Ukraine would "
        "be sufficient to deter further Russian aggression",
        "American workers in Ukraine would deter Russian aggression",
        "Donald Trump",
        "asserts",
        "2025-03",
        None,
    ),
    (
        "001",
        "“We have spent three years calling Vladimir Putin names,” U.S. Secretary of State "
        "Marco Rubio said on Sunday",
        "Calling Putin names for three years got nowhere",
        "Marco Rubio",
        "asserts",
        "2025-03-02",
        None,
    ),
    (
        "001",
        "Putin said on Thursday that the Kremlin will make no concessions on its war aims",
        "The Kremlin will make no concessions on its war aims",
        "Vladimir Putin",
        "asserts",
        "2025-03-06",
        None,
    ),
    (
        "002",
        "the chiefs of staff reached an agreement that any force dispatched to Ukraine must be "
        "credible",
        "Any force sent to Ukraine must be credible and long-term",
        "Emmanuel Macron",
        "asserts",
        "2025-03-11",
        "Paris meeting of 30+ chiefs of staff on a peacekeeping force",
    ),
]


def _span(project: Project, article: str, quote: str) -> tuple[str, int, int]:
    row = project.rows("SELECT id, text FROM articles WHERE source LIKE ?", [f"{article}_%"])
    if not row:
        raise InputError(f"seed article {article} is not in the project", where="sample")
    start = row[0]["text"].find(quote)
    if start < 0:
        raise InputError(f"quote not found: {quote[:40]!r}", where=f"seed {article}")
    return row[0]["id"], start, start + len(quote)


def annotate_seed_project(project: Project) -> ChangeSet:
    """Add the worked example as one edit (applied here, returned for undo)."""
    cs = ChangeSet("Sample annotations")
    actor_ids: dict[str, str] = {}
    for name, kind, aliases, article, quote in ACTORS:
        part, actor_ids[name] = create_actor(
            project, name=name, kind=kind, aliases=aliases, span=_span(project, article, quote)
        )
        cs.extend(part)
    project.apply(cs)
    done = ChangeSet("Sample annotations", list(cs.changes))
    event_ids: dict[str, str] = {}
    for article, quote, headline, date, phrase, etype, actors, tags in EVENTS:
        part, event_ids[headline] = create_event(
            project,
            headline=headline,
            span=_span(project, article, quote),
            date=parse_edtf_field(date, "date"),
            date_phrase=phrase,
            date_anchor="published" if phrase else None,
            type=etype,
            actors=[(actor_ids[a], role) for a, role in actors],
            tags=tags,
        )
        project.apply(part)
        done.extend(part)
    for article, quote, text, claimant, stance, claimed, about in CLAIMS:
        part, claim_id = create_claim(
            project,
            text=text,
            claimant_id=actor_ids[claimant],
            stance=stance,
            claimed=parse_edtf_field(claimed, "claimed"),
            event_id=event_ids.get(about) if about else None,
            span=_span(project, article, quote),
        )
        project.apply(part)
        done.extend(part)
        tagging = set_tags(project, "claim", claim_id, ["sample"])
        project.apply(tagging)
        done.extend(tagging)
    return done
