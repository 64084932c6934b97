"""Starting the app: QApplication, settings, error hook, the project and the main window.

Environment (for tests, smoke runs and the benchmark):
* ``ANNOTATOR_QUIT_AFTER_MS=<n>``: quit by itself n ms after start (through the Quit action).
* ``ANNOTATOR_REPORT_QUIT=1``: print ``quit-at <epoch seconds>`` on stderr as Quit is
  triggered, so that a parent can time quitting up to the process's exit.
* ``ANNOTATOR_REPORT_FIRST_PAINT=1``: print ``first-paint-ms <float>`` on stderr, measured
  from process start (``annotator.STARTED`` when the package records it, else the kernel's
  process start time) to the main window's first paint.
* ``ANNOTATOR_CONFIG_DIR``: settings (INI), the error log and the crash log go there.
* ``ANNOTATOR_COLOR_SCHEME=light|dark``: force a scheme (screenshots); else follow the system.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.ui.common.clock import elapsed_ms, process_start  # noqa: F401 (re-exported)
from annotator.ui.common.theme import (  # noqa: F401 (re-exported)
    apply_scheme,
    chosen_scheme,
    dark_palette,
)


def make_app(argv: list[str] | None = None) -> QApplication:
    from annotator.ui.common import collector
    from annotator.ui.common.settings import setup_settings

    collector.tune()
    setup_settings()  # organisation and application names before any QSettings
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QGuiApplication.setDesktopFileName("timeline-annotator")
    apply_scheme(app, chosen_scheme())
    # The system's switch matters only while the analyst follows the system.
    QGuiApplication.styleHints().colorSchemeChanged.connect(
        lambda _s: apply_scheme(app, chosen_scheme())
    )
    return app


def open_window(path: Path):
    """The project and its main window (shown by the caller)."""
    from annotator.ui.common import collector
    from annotator.ui.common.settings import Preferences, add_recent
    from annotator.ui.editing.session import Session
    from annotator.ui.window.main_window import MainWindow
    from annotator.ui.window.project_files import open_project

    prefs = Preferences.load()
    project = open_project(path, analyst=prefs.analyst or None)
    session = Session(project)
    session.day_first = prefs.day_first
    window = MainWindow(session)
    # Connected after the window's own: set aside before the first workers start.
    window.firstPainted.connect(lambda _ms: collector.set_aside_what_start_built())
    window.reader.set_text_size(prefs.text_size)
    window.articles.select_first()
    add_recent(path)
    return window


def run_app(path: Path | str) -> int:
    from annotator.core.errors import AnnotatorError
    from annotator.ui.common.icons import icon
    from annotator.ui.common.plain import rich_escaped
    from annotator.ui.errors.crash_notice import enable_fault_log
    from annotator.ui.errors.hook import ErrorHook

    app = make_app()
    enable_fault_log()  # a hard crash (segfault) leaves a trace the next start shows
    app.setWindowIcon(icon("app"))
    hook = ErrorHook(app)
    hook.install()
    try:
        window = open_window(Path(path))
    except AnnotatorError as exc:
        QMessageBox.critical(None, "Cannot open the project", rich_escaped(str(exc)))
        hook.uninstall()
        return 2
    if os.environ.get("ANNOTATOR_REPORT_FIRST_PAINT") == "1":
        window.firstPainted.connect(
            lambda ms: print(f"first-paint-ms {ms:.1f}", file=sys.stderr, flush=True)
        )
    quit_after = os.environ.get("ANNOTATOR_QUIT_AFTER_MS")
    if quit_after and quit_after.isdigit():
        # Long timers are coarse (5% slack): the fallback must not beat the Quit action.
        quitter = QTimer(window, singleShot=True, interval=int(quit_after))
        quitter.setTimerType(Qt.TimerType.PreciseTimer)
        quitter.timeout.connect(lambda: quit_now(window))
        quitter.start()
        QTimer.singleShot(int(quit_after) * 2 + 1000, app.quit)
    window.show()
    window.projects.start_backup()
    try:
        code = app.exec()
    finally:
        hook.uninstall()
        window.session.project.close()  # every edit is already committed; this frees the lock
        # Nothing is left to save: the interpreter's last garbage collection walks every
        # wrapper of the window (0.3-0.5 s offscreen, measured) only to free memory the
        # exit frees anyway. Frozen objects are skipped by it.
        gc.freeze()
    return code


def quit_now(window) -> None:
    """The real Quit action, as the analyst would choose it."""
    if os.environ.get("ANNOTATOR_REPORT_QUIT") == "1":
        print(f"quit-at {time.time():.4f}", file=sys.stderr, flush=True)
    window.actions_["quit"].trigger()
