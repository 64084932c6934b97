"""Screenshots of memos and fact status on the annotated seed project.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/facts_screenshots.py

Writes docs/img/notes.png (the Memos panel beside the inspector with an event's memos) and
docs/img/fact-status.png (the timeline table with its Status column over the drawn timeline,
key facts and a disputed one marked). Every memo and status is set through the window's own
edits, as the analyst would.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget  # noqa: E402

OUT = ROOT / "docs" / "img"

MEMOS = [
    ("event", "Macron proposes%", "Check the hour of the proposal against the AFP wire."),
    ("event", "Macron proposes%", "Le Figaro has the truce at one month; Reuters says 'weeks'."),
    ("event", "Starmer convenes%", "Who else was in the room? The list differs by outlet."),
    ("claim", "%", "Is this a prediction or a threat? Ask a second analyst."),
]
STATUS = [
    ("Trump and Zelensky%", "key"),
    ("Macron proposes%", "key"),
    ("Starmer convenes%", "disputed"),
    ("EU unveils%", "undisputed"),
    ("Emergency EU summit%", "key"),
]


def settle(app: QApplication, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    from annotator.store.project import Project
    from annotator.store.project_setup import create_project
    from annotator.store.sample_annotations import annotate_seed_project
    from annotator.ui.editing import edits
    from annotator.ui.editing.session import Session
    from annotator.ui.panels.inspector import Inspector
    from annotator.ui.panels.notes import NotesPanel
    from annotator.ui.window.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seed.db"
        create_project(path, seed=True)
        with Project.open(path) as project:
            annotate_seed_project(project)
        project = Project.open(path, analyst="mk")
        session = Session(project)

        def item(kind: str, like: str) -> str:
            column = "headline" if kind == "event" else "text"
            return str(
                project.scalar(
                    f"SELECT id FROM {kind}s WHERE {column} LIKE ? ORDER BY created", [like]
                )
            )

        for kind, like, text in MEMOS:
            edits.add_note(session, kind, item(kind, like), text)
        article = project.scalar("SELECT id FROM articles WHERE source LIKE '001_%'")
        paywalled = "Paywalled: quotes checked on the archive copy."
        edits.add_note(session, "article", article, paywalled)
        for like, status in STATUS:
            edits.set_fact_status(session, "event", item("event", like), status)

        # notes.png: the Memos panel beside the inspector showing an event and its memos.
        host = QWidget()
        row = QHBoxLayout(host)
        notes = NotesPanel(session, host)
        inspector = Inspector(session, host)
        row.addWidget(notes, 2)
        row.addWidget(inspector, 3)
        inspector.select_item("event", item("event", "Macron proposes%"))
        notes.results.setCurrentRow(1)
        inspector.memos.list.setCurrentRow(1)
        host.resize(1180, 820)
        host.show()
        settle(app)
        host.grab().save(str(OUT / "notes.png"))
        host.close()

        # fact-status.png: the table (filter bar, Status column) over the drawn timeline.
        window = MainWindow(session)
        window.resize(1600, 1000)
        window.show()
        settle(app)
        window.docks.default_sizes()
        window.resizeDocks([window.docks["timeline_table"]], [1050], Qt.Orientation.Horizontal)
        window.resizeDocks([window.docks["timeline_view"]], [420], Qt.Orientation.Vertical)
        settle(app)
        window.select_item("event", item("event", "Macron proposes%"))
        window.drawn.refresh()
        window.timeline_view.set_lane_mode("none")
        window.timeline_view.fit_all()
        settle(app)
        table = window.docks["timeline_table"].widget().grab()
        drawn = window.docks["timeline_view"].widget().grab()
        width = max(table.width(), drawn.width())
        shot = QPixmap(width, table.height() + drawn.height() + 6)
        shot.fill(QColor("#d0d0d0"))
        painter = QPainter(shot)
        painter.drawPixmap(QPoint(0, 0), table)
        painter.drawPixmap(QPoint(0, table.height() + 6), drawn)
        painter.end()
        shot.save(str(OUT / "fact-status.png"))
        window.close()
        project.close()
    print("wrote docs/img/notes.png and docs/img/fact-status.png")


if __name__ == "__main__":
    main()
