"""The grading system's words and the rule that suggests an event's assessment."""

from __future__ import annotations

from annotator.core.grades import (
    ClaimSide,
    Evidence,
    best_reliability,
    contest_of,
    credibility_words,
    effective_reliability,
    grade_code,
    is_contested,
    meets_reliability,
    reliability_words,
    suggest_assessment,
    suggestion_reason,
)


def test_the_standard_meanings_are_shown_with_each_grade() -> None:
    assert reliability_words("A") == "A — Completely reliable"
    assert reliability_words("F") == "F — Reliability cannot be judged"
    assert credibility_words("1") == "1 — Confirmed by other sources"
    assert credibility_words("6") == "6 — Truth cannot be judged"
    assert reliability_words(None) == credibility_words("") == ""


def test_an_articles_grade_overrides_its_outlets_and_codes_read_as_analysts_write_them():
    assert effective_reliability("D", "B") == "D"
    assert effective_reliability(None, "B") == "B"
    assert effective_reliability(None, None) is None
    assert grade_code("B", "2") == "B2"
    assert grade_code("B", None) == "B-"
    assert grade_code(None, "3") == "-3"
    assert grade_code(None, None) == ""
    assert best_reliability(["C", None, "B", "F"]) == "B"
    assert best_reliability([None]) is None
    assert meets_reliability("B", "C") and not meets_reliability("D", "C")
    assert not meets_reliability(None, "E") and not meets_reliability("F", "E")


def test_claims_split_for_and_against_and_questions_take_no_side() -> None:
    claims = [
        ClaimSide("1", "It happened", "asserts", "A"),
        ClaimSide("2", "It did not", "denies", "B"),
        ClaimSide("3", "Did it?", "questions", "C"),
        ClaimSide("4", "Not like that", "disputes", "D"),
    ]
    contest = contest_of(claims)
    assert [c.claim_id for c in contest.for_] == ["1"]
    assert [c.claim_id for c in contest.against] == ["2", "4"]
    assert contest.contested
    assert not contest_of(claims[:1]).contested
    assert is_contested(["asserts", "disputes"]) and not is_contested(["asserts", "predicts"])


def test_the_rule_disputed_then_corroborated_then_unverified() -> None:
    two = [Evidence("Reuters"), Evidence("AP")]
    assert suggest_assessment(True, two) == "disputed"
    assert suggest_assessment(False, two) == "corroborated"
    assert suggest_assessment(False, [Evidence("Reuters"), Evidence("reuters")]) == "unverified"
    assert suggest_assessment(False, []) == "unverified"
    assert suggestion_reason(False, two) == "2 independent outlets report it"
    assert suggestion_reason(True, two) == "claims about it contradict each other"
    assert suggestion_reason(False, []) == "no outlet reports it yet"


def test_discredited_sources_and_information_do_not_corroborate() -> None:
    weak_source = [Evidence("Reuters", "B"), Evidence("Tabloid", "E")]
    assert suggest_assessment(False, weak_source) == "unverified"
    assert suggestion_reason(False, weak_source) == (
        "only one outlet reports it (1 other outlet discounted by their grades)"
    )
    weak_info = [Evidence("Reuters", "B", "2"), Evidence("AP", "A", "5")]
    assert suggest_assessment(False, weak_info) == "unverified"
    # an outlet with one weak and one sound citation still counts
    mixed = [Evidence("AP", "A", "5"), Evidence("AP", "A", "2"), Evidence("Reuters", "F")]
    assert suggest_assessment(False, mixed) == "corroborated"
