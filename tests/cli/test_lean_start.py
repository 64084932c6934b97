"""The app's start leaves pandas and numpy alone (sqlite-utils would load them for nothing:
hundreds of milliseconds), and they still import normally afterwards."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers.paths import child_env

CHECK = """
import sys
import annotator.cli.gui
import sqlite_utils.db as db
assert "pandas" not in sys.modules and "numpy" not in sys.modules, sorted(sys.modules)
assert db.pd is None and db.np is None
import pandas, numpy  # still there for anything that wants them
print("ok")
"""


def test_the_app_start_does_not_load_pandas_or_numpy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, env=child_env(), timeout=120
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


# What `annotator import` loads before it reads a file: neither pandas and numpy (0.5 s)
# nor the date finder, which compiles its patterns on import (0.3 s) and an import never
# runs. The edit functions reach it only through the new-item form's headline trimming.
# Nor what only the other edit verbs use (merge, QDPX, a JSON document).
IMPORT_CHECK = """
import sys
import annotator.cli.edit_verbs
import annotator.store.operations
unwanted = {
    "pandas", "numpy", "annotator.core.dates.finder",
    "annotator.store.merge", "annotator.store.qdpx_import", "annotator.store.chronology",
} & set(sys.modules)
assert not unwanted, sorted(unwanted)
from annotator.core.item_text import without_leading_date
assert without_leading_date("On Tuesday, the EU unveiled a plan") == "The EU unveiled a plan"
print("ok")
"""


def test_the_import_verb_loads_neither_pandas_nor_the_date_finder() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_CHECK],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]
