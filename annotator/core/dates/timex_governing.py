"""The tense of the verb that governs a date phrase, and the year it gives a month or a day.

No parser: the governing verb is guessed as the nearest verb marker before the phrase in its
clause (a future or modal auxiliary, an infinitive after a verb of intending or expecting, a
present-tense verb, a past-tense verb), else the first one after it in the clause. Only when
the clause holds none does the nearest marker in the sentence decide, and that reading is
"weak". "said it would ... on Tuesday" is then future (the nearest verb is "would"), not past
(the nearest past word), and "agreed to sell the unit before the end of April" is a future
seen from the past.

Years of months and days named without one: the governing tense picks them, but a weak or
past-framed reading ("would", "was expected to", "agreed to") leans to the date a few weeks
after publication over one almost a year before, as news reports plans more than it recalls
the same month last year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from annotator.core.dates import timex_resolve as R


@dataclass(frozen=True)
class Reading:
    """How a phrase is used: its tense and how surely it was read."""

    tense: str  # "future", "past", "present", "reported" or "none"
    weak: bool = False  # read from outside the phrase's clause
    past_frame: bool = False  # a future seen from the past: "would", "was expected to"


# An infinitive after a verb of intending or expecting: what it names lies ahead of that verb.
# "expected the merger to close", "agreed to sell the unit", "is likely to cut rates".
INFINITIVE = re.compile(
    r"(?i)\bto\s+(?!(?:the|a|an|its|his|her|their|our|this|that|these|those|date|about"
    r"|around)\b)[a-z]{2,}\b"
)
# The verb before such an infinitive, at most five words back (searched in a short window:
# a scan of the whole sentence for every verb would cost more than the rest of the finder).
INTENT_BEFORE = re.compile(
    r"(?i)\b(?:expect|plan|agree|decide|intend|aim|hope|want|promise|pledge|vow|seek"
    r"|sought|prepar|schedul|propos|threaten|likely|poised|due|slated|set|ready|wish|vote)"
    r"\w*\s+(?:[\w'’$.,%&-]+\s+){0,5}$"
)


# A headline's "Fed to meet Tuesday": a subject of a few capitalised words, then "to".
HEADLINE_SUBJECT = re.compile(r"^[\"“'‘]?(?:[A-Z][\w.&'’-]*\s+){1,4}$")
HEADLINE_END = re.compile(r"[.!?][\"”'’)]*\s*$")


def headline_infinitive(sentence: str, before_to: str) -> bool:
    """Whether a "to" after ``before_to`` (the sentence up to it) is a headline's future."""
    return bool(HEADLINE_SUBJECT.match(before_to)) and not HEADLINE_END.search(sentence)


# Present-tense verbs that schedule ("takes effect in May", "the fiscal year ends in June");
# not "is" or "are", which describe a state as often as a plan ("shares are up since Monday").
PRESENT = re.compile(
    r"(?i)\b(?:remains|begins|starts|opens|resumes|ends|expires|runs|takes|comes"
    r"|closes|meets|holds|returns|launches|continues|lasts|kicks\s+off|goes)\b"
)
# Present verbs of an appointment, in running text (a headline's present tells what happened):
# "the court hears the case Monday" (verbs seldom used as nouns: not "votes", "visits").
APPOINTMENT = re.compile(
    r"(?i)\b(?:hears|travels|arrives|flies|convenes|testifies|unveils|publishes|announces"
    r"|go\s+to\s+the\s+polls)\b"
)
# A past form right after a modal or "to" is a bare verb: "will cut", "to set", "did put".
MODAL_BEFORE = re.compile(
    r"(?i)\b(?:will|would|shall|may|might|can|could|should|must|to|did|does|do|'ll|’ll|n't|n’t)"
    r"\s+(?:\w+ly\s+|not\s+)?$"
)
# Modals of obligation or ability also look ahead: "bids must be in by Friday".
MODAL_FUTURE = re.compile(r"(?i)\b(?:must|can|needs?\s+to|ha(?:s|ve)\s+to|ought\s+to)\b")
# A deadline names a time ahead: "set a deadline of Friday".
DEADLINE = re.compile(r"(?i)\bdeadline\s+(?:of|for|on|is|was)?\s*$")
# "after falling on Tuesday": what happened before the main clause's time.
AFTER_ING = re.compile(r"(?i)\b(?:after|following)\s+\w+ing\b")
# A schedule names a time ahead of its own saying: "payable on April 15", "set for March 20".
SCHEDULED = re.compile(
    r"(?i)\b(?:payable|due|scheduled|slated|set|planned|effective|postponed|delayed|expected"
    r"|rescheduled|moved|pushed\s+back)\s+(?:(?:on|for|in|by|from|until|till|to|at)\s+)?$"
)
# "is set for Monday", "are scheduled": a present passive, not a past verb.
PRESENT_PASSIVE = re.compile(r"(?i)\b(?:is|are|am)\s+(?:\w+ly\s+)?$")
# What makes a future a future seen from the past: "would", "was expected to", "agreed to".
_PAST_FRAME_WORD = re.compile(r"(?i)^(?:would|could|might|should)$")
_PAST_AUX = re.compile(r"(?i)\b(?:was|were|had)\s+(?:\w+\s+)?$")
_PAST_VERB = re.compile(r"(?i)(?:ed|sought)$")
_PRESENT_AUX = re.compile(r"(?i)\b(?:is|are|am|be|been|being)\s+(?:\w+ly\s+)?$")

