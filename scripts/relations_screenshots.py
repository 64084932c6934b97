"""Screenshots of relations between events: the inspector's Relations section and the
drawn timeline's arrows, on the annotated seed project.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/relations_screenshots.py

Writes docs/img/relations-inspector.png, relations-dialog.png and relations-timeline.png.
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

# (source, kind, target, note): the seed's events, as an analyst might relate them.
RELATIONS = (
    ("Starmer convenes nineteen leaders at Lancaster House", "caused_by",
     "Trump and Zelensky clash in the Oval Office", "called two days after the clash"),
    ("Macron proposes a one-month truce", "part_of",
     "Starmer convenes nineteen leaders at Lancaster House", ""),
    ("EU unveils plan to raise defence spending by €800bn", "precedes",
     "Emergency EU summit on Ukraine", "the plan was put to the summit"),
    ("Emergency EU summit on Ukraine", "precedes",
     "Paris meeting of 30+ chiefs of staff on a peacekeeping force", ""),
    # dated against the relation: the inspector marks them
    ("Merz exempts military spending from Germany's fiscal rules", "precedes",
     "Starmer convenes nineteen leaders at Lancaster House", ""),
    ("Trump weighs banking sanctions and tariffs on Russia", "precedes",
     "Macron's televised address on the Russian threat", ""),
)  # fmt: skip


def settle(app: QApplication, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def main() -> int:
    from annotator.store.project import Project
    from annotator.store.project_setup import create_project
    from annotator.store.relations import relate
    from annotator.store.sample_annotations import annotate_seed_project
    from annotator.ui.editing.session import Session
    from annotator.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp())
    path = folder / "seed.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        annotate_seed_project(project)

        def eid(headline: str) -> str:
            return str(project.scalar("SELECT id FROM events WHERE headline = ?", [headline]))

        for source, kind, target, note in RELATIONS:
            project.apply(relate(project, eid(source), kind, eid(target), note))
    project = Project.open(path)
    window = MainWindow(Session(project))
    window.resize(1400, 900)
    window.show()
    settle(app)
    london = project.scalar("SELECT id FROM events WHERE headline LIKE 'Starmer convenes%'")
    window.select_item("event", str(london))
    settle(app)
    dock = window.docks["inspector"]
    dock.resize(460, 860)
    settle(app)
    window.inspector.parentWidget().parentWidget().resize(460, 860)
    OUT.mkdir(parents=True, exist_ok=True)
    shots = []
    inspector = dock.widget()
    inspector.resize(460, 940)
    settle(app)
    inspector.grab().save(str(OUT / "relations-inspector.png"))
    shots.append(OUT / "relations-inspector.png")
    from annotator.ui.dialogs.relate import RelateDialog

    dialog = RelateDialog(project, project.row("events", str(london)) or {}, parent=window)
    dialog.show()
    dialog.search.setText("summit")
    dialog.choose_kind("precedes")
    dialog.note.setText("the summit prepared the EU leaders' meeting")
    settle(app)
    dialog.grab().save(str(OUT / "relations-dialog.png"))
    shots.append(OUT / "relations-dialog.png")
    dialog.close()
    trump = project.scalar("SELECT id FROM events WHERE headline LIKE 'Trump weighs%'")
    window.select_item("event", str(trump))
    settle(app)
    inspector.grab().save(str(folder / "relations-inspector-warning.png"))
    # The chart alone, as large as a dock given the room: the same feed the window uses.
    from datetime import datetime

    from annotator.store.relations import relations_among
    from annotator.ui.timeline import TimelineView
    from annotator.ui.timeline.feed import entries_from_project
    from annotator.ui.timeline.layout import to_days
    from annotator.ui.timeline.relations import TimelineRelation

    chart = TimelineView()
    entries = entries_from_project(project)
    events = [e.id for e in entries if e.kind == "event"]
    chart.resize(1300, 460)
    chart.show()
    chart.set_lane_mode("type")
    chart.set_entries(entries)
    chart.set_relations([TimelineRelation(*r) for r in relations_among(project, events)])
    settle(app)
    chart.canvas.fit_range(to_days(datetime(2025, 2, 26)), to_days(datetime(2025, 3, 13)))
    chart.set_selected_ids({str(london)})
    settle(app)
    chart.grab().save(str(OUT / "relations-timeline.png"))
    shots.append(OUT / "relations-timeline.png")
    print("\n".join(str(s) for s in [*shots, folder / "relations-inspector-warning.png"]))
    window.close()
    project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
