"""What went wrong last time is shown once at the next start, with a report to paste."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel

from annotator import __version__
from annotator.store.project import Project
from annotator.ui.editing.session import Session
from annotator.ui.errors.crash_notice import CRASH_LOG, enable_fault_log, log_folder, new_logs
from annotator.ui.errors.hook import LOG_NAME
from annotator.ui.window.main_window import MainWindow
from tests.helpers.db import close_and_compare
from tests.helpers.paths import REPO

HOSTILE = '<h1 style="color:red">VERIFIED</h1><img src="file:///etc/x.png"> & more'
TRACE = (
    "--- 2026-01-02T03:04:05\nTraceback (most recent call last):\n"
    f'  File "x.py", line 1, in paint\nZeroDivisionError: {HOSTILE}\n'
)


@contextmanager
def started(qtbot, path: Path):
    """One start of the window on ``path``, closed and checked against the file after."""
    project = Project.open(path)
    win = MainWindow(Session(project))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    try:
        yield win
    finally:
        win.close()
        close_and_compare(win.session.project)
        project.close()


def write_log(name: str, text: str, mode: str = "a") -> Path:
    path = log_folder() / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open(mode, encoding="utf-8") as fh:
        fh.write(text)
    return path


def test_a_crash_log_is_shown_once_as_plain_text(qtbot, seeded_path):
    write_log(LOG_NAME, TRACE)
    with started(qtbot, seeded_path) as win:
        notice = win.crash_notice
        assert notice is not None and notice.isVisible()
        shown = notice.log_text.toPlainText()
        assert HOSTILE in shown and "ZeroDivisionError" in shown  # the literal text
        assert all(
            label.textFormat() == Qt.TextFormat.PlainText for label in notice.findChildren(QLabel)
        )
        assert "ran into a problem" in notice.summary.text()
    with started(qtbot, seeded_path) as win:
        assert win.crash_notice is None  # shown once


def test_copy_report_puts_versions_platform_and_the_log_on_the_clipboard(qtbot, seeded_path):
    write_log(LOG_NAME, TRACE)
    QGuiApplication.clipboard().clear()
    with started(qtbot, seeded_path) as win:
        qtbot.mouseClick(win.crash_notice.copy_button, Qt.MouseButton.LeftButton)
        report = QGuiApplication.clipboard().text()
    assert f"Timeline Annotator {__version__}" in report
    assert f"Python {sys.version.split()[0]}" in report
    assert "Qt 6." in report and "PySide6 6." in report and "Platform " in report
    assert HOSTILE in report and f"== {LOG_NAME}" in report


def test_open_folder_and_dismiss(qtbot, seeded_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    log = write_log(LOG_NAME, TRACE)
    with started(qtbot, seeded_path) as win:
        notice = win.crash_notice
        qtbot.mouseClick(notice.folder_button, Qt.MouseButton.LeftButton)
        assert [Path(u.toLocalFile()) for u in opened] == [log.parent]
        qtbot.mouseClick(notice.dismiss_button, Qt.MouseButton.LeftButton)
        assert not notice.isVisible()


def test_only_what_is_new_since_the_last_notice_is_shown(qtbot, seeded_path):
    write_log(LOG_NAME, TRACE)
    with started(qtbot, seeded_path) as win:
        assert win.crash_notice is not None
    write_log(LOG_NAME, "--- later\nKeyError: 'second'\n")
    with started(qtbot, seeded_path) as win:
        shown = win.crash_notice.log_text.toPlainText()
        assert "KeyError: 'second'" in shown and "ZeroDivisionError" not in shown
    write_log(LOG_NAME, "short\n", mode="w")  # rotated or cleared by hand: starts over
    assert [log.text for log in new_logs()] == ["short"]


def test_an_empty_or_undecodable_log_does_not_stop_the_start(qtbot, seeded_path):
    write_log(LOG_NAME, "   \n")
    with started(qtbot, seeded_path) as win:
        assert win.crash_notice is None  # nothing worth telling
    (log_folder() / CRASH_LOG).write_bytes(b"Fatal Python error: \xff\xfe broken\n")
    with started(qtbot, seeded_path) as win:
        assert "broken" in win.crash_notice.log_text.toPlainText()
        assert "stopped unexpectedly" in win.crash_notice.summary.text()


def test_an_unwritable_log_folder_leaves_the_crash_log_off(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert enable_fault_log(blocker) is None


CRASHING_APP = """
import faulthandler, sys
from PySide6.QtCore import QTimer
from annotator.ui import app
opened = app.open_window
def open_and_crash(path):
    window = opened(path)
    QTimer.singleShot(300, faulthandler._sigsegv)  # a hard crash once the window runs
    return window
app.open_window = open_and_crash
sys.exit(app.run_app(sys.argv[1]))
"""


def test_a_segfault_leaves_a_log_the_next_start_shows(qtbot, seeded_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(REPO),
        ANNOTATOR_QUIT_AFTER_MS="20000",
    )
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_APP, str(seeded_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGSEGV, done.stderr[-2000:]
    crash = (log_folder() / CRASH_LOG).read_text(encoding="utf-8")
    assert "Segmentation fault" in crash
    with started(qtbot, seeded_path) as win:
        notice = win.crash_notice
        assert notice is not None and "stopped unexpectedly" in notice.summary.text()
        assert "Segmentation fault" in notice.log_text.toPlainText()
        assert "== crash.log" in notice.report()
    with started(qtbot, seeded_path) as win:
        assert win.crash_notice is None
