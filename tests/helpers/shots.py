"""Screenshots of the windows the tests drive: always taken (painting runs, and must not
fail), written only when ``ANNOTATOR_SCREENSHOTS`` names a folder (``docs/img`` refreshes
the README's pictures), so a test run leaves the checkout as it found it."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QWidget


def shot(widget: QWidget, name: str) -> None:
    image = widget.grab()
    assert not image.isNull(), f"{name}: nothing was painted"
    folder = os.environ.get("ANNOTATOR_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        image.save(str(Path(folder) / name))
