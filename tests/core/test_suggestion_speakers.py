"""Who said it, when the text says "he", gives a surname, or quotes several sentences."""

from __future__ import annotations

from annotator.core.suggestions.find import ActorIndex, find_suggestions
from annotator.core.suggestions.quotes import quotations

TEXT = (
    "GM chief executive Fritz Henderson met reporters on Monday. The plan was approved. "
    '"We are disappointed. We will appeal," he said. Analysts said the plan was weak. '
    "Acme Corp said it would sue. They said nothing. "
    'Henderson told reporters: "We lost. We go on." Then more.'
)


def claims(text: str, actors: ActorIndex | None = None) -> list:
    found = find_suggestions(text, actors or ActorIndex([]), dates=False)
    return [c for c in found if c.kind == "claim"]


def test_he_is_the_person_named_in_the_two_sentences_before_the_quotation() -> None:
    he = claims(TEXT)[0]
    assert (he.speaker, he.speaker_kind, he.speaker_said) == ("Fritz Henderson", "person", "he")
    # the passage is the whole quotation, both its sentences
    assert TEXT[he.passage_start : he.passage_end] == (
        '"We are disappointed. We will appeal," he said.'
    )
    assert he.claimed == "We are disappointed. We will appeal"


def test_he_is_a_known_actor_when_the_name_before_is_one() -> None:
    actors = ActorIndex([{"id": "f", "name": "Fritz Henderson", "kind": "person", "aliases": "[]"}])
    he = claims(TEXT, actors)[0]
    assert (he.actor_id, he.actor_name, he.speaker_said) == ("f", "Fritz Henderson", "he")


def test_no_antecedent_or_a_group_leaves_the_speaker_to_the_analyst() -> None:
    text = 'The plan was approved. Nothing else happened. It rained. "No," she said.'
    she = claims(text)[0]
    assert (she.speaker, she.speaker_kind, she.actor_id) == ("she", "", None)
    they = next(c for c in claims(TEXT) if c.speaker == "They")
    assert (they.speaker_kind, they.speaker_said) == ("", "They")


def test_new_speakers_are_offered_with_their_kind_common_nouns_are_not() -> None:
    found = {c.speaker: c.speaker_kind for c in claims(TEXT)}
    assert found["Acme Corp"] == "organisation"
    assert found["Analysts"] == ""
    # a surname alone is the full name given earlier
    last = claims(TEXT)[-1]
    assert (last.speaker, last.speaker_said) == ("Fritz Henderson", "Henderson")
    assert TEXT[last.passage_start : last.passage_end] == (
        'Henderson told reporters: "We lost. We go on."'
    )


def test_quotations_pair_curly_straight_and_corpus_marks() -> None:
    text = "A “b c” d \"e f\" g ``h i. J k '' l"
    assert [text[a:b] for a, b in quotations(text)] == ["b c", "e f", "h i. J k "]
    assert quotations('He said "unclosed and more') == []


def orgs(text: str) -> list[str]:
    found = find_suggestions(text, ActorIndex([]), dates=False)
    return [c.text for c in found if c.kind == "new_actor" and c.guess == "organisation"]


def test_one_word_companies_are_known_by_the_words_around_them() -> None:
    text = (
        "Shares of Zorbex fell on Monday. Later Quillon reported a loss, and its rival "
        "Vantrix posted a profit. In a later deal, Quillon bought a plant from Vantrix."
    )
    # each by its cue, then every later mention of the same name (not a sentence's start
    # alone: "Later" and "In" are no names)
    assert orgs(text) == ["Zorbex", "Quillon", "Vantrix", "Quillon", "Vantrix"]


def test_a_company_before_a_title_or_a_model_number_is_left_to_the_person_or_the_thing() -> None:
    text = "Boeing Co. said it would cut jobs. Boeing CEO Jim McNerney spoke. Boeing 787 flew."
    assert orgs(text) == ["Boeing Co."]
    # a person's surname is the person's, whatever verb follows it
    assert orgs("Fritz Henderson met them. Henderson reported a loss.") == []


def test_a_word_or_two_quoted_inside_the_clause_leave_the_clause_as_the_claim() -> None:
    text = "Zed Quorn said the plan was a matter of “deep concern” to the board."
    (said,) = claims(text)
    assert said.claimed == "the plan was a matter of “deep concern” to the board"
