"""Screenshots of the main window on the annotated seed project, light and dark, two sizes.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py

Builds the seed project in a temp dir (3 articles, 11 events, 8 actors, 4 claims), opens the
main window with an article selected and an item selected, and writes
docs/img/main-{light,dark}-{1280x800,1920x1080}.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

OUT = ROOT / "docs" / "img"
SIZES = ((1280, 800), (1920, 1080))


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def build_project(folder: Path) -> Path:
    from annotator.store.project import Project
    from annotator.store.project_setup import create_project
    from annotator.store.sample_annotations import annotate_seed_project

    path = folder / "seed.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        annotate_seed_project(project)
    return path


def shoot(app: QApplication, path: Path, scheme: str) -> list[Path]:
    from annotator.store.project import Project
    from annotator.ui.app import apply_scheme
    from annotator.ui.common.icons import clear_cache
    from annotator.ui.editing.session import Session
    from annotator.ui.window.main_window import MainWindow

    hints = QGuiApplication.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Dark if scheme == "dark" else Qt.ColorScheme.Light)
    apply_scheme(app, scheme)
    clear_cache()
    project = Project.open(path)
    window = MainWindow(Session(project))
    written = []
    try:
        article = project.rows("SELECT id FROM articles WHERE source LIKE '001_%'")[0]["id"]
        window.articles.select_article(article)
        event = project.rows("SELECT id FROM events WHERE headline LIKE 'EU unveils%'")[0]["id"]
        window.select_item("event", event)
        for width, height in SIZES:
            window.resize(width, height)
            window.show()
            settle(app)
            window.docks.default_sizes()  # as a first run at this size would lay it out
            settle(app)
            window.items.jump_to_passage()
            window.reader._end_flash()  # the selected item's outline, not the jump flash
            window.drawn.refresh()  # offscreen, the first paint that would start it never comes
            window.timeline_view.fit_all()
            settle(app)
            target = OUT / f"main-{scheme}-{width}x{height}.png"
            window.grab().save(str(target))
            written.append(target)
    finally:
        window.close()
        project.close()
    return written


def main() -> int:
    os.environ.setdefault("ANNOTATOR_CONFIG_DIR", tempfile.mkdtemp(prefix="annotator-cfg-"))
    from annotator.ui.app import make_app

    app = make_app()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = build_project(Path(tmp))
        for scheme in ("light", "dark"):
            for target in shoot(app, path, scheme):
                print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
