"""Screenshot of the reader's suggestions on the annotated seed project.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/suggestions_screenshot.py [--dark]

Writes docs/img/reader-suggestions.png (or reader-suggestions-dark.png): the WSJ seed
article with its cited passages tinted and the suggestions (known actors, new names,
reported speech, dates) marked with faint dotted underlines, one selected with N as the
analyst would.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANNOTATOR_CONFIG_DIR", tempfile.mkdtemp())

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDockWidget  # noqa: E402

OUT = ROOT / "docs" / "img"


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    dark = "--dark" in sys.argv
    if dark:
        from annotator.ui.common.theme import apply_scheme

        apply_scheme(app, "dark")  # type: ignore[arg-type]
    from annotator.store.project import Project
    from annotator.store.project_setup import create_project
    from annotator.store.sample_annotations import annotate_seed_project
    from annotator.ui.editing.session import Session
    from annotator.ui.window.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seed.db"
        create_project(path, seed=True)
        with Project.open(path) as project:
            annotate_seed_project(project)
        project = Project.open(path, analyst="mk")
        win = MainWindow(Session(project))
        win.resize(900, 760)
        win.show()
        for dock in win.findChildren(QDockWidget):  # the reader alone, at a reading size
            dock.hide()
        for _ in range(8):
            app.processEvents()
        article = project.scalar("SELECT id FROM articles WHERE source LIKE '001_%'")
        win.articles.select_article(article)
        reader = win.reader
        reader.setFocus()
        for _ in range(6):  # to the sixth suggestion, as N does
            QTest.keyClick(reader, Qt.Key.Key_N)
        reader.verticalScrollBar().setValue(0)
        for _ in range(8):
            app.processEvents()
        OUT.mkdir(parents=True, exist_ok=True)
        name = "reader-suggestions-dark.png" if dark else "reader-suggestions.png"
        win.reader_pane.grab().save(str(OUT / name))
        win.close()
        project.close()


if __name__ == "__main__":
    main()
