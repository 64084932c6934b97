"""What a new item starts with, taken from the passage the analyst selected: the span
snapped to whole words, a headline without its leading date phrase, an actor's name
without the possessive or the punctuation around it, and a guess at the actor's kind.

Written by hand: these are small rules about English news prose, not a parsing problem a
library solves; each is a suggestion the analyst edits in the form.
"""

from __future__ import annotations

import re

HEADLINE_MAX = 100

_EDGE_PUNCT = " \t\n\"'“”‘’«»()[]{},.;:!?—–-"
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_NUMBERISH = re.compile(r"^[\d.,%€$£]+[\w%]*$")
# Words that make a name an organisation or a state rather than a person.
_ORG_WORDS = frozenset(
    """union council commission ministry department agency party parliament congress senate
    court bank fund company corporation group alliance nato un office committee army forces
    government administration association institute university bureau authority league
    organisation organization coalition""".split()
)
_STATE_WORDS = frozenset(
    """russia ukraine germany france britain uk us usa china poland italy spain denmark
    sweden finland norway netherlands belgium austria hungary turkey japan india iran israel
    canada brazil mexico europe america kremlin washington moscow kyiv kiev beijing london
    paris berlin""".split()
)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch in "_'’-"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span that cuts a word to the whole word, then drop spaces at its edges.

    A selection made by mouse often starts or ends a letter or two inside a word; a
    passage is cited by whole words. An empty or all-space span stays as it is.
    """
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if start >= end or not text[start:end].strip():
        return start, end
    while start > 0 and _is_word(text[start - 1]) and _is_word(text[start]):
        start -= 1
    while end < len(text) and _is_word(text[end - 1]) and _is_word(text[end]):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def actor_name(passage: str) -> str:
    """An actor's name from a passage: one line, no edge punctuation, no possessive."""
    name = " ".join(passage.split())
    for _ in range(3):  # "Germany's," and "(Zelensky)," take two rounds
        name = name.strip(_EDGE_PUNCT)
        name = _POSSESSIVE.sub("", name)
    if name.lower().startswith("the ") and name[4:5].isupper():
        name = name[4:]  # "the European Union": the name is "European Union"
    return name[:120].strip()


def actor_kind(name: str) -> str:
    """A first guess at the kind: organisation or state words, else a person's name."""
    words = [w.lower().strip(".") for w in name.split()]
    if not words:
        return "person"
    if any(w in _ORG_WORDS for w in words) or (name.isupper() and len(name) <= 6):
        return "organisation"
    if len(words) <= 2 and words[-1] in _STATE_WORDS:
        return "state"
    return "person"


def without_leading_date(sentence: str) -> str:
    """ "On Tuesday, the EU unveiled…" → "The EU unveiled…": the date is the item's date
    field, not its headline. Only a phrase that opens the sentence is taken out."""
    # Imported here: the finder compiles its patterns on import (0.3 s), and every edit
    # path (store.operations, the app's start) imports this module without finding dates.
    from annotator.core.dates.finder import find_timexes

    stripped = sentence.lstrip()
    for timex in find_timexes(stripped):
        if timex.start > 4:  # "On", "By", "In" may precede it
            break
        lead = stripped[: timex.start].strip().lower()
        if lead and lead not in {"on", "by", "in", "since", "until", "from", "last", "early"}:
            break
        rest = stripped[timex.end :].lstrip(" ,;:—–-")
        if len(rest.split()) < 3:  # the date is most of the sentence: keep it
            break
        return rest[0].upper() + rest[1:]
    return sentence


def trim_headline(text: str, limit: int = HEADLINE_MAX) -> str:
    """One line of at most ``limit`` characters, cut between words, never after a figure
    whose unit would be lost ("by 800…"), ending in an ellipsis when cut."""
    text = " ".join(text.split()).strip(" \"“”‘’'")
    text = text.rstrip(".;:,")
    if len(text) <= limit:
        return text
    words = text[: limit + 1].split(" ")[:-1] or [text[:limit]]
    while len(words) > 1 and (_NUMBERISH.match(words[-1]) or words[-1].lower() in _DANGLING):
        words.pop()
    return " ".join(words).rstrip(",;:—–- ") + "…"


_DANGLING = frozenset(
    "a an the of to by for with and or but in on at from as that which who than".split()
)
