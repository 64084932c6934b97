"""Light or dark: the system's scheme, or the one the analyst chose in Preferences."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from annotator.ui.common.settings import Preferences

THEMES = ("system", "light", "dark")


def chosen_scheme() -> str | None:
    """The analyst's choice, or None to follow the system (or ANNOTATOR_COLOR_SCHEME)."""
    theme = Preferences.load().theme
    return theme if theme in ("light", "dark") else None


def dark_palette() -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, "#1f2227"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#16181c"),
        (roles.AlternateBase, "#1d2025"),
        (roles.Text, "#e6e6e6"),
        (roles.Button, "#2a2e35"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.Highlight, "#3d6fb6"),
        (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#2a2e35"),
        (roles.ToolTipText, "#e6e6e6"),
        (roles.PlaceholderText, "#8a8f98"),
        (roles.Link, "#7fb0ff"),
        (roles.Mid, "#3a3f47"),
        (roles.Midlight, "#33373e"),
        (roles.Dark, "#101215"),
        (roles.Light, "#454a52"),
        (roles.Shadow, "#000000"),
    ):
        p.setColor(role, QColor(color))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7f88"))
    return p


def apply_scheme(app: QApplication, scheme: str | None = None) -> str:
    """Follow the system's light or dark scheme (or force one); returns the one used."""
    hints = QGuiApplication.styleHints()
    if scheme is None:
        scheme = os.environ.get("ANNOTATOR_COLOR_SCHEME") or (
            "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"
        )
    app.setStyle("Fusion")
    if scheme == "dark":
        app.setPalette(dark_palette())
    else:
        app.setPalette(app.style().standardPalette())
    return scheme
