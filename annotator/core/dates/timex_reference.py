"""Values read from the article's own dates: "for the quarter", "a year earlier", "the same
period last year", "the year-ago quarter".

News compares with a period the article has named: "third-quarter profit rose 5% from a year
earlier" means the third quarter of the year before, "for the year" the year the article is
about. A rule marks such a phrase with a :class:`Ref` and a value read from the DCT alone; this
pass replaces that value by one read from the nearest period named before the phrase (or, when
none is, the first one after it in its sentence).
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.timex_base import Hit
from annotator.core.dates.timex_tense import SentenceIndex

# The unit of a value: Y 2025, FY FY2025, H 2025-H1, Q 2025-Q1, M 2025-03, W 2025-W10, D 2025-03-04.
_UNITS = (
    ("FY", re.compile(r"^FY(\d{4})$")),
    ("Y", re.compile(r"^(\d{4})$")),
    ("H", re.compile(r"^(\d{4})-H([12])$")),
    ("Q", re.compile(r"^(\d{4})-Q([1-4])$")),
    ("M", re.compile(r"^(\d{4})-(\d{2})$")),
    ("W", re.compile(r"^(\d{4})-W(\d{2})$")),
    ("D", re.compile(r"^(\d{4})-(\d{2})-(\d{2})")),
)
# Which named periods each wanted unit can be read from.
_SOURCES = {
    "period": ("Q", "M", "H", "FY", "Y"),
    "quarter": ("Q",),
    "half": ("H",),
    "year": ("FY", "Y", "H", "Q", "M", "W", "D"),
    "fiscal": ("FY", "Y", "H", "Q", "M", "D"),
    "month": ("M", "D"),
    "week": ("W", "D"),
    "day": ("D",),
}


# A date, a comma, then the phrase: "in October 2007, a year ago" says the date again.
_APPOSITION = re.compile(r"(?:\b(?:1[5-9]|20)\d\d|\b[A-Z][a-z]+)\s*,\s*$")


# A period named as what another is compared with: "rose from the third quarter".
_BASE_BEFORE = re.compile(r"(?i)\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?)\s+$")


def unit_of(value: str | None) -> tuple[str, tuple[int, ...]] | None:
    """(unit, numbers) of a calendar value, or None for anything else (durations, _REF...)."""
    for unit, rx in _UNITS:
        if value and (m := rx.match(value)):
            return unit, tuple(int(g) for g in m.groups())
    return None


def _as(unit: str, src: str, nums: tuple[int, ...]) -> tuple[str, tuple[int, ...]] | None:
    """The named period ``src``/``nums`` seen as the wanted ``unit`` (its year, its month...)."""
    if unit == "period":
        return src, nums
    if unit == "year":
        return "Y", nums[:1]
    if unit == "fiscal":
        return "FY", nums[:1]
    if unit == "month" and src == "D":
        return "M", nums[:2]
    if unit == "week" and src == "D":
        y, w, _ = date(*nums).isocalendar()
        return "W", (y, w)
    return {"quarter": "Q", "half": "H", "month": "M", "week": "W", "day": "D"}[unit], nums


def _shifted(
    unit: str, nums: tuple[int, ...], k: int, by: str, year: int | None = None
) -> str | None:
    """The value of period ``unit``/``nums`` moved by ``k`` units of ``by`` (or into ``year``)."""
    if by == "Y":
        y = year if year is not None else nums[0] + k
        return {
            "Y": lambda: str(y),
            "FY": lambda: f"FY{y}",
            "H": lambda: f"{y}-H{nums[1]}",
            "Q": lambda: f"{y}-Q{nums[1]}",
            "M": lambda: R.month(y, nums[1]),
            "W": lambda: f"{y:04d}-W{nums[1]:02d}",
            "D": lambda: R.day(date(y, nums[1], nums[2])),
        }[unit]()
    if by == "Q" and unit == "Q":
        y, q = R.shift_quarter(nums[0], nums[1], k)
        return f"{y}-Q{q}"
    if by in ("M", "Q") and unit == "M":
        return R.month(*R.shift_month(nums[0], nums[1], k * (3 if by == "Q" else 1)))
    if by in ("W", "D") and unit == "D":
        return R.day(date(*nums) + timedelta(days=k * (7 if by == "W" else 1)))
    if by == "W" and unit == "W":
        return R.week(date.fromisocalendar(nums[0], nums[1], 1) + timedelta(weeks=k))
    return None


def resolve_references(starts: list[int], hits: list[Hit | None], sentences: SentenceIndex) -> None:
    """Replace, in place, the DCT-only value of each hit marked with a ``Ref`` by one read from
    the period the article names nearest before it (``starts``: each hit's start, in order)."""
    if not any(h is not None and h.ref for h in hits):
        return
    # Per unit of period: where a phrase named one, and its numbers, in text order.
    named: dict[str, tuple[list[int], list[tuple[int, ...]]]] = {}
    for pos, hit in zip(starts, hits, strict=True):
        if hit is None or hit.type != "DATE" or hit.ref or hit.anchor == "event":
            continue
        if _BASE_BEFORE.search(sentences.text, max(0, pos - 20), pos):
            continue  # "fell 8% from the third quarter": what is compared with, not the period
        if found := unit_of(hit.value):
            where, nums = named.setdefault(found[0], ([], []))
            where.append(pos)
            nums.append(found[1])
    for i, (pos, hit) in enumerate(zip(starts, hits, strict=True)):
        if hit is None or hit.ref is None:
            continue
        ref = hit.ref
        s0, s1 = sentences.bounds(pos)
        # "from a year ago": a period named in its sentence, or in the one before it ("Third-
        # quarter profit rose. That compares with a loss a year ago.").
        lo = sentences.bounds(s0 - 1)[0] if ref.sentence_only and s0 else s0
        lo = lo if ref.sentence_only else 0
        # a year is not read from a day or week named after it ("rose 8% for the year, the
        # company said yesterday": when it was said, not the period the figures cover)
        skip = ("D", "W") if ref.unit in ("year", "fiscal") else ()
        source = _nearest(named, _SOURCES[ref.unit], pos, lo, s1, not ref.sentence_only, skip)
        if ref.sentence_only and _APPOSITION.search(sentences.text, max(0, pos - 20), pos):
            source = None  # "a record in October 2007, a year ago": the date restated
        seen = _as(ref.unit, *source) if source is not None else None
        if seen is not None:
            try:
                value = _shifted(seen[0], seen[1], ref.shift, ref.by, ref.year)
            except (OverflowError, ValueError, KeyError):
                value = None  # out of the calendar (29 February moved a year): no value
            hit = hits[i] = Hit(hit.type, value, hit.anchor, hit.offset, hit.mod)
        if ref.shift == 0 and ref.names and hit.anchor != "event" and (found := unit_of(hit.value)):
            # "for the quarter" names the article's period in turn: "the year-ago quarter"
            # after it is read from it, even when no quarter was named by number.
            where, nums = named.setdefault(found[0], ([], []))
            k = bisect.bisect_left(where, pos)
            where.insert(k, pos)
            nums.insert(k, found[1])


def _nearest(
    named: dict[str, tuple[list[int], list[tuple[int, ...]]]],
    units: tuple[str, ...],
    pos: int,
    lo: int,
    s1: int,
    after_too: bool,
    skip_after: tuple[str, ...] = (),
) -> tuple[str, tuple[int, ...]] | None:
    """The period of one of ``units`` named last before ``pos`` (not before ``lo``), else the
    first named after it in its sentence (before ``s1``)."""
    before: tuple[int, str, tuple[int, ...]] | None = None
    after: tuple[int, str, tuple[int, ...]] | None = None
    for unit in units:
        if unit not in named:
            continue
        where, nums = named[unit]
        k = bisect.bisect_left(where, pos)
        if k and where[k - 1] >= lo and (before is None or where[k - 1] > before[0]):
            before = (where[k - 1], unit, nums[k - 1])
        later = after_too and k < len(where) and where[k] < s1 and unit not in skip_after
        if later and (after is None or where[k] < after[0]):
            after = (where[k], unit, nums[k])
    best = before or after
    return (best[1], best[2]) if best else None
