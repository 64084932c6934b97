"""The temporal-expression finder: spans, types and TIMEX3 values against a publication date."""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.dates.finder import Timex, find_timexes, timexes_json
from annotator.core.errors import DateError
from tests.helpers.paths import REPO

TUE = date(2025, 3, 4)  # a Tuesday, ISO week 2025-W10


def one(text: str, phrase: str, published=TUE) -> Timex:
    found = [t for t in find_timexes(text, published) if t.text == phrase]
    assert found, f"{phrase!r} not found in {find_timexes(text, published)}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The ministers met on Tuesday.", "Tuesday", "2025-03-04"),  # said the same day, past
        ("The ministers met on Monday.", "Monday", "2025-03-03"),
        ("The ministers met on Friday.", "Friday", "2025-02-28"),
        ("The ministers will meet on Friday.", "Friday", "2025-03-07"),
        ("The ministers will meet on Monday.", "Monday", "2025-03-10"),
        ("He said Friday that the army will withdraw.", "Friday", "2025-02-28"),
        ("They will talk again next Tuesday.", "next Tuesday", "2025-03-11"),
        ("They talked last Tuesday.", "last Tuesday", "2025-02-25"),
    ],
)
def test_weekdays_follow_the_tense(text: str, phrase: str, value: str) -> None:
    t = one(text, phrase)
    assert (t.type, t.value, t.anchor) == ("DATE", value, "published")


@pytest.mark.parametrize(
    ("text", "phrase", "type_", "value"),
    [
        ("Talks failed last week.", "last week", "DATE", "2025-W09"),
        ("Talks resume this week.", "this week", "DATE", "2025-W10"),
        ("Prices rose earlier this month.", "earlier this month", "DATE", "2025-03"),
        ("Spending rose this year.", "this year", "DATE", "2025"),
        ("He spoke yesterday.", "yesterday", "DATE", "2025-03-03"),
        ("He speaks today.", "today", "DATE", "2025-03-04"),
        ("He speaks tonight.", "tonight", "TIME", "2025-03-04TNI"),
        ("He left two weeks ago.", "two weeks ago", "DATE", "2025-02-18"),
        ("Sales fell last month.", "last month", "DATE", "2025-02"),
        ("It will open next year.", "next year", "DATE", "2026"),
        ("Europe is now rearming.", "now", "DATE", "PRESENT_REF"),
        ("Europe recently rearmed.", "recently", "DATE", "PAST_REF"),
        ("The war lasted three years.", "three years", "DURATION", "P3Y"),
        ("They proposed a month of truce.", "a month", "DURATION", "P1M"),
        ("In the space of 12 hours they agreed.", "12 hours", "DURATION", "PT12H"),
        ("a five-year plan", "five-year", "DURATION", "P5Y"),
        ("It lasted half an hour.", "half an hour", "DURATION", "PT30M"),
        ("They meet every week.", "every week", "SET", "P1W"),
        ("The board meets weekly.", "weekly", "SET", "P1W"),
        ("Rates are reviewed annually.", "annually", "SET", "P1Y"),
        ("It sold 40 billion euros a year.", "a year", "SET", "P1Y"),
        ("It happened on March 3, 2019.", "March 3, 2019", "DATE", "2019-03-03"),
        ("It happened on 3 March 2019.", "3 March 2019", "DATE", "2019-03-03"),
        ("It happened in May 2019.", "May 2019", "DATE", "2019-05"),
        ("It happened in 2019.", "2019", "DATE", "2019"),
        ("in the 1990s", "the 1990s", "DATE", "199"),
        ("profits in the first quarter of 2009", "the first quarter of 2009", "DATE", "2009-Q1"),
        ("The landing was at 18:00 UTC.", "18:00 UTC", "TIME", "2025-03-04T18:00Z"),
        ("The vote is at 3 p.m. on Thursday.", "3 p.m.", "TIME", "2025-03-06T15:00"),
        ("Sales were strong last spring.", "last spring", "DATE", "2024-SP"),
    ],
)
def test_values(text: str, phrase: str, type_: str, value: str) -> None:
    t = one(text, phrase)
    assert (t.type, t.value) == (type_, value)


def test_month_without_year_takes_the_tense() -> None:
    feb = date(2025, 2, 10)
    assert one("They met in March.", "March", feb).value == "2024-03"
    assert one("They will meet in March.", "March", feb).value == "2025-03"
    assert (
        one("The deal may be signed on September 12.", "September 12", date(2025, 9, 8)).value
        == "2025-09-12"
    )


def test_decade_end_and_mods() -> None:
    t = one("Spending will rise by 800 billion euros by decade's end.", "decade's end")
    assert (t.value, t.mod, t.anchor) == ("202", "END", "published")
    t = one("Output should recover in early June.", "early June")
    assert (t.value, t.mod) == ("2025-06", "START")
    t = one("It lasted nearly five months.", "nearly five months")
    assert (t.value, t.mod) == ("P5M", "APPROX")


