"""Sentence bounds and a cheap guess at the tense a date phrase is used in.

No parser. The governing verb decides: the nearest verb marker (a future or modal auxiliary,
or a past-tense verb) before the phrase in its clause, else the nearest one after it in the
clause. Only when the clause has none does the nearest marker in the sentence decide, where
time adverbs ("last", "earlier", "next") count too and reporting verbs ("said") only when
nothing else does.
"""

from __future__ import annotations

import bisect
import re

from annotator.core.dates.timex_governing import (
    AFTER_ING,
    APPOINTMENT,
    DEADLINE,
    HEADLINE_END,
    INFINITIVE,
    INTENT_BEFORE,
    MODAL_BEFORE,
    MODAL_FUTURE,
    PRESENT_PASSIVE,
    SCHEDULED,
    SINCE,
    Reading,
    headline_infinitive,
    past_framed,
)
from annotator.core.dates.timex_governing import PRESENT as GOV_PRESENT

# A sentence ends at a newline, or at . ! ? (plus closing quotes) followed by space and a capital.
_BOUNDARY = re.compile(r"\n+|(?<=[.!?])[\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Jr|Sr|Inc|Corp|Co|Ltd"
    r"|No|vs|U\.S|U\.K|a\.m|p\.m|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.|\b[A-Z]\.)$"
)

