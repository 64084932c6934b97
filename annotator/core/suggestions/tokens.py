"""The words of a text with their offsets, and the keys names are compared by."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

# A word: letters or digits, joined by inner dots, hyphens or ampersands ("U.S", "Coca-Cola",
# "AT&T"). An apostrophe ends a word, so "Germany's" is "Germany" then "'s".
_WORD = re.compile(r"\w+(?:[.&\-]\w+)*")


class Token(NamedTuple):
    """A tuple, not a dataclass: a long article has tens of thousands (made 3x faster)."""

    start: int
    end: int
    text: str
    key: str  # how names compare: case folded
    capitalised: bool  # starts with a capital, or figures then a capital ("3GS")


def token_key(word: str) -> str:
    return word.casefold()


def tokenize(text: str) -> list[Token]:
    return [
        Token(m.start(), m.end(), w, w.casefold(), _capitalised(w))
        for m in _WORD.finditer(text)
        for w in (m.group(),)
    ]


# Lower-case words that join the words of a name ("Bank of America", "Trinidad and Tobago").
CONNECTORS = frozenset(
    {"of", "for", "and", "&", "de", "la", "du", "van", "von", "der", "al", "the"}
)


# Where a word of ``_WORD`` starts: no word character before, nor one joined by . & -.
_START = r"(?<!\w)(?<!\w[.&\-])"
# The words names are made of, found by the regex engine alone: words that do not start
# with an ASCII small letter (capitals, other scripts, "3GS"), and the connectors.
_NAME_WORD = re.compile(
    _START + r"(?:(?=[^\W_a-z])\w+(?:[.&\-]\w+)*"
    r"|(?:" + "|".join(sorted(CONNECTORS - {"&"})) + r")(?!\w|[.&\-]\w))"
)


def name_tokens(text: str) -> list[Token]:
    """The words names are made of: capitalised words and connectors, found in one pass of
    the regex engine (a third of an article's words; making a Token per word cost more than
    the rest of the suggestions together). Rules that read a small word beside a name read
    it from the text."""
    out: list[Token] = []
    for m in _NAME_WORD.finditer(text):
        w = m.group()
        cap = _capitalised(w)
        if cap or w in CONNECTORS:
            out.append(Token(m.start(), m.end(), w, w.casefold(), cap))
    return out


def _token(m: re.Match[str]) -> Token:
    w = m.group()
    return Token(m.start(), m.end(), w, w.casefold(), _capitalised(w))


def _capitalised(w: str) -> bool:
    c = w[:1]
    return c.isupper() or (c.isdigit() and not w.isdigit() and any(x.isupper() for x in w))


def name_keys(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A name's word keys and the separators between them ("" for white space)."""
    toks = tokenize(name)
    keys = tuple(t.key for t in toks)
    gaps = tuple(name[a.end : b.start].strip() for a, b in pairwise(toks))
    return keys, gaps


def name_parts(name: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[bool, ...]]:
    """``name_keys`` and each word's ``capitalised``, from one pass and no Tokens: the
    index of every actor's names and aliases is built as the first article opens (15,000
    names at 5,000 actors: 0.25 s with a Token per word, profiled)."""
    found = list(_WORD.finditer(name))
    words = [m.group() for m in found]
    keys = tuple(w.casefold() for w in words)
    gaps = tuple(name[a.end() : b.start()].strip() for a, b in pairwise(found))
    capitals = tuple(w[0].isupper() or _capitalised(w) for w in words)
    return keys, gaps, capitals


def dotted_end(text: str, token: Token) -> int:
    """A token's end with its full stop when the word is an abbreviation ("U.S.", "Inc.")."""
    if (
        token.end < len(text)
        and text[token.end] == "."
        and ("." in token.text or token.text in _ABBREVIATIONS)
    ):
        return token.end + 1
    return token.end


_ABBREVIATIONS = frozenset(
    "Inc Corp Co Ltd Jr Sr Dr Mr Mrs Ms Prof Gen Sen Rep Gov Lt Col Capt Sgt St Rev Bros".split()
)
