"""Time words inside names that TimeML does not mark: "the Summer Olympics", "the Winter
Festival", "The Sunday Times", "the Mail on Sunday", "Fox News Sunday", "the Daily Mail".

(Names whose capitalised word is a unit or a part of the day, "60 Minutes" or "Good Morning
America", are caught by the finder's title-case test.)
"""

from __future__ import annotations

import re

from annotator.core.dates.timex_base import Ctx

_SEASON = re.compile(r"(?:Spring|Summer|Autumn|Fall|Winter)$")
# Capitalised words after a season that make it a name: anything but a year or a month.
_NAME_AFTER = re.compile(
    r"\s+(?!(?:of|Of|in|In)\b)(?![A-Z][a-z]*\s+\d)"
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b)[A-Z][a-z]+"
)
# A capitalised word right before a capitalised season, inside a sentence: a name ("the Arab
# Spring"), unless it is a word that dates the season ("Last Spring" in a title).
_NAME_BEFORE = re.compile(
    r"(?<![.!?]\s)\b(?!(?:Last|Next|This|Early|Late|Mid|The|In|By|Since|Until|During|Each"
    r"|Every|Of|Until|From|And|Or)\b)[A-Z][a-z]+\s+$"
)
_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$")
_PAPER_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Mail|Star|Sport|Tribune|Observer"
    r"|Independent|Business|Night\s+[A-Z]|Club)\b"
)
_PAPER_BEFORE = re.compile(r"\b(?:(?:Mail|Independent|Observer)\s+on|News)\s+$")
_FREQUENCY = re.compile(r"(?:Daily|Weekly|Monthly|Quarterly|Annual|Yearly|Nightly)$")
_CAPITAL_AFTER = re.compile(r"\s+[A-Z][a-z]")


def in_a_name(m: re.Match[str], ctx: Ctx) -> bool:
    """Whether the phrase of ``m`` is a season or weekday word inside a capitalised name."""
    phrase = m.group()
    if re.search(r"\bDay\s+(?:After|Before)\s+[A-Z]", phrase):
        return True  # "The Day After Tomorrow": a title
    s0, s1 = ctx.sentences.bounds(m.start())
    if _SEASON.search(phrase) and phrase[0].isupper():
        at_start = not ctx.text[s0 : m.start()].strip(" \"“'‘(")
        if at_start:
            return False
        if _NAME_BEFORE.search(ctx.before(m, 30)) and not _title_case(ctx.text[s0:s1][:300]):
            return True  # "the Arab Spring", "the Prague Spring": a name
        return bool(_NAME_AFTER.match(ctx.after(m, 30)))
    if _FREQUENCY.match(phrase):
        # "the Daily Mail", "the People's Daily", "the journal Monthly Notices": capitalised
        # inside a sentence, only in a name; a title-case headline keeps its words.
        mid = bool(ctx.text[s0 : m.start()].strip(" \"“'‘("))
        if not mid and not _CAPITAL_AFTER.match(ctx.after(m, 3)):
            return False
        return not _title_case(ctx.text[s0:s1][:300])
    if _WEEKDAY.search(phrase) and phrase[0].isupper():
        return bool(_PAPER_AFTER.match(ctx.after(m, 20)) or _PAPER_BEFORE.search(ctx.before(m, 20)))
    return False


def _title_case(sentence: str) -> bool:
    """Whether ``sentence`` is set in title case (a headline): two words in three or more
    capitalised."""
    words: list[str] = re.findall(r"[A-Za-z]{2,}", sentence)
    return sum(w[0].islower() for w in words) * 3 <= len(words)


_UNIT_END = re.compile(r"(?i:day|week|month|quarter|year|hour|minute|night)s?$")
_UNIT_START = re.compile(r"(?i:day|week|month|quarter|year|hour|minute|night)")
# "year-on-year", "month-over-month", "day-to-day", "year-by-year": a unit inside such a
# compound names a comparison or a manner, not a time.
_LINK_AFTER = re.compile(r"[-‑](?i:on|over|to|by|for|in|after|upon)[-‑][A-Za-z]")
_LINK_BEFORE = re.compile(r"[A-Za-z][-‑](?i:on|over|to|by|for|in|after|upon)[-‑]$")


def in_a_compound(m: re.Match[str], ctx: Ctx) -> bool:
    """Whether the phrase of ``m`` is cut out of a compound such as "year-over-year"."""
    phrase = m.group()
    if phrase[:1].isdigit() and ctx.before(m, 1) in ("$", "€", "£", "¥"):
        return True  # "from $60 minutes earlier": a price, then a time word
    if _UNIT_END.search(phrase) and _LINK_AFTER.match(ctx.after(m, 8)):
        return True
    return bool(_UNIT_START.match(phrase) and _LINK_BEFORE.search(ctx.before(m, 8)))
