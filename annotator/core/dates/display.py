"""Human display of parsed EDTF values: "4 Mar 2025", "week 10, 2025", "~2024", "4–6 Mar 2025".

Marks: approximate is a leading "~", uncertain a trailing "?". Month names are English
abbreviations, fixed here rather than taken from the locale.
"""

from __future__ import annotations

from dataclasses import replace

from annotator.core.dates import edtf as g

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def shown(text: str, limit: int = 60) -> str:
    """Text safe to put in a one-line message: control chars and lone surrogates escaped."""
    out = "".join(
        c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF else f"\\u{ord(c):04x}"
        for c in text[:limit]
    )
    return out + ("…" if len(text) > limit else "")


def part_of_month(v: g.Parsed) -> str | None:
    """'early' / 'mid' / 'late' when ``v`` is exactly such a month-part range, else None."""
    if not isinstance(v, g.Span) or v.start is None or v.end is None:
        return None
    a, b = v.start, v.end
    if not (a.kind == b.kind == "day" and (a.year, a.month) == (b.year, b.month)):
        return None
    if not (a.approximate and b.approximate and a.uncertain == b.uncertain):
        return None
    last = g.days_in_month(a.year, a.month)
    parts = {(1, 10): "early", (11, 20): "mid", (21, last): "late"}
    return parts.get((a.day, b.day))


def _marked(text: str, p: g.Point) -> str:
    return ("~" if p.approximate else "") + text + ("?" if p.uncertain else "")


def _day(p: g.Point, day_first: bool) -> str:
    mon = MONTHS[p.month - 1]
    return f"{p.day} {mon} {p.year}" if day_first else f"{mon} {p.day}, {p.year}"


def point_text(p: g.Point, day_first: bool) -> str:
    """A point without its marks."""
    if p.kind == "day":
        return _day(p, day_first)
    if p.kind == "time":
        clock = f"{p.hour:02d}:{p.minute:02d}"
        if p.second is not None:
            clock += f":{p.second:02d}"
        zone = {None: "", "Z": " UTC"}.get(p.tz, f" {p.tz}")
        return f"{_day(p, day_first)} {clock}{zone}"
    if p.kind == "week":
        return f"week {p.week}, {p.year}"
    if p.kind == "month":
        return f"{MONTHS[p.month - 1]} {p.year}"
    if p.kind == "season":
        if p.code == 24:  # winter spans the turn of the year
            return f"winter {p.year}–{(p.year + 1) % 100:02d}"
        return f"{g.SEASONS[p.code]} {p.year}"
    if p.kind == "quarter":
        return f"Q{g.QUARTERS[p.code]} {p.year}"
    if p.kind == "decade":
        return f"{p.year}s"
    if p.kind == "century":
        return f"{p.year}–{p.year + 99}"
    return str(p.year)


def point_display(p: g.Point, day_first: bool = True) -> str:
    return _marked(point_text(p, day_first), p)


def _open_end(p: g.Point, day_first: bool, *, first: bool) -> str:
    """The known end of an open range. A century's own text is a span ("1000–1099"), which
    after "from" reads back as a closed range: its first (or last) year means the same."""
    if p.kind == "century":
        return _marked(str(p.year if first else p.year + 99), p)
    return point_display(p, day_first)


def _plain(p: g.Point) -> g.Point:
    return replace(p, approximate=False, uncertain=False)


def _span_text(a: g.Point, b: g.Point, day_first: bool) -> str | None:
    """Compact text for two unmarked ends sharing a year, or None for the generic form."""
    if a.year != b.year or a.kind != b.kind:
        return None
    if a.kind == "day":
        ma, mb = MONTHS[a.month - 1], MONTHS[b.month - 1]
        if day_first:
            if a.month == b.month:
                return f"{a.day}–{b.day} {ma} {a.year}"
            return f"{a.day} {ma} – {b.day} {mb} {a.year}"
        if a.month == b.month:
            return f"{ma} {a.day}–{b.day}, {a.year}"
        return f"{ma} {a.day} – {mb} {b.day}, {a.year}"
    if a.kind == "month":
        return f"{MONTHS[a.month - 1]}–{MONTHS[b.month - 1]} {a.year}"
    return None


def display_value(v: g.Parsed, day_first: bool = True) -> str:
    if isinstance(v, g.Point):
        return point_display(v, day_first)
    part = part_of_month(v)
    if part is not None and v.start is not None:
        s = v.start
        return f"{part} {MONTHS[s.month - 1]} {s.year}" + ("?" if s.uncertain else "")
    if v.start is None:
        return f"until {_open_end(v.end, day_first, first=False)}" if v.end else ""
    if v.end is None:
        return f"from {_open_end(v.start, day_first, first=True)}"
    a, b = v.start, v.end
    same_marks = (a.approximate, a.uncertain) == (b.approximate, b.uncertain)
    if same_marks:
        compact = _span_text(_plain(a), _plain(b), day_first)
        if compact is None and a.kind == b.kind == "year":
            compact = f"{a.year}–{b.year}"
        if compact is not None:
            return _marked(compact, a)
        inner = f"{point_text(a, day_first)} – {point_text(b, day_first)}"
        return _marked(inner, a) if (a.approximate or a.uncertain) else inner
    return f"{point_display(a, day_first)} – {point_display(b, day_first)}"
