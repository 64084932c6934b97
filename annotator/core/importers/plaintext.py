"""Plain text is taken as it is: only normalised (NFC, ``\\n``), never reflowed or trimmed,
so offsets into it match what the analyst sees in any editor."""

from __future__ import annotations


def plaintext_to_text(source: str) -> str:
    return source
