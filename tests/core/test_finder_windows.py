"""The windowed rule search gives exactly what scanning the whole text with every rule gives."""

from __future__ import annotations

import json
import random
import re
from datetime import date

import pytest

from annotator.core.dates import candidates
from annotator.core.dates.candidates import TRIGGERS, full_scan, rule_matches
from annotator.core.dates.finder import RULES, find_timexes
from tests.helpers.paths import DATA as TEST_DATA
from tests.helpers.paths import REPO

ROOT = REPO
DATA = TEST_DATA / "finder"

# Phrases at the edge of each rule's reach: the most words between a match's start and its
# trigger word, modifiers glued to a month, odd separators.
PHRASES = [
    "Monday, the 3rd of March 2025",
    "for the fiscal year ending June 30, 1990, and the year that ended in Sept.",
    "in the past twenty-five straight trading sessions",
    "by mid-year, at the midyear",
    "Hours later, minutes earlier, in calendar year 2024",
    "Martin Luther King Jr. Day, MLK Day 2008, St. Patrick's Day, Presidents' Day, May Day",
    "the end of the fiscal second quarter, the first fiscal quarter",
    "in the early twenty-first century, overnight Tuesday",
    "the end of the first quarter of last year",
    "the corresponding period of 2023, the comparable quarter a year earlier",
    "the first week of March 2020",
    "the first half of 2011",
    "the latter part of the 1990s",
    "the early 21st-century",
    "the beginning of the 21st century",
    "about twenty-five and a half more days ago",
    "upwards of a few years",
    "more than twenty-five and a half consecutive days after",
    "the past twenty-five and a half working days-long",
    "early the day before yesterday evening",
    "this past Monday morning",
    "the beginning of this past financial year",
    "the end of this decade",
    "the decade's end",
    "the coming weeks",
    "at the moment",
    "the near future",
    "the following morning",
    "that evening",
    "Q3 2011",
    "the second quarter of last year",
    "fiscal 2011",
    "FY2011",
    "mid-1990s",
    "'90s",
    "10:30 a.m. EST Monday",
    "1500 GMT",
    "23:15",
    "3/4/2020",
    "2020-04-05T10:30Z",
    "noon",
    "every other week",
    "forty-two times per day",
    "once a month",
    "Thursdays",
    "weekly",
    "New Year's Eve",
    "Valentine’s Day 2020",
    "Easter Sunday",
    "midDecember",
    "the end ofMay 2011",
    "earlysummer of 2010",
    "lateNovember",
    "two - - days ago",
    "five-days-long",
    "right now",
    "the previous year's fourth-quarter",
    "2009's first half",
    "nineteen ninety-eight",
    "two thousand and eight",
    "fiscal year 89",
    "FY89",
    "week 7 of 2025",
    "the year-ago quarter",
    "the year earlier period",
    "the same period of the last year",
    "for the fiscal year",
    "the year before.",
    "a year earlier",
    "twenty-five and a half more days later",
    "the early morning trading",
    "very soon",
    "more recently",
    "the current",
]
SEPARATORS = [
    " ",
    "  ",
    "-",
    " - ",
    "\n",
    "\t",
    "",
    "\u00a0",
    ",",
    ".",
    "/",
    "'",
    "’",
    "(",
    "@",
    "#",
    ":",
    "$",
    "é",
    "٣",
    "1",
]


def _mutated(rng: random.Random, text: str) -> str:
    out = []
    for ch in text:
        r = rng.random()
        if ch in " -" and r < 0.25:
            out.append(rng.choice(SEPARATORS))
        elif r < 0.02:
            out.append(rng.choice(SEPARATORS) + ch)
        elif r < 0.03:
            out.append(ch.swapcase())
        else:
            out.append(ch)
    return "".join(out)


def _spans(found: list[list[re.Match[str]]]) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in matches] for matches in found]


def _assert_same(text: str) -> None:
    assert _spans(rule_matches(text, RULES)) == _spans(full_scan(text, RULES)), repr(text)


def test_every_rule_has_triggers() -> None:
    assert {rule.name for rule in RULES} == set(TRIGGERS)


def test_no_rule_matches_empty_text() -> None:
    # The windowed search takes one match per start, as finditer does for non-empty matches.
    for rule in RULES:
        assert re._parser.parse(rule.regex.pattern).getwidth()[0] > 0, rule.name


def test_mutated_phrases_and_seed_text_agree_with_the_full_scan() -> None:
    rng = random.Random(20250304)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    pieces = PHRASES + [s[i : i + 300] for s in seeds for i in range(0, len(s), 300)]
    for _ in range(1500):
        _assert_same(_mutated(rng, " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))))


def test_long_mixed_text_agrees_with_the_full_scan() -> None:
    # Many triggers per text: windows join, and walks back stop at the previous trigger.
    rng = random.Random(7)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for _ in range(8):
        parts = []
        for _ in range(rng.randint(20, 120)):
            seed = rng.choice(seeds)
            k = rng.randrange(len(seed))
            parts.append(rng.choice([rng.choice(PHRASES), seed[k : k + rng.randint(20, 400)]]))
            parts.append(rng.choice([" ", " - ", "\n", "/", "", " " * rng.randint(1, 300)]))
        _assert_same(_mutated(rng, "".join(parts)))


@pytest.mark.parametrize(
    "text",
    [
        "two" + " " * 50_000 + "days ago",  # a gap of any length is still one gap
        "the end of" + "\n" * 1000 + "this" + " -" * 500 + " year",
        "1/" * 20_000 + "2/2020",  # one run of text with many digits in it
        "day/" * 20_000,
        "March " * 5_000,
        "after before " * 5_000,
        "9" * 100_000,
        "",
    ],
)
def test_long_or_repetitive_text_agrees_with_the_full_scan(text: str) -> None:
    _assert_same(text)


@pytest.mark.parametrize("fold", ["\u017f", "\u212a", "\u0131", "\u0130"])
def test_letters_that_fold_to_ascii_send_the_text_to_the_full_scan(fold: str, monkeypatch) -> None:
    text = f"two wee{fold}s ago, on Mon{fold}ay, in 2011"
    _assert_same(text)
    monkeypatch.setattr(candidates, "_windows", lambda *a: pytest.fail("windowed search used"))
    rule_matches(text, RULES)


def test_a_rule_without_triggers_falls_back_to_the_full_scan(monkeypatch) -> None:
    monkeypatch.delitem(TRIGGERS, "year")
    assert _spans(rule_matches("in 2011", RULES)) == _spans(full_scan("in 2011", RULES))


def test_fixed_sample_output_is_unchanged() -> None:
    """Stored from the finder before the windowed search: any change in output fails here."""
    expected = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
    files = [*sorted((ROOT / "seeds").glob("*.txt")), DATA / "edge_cases.txt"]
    assert sorted(expected) == sorted(p.name for p in files)
    for p in files:
        text = p.read_text(encoding="utf-8")
        got = {
            "2025-03-04": [t.to_json() for t in find_timexes(text, date(2025, 3, 4))],
            "none": [t.to_json() for t in find_timexes(text)],
        }
        assert got == expected[p.name], p.name
