"""What each way of changing a date makes of its provenance: every change against every
kind of old provenance (a table), the refusals, and the words."""

from __future__ import annotations

import pytest

from annotator.core.dates.provenance import (
    HAND_SET,
    NO_DATE,
    DateChange,
    DateProvenance,
    date_fields_provenance,
    date_provenance_alone,
    follows_publication,
    is_suggestion,
    next_provenance,
    source_words,
)
from annotator.core.errors import InputError

P = DateProvenance
OLD = {
    "none": NO_DATE,
    "suggested": P("On Tuesday", "published", "suggested"),
    "confirmed": P("On Tuesday", "published", "confirmed"),
    "absolute": P("4 March 2025", None, "suggested"),
    "event": P("two days later", "event:e1", "suggested"),
    "event confirmed": P("two days later", "event:e1", "confirmed"),
    "typed": P(None, "typed", "confirmed"),
    "table": P(None, "table", "confirmed"),
    "dragged": P(None, "dragged", "confirmed"),
    "bar end": P(None, "bar_end", "confirmed"),
    "legacy": P(None, None, "confirmed"),  # set before its source was recorded
}
REFUSED = "refused"
HAND = {
    DateChange.TYPED: P(None, "typed", "confirmed"),
    DateChange.TABLE: P(None, "table", "confirmed"),
    DateChange.DRAGGED: P(None, "dragged", "confirmed"),
    DateChange.BAR_END: P(None, "bar_end", "confirmed"),
}
# (old, change) -> new provenance, or REFUSED. Every pair is listed.
EXPECTED: dict[tuple[str, DateChange], object] = {}
for old in OLD:
    for change, made in HAND.items():
        EXPECTED[(old, change)] = made  # a hand edit: the analyst's, whatever it was before
    EXPECTED[(old, DateChange.CLEARED)] = NO_DATE
    EXPECTED[(old, DateChange.SUGGESTED)] = P("last week", "published", "suggested")
    EXPECTED[(old, DateChange.CONFIRMED)] = REFUSED
    EXPECTED[(old, DateChange.RESOLVED_AGAIN)] = REFUSED
EXPECTED[("suggested", DateChange.CONFIRMED)] = P("On Tuesday", "published", "confirmed")
EXPECTED[("absolute", DateChange.CONFIRMED)] = P("4 March 2025", None, "confirmed")
EXPECTED[("event", DateChange.CONFIRMED)] = P("two days later", "event:e1", "confirmed")
EXPECTED[("suggested", DateChange.RESOLVED_AGAIN)] = P("On Tuesday", "published", "suggested")
# what the analyst confirmed was the reading against the old publication date
EXPECTED[("confirmed", DateChange.RESOLVED_AGAIN)] = P("On Tuesday", "published", "suggested")


def test_the_table_covers_every_change_and_every_old_provenance():
    assert set(EXPECTED) == {(o, c) for o in OLD for c in DateChange}


@pytest.mark.parametrize(("old", "change"), sorted(EXPECTED, key=lambda k: (k[0], k[1].value)))
def test_next_provenance(old: str, change: DateChange):
    expected = EXPECTED[(old, change)]
    kwargs = (
        {"phrase": "last week", "anchor": "published"} if change is DateChange.SUGGESTED else {}
    )
    if expected is REFUSED:
        with pytest.raises(InputError) as err:
            next_provenance(change, OLD[old], **kwargs)
        assert "date" in str(err.value)
        return
    new = next_provenance(change, OLD[old], **kwargs)
    assert new == expected
    if change in HAND:  # a hand edit is never a confirmed suggestion: it has no phrase
        assert new.phrase is None and not is_suggestion(new)
        assert "confirmed" not in source_words(new) and "suggested" not in source_words(new)


