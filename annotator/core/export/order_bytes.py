"""``event_sort_key`` as bytes that sort the same way, so SQLite can sort the events in
the chronological order itself where its own order differs (a headline beyond ASCII, a
bound of another shape), instead of every event's key being listed and sorted in Python.

Each part is written so that comparing the bytes compares the parts in turn: the flags as
one byte, a bound as its fields at fixed widths, day_seq offset to unsigned, each text as
UTF-8 (code point order) with its NULs escaped and a terminator below any character.
"""

from __future__ import annotations

import functools
import struct
from datetime import datetime
from typing import Any

from annotator.core.export.filters import _FAR_FUTURE, _bound

_DATETIME = struct.Struct(">HBBBBBI")
_SEQ = struct.Struct(">BQ")
_SEQ_OFFSET = 1 << 63


class Unordered(Exception):
    """A value these bytes cannot order as ``event_sort_key`` does (a bound with a time
    zone, a day_seq that is not a whole number, an id that is not text)."""


@functools.lru_cache(maxsize=1 << 12)
def _read(value: Any) -> datetime | None:
    return _bound(value)


def _instant(value: datetime) -> bytes:
    if value.tzinfo is not None:  # compared by UTC instant, and not at all with naive ones
        raise Unordered(value)
    return _DATETIME.pack(
        value.year, value.month, value.day, value.hour, value.minute, value.second,
        value.microsecond,
    )  # fmt: skip


def _text(value: str) -> bytes:
    try:
        return value.encode("utf-8").replace(b"\x00", b"\x00\xff") + b"\x00\x00"
    except UnicodeEncodeError:
        raise Unordered(value) from None


def event_key_bytes(event_id: Any, earliest: Any, latest: Any, seq: Any, headline: Any) -> bytes:
    """The bytes of ``stored_sort_keys``' key for one stored event; raises ``Unordered``."""
    if not isinstance(event_id, str | None) or not isinstance(headline, str | None):
        raise Unordered(event_id)
    lo, hi = _read(earliest), _read(latest)
    if seq is None:
        seq_part = _SEQ.pack(1, 0)
    elif type(seq) is int and -_SEQ_OFFSET <= seq < _SEQ_OFFSET:
        seq_part = _SEQ.pack(0, seq + _SEQ_OFFSET)
    else:
        raise Unordered(seq)
    return b"".join(
        (
            b"\x01" if lo is None and hi is None else b"\x00",
            _instant(lo or hi or _FAR_FUTURE),
            _instant(hi or lo or _FAR_FUTURE),
            seq_part,
            _text((headline or "").casefold()),
            _text(event_id or ""),
        )
    )
