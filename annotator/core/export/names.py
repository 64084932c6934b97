"""The export formats and the CSV tables by name: what the command line offers, without
loading the writers (its parser is built at every start of the app, before the window)."""

from __future__ import annotations

FORMATS = (
    "csv",
    "json",
    "timelinejs",
    "webannotation",
    "markdown",
    "html",
    "xlsx",
    "qdpx",
    "hypothesis",
)
# ``csv_export.TABLE_NAMES``, the tables its writer knows (a test holds the two together)
CSV_TABLES = ("events", "claims", "actors", "citations", "relations", "notes")
