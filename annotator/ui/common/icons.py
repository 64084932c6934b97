"""SVG icons from resources/icons, tinted to follow the light or dark scheme.

The SVGs are drawn in one colour (``currentColor``); we substitute the palette's text colour so
that they read on either scheme, and cache the result per name and colour.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication


@cache
def icons_dir() -> Path:
    try:
        from annotator.core.resources import resources_dir

        return resources_dir() / "icons"
    except Exception:  # a checkout without the resources module: fall back to the repo
        return Path(__file__).resolve().parents[2] / "resources" / "icons"


@cache
def _svg(name: str) -> str | None:
    path = icons_dir() / f"{name}.svg"
    return path.read_text(encoding="utf-8") if path.is_file() else None


_CACHE: dict[tuple[str, str], QIcon] = {}


def icon(name: str) -> QIcon:
    """The icon ``name`` in the current text colour; an empty icon if the file is missing."""
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    color = palette.color(QPalette.ColorRole.WindowText).name()
    key = (name, color)
    if key in _CACHE:
        return _CACHE[key]
    source = _svg(name)
    result = QIcon()
    if source is not None:
        renderer = QSvgRenderer(QByteArray(source.replace("currentColor", color).encode()))
        for size in (16, 22, 24, 32, 48):
            pixmap = QPixmap(QSize(size, size))
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter)
            painter.end()
            result.addPixmap(pixmap)
    _CACHE[key] = result
    return result


def clear_cache() -> None:
    """After a scheme change: icons are redrawn in the new text colour."""
    _CACHE.clear()
