"""The import figure is taken on a copy the app has opened and closed once, as the
analyst's own project is: its open is the trusted one, not the whole-file checks a copy of
unknown history gets (the import itself is what the figure is about)."""

from __future__ import annotations

import shutil

from annotator.bench.measures import _close_cleanly
from annotator.store.file_checks import trusted
from annotator.store.lock import read_marker


def test_the_copy_imported_into_is_trusted_at_its_next_open(seeded_path, tmp_path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copyfile(seeded_path, copy)
    assert not trusted(copy, read_marker(copy))  # a bare copy: the long checks would run
    _close_cleanly(copy)
    assert trusted(copy, read_marker(copy))
