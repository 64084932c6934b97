"""Checking and merging article metadata from the command line, front matter and pages."""

from __future__ import annotations

import re
from datetime import date

from annotator.core.errors import AnnotatorError, InputError

TITLE_MAX = 120
FIELDS = ("title", "outlet", "author", "url", "published", "language")

_DATE_HINT = (
    "write it as YYYY-MM-DD, YYYY-MM, YYYY, a range YYYY-MM-DD/YYYY-MM-DD, or like 'March 11, 2025'"
)
_ISO_PART = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_LANG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTHS.update({name[:3]: n for name, n in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MDY = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MY = re.compile(r"([A-Za-z]+)\.?,?\s+(\d{4})")


def clean(value: object) -> str | None:
    """One line of metadata: white space collapsed; empty means absent."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def merge(*sources: dict[str, str | None]) -> dict[str, str | None]:
    """First non-empty value per field wins: pass the most authoritative source first."""
    merged: dict[str, str | None] = dict.fromkeys(FIELDS)
    for field in FIELDS:
        for source in sources:
            value = clean(source.get(field))
            if value is not None:
                merged[field] = value
                break
    return merged


def check_published(value: str | None, where: str) -> str | None:
    """Return the date as an EDTF string, or raise InputError naming the file."""
    value = clean(value)
    if value is None:
        return None
    iso = _iso_edtf(value)
    if iso is not None:
        return iso
    parsed, reason = _parse_with_dates_module(value)
    if parsed is None:
        parsed = _month_name_date(value)
    if parsed is None:
        detail = f" ({reason})" if reason else ""
        raise InputError(
            f"cannot read the published date {value!r}{detail}", where=where, hint=_DATE_HINT
        )
    return parsed


def _iso_edtf(value: str) -> str | None:
    """'YYYY', 'YYYY-MM', 'YYYY-MM-DD' or a range of two of them, checked on the calendar."""
    parts = value.split("/")
    if len(parts) > 2 or not all(_ISO_PART.fullmatch(p) for p in parts):
        return None
    bounds = []
    for part in parts:
        y, m, d = _ISO_PART.fullmatch(part).groups()  # type: ignore[union-attr]
        try:
            first = date(int(y), int(m or 1), int(d or 1))
        except ValueError:
            return None
        bounds.append((first, part))
    if len(bounds) == 2 and bounds[0][0] > bounds[1][0]:
        return None  # a range must not run backwards
    return value


def _parse_with_dates_module(value: str) -> tuple[str | None, str | None]:
    """Human forms via the shared date parser, when present (imported lazily): (edtf, why not)."""
    try:
        from annotator.core.dates.parse import parse_user_date
    except ImportError:
        return None, None
    try:
        return parse_user_date(value).edtf, None
    except AnnotatorError as err:
        return None, err.message
    except Exception:  # a parser bug must not turn bad input into a traceback
        return None, None


def _month_name_date(value: str) -> str | None:
    """Fallback for 'March 11, 2025', '11 March 2025' and 'March 2025'."""
    text = value.strip()
    for pattern, order in ((_MDY, "mdy"), (_DMY, "dmy"), (_MY, "my")):
        match = pattern.fullmatch(text)
        if not match:
            continue
        if order == "mdy":
            month_name, day, year = match.groups()
        elif order == "dmy":
            day, month_name, year = match.groups()
        else:
            month_name, year = match.groups()
            day = None
        month = _MONTHS.get(month_name.lower())
        if month is None:
            return None
        try:
            date(int(year), month, int(day or 1))
        except ValueError:
            return None
        return f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    return None


def check_language(value: str | None, where: str, *, strict: bool) -> str | None:
    """A BCP 47-like tag ('en', 'en-GB'); pages with odd values are ignored, users told."""
    value = clean(value)
    if value is None:
        return None
    if _LANG.fullmatch(value):
        return value.replace("_", "-")
    if strict:
        raise InputError(
            f"language {value!r} is not a language code",
            where=where,
            hint="use a code such as en, fr or en-GB",
        )
    return None


def fallback_title(text: str, stem: str) -> str:
    """First non-blank line of the text, trimmed to TITLE_MAX characters; else the file stem."""
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line:
            if len(line) <= TITLE_MAX:
                return line
            cut = line[: TITLE_MAX - 1]
            space = cut.rfind(" ")
            if space > TITLE_MAX // 2:
                cut = cut[:space]
            return cut.rstrip(" ,;:") + "…"
    return stem
