"""Passages are checked against their article on open, on load and on merge; what moved is
found again, what is gone is kept and listed as an orphan."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from annotator.cli import main
from annotator.store.anchors import orphans
from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project
from annotator.ui.editing.session import Session
from annotator.ui.window.main_window import MainWindow


def _annotated(path: Path) -> None:
    with Project.open(path) as project:
        annotate_seed_project(project)


def test_window_reanchors_after_open_undoably(qtbot, seeded_path: Path) -> None:
    _annotated(seeded_path)
    con = sqlite3.connect(seeded_path)  # as if another tool had shifted two passages
    moved, gone = [r[0] for r in con.execute("SELECT id FROM passages ORDER BY id LIMIT 2")]
    con.execute('UPDATE passages SET start = start + 2, "end" = "end" + 2 WHERE id = ?', [moved])
    con.execute(
        "UPDATE passages SET quote = 'words that are nowhere', prefix = '', "
        "suffix = '' WHERE id = ?",
        [gone],
    )
    con.commit()
    con.close()
    project = Project.open(seeded_path)
    session = Session(project)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: project.row("passages", gone)["status"] == "orphan", timeout=10000)
    fixed = project.row("passages", moved)
    text = project.scalar("SELECT text FROM articles WHERE id = ?", [fixed["article_id"]])
    assert fixed["status"] == "reanchored" and text[fixed["start"] : fixed["end"]] == fixed["quote"]
    assert [o["id"] for o in orphans(project)] == [gone]
    assert project.scalar("SELECT count(*) FROM citations WHERE passage_id = ?", [gone]) >= 1
    window.projects.show_orphans()
    assert window.projects.orphans_dialog.list.count() == 1
    window.projects.orphans_dialog.close()
    session.undo_stack.undo()
    assert project.row("passages", gone)["status"] == "anchored"
    window.close()
    qtbot.wait(100)
    project.close()


def test_load_refits_passages_to_the_text(tmp_path: Path, seeded_path: Path) -> None:
    _annotated(seeded_path)
    exported = tmp_path / "e.json"
    assert main(["export", str(seeded_path), "--format", "json", "-o", str(exported)]) == 0
    doc = json.loads(exported.read_text())
    target = doc["passages"][0]["target"]["selector"]
    target[0]["start"] += 3
    target[0]["end"] += 3  # the position is off; the quote and context still match
    exported.write_text(json.dumps(doc))
    empty = tmp_path / "empty.db"
    assert main(["init", str(empty)]) == 0
    assert main(["load", str(empty), str(exported)]) == 0
    with Project.open(empty, readonly=True) as project:
        row = project.row("passages", doc["passages"][0]["id"])
        text = project.scalar("SELECT text FROM articles WHERE id = ?", [row["article_id"]])
        assert row["status"] == "reanchored" and text[row["start"] : row["end"]] == row["quote"]