_FUTURE = re.compile(
    r"(?i)\b(?:will|won't|shall|'ll|is\s+to|are\s+to|going\s+to|gonna|plans?\s+to|planning\s+to"
    r"|intends?\s+to|expects?\s+to|expected\s+to|set\s+to|due\s+to\s+(?!the\b|a\b|its\b|his\b"
    r"|her\b|their\b)|due|scheduled|upcoming|next(?!\s+to\b)|would|hopes?\s+to|aims?\s+to|wants?\s+to"
    r"|to\s+be\s+held|to\s+begin|to\s+start|is\s+slated|are\s+slated|may|might|could|should"
    r"|deadline|forecasts?|predicts?|likely\s+to)\b"
)
# Reporting verbs frame most news sentences ("X said Y will..."): they count only when no
# other marker is found, and then weakly ("reported").
_REPORTING = re.compile(
    r"(?i)\b(?:said|told|added|announced|reported|stated|confirmed|noted"
    r"|explained|according)\b"
)
_IRREGULAR_PAST = (
    "was|were|had|did|said|told|made|went|came|took|gave|got|met|held|fell|rose|sold|bought|won"
    "|lost|left|spent|saw|began|became|brought|built|kept|led|paid|put|ran|sent|set|shot|stood"
    "|struck|thought|found|felt|hit|cut|quit|read|wrote|spoke|broke|chose|drove|flew|grew|knew"
    "|threw|wore|beat|bit|fought|hung|meant|sank|sat|slid|split|spread|sprang|stole|swore|swept"
    "|taught|tore|understood|withdrew|woke|ago|earlier|last|yesterday|previously|dropped"
    "|slipped|stopped|closed|posted|ended|opened|declined|shut"
    "|drew|caught|heard|fled|sought|overtook|oversaw|underwent|arose|lent|shook|rang|sang|froze"
    "|stuck|dealt|laid|rode|ate|slept|stole|swung|swam|wept|hid|forgot|forgave|upheld|overcame"
    "|withheld|foresaw|undertook|mistook|sped|shrank|shone|dug|clung|crept|leapt|fought"
)
_PAST = re.compile(rf"(?i)\b(?:{_IRREGULAR_PAST}|[a-z]{{2,}}ed)\b")
# Words ending in -ed that are not past verbs (or are too often adjectives).
_NOT_PAST = {
    "united",
    "need",
    "speed",
    "feed",
    "indeed",
    "hundred",
    "embed",
    "seed",
    "breed",
    "exceed",
    "proceed",
    "succeed",
    "shed",
    "bed",
    "red",
    "fed",
    "ted",
    "med",
    "weed",
    "scheduled",
    "expected",
    "planned",
    "proposed",
    "based",
    "related",
    "limited",
    "advanced",
    "interested",
    "concerned",
    "supposed",
    "used",
    "detailed",
    "armed",
    "allied",
    "shared",
    "combined",
    "reed",
    "greed",
}
_ADJACENT_PAST = re.compile(
    r"(?i)\b(?:said|told|announced|reported|stated|confirmed|added|noted|explained|revealed"
    r"|disclosed|unveiled)\s+(?:(?:on|in|at|during|late|early|last)\s+)?$"
)
# "closed earlier than expected in May", "rose more than analysts had forecast": a comparison
# with what was expected, which sets no time ahead.
_THAN = re.compile(r"(?i)\bthan\s+(?:[\w'’]+\s+){0,3}$")
# Time adverbs: they count only when the phrase's clause holds no verb marker.
_ADVERBS = {
    "ago",
    "earlier",
    "last",
    "yesterday",
    "previously",
    "next",
    "upcoming",
    "deadline",
    "due",
}
# Where a clause ends: punctuation, or a conjunction that starts a new clause; a verb of saying
# or thinking with "that" ends its own clause too, so "warned that January would be hard" is
# read by "would", not "warned" ("said in January that ...": the date stays with "said").
_CLAUSE_END = re.compile(
    r"[,;:()\"“”—–]|\s-\s|\b(?:and|but|while|whereas|although|though)\b"
    r"|\b(?:said|says|warned|warns|added|noted|believes?|believed|expects?|expected|thinks?"
    r"|thought|predicted|predicts?|forecast|hopes?|hoped|fears?|feared|announced|reported"
    r"|stated|estimated|insisted|argued|claimed|suggested|indicated|signall?ed|signals"
    r"|showed|shows|confirmed|admitted|acknowledged|denied|agreed|decided|ruled|projected"
    r"|cautioned|stressed|promised|pledged)\s+that\b"
)
# A bare date right after a verb of saying and followed by a modal is the reported clause's
# subject: "said January would be hard" (not "said Friday", the day of the saying).
_SUBJECT_MODAL = re.compile(
    r"(?i)(?:['’]s\s+[a-z]+)?\s+(?:will|would|could|may|might|should|shall|is\s+to"
    r"|is\s+likely|was\s+likely|looks?\s+set)\b"
)
# A perfect after a modal or "to" looks back ("may have died on Sunday", "is understood to
# have agreed on Monday"), and so does a refusal to speak ("would not say on Tuesday").
_PERFECT = re.compile(
    r"(?i)\b(?:to|may|might|could|would|should|must)\s+(?:not\s+|never\s+)?(?:have|'ve|’ve)"
    r"\s+(?:been\s+)?[a-z]{2,}\b"
    r"|\b(?:would|could)(?:\s+not|n['’]t)\s+(?:immediately\s+)?(?:say|comment|confirm|disclose"
    r"|elaborate|reveal|discuss|specify|identify|name|give|be\s+reached)\b"
)
# The participle of such a perfect: its auxiliaries carry the tense.
_PERFECT_AUX = re.compile(
    r"(?i)\b(?:to|will|shall|'ll|’ll|may|might|could|would|should|must)\s+(?:not\s+)?"
    r"(?:have|'ve|’ve)\s+(?:been\s+)?$"
)
# A future perfect still lies ahead: "will have closed by Friday".
_FUTURE_PERFECT = re.compile(
    r"(?i)\b(?:will|shall|'ll|’ll)\s+(?:not\s+)?have\s+(?:been\s+)?[a-z]{2,}\b"
)
_AUX_BEFORE = re.compile(r"(?i)\b(?:be|been|being)\s+(?:\w+ly\s+)?$")
_PRESENT = re.compile(r"(?i)\b(?:is|are|am|begins|starts|opens|takes\s+place)\b")
# An auxiliary before a verb of saying: "will be reported in December", "to be announced on".
_AUX_BEFORE_SAYING = re.compile(r"(?i)\b(?:be|been|being|will|would|to|may|might|could)\s+$")
# Words between a verb of saying and a date that make a reported clause's subject: "said
# the Fed meeting in", "said sales in" (a preposition right after the verb is the saying's).
_SUBJECT_BETWEEN = re.compile(r"(?i)\s+(?!(?:on|in|at|during|late|early|last|that)\b)[a-z]")
# A phrase opening its sentence before a comma: "In January,", "Late on Friday,".
_FRONTED = re.compile(r"[\"“‘'(]?(?:(?i:in|on|at|by|during|late|early|since|until|from)\s+)?")
# A participle of speaking before a day: "speaking to reporters on Monday", "writing in a
# blog post on Sunday" (the day the speaking was, which the verb of saying reports).
_SPEAKING = re.compile(
    r"(?i)\b(?:speaking|talking|writing|testifying|appearing|interviewed|briefing)"
    r"(?:\s+(?:to|with|before|in|at)(?:\s+[\w'’-]+){1,4}?)?\s+(?:on|at|late|early)\s+$"
)
# A participle after a conjunction of condition is no past: "if approved in November".
_CONDITIONAL = re.compile(r"(?i)\b(?:if|once|unless|until)\s+(?:not\s+)?$")
_WINDOW = 250  # characters each side examined when a sentence is long
_REPORTING_WORDS = {
    "said",
    "told",
    "added",
    "announced",
    "reported",
    "stated",
    "confirmed",
    "noted",
    "explained",
    "according",
}


