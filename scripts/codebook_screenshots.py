"""Screenshots of the codebook and of all passages for one tag, on the annotated seed project.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/codebook_screenshots.py

Writes docs/img/codebook.png (the Codebook panel: a small hierarchy with colours and
descriptions) and docs/img/tag-passages.png (every passage of the tag "rearmament").
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
        project.close()
    print("wrote docs/img/codebook.png and docs/img/tag-passages.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