def test_event_anchored_phrases_report_the_offset() -> None:
    t = one("The summit came two days after the argument.", "two days")
    assert (t.anchor, t.offset, t.value) == ("event", "P2D", "P2D")
    t = one("Three weeks before the vote, he resigned.", "Three weeks")
    assert (t.anchor, t.offset) == ("event", "-P3W")
    t = one("The next day, talks resumed.", "The next day")
    assert (t.anchor, t.offset) == ("event", "P1D")
    # Anchored on a date instead: one resolved DATE.
    t = one("It ended two days after March 3.", "two days after March 3")
    assert (t.type, t.value, t.offset) == ("DATE", "2025-03-05", "P2D")


def test_words_that_only_look_like_dates() -> None:
    text = "Theresa May said 2000 jobs may go. The march was long. A second vote came."
    assert find_timexes(text, TUE) == []


def test_published_range_keeps_what_both_ends_agree_on() -> None:
    rng = (date(2025, 3, 7), date(2025, 3, 8))
    assert one("They met on Tuesday.", "Tuesday", rng).value == "2025-03-04"
    assert one("They met yesterday.", "yesterday", rng).value == "2025-W10"  # 6 or 7 March
    assert one("They met this month.", "this month", rng).value == "2025-03"
    wide = (date(2025, 2, 20), date(2025, 3, 20))
    assert one("They met this month.", "this month", wide).value == "2025"
    assert one("They met last year.", "last year", wide).value == "2024"
    assert one("They met on Tuesday.", "Tuesday", wide).value is None  # 18 Feb .. 18 Mar


def test_without_publication_date_relative_phrases_are_found_unresolved() -> None:
    t = one("They met on Tuesday, and yesterday too.", "Tuesday", None)
    assert (t.value, t.anchor) == ("XXXX-WXX-2", "published")
    t = one("They met on Tuesday, and yesterday too.", "yesterday", None)
    assert (t.type, t.value, t.anchor) == ("DATE", None, "published")
    assert one("in 2019", "2019", None).anchor is None
    assert one("Troops will stay through the winter.", "the winter", None).value == "XXXX-WI"
    assert one("It opens on June 18.", "June 18", None).value == "XXXX-06-18"


def test_bad_publication_date_is_a_date_error() -> None:
    with pytest.raises(DateError):
        find_timexes("today", "2025-03-04")  # type: ignore[arg-type]
    with pytest.raises(DateError):
        find_timexes("today", (date(2025, 3, 5), date(2025, 3, 1)))


def test_offsets_are_code_points_and_json_shape() -> None:
    text = "😀𝄞 On Tuesday the leaders met."
    doc = timexes_json(text, TUE)
    assert json.loads(json.dumps(doc)) == doc
    (t,) = doc["timexes"]
    assert t == {
        "start": 6,
        "end": 13,
        "text": "Tuesday",
        "type": "DATE",
        "value": "2025-03-04",
        "anchor": "published",
    }
    assert text[t["start"] : t["end"]] == "Tuesday"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "on Tuesday",
                "last week",
                " ",
                ", ",
                ". ",
                "😀",
                "March 3",
                "2019",
                "two days",
                "after",
                "ago",
                "the",
                "every",
                "year",
                "May",
                "\n",
                "12:00",
                "UTC",
                "today",
                "early",
                "decade's end",
                "x",
                "a",
                "of",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_spans_are_sorted_disjoint_and_exact(text: str) -> None:
    for published in (TUE, None, (TUE, date(2025, 3, 9))):
        found = find_timexes(text, published)
        for a, b in itertools.pairwise(found):
            assert a.end <= b.start
        for t in found:
            assert text[t.start : t.end] == t.text and t.type in {"DATE", "TIME", "DURATION", "SET"}


def _manifest() -> dict:
    path = REPO / "seeds" / "manifest.json"
    if not path.exists():
        pytest.skip("seeds/manifest.json is not there yet (written by the seeds helper)")
    return json.loads(path.read_text(encoding="utf-8"))


def _published(edtf: str) -> date | tuple[date, date]:
    parts = [date.fromisoformat(p) for p in edtf.split("/")]
    return parts[0] if len(parts) == 1 else (parts[0], parts[1])


# Weekday phrases of the seed articles and the days they name (checked by hand against the
# articles' events; see the manifest's notes).
SEED_WEEKDAYS = {
    "002_": {"Tuesday": ["2025-03-11"]},
    "001_": {
        "Tuesday": ["2025-03-04", "2025-03-04"],
        "Wednesday": ["2025-03-05"],
        "Thursday": ["2025-03-06", "2025-03-06"],
        "Friday": ["2025-03-07", "2025-03-07"],
        "Sunday": ["2025-03-02"],
    },
}


def test_seed_weekdays_resolve_to_the_right_days() -> None:
    articles = {a["file"][:4]: a for a in _manifest()["articles"]}
    for prefix, expected in SEED_WEEKDAYS.items():
        article = articles[prefix]
        text = (REPO / "seeds" / article["file"]).read_text(encoding="utf-8")
        found = find_timexes(text, _published(article["published"]))
        got: dict[str, list[str | None]] = {}
        for t in found:
            if t.text in expected:
                got.setdefault(t.text, []).append(t.value)
        assert got == expected, article["file"]
