"""The second end of a range of months or days named without years ("from June through
November", "from Nov. 3 to Jan. 12") never lies before the first: each end is resolved on its
own, from the tense, and the tense can put them a year apart in the wrong order."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from annotator.core.dates.timex_base import Hit

_FROM = re.compile(r"(?i)\b(?:from|between)\s+$")
_TO = re.compile(r"(?i)^\s*(?:to|through|thru|until|till|and|-|–)\s*$")
_MONTH_OR_DAY = re.compile(r"^(\d{4})(-\d\d(?:-\d\d)?)$")


def order_ranges(
    text: str,
    spans: Sequence[tuple[int, int, str]],
    hits: list[Hit | None],
    dct: date | None = None,
) -> None:
    """Move the second end of a range a year on when it resolved before the first.

    ``spans`` are (start, end, matched text) of ``hits``, in order; only ends written without
    a year (the matched text has no four digits) and resolved from the publication date move.
    Both ends resolved to one year ("runs from September to May", said in March) make a
    range that holds the publication date when the first end moves a year back; else the
    second moves a year on.
    """
    for i in range(len(hits) - 1):
        a, b = hits[i], hits[i + 1]
        if a is None or b is None or a.value is None or b.value is None:
            continue
        if b.anchor != "published" or re.search(r"\d{4}", spans[i + 1][2]):
            continue
        ma, mb = _MONTH_OR_DAY.match(a.value), _MONTH_OR_DAY.match(b.value)
        if not ma or not mb or len(ma[2]) != len(mb[2]):
            continue
        if not _TO.match(text[spans[i][1] : spans[i + 1][0]]):
            continue
        if not _FROM.search(text[max(0, spans[i][0] - 12) : spans[i][0]]):
            continue
        if b.value >= a.value or int(mb[1]) > int(ma[1]):
            continue
        if int(mb[1]) == int(ma[1]) and dct is not None and _movable(a, spans[i][2]):
            back = f"{int(ma[1]) - 1:04d}{ma[2]}"
            if _a_date(back) and _a_date(b.value) and _first_day(back) <= dct <= _last_day(b.value):
                hits[i] = Hit(a.type, back, a.anchor, a.offset, a.mod, a.ref)
                continue
        moved = f"{int(mb[1]) + 1:04d}{mb[2]}"
        if moved >= a.value and _a_date(moved):
            hits[i + 1] = Hit(b.type, moved, b.anchor, b.offset, b.mod, b.ref)


def _movable(hit: Hit, matched: str) -> bool:
    return hit.anchor == "published" and not re.search(r"\d{4}", matched)


def _first_day(value: str) -> date:
    return date.fromisoformat(value if len(value) == 10 else value + "-01")


def _last_day(value: str) -> date:
    if len(value) == 10:
        return date.fromisoformat(value)
    y, m = int(value[:4]), int(value[5:7])
    if (y, m) == (9999, 12):
        return date.max
    return date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)


def _a_date(value: str) -> bool:
    """Whether a moved day still exists (29 February does not every year)."""
    try:
        date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        return False
    return True
