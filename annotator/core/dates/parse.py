"""Read the dates analysts type: "4 March 2025", "early March 2025", "Q1 2025", "c. 2024",
"4-6 March 2025", "before 2020", "2025-03-04T14:30+01:00" and every EDTF string DateValue writes.

Order: EDTF as written by ``DateValue.edtf`` -> marks (around / probably / ? / ~) -> open ranges
(before / after / until / since) -> ranges (to, until, through, " - ", "4-6 March") -> named forms
(``parse_forms``) -> free-form day / month / year through dateutil (``parse_free``).

Decisions (see also value.py):
* Nothing is filled in: "March 2025" is the month, never 1 March. A missing *year* is taken
  from ``reference`` (the year that puts the date nearest to it); without a reference it is
  an error. Two-digit years fall in the hundred years centred on the reference (or today).
* "before X" is the open range ending just before X, at X's precision: "before 2020" is
  ``../2019``, "before 4 March 2025" is ``../2025-03-03``. "after X" is ``next/..``;
  "until X" / "by X" is ``../X``; "since X" / "from X" / "X onwards" is ``X/..``.
  Open ends are bounded by 0001-01-01 and 9999-12-31T23:59:59.999999.
* "around/about/circa/c./approximately/roughly" and a trailing "~" mark approximate;
  "probably/possibly/perhaps/maybe/likely" and a trailing "?" mark uncertain.
* An all-numeric date ("03/04/2025") follows ``day_first`` unless only one reading exists.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from annotator.core.dates import edtf as g
from annotator.core.dates.display import MONTHS, shown
from annotator.core.dates.parse_forms import MONTH_RE, read_named
from annotator.core.dates.parse_free import fail, read_typed, to_point
from annotator.core.dates.value import DateValue, step_point
from annotator.core.errors import DateError

MAX_LENGTH = 100
_APPROX = ("some time around", "sometime around", "approximately", "approx.", "approx",
           "roughly", "around", "about", "circa", "ca.", "ca", "c.", "c")  # fmt: skip
_UNCERTAIN = ("probably", "possibly", "perhaps", "maybe", "likely")
_LEADING = ("on", "in", "the", "during")
_OPEN = (("no later than ", "until"), ("no earlier than ", "since"), ("before ", "before"),
         ("after ", "after"), ("until ", "until"), ("till ", "until"), ("up to ", "until"),
         ("by ", "until"), ("since ", "since"), ("from ", "since"))  # fmt: skip
_CONNECTORS = (" - ", " to ", " until ", " till ", " through ", " thru ")
_EDTF_POINT = (r"(?:\d{3}X|\d{2}XX|\d{4}(?:-W\d{2}|-\d{2}(?:-\d{2}"
               r"(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?)?)?)[?~%]?")  # fmt: skip
_EDTF_SHAPE = re.compile(rf"(?:\.\.|{_EDTF_POINT})(?:/(?:\.\.|{_EDTF_POINT}))?")
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_BARE_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")


@dataclass(frozen=True)
class _Ctx:
    whole: str  # the normalised input, for messages
    day_first: bool
    reference: date | None


def parse_user_date(
    text: str, *, day_first: bool = True, reference: date | None = None
) -> DateValue:
    """What the analyst typed, as a DateValue of exactly the precision typed.

    Raises DateError (only) with a message naming the part not understood or impossible.
    """
    if not isinstance(text, str):
        raise DateError(f"a date must be text, not {type(text).__name__}", where="date")
    try:
        return _parse(text, day_first, reference)
    except DateError:
        raise
    except (ValueError, OverflowError):  # a gap in the checks above; still the user's input
        raise fail(text, f"could not read '{shown(text)}' as a date",
                   "write e.g. 4 March 2025") from None  # fmt: skip


def _normalise(text: str) -> str:
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cs", "Cf", "Co", "Cn") and ch not in "\t\n\r":
            raise fail(text, f"'{shown(ch)}' cannot be part of a date", "retype the date")
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return " ".join(text.split())


def _parse(text: str, day_first: bool, reference: date | None) -> DateValue:
    norm = _normalise(text)
    if not norm:
        raise DateError("the date is empty", where="date", hint="write e.g. 4 March 2025")
    if len(norm) > MAX_LENGTH:
        raise fail(norm, f"the date is longer than {MAX_LENGTH} characters")
    runs = re.findall(r"\d+", norm)
    for run in runs:
        if len(run) > 4:
            raise fail(norm, f"'{shown(run)}' is too long for a year, month or day",
                       "years run from 1 to 9999")  # fmt: skip
    if _EDTF_SHAPE.fullmatch(norm.upper()):
        return DateValue.from_edtf(norm.upper())  # its errors name the impossible part
    for run in runs:
        if len(run) == 3:  # dateutil would read "18 Sep 429" as 2029, "Nov 100" as 2000
            raise fail(norm, f"'{run}' is no day or month, and a year has four digits",
                       f"write the year as {int(run):04d}")  # fmt: skip
    ctx = _Ctx(norm, day_first, reference)
    parsed = _value(norm.lower(), ctx)
    return DateValue.from_edtf(g.to_edtf(parsed))


def _strip_marks(s: str) -> tuple[str, bool, bool]:
    """Remove qualifier words and signs at either end; return (rest, approximate, uncertain)."""
    approx = uncertain = False
    while True:
        s = s.strip(" ,")
        if s.endswith(("?", "~", "%")) or s.startswith(("~", "?")):
            mark = s[-1] if s.endswith(("?", "~", "%")) else s[0]
            s = s[:-1] if s.endswith(mark) else s[1:]
            approx |= mark in "~%"
            uncertain |= mark in "?%"
            continue
        word = next((w for w in _APPROX + _UNCERTAIN + _LEADING if _starts_word(s, w)), None)
        if word is None:
            return s, approx, uncertain
        approx |= word in _APPROX
        uncertain |= word in _UNCERTAIN
        s = s[len(word) :]


def _starts_word(s: str, word: str) -> bool:
    """``s`` starts with ``word`` as a whole word ("c. 2024"; "c.2024" for abbreviations)."""
    if s.startswith(word + " "):
        return True
    return word.endswith(".") and s.startswith(word) and s[len(word) :][:1].isdigit()


def _value(s: str, ctx: _Ctx) -> g.Parsed:
    s, approx, uncertain = _strip_marks(s)
    if not s:
        raise fail(ctx.whole, f"no date in '{shown(ctx.whole)}'", "write e.g. 4 March 2025")
    s = re.sub(r"\b(early|mid|late)-", r"\1 ", s)
    parsed = _open_range(s, ctx) or _range(s, ctx) or _single(s, ctx)
    return g.with_qualifiers(parsed, approx, uncertain)


def _open_range(s: str, ctx: _Ctx) -> g.Parsed | None:
    kind, rest = None, s
    for prefix, name in _OPEN:
        if s.startswith(prefix):
            kind, rest = name, s[len(prefix) :]
            break
    if m := re.fullmatch(r"(?:from\s+)?(.+?)\s+(?:onwards?|on|and later)", s):
        kind, rest = "since", m.group(1)
    if kind is None or (kind == "since" and _split(rest)):  # "from X to Y" is a closed range
        return None
    start, end = _ends(_value_point(rest, ctx))
    if kind == "before":
        return g.Span(None, step_point(start, -1))
    if kind == "after":
        return g.Span(step_point(end, 1), None)
    return g.Span(None, end) if kind == "until" else g.Span(start, None)


def _ends(v: g.Parsed) -> tuple[g.Point, g.Point]:
    if isinstance(v, g.Point):
        return v, v
    assert v.start is not None and v.end is not None  # named forms make closed spans
    return v.start, v.end


def _split(s: str) -> tuple[str, str] | None:
    """The two sides of a range, or None when ``s`` reads as one date."""
    if m := re.fullmatch(r"between\s+(.+?)\s+and\s+(.+)", s):
        return m.group(1), m.group(2)
    s = re.sub(r"^from\s+", "", s)
    for connector in _CONNECTORS:
        if s.count(connector) == 1:
            left, right = s.split(connector)
            return left, right
    if s.count("-") == 1:
        left, right = (part.strip() for part in s.split("-"))
        has_letters = re.search(r"[a-z]", left) and re.search(r"[a-z]", right)
        bare_day = _BARE_DAY.fullmatch(left) and re.search(r"[a-z]", right)
        years = re.fullmatch(r"\d{4}", left) and re.fullmatch(r"\d{4}", right)
        if has_letters or bare_day or years:
            return left, right
    return None


def _range(s: str, ctx: _Ctx) -> g.Parsed | None:
    m = re.fullmatch(MONTH_RE + r"\s+(?P<a>\d{1,2})(?:st|nd|rd|th)?\s*-\s*(?P<b>\d{1,2})"
                     r"(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?", s)  # fmt: skip
    if m:  # "March 4-6, 2025": the month belongs to both days
        year = f" {m['year']}" if m["year"] else ""
        sides: tuple[str, str] | None = (f"{m['month']} {m['a']}{year}",
                                         f"{m['month']} {m['b']}{year}")  # fmt: skip
    else:
        sides = _split(s)
    if sides is None:
        return None
    left_text, right_text = (side.strip() for side in sides)
    if not left_text or not right_text:
        raise fail(ctx.whole, f"one end of the range '{shown(ctx.whole)}' is empty")
    right = _ends(_value_point(right_text, ctx))[1]
    left = _ends(_left_side(left_text, right, ctx))[0]
    return g.Span(left, right)


def _value_point(s: str, ctx: _Ctx) -> g.Parsed:
    """One side of a range: marks allowed, no nested ranges."""
    s, approx, uncertain = _strip_marks(s)
    return g.with_qualifiers(_single(s, ctx), approx, uncertain)


def _left_side(s: str, right: g.Point, ctx: _Ctx) -> g.Parsed:
    """The start of a range; missing month and year come from the end ("4-6 March 2025")."""
    s, approx, uncertain = _strip_marks(s)
    if m := _BARE_DAY.fullmatch(s):
        if right.kind not in ("day", "time"):
            raise fail(ctx.whole, f"'{s}' is a day but the range ends with no day")
        try:
            point = g.Point("day", right.year, right.month, int(m.group(1)))
            g.point_bounds(point)
        except ValueError:
            month = f"{MONTHS[right.month - 1]} {right.year}"
            raise fail(ctx.whole, f"there is no day {m.group(1)} in {month}") from None
        return g.with_qualifiers(point, approx, uncertain)
    no_ref = _Ctx(ctx.whole, ctx.day_first, None)
    try:
        parsed = _single(s, no_ref)
    except DateError as err:
        if "has no year" not in err.message:
            raise
        parsed = _single(f"{s} {right.year:04d}", no_ref)
        if g.bounds(parsed)[0] > g.point_bounds(right)[1] and right.year > g.MIN_YEAR:
            # "December to February 2025": the start is in the year before
            parsed = _single(f"{s} {right.year - 1:04d}", no_ref)
    return g.with_qualifiers(parsed, approx, uncertain)


def _single(s: str, ctx: _Ctx) -> g.Parsed:
    s = s.strip(" ,")
    if not s:
        raise fail(ctx.whole, f"no date in '{shown(ctx.whole)}'", "write e.g. 4 March 2025")
    if _EDTF_SHAPE.fullmatch(s.upper()):
        return g.read(s.upper())
    named = read_named(s, ctx.reference)
    if named is not None:
        return named
    original = _original_case(s, ctx.whole)
    return to_point(original, read_typed(original, ctx.day_first), ctx.reference)


def _original_case(s: str, whole: str) -> str:
    """``s`` as the analyst typed it (for messages naming their words)."""
    at = whole.lower().find(s)
    return whole[at : at + len(s)] if at >= 0 else s