# Prepositions that run up to a time: "grounded until April" is read up to the next April.
_UP_TO = re.compile(r"(?i)\b(?:until|till|through|before)\s+(?:the\s+(?:end|start)\s+of\s+)?$")
# "postponed from March 20 to April 3": a day moved to is a day ahead, when a few weeks ahead.
_TO_DAY = re.compile(r"(?i)\b(?:to|for)\s+$")
# What a month a few weeks ahead hangs on when a past verb governs the sentence: a
# participle looking forward ("new flights starting in May"), or an event that a verb of
# announcing or expecting puts ahead ("signalled a rate hike in June", "ahead of a vote in
# April", "called a strike for April"). The past verb tells when it was said; an event the
# verb reports done ("won the election in May") stays behind.
_FORWARD_PARTICIPLE = re.compile(
    r"(?i)\b(?:starting|beginning|opening|coming|expiring|launching|arriving|resuming"
    r"|reopening|maturing|taking\s+effect)\s+(?:in|on|from)\s+"
    r"(?:(?:early|late|mid|the\s+end\s+of)[\s-]+)?$"
)
_FORWARD_EVENT = re.compile(
    r"(?i)\b(?:signal\w*|call(?:s|ed)?|announc\w*|unveil\w*|schedul\w*|plann?\w*|propos\w*"
    r"|bet(?:s|ting)?|pric\w*\s+in|expect\w*|forecast\w*|predict\w*|flag\w*|pencil\w*"
    r"|urg\w*|threaten\w*|prepar\w*|ahead\s+of|before)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:(?:votes?|elections?|referendum|ballot|summit|hearings?|trial|launch|debut|listing"
    r"|flotation|IPO|auction|strike|walkout|(?:rate\s+)?(?:hike|cut|rise|increase)s?"
    r"|deadline|ruling|verdict|visit|talks|conference|ceremony|handover|meeting|opening)"
    r"\s+(?:in|on|by|for)|for)\s+(?:(?:early|late|mid|the\s+end\s+of)[\s-]+)?$"
)
SINCE = re.compile(r"(?i)\bsince\s+(?:early\s+|late\s+|mid-?)?$")
# How far after publication a date may lie and still be preferred over the one a year before,
# when the reading is uncertain; how far before it, a past-framed future may still lie.
_AHEAD = timedelta(days=92)
_BEHIND = timedelta(days=92)
# A scheduling present ("begins", "runs until") names a date behind publication only when it
# is just behind: "the offer runs until March 10", said on the 12th, is a slip of days.
_RECENT = timedelta(days=45)


# For a weekday the cue must be plainer: "signalled a decision on Monday" is as often the
# day of the signal. "ahead of a vote on Friday", "called a strike for Friday", "flights
# starting on Monday" are not.
_FORWARD_DAY = re.compile(
    r"(?i)\b(?:call(?:s|ed)?|schedul\w*|plann?\w*|set|announc\w*)\s+(?:[\w'’-]+\s+){0,4}?for\s+$"
)
# "ahead of Friday's report" is ahead of the rally, which may itself be days back: only when
# the day ahead is the nearer one.
_AHEAD_OF = re.compile(r"(?i)\bahead\s+of\s+(?:[\w'’-]+\s+){0,4}?(?:on\s+)?$")


def forward_day(before: str, ahead_is_nearer: bool) -> bool:
    """Whether a weekday after ``before`` is ahead of a past verb's saying."""
    if _FORWARD_DAY.search(before) or _FORWARD_PARTICIPLE.search(before):
        return True
    if _UNTIL_DAY.search(before) or _MOVED_TO.search(before) or _STARTING.search(before):
        return True
    return ahead_is_nearer and bool(_AHEAD_OF.search(before))


