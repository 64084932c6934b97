"""The command line's choices name what the writers know (kept apart so that building the
parser, at every start of the app, does not load the writers)."""

from __future__ import annotations

from annotator.core.export import csv_export, names, render


def test_the_csv_tables_named_are_the_writers_tables() -> None:
    assert names.CSV_TABLES == csv_export.TABLE_NAMES


def test_every_format_named_is_rendered() -> None:
    assert render.FORMATS == names.FORMATS
    assert set(render.BINARY_FORMATS) <= set(names.FORMATS)
