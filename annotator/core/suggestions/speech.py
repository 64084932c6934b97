"""Reported speech: who said what, found by its words ("X said", "said X", "according to X",
"X told reporters", a quote and its speaker, "X announced / claimed / denied").

Hand-written patterns over each sentence (a parser would be surer, and far heavier). An
attribution needs a speaker the analyst can name: a name, a noun phrase ("the company", "a
GM spokesman"), a plural of people ("analysts") or a pronoun. What is claimed is the quote in
the sentence, else the clause after the verb.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.suggestions.new_names import STOP, TITLES
from annotator.core.suggestions.sentences import sentence_spans

VERBS = (
    "said says say told tells announced announces claimed claims denied denies stated states "
    "added adds warned warns insisted insists confirmed confirms argued argues explained "
    "explains noted notes acknowledged acknowledges admitted admits predicted predicts wrote "
    "writes asserted asserts declared declares stressed stresses suggested suggests urged urges "
    "commented comments revealed reveals disclosed discloses maintained maintains conceded "
    "concedes alleged alleges promised promises vowed vows pledged pledges replied replies "
    "responded responds tweeted tweets asked asks cautioned cautions"
).split()


def _trie(words: Sequence[str]) -> str:
    """One pattern for many words, their shared beginnings factored out ("sa(?:id|ys|y)"):
    Python's re tries alternatives one by one, so this runs three times faster."""
    tree: dict[str, Any] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        ends = "" in node
        alts = [re.escape(ch) + pattern(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return pattern(tree)


_VERB = re.compile(r"\b(?:" + _trie(VERBS) + r")\b")
_INVERTED = {"said", "says", "added", "adds", "told", "explained", "noted", "wrote", "asked"}
_PEOPLE = (
    "analysts officials experts sources witnesses police investigators lawyers executives "
    "critics residents economists observers authorities prosecutors scientists researchers "
    "doctors spokesmen protesters workers employees traders dealers reports"
).split()
_PRONOUNS = ("he", "she", "they", "we", "i", "it")
_DETS = r"(?:the|a|an|its|his|her|their|our|one|another|two|three|several|some|many|other|both)"
# Words between the speaker and the verb: "X also said", "X has denied", "X, 54, said".
_BETWEEN = re.compile(
    r"(?:\s+(?:also|later|previously|further|has|had|have|would|will|then|publicly|"
    r"officially|repeatedly|recently|earlier|today|yesterday|on\s+\w+day|in\s+a\s+statement))*"
    r"\s*$"
)
_NAME = (
    r"(?:[A-Z][\w'’&.-]*(?:\s+(?:of|for|and|de|van|von|the)\s+[A-Z][\w'’&.-]*|\s+[A-Z][\w'’&.-]*)*)"
)
_NAME_END = re.compile(_NAME + r"$")
_NAME_START = re.compile(_NAME)
_ROLE = re.compile(
    r"(?:(?:[A-Z][\w&.-]*\s+)?(?:[a-z][\w-]*\s+){0,2})"
    r"(?:spokesman|spokeswoman|spokesperson|analyst|official|executive|chief|head|minister|"
    r"president|director|leader|chairman|economist|lawyer|representative|secretary|"
    r"governor|senator|boss|officer|CEO)\s+$"
)
_DET_NP_END = re.compile(r"\b" + _DETS + r"(?:\s+[\w'’&-]+){1,5}$", re.IGNORECASE)
_DET_NP_START = re.compile(
    _DETS + r"(?:\s+[\w'’&-]+){1,5}?(?=\s*(?:[,.;]|$|\s+(?:of|at|for|who|in)\b))", re.IGNORECASE
)
_QUOTE = re.compile(r"[\"“]([^\"“”]{3,})[\"”]")
_TO_BE = re.compile(r"\b(?:to|be|been|being|is|are|was|were|it is|not|n't)\s*$", re.IGNORECASE)
_QUOTE_CLOSE = re.compile(r"(?:[\"”]|'')\s*,?\s*$|,\s*(?:[\"”]|'')\s*$")


@dataclass(frozen=True)
class Attribution:
    start: int  # the words that say it is reported: speaker and verb, code points
    end: int
    speaker_start: int
    speaker_end: int
    verb: str
    sentence_start: int
    sentence_end: int
    claimed: str  # the quote, or the clause after the verb


_CUE = re.compile(_VERB.pattern + r"|\b[Aa]ccording to\b")


def find_speech(text: str, sentences: Sequence[tuple[int, int]] | None = None) -> list[Attribution]:
    """Attributions in text order. Only sentences holding a verb of saying are read: one
    search over the whole text finds them (most sentences of an article have none)."""
    spans = list(sentences) if sentences is not None else sentence_spans(text)
    starts = [lo for lo, _ in spans]
    out: list[Attribution] = []
    done = -1
    for m in _CUE.finditer(text):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k <= done or k < 0 or m.start() >= spans[k][1]:
            continue
        done = k
        out.extend(_in_sentence(text, *spans[k]))
    return out


def _in_sentence(text: str, lo: int, hi: int) -> list[Attribution]:
    s = text[lo:hi]
    found: list[Attribution] = []
    quote = _QUOTE.search(s)
    for m in _VERB.finditer(s):
        verb = m.group()
        left = s[: m.start()]
        if _TO_BE.search(left):
            continue
        speaker = None
        # '"…," said X' (after a quote, or at the start of a sentence that follows one)
        inverted = verb in _INVERTED and (_QUOTE_CLOSE.search(left) is not None or not left.strip())
        if inverted:
            speaker = _speaker_after(s, m.end())
        if speaker is None and not _QUOTE_CLOSE.search(left):
            speaker = _speaker_before(s, m.start())
        if speaker is None:
            continue
        a, b = speaker
        # The mark is the verb alone: the speaker's name carries its own mark.
        found.append(_attribution(text, lo, hi, m.start(), m.end(), a, b, verb, quote, m.end()))
    for m in re.finditer(r"\baccording to\s+", s, re.IGNORECASE):
        speaker = _speaker_after(s, m.end() - 1)
        if speaker is not None:
            a, b = speaker
            cue = m.start() + len("according to")
            found.append(_attribution(text, lo, hi, m.start(), cue, a, b, "according to", quote, 0))
    found.sort(key=lambda f: f.start)
    # One attribution per speaker in a sentence: "X said ... and added ..." is one claim.
    out: list[Attribution] = []
    for f in found:
        if not any(o.speaker_start == f.speaker_start for o in out):
            out.append(f)
    return out


def _attribution(
    text: str, lo: int, hi: int, start: int, end: int, a: int, b: int, verb: str,
    quote: re.Match[str] | None, after: int,
) -> Attribution:  # fmt: skip
    s = text[lo:hi]
    if quote is not None:
        claimed = quote.group(1)
    else:
        rest = s[after:] if after else s[:start]
        claimed = re.sub(r"^\s*(?:that\s+)?", "", rest).strip(" ,.;:")
    claimed = claimed.strip(' ,.;:"“”') or s
    return Attribution(lo + start, lo + end, lo + a, lo + b, verb, lo, hi, claimed)


def _speaker_before(s: str, verb_start: int) -> tuple[int, int] | None:
    """The subject just before the verb (past "also", "has", an appositive "X, 54,")."""
    left = s[:verb_start]
    between = _BETWEEN.search(left)
    end = between.start() if between else len(left)
    left = left[:end]
    if left.endswith(","):  # "Fritz Henderson, GM's chief executive, said"
        comma = left.rfind(",", 0, len(left) - 1)
        if comma > 0 and len(left[comma:].split()) <= 10:
            end = comma
            left = left[:end]
    stripped = left.rstrip()
    end = len(stripped)
    word = re.search(r"[\w’']+$", stripped)
    if word is None:
        return None
    w = word.group().lower()
    if w in _PRONOUNS:
        return (word.start(), end)
    if w in _PEOPLE:
        det = _DET_NP_END.search(stripped)
        return (det.start() if det else word.start(), end)
    name = _NAME_END.search(stripped)
    if name is not None and name.group()[:1].isupper():
        start = _skip_leading(stripped, name.start(), end)
        if start is not None:
            return (start, end)
    det = _DET_NP_END.search(stripped)
    if det is not None and '"' not in det.group() and "“" not in det.group():
        words = det.group().split()
        # "the company", "a GM spokesman": short, and ending in a noun-like word
        if len(words) <= 4 and not words[-1].lower().endswith(("ly", "ing")):
            return (det.start(), end)
    return None


_LEADING_STOP = {"The", "A", "An", "But", "And", "On", "In", "At", "Then", "So", "Also"}


def _skip_leading(s: str, start: int, end: int) -> int | None:
    """Where the name starts in a capitalised run: past words that open the sentence
    ("Although Gallois") and past an organisation and title before a person's name
    ("Northrop Grumman CEO Ron Sugar", "Alabama Governor Bob Riley")."""
    words = list(re.finditer(r"\S+", s[start:end]))
    while words and (words[0].group() in _LEADING_STOP or words[0].group() in STOP):
        words.pop(0)
    if not words:
        return None
    last_title = max(
        (k for k, w in enumerate(words[:-1]) if w.group().rstrip(".") in TITLES), default=-1
    )
    if last_title >= 0:
        words = words[last_title + 1 :]
    return start + words[0].start()


def _speaker_after(s: str, pos: int) -> tuple[int, int] | None:
    """The speaker named after the verb: '…," said John Smith', 'according to the company'."""
    found = _speaker_after_raw(s, pos)
    if found is None:
        return None
    a, b = found
    while (
        b > a
        and s[b - 1] in ".,;:"
        and not re.search(r"\b[A-Z]\.\w\.$|\b(?:Inc|Corp|Co|Ltd|Jr)\.$", s[a:b])
    ):
        b -= 1
    return (a, b) if b > a else None


def _speaker_after_raw(s: str, pos: int) -> tuple[int, int] | None:
    rest = s[pos:]
    lead = len(rest) - len(rest.lstrip())
    rest = rest.lstrip()
    base = pos + lead
    word = re.match(r"[\w’']+", rest)
    if word is None:
        return None
    if word.group().lower() in _PRONOUNS:
        return None if word.group() == "it" else (base, base + word.end())
    det = _DET_NP_START.match(rest)
    if det is not None:
        return (base, base + det.end())
    # a role then a name: "said GM spokesman Tom Wilkinson"
    name = _NAME_START.match(rest)
    if name is not None:
        end = name.end()
        role = re.match(r"(?:[a-z][\w-]*\s+){1,2}(?=[A-Z])", rest[end:].lstrip())
        if role and _ROLE.search(rest[: end + 1 + role.end()]):
            follow = _NAME_START.match(rest, end + 1 + role.end())
            if follow is not None:
                return (base + follow.start(), base + follow.end())
        # "Mike Gikas of Consumer Reports": the person, not where they work
        end = name.end()
        of = re.search(r"\s+(?:of|for|at)\s+[A-Z]", name.group())
        if of is not None:
            end = of.start()
        first = _skip_leading(rest, 0, end)
        return (base + (first or 0), base + end)
    if word.group().lower() in _PEOPLE:
        return (base, base + word.end())
    return None
