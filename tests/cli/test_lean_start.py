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
