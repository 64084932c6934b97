"""What the article list shows of a row's date, and the words its filter looks in: plain
functions, so the worker that reads the rows can make them too."""

from __future__ import annotations

import functools
from typing import Any

from annotator.core.dates.value import edtf_shown


@functools.lru_cache(maxsize=1 << 14)  # articles share their days: 10,000 have a few thousand
def published_shown(published: str | None, day_first: bool) -> str:
    """A publication date as the list shows it (read once per distinct value)."""
    return edtf_shown(published, day_first) if published else "no date"


def filter_words(row: dict[str, Any], day_first: bool) -> tuple[bool, str]:
    """(day_first, title, outlet and date as shown, casefolded): kept on the row for the
    filter, with the setting it was made under."""
    shown = f"{row['title']} {row['outlet'] or ''} {published_shown(row['published'], day_first)}"
    return day_first, shown.casefold()
