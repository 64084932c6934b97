"""Preferences, recent projects and window layout in QSettings.

Organisation and application names are set before the first QSettings is made. Settings are
INI files; ``ANNOTATOR_CONFIG_DIR`` moves them (tests point it at a temp dir), and the crash
log lives beside them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

from annotator import APP_NAME, ORG_NAME

MAX_RECENT = 8


def config_dir() -> Path:
    env = os.environ.get("ANNOTATOR_CONFIG_DIR")
    if env:
        return Path(env).expanduser()
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(base or Path.home() / ".config") / ORG_NAME


def setup_settings() -> None:
    """Names first, then the INI location. Safe to call more than once."""
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    if os.environ.get("ANNOTATOR_CONFIG_DIR"):
        path = config_dir()
        path.mkdir(parents=True, exist_ok=True)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(path))
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(path))


def settings() -> QSettings:
    setup_settings()
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, APP_NAME)


def _bool(value: object, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("1", "true", "yes")


@dataclass
class Preferences:
    analyst: str = ""
    day_first: bool = True
    theme: str = "system"  # "system", "light" or "dark"
    text_size: float = 0.0  # the reader's text in points; 0: a size that suits the screen

    @classmethod
    def load(cls) -> Preferences:
        s = settings()
        return cls(
            analyst=str(s.value("prefs/analyst", "") or ""),
            day_first=_bool(s.value("prefs/day_first"), True),
            theme=str(s.value("prefs/theme", "system") or "system"),
            text_size=_float(s.value("prefs/text_size"), 0.0),
        )

    def save(self) -> None:
        s = settings()
        s.setValue("prefs/analyst", self.analyst)
        s.setValue("prefs/day_first", self.day_first)
        s.setValue("prefs/theme", self.theme)
        s.setValue("prefs/text_size", self.text_size)
        s.sync()


def _float(value: object, default: float) -> float:
    try:
        number = float(str(value))
    except ValueError:
        return default
    return number if 0 <= number <= 72 else default  # a hand-edited settings file


def recent_projects() -> list[str]:
    value = settings().value("recent", [])
    if isinstance(value, str):
        value = [value]
    # QSettings hands back a list (or a single string, above) for a stored list
    return [str(v) for v in cast("Iterable[object]", value or []) if v]


def add_recent(path: str | Path) -> list[str]:
    path = str(Path(path).resolve())
    items = [path] + [p for p in recent_projects() if p != path]
    items = items[:MAX_RECENT]
    s = settings()
    s.setValue("recent", items)
    s.sync()
    return items


def remove_recent(path: str) -> None:
    s = settings()
    s.setValue("recent", [p for p in recent_projects() if p != path])
    s.sync()


def suggestions_shown() -> bool:
    """Whether the reader marks its suggestions (View > Show Suggestions); on at first."""
    return _bool(settings().value("reader/suggestions"), True)


def set_suggestions_shown(shown: bool) -> None:
    s = settings()
    s.setValue("reader/suggestions", shown)
    s.sync()