def weekday_tense(reading: Reading, before: str, dct: date, weekday: int) -> str:
    """The tense a weekday after ``before`` is read in: a past verb that looks ahead
    ("called a vote for Friday", "adjourned until Monday") reads it as a day to come, and a
    future framed by a past act done then ("agreed to sell itself on Sunday") as a past."""
    tense = reading.tense
    if tense == "future" and reading.past_frame and _DONE_TO.search(before):
        tense = "past"
    if tense not in ("past", "reported", "none"):
        return tense
    nearer = (weekday - dct.weekday()) % 7 < (dct.weekday() - weekday) % 7
    return "future" if forward_day(before, nearer) else tense


# "agreed to sell itself on Sunday", "voted to strike on Monday": news dates the agreeing or
# the voting, done before the saying; a promise or a plan ("pledged to vote on Friday") looks
# ahead and keeps the future.
_DONE_TO = re.compile(
    r"(?i)\b(?:agreed|decided|voted|opted|chose|elected|tried|attempted|failed|refused"
    r"|declined|managed)\s+(?:not\s+)?to\s+(?:[\w'’$%.-]+\s+){0,10}?(?:on\s+)?$"
)
# "until Monday" after a present perfect or a present: a state that lasts up to a day ahead
# ("was shut until Monday" may be over, and keeps the past).
_UNTIL_DAY = re.compile(
    r"(?i)\b(?:has|have|is|are|remains?)\s+(?:[\w'’-]+\s+){0,5}?(?:until|till)\s+(?:on\s+)?$"
)
# "pre-orders starting Friday", "effective Monday": a day from which a thing holds, ahead.
_STARTING = re.compile(
    r"(?i)\b(?:starting|beginning|commencing|effective|takes?\s+effect|goes\s+into\s+effect"
    r"|go\s+into\s+effect|comes?\s+into\s+force)\s+(?:on\s+)?$"
)
# "the hearing was adjourned until Friday", "postponed the vote to Monday": the day a thing
# was moved to lies ahead of the saying, whatever the verb's tense.
_MOVED_TO = re.compile(
    r"(?i)\b(?:adjourn\w*|postpon\w*|delay\w*|defer\w*|put\s+off|push\w*\s+back|moved"
    r"|reschedul\w*|brought\s+forward|extend\w*)\s+(?:[\w'’-]+\s+){0,5}?(?:until|till|to)"
    r"\s+(?:on\s+)?$"
)


def year_of(dct: date, month: int, day: int | None, reading: Reading, before: str) -> int:
    """The year of ``month`` (and ``day``) named without one in a phrase read as ``reading``;
    ``before`` is the text just before the phrase."""
    if SINCE.search(before):
        return R.year_for(dct, month, day, "past")
    tense = reading.tense
    back = R.year_for(dct, month, day, "past")
    ahead = R.year_for(dct, month, day, "future")
    if back == ahead:
        return back
    back_d, ahead_d = _probe(back, month, day or 28), _probe(ahead, month, day or 1)
    if back_d is None or ahead_d is None:
        return R.year_for(dct, month, day, tense)
    soon = ahead_d - dct <= _AHEAD
    if tense == "future" and reading.past_frame:
        return back if dct - back_d <= _BEHIND and not soon else ahead
    if tense == "present" and not reading.weak and dct - back_d > _RECENT:
        return ahead  # "the season begins in October": a schedule, not last October
    up_to = _UP_TO.search(before) or (day is not None and _TO_DAY.search(before))
    if tense == "past" and (reading.weak or up_to) and soon:
        return ahead
    forward = _FORWARD_PARTICIPLE.search(before) or _FORWARD_EVENT.search(before)
    if tense in ("past", "reported") and soon and forward:
        return ahead  # "signalled a rate hike in June", "new flights starting in May"
    return R.year_for(dct, month, day, tense)


def _probe(y: int, month: int, day: int) -> date | None:
    try:
        return date(y, month, day)
    except ValueError:
        return None


def past_framed(text: str, m0: int, word: str, is_infinitive: bool, verb: str) -> bool:
    """Whether the future marker ``word`` at ``m0`` is seen from the past."""
    if _PAST_FRAME_WORD.match(word):
        return True
    if is_infinitive and _PAST_VERB.search(verb):
        # "agreed to sell", but not "is expected to close": the auxiliary carries the tense
        return not _PRESENT_AUX.search(text, max(0, m0 - 20), m0)
    return bool(_PAST_AUX.search(text, max(0, m0 - 20), m0))
