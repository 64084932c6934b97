"""What went wrong last time, told once at the next start, with a report ready to paste.

Two logs live in the settings folder: ``errors.log`` (uncaught Python errors, written by the
error hook) and ``crash.log`` (``faulthandler``'s trace when the process itself dies: a
segfault or an abort leaves no chance to run Python code, so it is armed at startup).
Both only grow; the settings remember how far each was shown, so a notice shows only what
is new since, and only once.

The notice is a bar across the top of the window, not a modal dialog: it does not block the
start (or a test), cannot hide behind the window, and stays until dismissed.
"""

from __future__ import annotations

import faulthandler
import platform
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from annotator import APP_NAME, __version__
from annotator.ui.common import settings as app_settings
from annotator.ui.errors.hook import LOG_NAME as ERRORS_LOG

CRASH_LOG = "crash.log"
LOGS = (CRASH_LOG, ERRORS_LOG)
MAX_SHOWN = 64_000  # characters of each log: the end is where the last crash is
_fault_file: TextIO | None = None  # kept open for the process: faulthandler writes to its fd


def log_folder() -> Path:
    return app_settings.config_dir()


def enable_fault_log(folder: Path | None = None) -> Path | None:
    """Arm faulthandler into ``crash.log``: a hard crash leaves its trace for the next start.

    Returns the log's path, or None when the folder cannot be written (the app starts all
    the same; only this safety net is missing).
    """
    global _fault_file
    path = (folder or log_folder()) / CRASH_LOG
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a", encoding="utf-8")
    except OSError:
        return None
    faulthandler.enable(file=handle, all_threads=True)
    if _fault_file is not None:
        _fault_file.close()
    _fault_file = handle
    return path


@dataclass(frozen=True)
class CrashLog:
    path: Path
    text: str  # what is new since the last notice
    size: int  # bytes: the mark to remember once shown


def _shown_key(path: Path) -> str:
    return f"crash_notice/{path.name}"


def new_logs(folder: Path | None = None) -> list[CrashLog]:
    """The logs that grew since they were last shown (a log that shrank starts over)."""
    folder = folder or log_folder()
    store = app_settings.settings()
    found: list[CrashLog] = []
    for name in LOGS:
        path = folder / name
        try:
            data = path.read_bytes()
        except OSError:
            continue
        shown = store.value(_shown_key(path))
        start = int(shown) if str(shown).isdigit() else 0
        if start > len(data):
            start = 0
        text = data[start:].decode("utf-8", errors="replace").strip()
        if text:
            found.append(CrashLog(path, text[-MAX_SHOWN:], len(data)))
    return found


def mark_shown(logs: list[CrashLog]) -> None:
    store = app_settings.settings()
    for log in logs:
        store.setValue(_shown_key(log.path), log.size)
    store.sync()


def report_text(logs: list[CrashLog]) -> str:
    """Everything a bug report needs, as plain text to paste."""
    lines = [
        f"{APP_NAME} {__version__}",
        f"Python {platform.python_version()} ({sys.implementation.name})",
        f"Qt {qVersion()}, PySide6 {PYSIDE_VERSION}",
        f"Platform {platform.platform()}",
        "",
    ]
    for log in logs:
        lines += [f"== {log.path.name}", log.text, ""]
    return "\n".join(lines)


class CrashNotice(QFrame):
    """A dismissable bar: what happened, the log's text, copy the report, open the folder."""

    def __init__(self, logs: list[CrashLog], parent: QWidget | None = None):
        super().__init__(parent)
        self.logs = logs
        self.setObjectName("crashNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#crashNotice { background: palette(alternate-base); }")
        hard = any(log.path.name == CRASH_LOG for log in logs)
        self.summary = QLabel(
            f"{APP_NAME} {'stopped unexpectedly' if hard else 'ran into a problem'} last "
            "time. Every edit made before it was saved. Copying the report below and "
            "sending it helps fix it.",
            self,
        )
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.log_text = QPlainTextEdit(self)  # plain text by nature: a log is never markup
        self.log_text.setReadOnly(True)
        self.log_text.setPlainText("\n\n".join(f"{log.path}:\n{log.text}" for log in logs))
        self.log_text.setMaximumHeight(140)
        self.log_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.copy_button = QPushButton("Copy report", self)
        self.copy_button.clicked.connect(self.copy_report)
        self.folder_button = QPushButton("Open log folder", self)
        self.folder_button.clicked.connect(self.open_folder)
        self.dismiss_button = QPushButton("Dismiss", self)
        self.dismiss_button.clicked.connect(self.hide)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (self.copy_button, self.folder_button, self.dismiss_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.log_text)

    def report(self) -> str:
        return report_text(self.logs)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report())
        self.copy_button.setText("Copied")

    def folder(self) -> Path:
        return self.logs[0].path.parent

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder())))


def take_notice(parent: QWidget | None = None, folder: Path | None = None) -> CrashNotice | None:
    """The notice for what is new in the logs, marked shown; None when nothing is new."""
    logs = new_logs(folder)
    if not logs:
        return None
    mark_shown(logs)  # shown once, even if this run crashes too
    return CrashNotice(logs, parent)


def attach_notice(window: QMainWindow) -> CrashNotice | None:
    """Show the notice, if any, in a bar of its own across the top of ``window``."""
    notice = take_notice(window)
    if notice is None:
        return None
    bar = QToolBar("Last run", window)
    bar.setObjectName("crashNoticeBar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)  # not a toolbar to bring back from the menu
    notice.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(notice)
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    notice.dismiss_button.clicked.connect(bar.hide)
    return notice