@pytest.mark.parametrize(
    ("phrase", "anchor"), [(None, "published"), ("", None), ("On Tuesday", "typed")]
)
def test_a_suggestion_needs_a_phrase_and_a_phrase_anchor(phrase, anchor):
    with pytest.raises(InputError):
        next_provenance(DateChange.SUGGESTED, NO_DATE, phrase=phrase, anchor=anchor)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"date": "2025-03-05"}, P(None, "typed", "confirmed")),
        ({"date": "2025-03-05", "date_anchor": "table"}, P(None, "table", "confirmed")),
        ({"date": "2025-03-05", "date_anchor": "dragged"}, P(None, "dragged", "confirmed")),
        ({"date": "2025-03-05", "date_anchor": "bar_end"}, P(None, "bar_end", "confirmed")),
        # a hand anchor drops a phrase it was given: the phrase did not set this date
        (
            {"date": "2025-03-05", "date_anchor": "dragged", "date_phrase": "On Tuesday"},
            P(None, "dragged", "confirmed"),
        ),
        # a status alone never makes a typed date a confirmed suggestion
        ({"date": "2025-03-05", "date_status": "suggested"}, P(None, "typed", "confirmed")),
        (
            {"date": "2025-03-04", "date_phrase": "On Tuesday", "date_anchor": "published"},
            P("On Tuesday", "published", "suggested"),
        ),
        (
            {
                "date": "2025-03-04",
                "date_phrase": "On Tuesday",
                "date_anchor": "published",
                "date_status": "confirmed",
            },
            P("On Tuesday", "published", "confirmed"),
        ),
        ({"date": None, "date_anchor": "dragged"}, NO_DATE),
        ({"date": "  "}, NO_DATE),
    ],
)
def test_the_fields_of_a_date_edit(fields, expected):
    assert date_fields_provenance(fields) == expected


def test_a_status_that_is_not_one_is_named():
    with pytest.raises(InputError) as err:
        date_fields_provenance({"date": "2025-03-04", "date_status": "maybe"})
    assert str(err.value).startswith("date_status: 'maybe' is not a date status")


def test_a_provenance_field_alone_only_confirms_a_suggestion():
    row = {"date_phrase": "On Tuesday", "date_anchor": "published", "date_status": "suggested"}
    assert date_provenance_alone(row, "date_status", "confirmed") == {"date_status": "confirmed"}
    typed = {"date_phrase": None, "date_anchor": "typed", "date_status": "confirmed"}
    with pytest.raises(InputError, match="no suggested date"):
        date_provenance_alone(typed, "date_status", "confirmed")
    for name, value in (("date_phrase", "On Monday"), ("date_anchor", "typed")):
        with pytest.raises(InputError, match="changes only with the date"):
            date_provenance_alone(row, name, value)
    with pytest.raises(InputError):
        date_provenance_alone(row, "date_status", "suggested")


def test_only_phrases_counted_from_the_publication_follow_it():
    assert [k for k, v in OLD.items() if follows_publication(v)] == ["suggested", "confirmed"]


@pytest.mark.parametrize(
    ("old", "kwargs", "words"),
    [
        ("typed", {}, "typed by the analyst"),
        ("table", {}, "edited in the table by the analyst"),
        ("dragged", {}, "moved on the drawn timeline by the analyst"),
        ("bar end", {}, "an end of its bar dragged on the drawn timeline by the analyst"),
        (
            "suggested",
            {"against": "7 Mar 2025"},
            "suggested from “On Tuesday”, resolved against the publication date (7 Mar 2025); "
            "not yet confirmed",
        ),
        (
            "confirmed",
            {},
            "suggested from “On Tuesday”, resolved against the publication date; "
            "confirmed by the analyst",
        ),
        ("absolute", {}, "suggested from “4 March 2025”; not yet confirmed"),
        (
            "event",
            {"event": "The argument"},
            "suggested from “two days later”, counted from the date of “The argument”; "
            "not yet confirmed",
        ),
        (
            "event confirmed",
            {},
            "suggested from “two days later”, counted from another event's date; "
            "confirmed by the analyst",
        ),
        ("legacy", {}, "set before its source was recorded"),
        ("none", {}, ""),
    ],
)
def test_words(old, kwargs, words):
    assert source_words(OLD[old], **kwargs) == words
    assert "event:" not in words  # never the stored code


def test_every_hand_anchor_has_a_change():
    assert {c.value for c in HAND} == set(HAND_SET)