class SentenceIndex:
    """Sentence start offsets of one text, for looking up the sentence around an offset."""

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        for m in _BOUNDARY.finditer(text):
            if m.group().startswith("\n") or not _ABBREV.search(
                text[max(0, m.start() - 6) : m.start()]
            ):
                starts.append(m.end())
        self.starts = starts
        # Each phrase is read once in selection and again in resolution (with other Ctx
        # objects): the tense depends on the text only, so it is kept here.
        self._tenses: dict[tuple[int, int], Reading] = {}

    def bounds(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        start = self.starts[i]
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return start, end

    def tense(self, start: int, end: int) -> str:
        """The tense the phrase at text[start:end] is used in: "future", "past", "reported"
        (only a reporting verb such as "said" was seen), "present" or "none"."""
        return self.reading(start, end).tense

    def reading(self, start: int, end: int) -> Reading:
        """The tense of the verb governing the phrase at text[start:end], and how sure it is
        (see ``timex_governing``)."""
        key = (start, end)
        if key not in self._tenses:
            self._tenses[key] = self._reading(start, end)
        return self._tenses[key]

    def _reading(self, start: int, end: int) -> Reading:
        s0, s1 = self.bounds(start)
        s0, s1 = max(s0, start - _WINDOW), min(s1, end + _WINDOW)
        adjacent = _ADJACENT_PAST.search(self.text, s0, start)
        if adjacent and _AUX_BEFORE_SAYING.search(
            self.text, max(s0, adjacent.start() - 20), adjacent.start()
        ):
            adjacent = None  # "will be reported in December": the auxiliary carries the tense
        bare = adjacent is not None and adjacent.group().split()[-1].lower() in _REPORTING_WORDS
        if bare and _SUBJECT_MODAL.match(self.text, end):
            s0 = start  # "said January would be hard": the reported clause's own verb reads it
        elif adjacent:
            return Reading("past")  # "said Friday", "announced on Tuesday": the date of the saying
        if _SPEAKING.search(self.text, max(s0, start - 60), start) and _REPORTING.search(
            self.text, s0, s1
        ):
            return Reading("past")  # "the minister, speaking on Monday, said": the saying's day
        if SINCE.search(self.text, max(s0, start - 20), start):
            return Reading("past")  # "up 3% since Monday"
        if DEADLINE.search(self.text, max(s0, start - 20), start):
            return Reading("future")
        scheduled = SCHEDULED.search(self.text, max(s0, start - 30), start)
        if scheduled and not _THAN.search(
            self.text, max(s0, scheduled.start() - 40), scheduled.start()
        ):
            return Reading("future", past_frame=True)  # "originally set for March 20"
        markers = self._markers(s0, s1, start, end)
        c0, c1 = self._clause(s0, s1, start, end)
        verbs = [mk for mk in markers if c0 <= mk[0] and mk[1] <= c1 and not mk[3]]
        before = [mk for mk in verbs if mk[1] <= start]
        # The governing verb: the nearest before the phrase in its clause ("will sell the unit
        # it bought in April": "bought"), else the first after it.
        governing = max(before, key=lambda mk: mk[1]) if before else None
        if (
            governing is not None
            and governing[4] in _REPORTING_WORDS
            and _SUBJECT_BETWEEN.match(self.text[governing[1] : start])
        ):
            # "traders said the Fed meeting in January could bring cuts": the reported
            # clause's own verb, after the date, reads it
            after = [mk for mk in verbs if mk[0] >= end]
            governing = min(after, key=lambda mk: mk[0]) if after else governing
        if (
            governing is None
            and not verbs
            and self.text[c1 : c1 + 1] == ","
            and _FRONTED.fullmatch(self.text, s0, start)
        ):
            # "In January, the firm lost money": a fronted phrase takes the next clause's verb
            follow = self._clause(s0, s1, c1 + 1, c1 + 1)
            nxt = [mk for mk in markers if follow[0] <= mk[0] and mk[1] <= follow[1] and not mk[3]]
            if nxt:
                first = min(nxt, key=lambda mk: mk[0])
                return Reading(first[2], past_frame=first[4] == "past-framed")
        if governing is not None and governing[4].startswith(("after ", "following ")):
            # "will rest after playing on Sunday": before the main verb's time, still ahead
            ahead = [mk for mk in before if mk[2] == "future"]
            governing = max(ahead, key=lambda mk: mk[1]) if ahead else governing
        if governing is None and verbs:
            governing = min(verbs, key=lambda mk: mk[0])
        if governing is not None:
            # Both tenses before the phrase ("will sell the unit it bought in April"): the
            # reading is unsure, and a date a few weeks ahead may win.
            mixed = len({mk[2] for mk in before}) > 1
            return Reading(governing[2], weak=mixed, past_frame=governing[4] == "past-framed")
        best: tuple[int, str, str] | None = None
        reported = False
        for m0, m1, label, _, word in markers:
            if word in _REPORTING_WORDS:
                reported = True
                continue
            if label == "present":
                continue  # a present verb in another clause says little
            dist = start - m1 if m1 <= start else m0 - end
            if best is None or dist < best[0]:
                best = (dist, label, word)
        if best:
            # "Over the weekend, the bank agreed to buy": still a future seen from the past
            return Reading(best[1], weak=True, past_frame=best[2] == "past-framed")
        if reported or _REPORTING.search(self.text, s0, s1):
            return Reading("reported", weak=True)
        if _PRESENT.search(self.text, s0, s1):
            return Reading("present", weak=True)  # "the vote is on Thursday": scheduled
        return Reading("none", weak=True)

    def _markers(self, s0: int, s1: int, start: int, end: int) -> list[_Marker]:
        """Tense markers in text[s0:s1] outside the phrase: (start, end, label, adverb, word);
        a future seen from the past ("would", "agreed to") has the word "past-framed"."""
        out: list[_Marker] = []
        future_starts: set[int] = set()
        for m in INFINITIVE.finditer(self.text, s0, s1):
            t0 = m.start()
            if m.end() > start and t0 < end:
                continue
            intent = INTENT_BEFORE.search(self.text, max(s0, t0 - 80), t0)
            if intent is None:
                b0, b1 = self.bounds(t0)
                if headline_infinitive(self.text[b0:b1], self.text[b0:t0]):
                    out.append((t0, m.end(), "future", False, "to"))  # "Fed to meet Tuesday"
                continue  # "went to court": a preposition, or an infinitive of purpose
            framed = past_framed(self.text, intent.start(), "to", True, intent.group().split()[0])
            out.append((t0, m.end(), "future", False, "past-framed" if framed else "to"))
        kinds = (
            (_FUTURE_PERFECT, "future"),
            (_FUTURE, "future"),
            (MODAL_FUTURE, "future"),
            (_PAST, "past"),
            (AFTER_ING, "past"),
            (_PERFECT, "past"),
        )
        b0, b1 = self.bounds(start)
        running = bool(HEADLINE_END.search(self.text, b0, b1))  # not a headline
        presents = ((GOV_PRESENT, "present"), (APPOINTMENT, "present"))[: 2 if running else 1]
        for rx, label in (*kinds, *presents):
            for m in rx.finditer(self.text, s0, s1):
                if m.start() < end and m.end() > start:
                    continue  # a marker inside the phrase itself ("last", "next") is not tense
                word = re.sub(r"\s+", " ", m.group().lower())
                if (
                    rx is _PERFECT
                    and word.startswith("to ")
                    and INTENT_BEFORE.search(self.text, max(s0, m.start() - 80), m.start())
                ):
                    continue  # "expects to have finished by Friday": ahead
                if label == "past" and (
                    # "set to": the future marker holds "set" (a perfect holds its modal)
                    (m.start() in future_starts and rx is not _PERFECT)
                    or word in _NOT_PAST
                    or _AUX_BEFORE.search(self.text, max(s0, m.start() - 12), m.start())
                    or MODAL_BEFORE.search(self.text, max(s0, m.start() - 20), m.start())
                    or (
                        rx is _PAST
                        and _PERFECT_AUX.search(self.text, max(s0, m.start() - 30), m.start())
                    )
                    or PRESENT_PASSIVE.search(self.text, max(s0, m.start() - 20), m.start())
                    or _CONDITIONAL.search(self.text, max(s0, m.start() - 12), m.start())
                ):
                    continue  # "will be finalized": the auxiliary carries the tense
                if label == "present" and any(mk[0] <= m.start() < mk[1] for mk in out):
                    continue  # "is to", "is expected to": the future holds it
                if label == "future" and past_framed(self.text, m.start(), word, False, ""):
                    word = "past-framed"
                out.append((m.start(), m.end(), label, word in _ADVERBS, word))
            if label == "future":
                future_starts = {mk[0] for mk in out}
        return out

    def _clause(self, s0: int, s1: int, start: int, end: int) -> tuple[int, int]:
        """The bounds of the clause around text[start:end], within text[s0:s1]."""
        c0, c1 = s0, s1
        for m in _CLAUSE_END.finditer(self.text, s0, s1):
            if m.end() <= start:
                c0 = m.end()
            elif m.start() >= end:
                c1 = m.start()
                break
        return c0, c1


_Marker = tuple[int, int, str, bool, str]
