"""A reader's passages read in the worker held back until the test releases them, to act
while they are on their way."""

from __future__ import annotations

import threading

import pytest

from annotator.ui.reader import marks as marks_module


@pytest.fixture
def held(monkeypatch) -> threading.Event:
    """The worker's read waits for this: the test decides when the marks come."""
    release = threading.Event()
    read = marks_module.reader_marks_in_file

    def slow(path, article_id):
        release.wait(30)
        return read(path, article_id)

    monkeypatch.setattr(marks_module, "reader_marks_in_file", slow)
    return release
