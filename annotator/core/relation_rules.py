"""When the dates of two events contradict what is said about them.

Dates are ranges (an event "in March 2025" lies somewhere between its earliest and latest
bound), so only a contradiction that holds for every reading of both ranges warns: an
event said to precede another is flagged only when it starts after the other has ended.
The store's worklists say the same in SQL (``store.relation_checks``); a property test
holds the two together.

Bounds are ISO 8601 strings as stored (``2025-03-04T00:00:00``): they compare as text.
"""

from __future__ import annotations

Bounds = tuple[str, str]  # earliest, latest (inclusive)


def dates_contradict(kind: str, source: Bounds | None, target: Bounds | None) -> bool:
    """Whether "source <kind> target" cannot be true of these dates. Undated: never."""
    if source is None or target is None:
        return False
    (s_first, s_last), (t_first, t_last) = source, target
    if kind == "precedes":  # it starts after the event it precedes has ended
        return s_first > t_last
    if kind == "caused_by":  # its cause starts after it has ended
        return t_first > s_last
    if kind == "part_of":  # it lies wholly outside the event it is part of
        return s_last < t_first or s_first > t_last
    return False


def contradiction_words(kind: str, other: str, *, outgoing: bool) -> str:
    """What is wrong, as the event on this end reads it; ``other`` names the other event."""
    said = {
        ("precedes", True): ("after", "which it precedes"),
        ("precedes", False): ("before", "which it follows"),
        ("caused_by", True): ("before", "its cause"),
        ("caused_by", False): ("after", "which it causes"),
        ("part_of", True): ("outside", "which it is part of"),
        ("part_of", False): ("apart from", "which is part of it"),
    }
    where, what = said.get((kind, outgoing), ("against", kind.replace("_", " ")))
    return f"Dated {where} {other}, {what}"


def one_day(bounds: Bounds | None) -> str | None:
    """The day an event is dated to, when its date is a single day (or a time in it)."""
    if bounds is None or bounds[0][:10] != bounds[1][:10]:
        return None
    return bounds[0][:10]


def place_key(location: str | None) -> str:
    """A location as compared: spaces around it and ASCII case do not count (SQLite's
    trim() and lower() do the same, so the worklist's query agrees)."""
    text = (location or "").strip(" ")
    return "".join(c.lower() if c.isascii() else c for c in text)


def two_places(a: tuple[Bounds | None, str | None], b: tuple[Bounds | None, str | None]) -> bool:
    """Whether two events (bounds, location) sharing an actor put it in two places on one
    day: both dated to the same single day, both located, and not at the same place."""
    day = one_day(a[0])
    key_a, key_b = place_key(a[1]), place_key(b[1])
    return day is not None and day == one_day(b[0]) and bool(key_a and key_b) and key_a != key_b
