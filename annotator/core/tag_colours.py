"""Tag colours: what the analyst chose, else a steady colour of the tag's own.

A tag without a chosen colour still shows in one colour everywhere (chips, table, the
passages view): picked from a small palette by a hash of its name, so it never changes
between runs or machines.
"""

from __future__ import annotations

import hashlib
import re

from annotator.core.errors import InputError

# Light enough to hold dark text, distinct enough to tell apart (Tableau 10, lightened).
PALETTE = (
    "#a6c8e6",
    "#ffc48c",
    "#f4a6a7",
    "#b3dedb",
    "#a8d3a0",
    "#f6e38f",
    "#d9b9d2",
    "#ffc7cf",
    "#d3bba8",
    "#d5cfcb",
)

_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


def clean_colour(value: str | None, field: str = "colour") -> str:
    """A colour as stored: ``#rrggbb`` in lower case, or '' for none."""
    text = (value or "").strip()
    if not text:
        return ""
    match = _HEX.fullmatch(text)
    if match is None:
        raise InputError(
            f"“{text}” is not a colour",
            where=field,
            hint="write it as #rrggbb, for example #e15759",
        )
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def tag_colour(name: str, chosen: str = "") -> str:
    """The colour a tag shows in."""
    if chosen:
        return chosen
    digest = hashlib.sha1(name.casefold().encode("utf-8")).digest()
    return PALETTE[digest[0] % len(PALETTE)]
