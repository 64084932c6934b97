"""The reader's suggestions (``core.suggestions``): known actors through the name index, new
names by their rules, reported speech, dates; pure, cached and fast; and the evaluations on
a small slice of MEANTIME when the corpus is there.

MEANTIME corpus © 2015 FBK, VU Amsterdam, UPV/EHU, CC BY 4.0 (read from ../shared, not copied).
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.dates.meantime import default_corpus_dir
from annotator.core.suggestions import evaluation
from annotator.core.suggestions.find import ActorIndex, _cached, _FirstOverlap, find_suggestions
from annotator.core.suggestions.speech import find_speech

CORPUS = default_corpus_dir()
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no MEANTIME corpus at {CORPUS}")

TEXT = (
    "On Tuesday, President Emmanuel Macron met Dr. Ruth Fox in Paris.\n"
    "Chrysler CEO Robert Nardelli said the company would cut jobs. "
    "The Ministry of Defence denied the report, according to the BBC. "
    '"We are not worried," said Anna Berg, a spokeswoman for Acme Corp. '
    "US automakers and the United Auto Workers (UAW) met in Detroit."
)


def _by_kind(found, kind):
    return [(c.text, c.guess or c.actor_name) for c in found if c.kind == kind]


def test_known_actors_by_name_or_alias_whole_words_and_capitals() -> None:
    actors = ActorIndex(
        [
            {"id": "m", "name": "Emmanuel Macron", "aliases": '["Macron"]'},
            {"id": "p", "name": "Paris", "aliases": "not json"},  # damaged aliases: name alone
            {"id": "a", "name": "Apple", "aliases": []},
        ]
    )
    text = TEXT + " Macron's aides ate an apple; Macronism is not Macron."
    found = find_suggestions(text, actors)
    known = [(c.text, c.actor_id) for c in found if c.kind == "known_actor"]
    assert known == [
        ("Emmanuel Macron", "m"), ("Paris", "p"), ("Macron", "m"), ("Macron", "m"),
    ]  # fmt: skip
    # a surname only one known actor has is that actor ("Nardelli" after the full name)
    by_surname = ActorIndex([{"id": "n", "name": "Robert Nardelli", "aliases": []}])
    later = find_suggestions("Robert Nardelli left. Nardelli said so.", by_surname)
    assert [(c.kind, c.text, c.actor_id) for c in later if c.kind != "claim"] == [
        ("known_actor", "Robert Nardelli", "n"), ("known_actor", "Nardelli", "n"),
    ]  # fmt: skip
    assert [c.actor_id for c in later if c.kind == "claim"] == ["n"]
    # a known name is not offered again as a new one
    assert "Paris" not in [t for t, _ in _by_kind(found, "new_actor")]


def test_new_names_and_their_kinds() -> None:
    found = find_suggestions(TEXT, ActorIndex([]))
    names = dict(_by_kind(found, "new_actor"))
    assert names["Emmanuel Macron"] == "person"  # a title before
    assert names["Ruth Fox"] == "person"
    assert names["Robert Nardelli"] == "person"  # "Chrysler CEO Robert Nardelli"
    assert names["Anna Berg"] == "person"  # a speaker
    assert names["Ministry of Defence"] == "organisation"
    assert names["Acme Corp."] == "organisation"
    assert names["United Auto Workers"] == "organisation"
    assert names["UAW"] == "organisation"  # the acronym in brackets, as its name
    assert names["Paris"] == "place" and names["Detroit"] == "place"
    assert "US" not in names  # "US automakers": a modifier, not an actor
    assert "On Tuesday" not in names and "Tuesday" not in names
    listed = find_suggestions("Britain and Denmark raised spending.", ActorIndex([]))
    assert [(c.text, c.actor_kind) for c in listed] == [("Britain", "state"), ("Denmark", "state")]
    kinds = {c.text: c.actor_kind for c in found if c.kind == "new_actor"}
    assert kinds["Paris"] == "other" and kinds["Acme Corp."] == "organisation"


def test_reported_speech_speaker_and_what_is_claimed() -> None:
    speech = {
        (TEXT[a.start : a.end], TEXT[a.speaker_start : a.speaker_end]) for a in find_speech(TEXT)
    }
    assert speech == {
        ("said", "Robert Nardelli"),
        ("denied", "Ministry of Defence"),
        ("according to", "the BBC"),
        ("said", "Anna Berg"),
    }
    found = find_suggestions(TEXT, ActorIndex([]))
    quote = next(c for c in found if c.kind == "claim" and c.speaker == "Anna Berg")
    assert quote.claimed == "We are not worried"
    denied = next(c for c in found if c.kind == "claim" and c.text == "denied")
    assert denied.stance == "denies"
    assert TEXT[denied.passage_start : denied.passage_end].startswith("The Ministry")


def test_dates_and_no_overlapping_marks() -> None:
    found = find_suggestions(TEXT, ActorIndex([]), date(2025, 3, 7))
    assert ("Tuesday", "") in _by_kind(found, "date")
    spans = sorted((c.start, c.end) for c in found)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_cached_per_article_on_a_long_article() -> None:
    # Its speed is a benchmark figure (`annotator evaluate-suggestions` prints 60 KB with
    # 2,000 actors), never asserted here: the machines are shared.
    text = (TEXT + "\n") * 190  # about 60 KB
    assert len(text) > 55_000
    actors = ActorIndex([{"id": str(i), "name": f"Actor {i}", "aliases": []} for i in range(2000)])
    find_suggestions("warm up the gazetteer", actors)
    _cached.cache_clear()
    first = find_suggestions(text, actors, date(2025, 3, 7))
    assert first  # the long text has suggestions to keep
    assert find_suggestions(text, actors, date(2025, 3, 7)) is first  # cached per article


@needs_corpus
def test_the_evaluations_run_on_a_slice_of_meantime() -> None:
    lines = evaluation.name_report(CORPUS, limit=4)
    assert lines[0].startswith("Names (MEANTIME")
    assert any("held out corpus_stock" in line for line in lines)
    docs = [d for d in evaluation.name_docs(CORPUS) if d.folder == "corpus_gm"][:6]
    score = evaluation.score_names(docs)
    assert score.gold > 0 and score.system > 0
    assert score.precision() >= 60  # 84 on all of the development folders
    speech = evaluation.speech_report(CORPUS)
    assert "37 attributions" in speech[0]
    precision = float(speech[1].split("precision")[1].split()[0])
    assert precision >= 80


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whose chairman: the company, not a person called "Chrysler"
        (
            "said Ann Lee, the Vice Chairman of Chrysler.",
            {"Ann Lee": "person", "Chrysler": "organisation"},
        ),
        # "Prime Minister of Canada": the place only qualifies the role
        ("He met the Prime Minister of Canada on Monday.", {}),
        # a place word in the name makes it a place, whatever the comma after it says
        (
            "Flights left Changi International Airport, the main hub.",
            {"Changi International Airport": "place"},
        ),
        # after "in", an apposition names a publication or a place, not a speaker
        ("A report in Ars Technica, an online magazine, said so.", {}),
        # two companies joined by "and" are two names
        (
            "The new names are Daimler AG and Chrysler Holding LLC.",
            {"Daimler AG": "organisation", "Chrysler Holding LLC": "organisation"},
        ),
        # abbreviations of things are no organisations
        ("It has an LCD screen and 5,000 VIP guests came.", {}),
        # a company's product is not a person: "Ford" is a company here
        (
            "Ford said sales fell. The Ford Taurus is back, and Taurus fans cheered.",
            {"Ford": "organisation"},
        ),
        # market indices are figures, not actors
        ("The FTSE rose 2% while the Nikkei fell.", {}),
    ],
)
def test_new_name_kinds_from_the_words_around(text: str, expected: dict[str, str]) -> None:
    found = find_suggestions(text, ActorIndex([]), dates=False)
    assert dict(_by_kind(found, "new_actor")) == expected


def test_a_possessive_owner_inside_a_whole_mention_is_not_judged() -> None:
    doc = evaluation.NameDoc(
        "d", "f", "GM's bondholders agreed.", [], 24,
        mentions=[evaluation.Mention(0, 16, "person")], sentences=[(0, 24)],
    )  # fmt: skip
    assert evaluation.system_names(doc) == []  # "GM": MEANTIME marked only the whole phrase
    doc.mentions.append(evaluation.Mention(0, 2, "organisation"))
    assert evaluation.system_names(doc) == [evaluation.Mention(0, 2, "organisation")]


@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(1, 12)).map(lambda t: (t[0], t[0] + t[1])),
        max_size=30,
    ),
    st.integers(0, 70),
    st.integers(1, 10),
)
def test_the_first_overlapping_span_is_the_one_a_scan_in_order_finds(
    spans: list[tuple[int, int]], start: int, length: int
) -> None:
    # Speakers are matched to names through it (a scan per speaker was quadratic).
    end = start + length
    scan = next((i for i, (a, b) in enumerate(spans) if a < end and b > start), None)
    assert _FirstOverlap(spans).first(start, end) == scan


def test_a_surname_alone_later_makes_a_person() -> None:
    # Each word's lone uses are found once (not by walking every later use per name).
    def names(text: str) -> dict[str, str]:
        return dict(_by_kind(find_suggestions(text, ActorIndex([])), "new_actor"))

    talks = "The talks with Robert Nardelli ended."
    assert names(f"{talks} Nardelli left early.")["Robert Nardelli"] == "person"
    assert "Robert Nardelli" not in names(f"{talks} Nardelli Motors left early.")
    assert "Robert Nardelli" not in names(f"Nardelli left early. {talks}")  # only later
