"""Screenshots of the codebook and of all passages for one tag, on the annotated seed project.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/codebook_screenshots.py

Writes docs/img/codebook.png (the Codebook panel: a small hierarchy with colours and
descriptions), docs/img/tag-passages.png (every passage of the tag "rearmament"),
docs/img/inspector-tag-chips.png (an event's tags as chips, the field completing a tag) and
docs/img/apply-tags.png (T in the reader: tag the items a passage is cited for).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

OUT = ROOT / "docs" / "img"


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def build_project(folder: Path) -> Path:
    from annotator.store import codebook as cb
    from annotator.store.project import Project
    from annotator.store.project_setup import create_project
    from annotator.store.sample_annotations import annotate_seed_project

    path = folder / "seed.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        annotate_seed_project(project)
        edits = [
            lambda p: cb.create_code(p, "Diplomacy", color="#4e79a7", description="Talks, summits"),
            lambda p: cb.create_code(p, "Security", color="#e15759", description="Arms and troops"),
            lambda p: cb.move_code(p, "london-summit", "Diplomacy"),
            lambda p: cb.move_code(p, "ceasefire", "Diplomacy"),
            lambda p: cb.move_code(p, "oval-office", "Diplomacy"),
            lambda p: cb.move_code(p, "rearmament", "Security"),
            lambda p: cb.move_code(p, "peacekeeping", "Security"),
            lambda p: cb.edit_code(p, "rearmament", color="#f28e2b", description="Defence"),
            lambda p: cb.edit_code(p, "sanctions", color="#76b7b2"),
        ]
        for edit in edits:
            project.apply(edit(project))
    return path


def shoot_inspector(app: QApplication, session: object) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QScrollArea

    from annotator.ui.panels.inspector import Inspector

    project = session.project  # type: ignore[attr-defined]
    event = project.scalar("SELECT id FROM events WHERE headline LIKE 'Macron%'")
    inspector = Inspector(session)  # type: ignore[arg-type]
    holder = QScrollArea()
    holder.setWidgetResizable(True)
    holder.setWidget(inspector)
    holder.resize(520, 560)
    holder.show()
    inspector.select_item("event", event)
    settle(app)
    field = inspector.fields["tags"]
    field.setFocus()
    field.end(False)
    QTest.keyClicks(field, ", re")
    settle(app)
    holder.grab().save(str(OUT / "inspector-tag-chips.png"))
    QTest.keyClick(field.completer_.popup(), Qt.Key.Key_Escape)
    holder.close()


def shoot_apply_tags(app: QApplication, session: object) -> None:
    from annotator.store.codebook import items_at
    from annotator.ui.dialogs.apply_tags import ApplyTagsDialog

    project = session.project  # type: ignore[attr-defined]
    passage = project.rows('SELECT article_id, start, "end" FROM passages ORDER BY start DESC')[0]
    items = items_at(project, passage["article_id"], passage["start"], passage["end"])
    dialog = ApplyTagsDialog(project, items)
    dialog.tags_edit.setText("key fact, Security")
    dialog.show()
    settle(app)
    dialog.grab().save(str(OUT / "apply-tags.png"))
    dialog.close()


def main() -> int:
    from annotator.store.project import Project
    from annotator.ui.dialogs.tag_passages import TagPassagesDialog
    from annotator.ui.editing.session import Session
    from annotator.ui.panels.codebook import CodebookPanel

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.open(build_project(Path(tmp)))
        session = Session(project)
        panel = CodebookPanel(session)
        panel.resize(720, 400)
        panel.show()
        settle(app)
        panel.select_names("rearmament")
        settle(app)
        panel.grab().save(str(OUT / "codebook.png"))
        dialog = TagPassagesDialog(session, tag="rearmament")
        dialog.show()
        settle(app)
        dialog.grab().save(str(OUT / "tag-passages.png"))
        dialog.close()
        panel.close()
        shoot_inspector(app, session)
        shoot_apply_tags(app, session)
        project.close()
    print("wrote docs/img/codebook.png, tag-passages.png, inspector-tag-chips.png, apply-tags.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
