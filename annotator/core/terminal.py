"""User data on its way to a terminal: control characters shown, never obeyed.

An article or title can hold ESC sequences, carriage returns or bidi overrides that would
move the cursor, recolour or reorder what the user reads. Only what is printed changes;
the stored data stays as it was.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings/overrides.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: object) -> str:
    """``text`` with every unsafe character replaced by its visible escape (``\\x1b``)."""
    return _UNSAFE.sub(_visible, str(text))


_UNSAFE_BUT_CRLF = re.compile(
    "\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def safe_output(text: str) -> tuple[str, int]:
    """A whole export on its way to a terminal: like ``safe`` but a CSV's CRLF line ends
    stay; also how many characters were made visible (to say so)."""
    count = 0

    def visible(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return _visible(match)

    return _UNSAFE_BUT_CRLF.sub(visible, text), count
