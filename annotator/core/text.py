"""Article text: normalised once, hashed, and addressed in code points.

Qt counts UTF-16 code units; Python counts code points. The two conversions here are
the only place the difference is handled. They live in core so they can be
tested without Qt.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata


def normalize_text(raw: str) -> str:
    """NFC, newlines as ``\\n``, no BOM. Applied once at import; stored text never changes."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return unicodedata.normalize("NFC", text)


def text_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Converts between code-point offsets and UTF-16 offsets for one text.

    Built once per article (O(n)); each conversion is O(log k) in the number of
    astral characters, and O(1) when there are none (the common case).
    """

    def __init__(self, text: str):
        # code-point indices of characters outside the BMP (each is 2 UTF-16 units), found
        # by a regular expression in C: a loop over every character in Python took 0.7 s
        # for a 2 MB article (profiled), most of opening it
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        self._astral16 = [i + n for n, i in enumerate(self._astral)]
        self.length = len(text)
        self.length16 = len(text) + len(self._astral)

    def to_utf16(self, cp: int) -> int:
        if not self._astral:
            return cp
        return cp + bisect.bisect_left(self._astral, cp)

    def from_utf16(self, u16: int) -> int:
        """UTF-16 offset to code points; an offset inside a surrogate pair snaps forward."""
        if not self._astral:
            return u16
        n = bisect.bisect_left(self._astral16, u16)
        if n < len(self._astral16) and self._astral16[n] + 1 == u16:
            return self._astral[n] + 1  # middle of a pair
        if n > 0 and self._astral16[n - 1] + 1 == u16:
            return self._astral[n - 1] + 1
        return u16 - n


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 claim", "2 claims", "1,200 events": the number and the noun that agrees with it."""
    word = noun if n == 1 else (plural or f"{noun}s")
    return f"{n:,} {word}"
