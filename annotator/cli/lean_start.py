"""Importing sqlite-utils without the pandas it would pull in.

sqlite-utils imports pandas and numpy whenever they are installed, for a column
type this app never writes: 300-700 ms of every start on an analyst's machine that has
them. They are hidden only while sqlite-utils loads; anything imported later still gets it.
Imported first by the app's own start (``annotator gui``), never by the library code.
"""

from __future__ import annotations

import sys

HIDDEN = ("pandas", "numpy")


def import_sqlite_utils_without_pandas() -> None:
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in HIDDEN if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # its import -> ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


import_sqlite_utils_without_pandas()
