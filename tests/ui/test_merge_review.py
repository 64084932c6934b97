"""Merging from the app: one undoable step, then a side-by-side review of conflicts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from annotator.store import operations as ops
from annotator.store.merge import open_conflicts
from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project
from annotator.ui.dialogs.merge_review import MergeReview, merge_file
from annotator.ui.editing.session import Session


def _two_copies(seeded_path: Path, tmp_path: Path) -> tuple[Path, Path, str]:
    with Project.open(seeded_path) as p:
        annotate_seed_project(p)
    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    shutil.copy(seeded_path, ours)
    shutil.copy(seeded_path, theirs)
    with Project.open(ours, analyst="alice") as p:
        eid = p.scalar("SELECT id FROM events ORDER BY date_earliest LIMIT 1")
        p.apply(ops.update_item(p, "event", eid, headline="Alice's headline"))
    with Project.open(theirs, analyst="bob") as p:
        p.apply(ops.update_item(p, "event", eid, headline="Bob's headline"))
        cs, _ = ops.create_event(p, headline="Bob's new event")
        p.apply(cs)
    return ours, theirs, eid


def test_merge_review_take_theirs_and_undo(qtbot, seeded_path: Path, tmp_path: Path) -> None:
    """Also saves the review's screenshot (README) where ANNOTATOR_SCREENSHOTS points."""
    ours, theirs, eid = _two_copies(seeded_path, tmp_path)
    project = Project.open(ours, analyst="alice")
    session = Session(project)
    try:
        result = merge_file(session, theirs)
        assert len(result.conflicts) == 1
        assert session.undo_stack.count() == 1
        assert (
            project.scalar("SELECT count(*) FROM events WHERE headline = ?", ["Bob's new event"])
            == 1
        )
        review = MergeReview(session)
        qtbot.addWidget(review)
        review.show()
        assert review._list.count() == 1
        cells = {
            review._table.item(r, 0).text(): (
                review._table.item(r, 1).text(),
                review._table.item(r, 2).text(),
            )
            for r in range(review._table.rowCount())
        }
        assert cells["headline"] == ("Alice's headline", "Bob's headline")
        shots = os.environ.get("ANNOTATOR_SCREENSHOTS")
        review.grab().save(
            str(Path(shots) / "merge-review.png" if shots else tmp_path / "merge-review.png")
        )
        with qtbot.waitSignal(review.resolved):
            qtbot.mouseClick(review.take_theirs, qtbot_button())
        assert project.row("events", eid)["headline"] == "Bob's headline"
        assert open_conflicts(project) == [] and review._list.count() == 0
        session.undo_stack.undo()
        assert project.row("events", eid)["headline"] == "Alice's headline"
        assert len(open_conflicts(project)) == 1 and review._list.count() == 1
        session.undo_stack.undo()  # the merge itself
        assert (
            project.scalar("SELECT count(*) FROM events WHERE headline = ?", ["Bob's new event"])
            == 0
        )
        assert open_conflicts(project) == []
    finally:
        project.close()


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
