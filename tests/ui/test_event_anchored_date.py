"""'Two days after the argument': the form asks which event, and counts from its date."""

from __future__ import annotations

from pathlib import Path

from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project
from annotator.ui.new_item.form import NewItemDialog


def test_event_anchored_phrase_counts_from_the_chosen_event(qtbot, seeded_path: Path) -> None:
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
        article = project.rows("SELECT * FROM articles WHERE source LIKE '000%'")[0]
        text = article["text"]
        start = text.index("The latest catalyst came")
        end = start + len("The latest catalyst came")
        dialog = NewItemDialog(project, "event", article, start, end)
        qtbot.addWidget(dialog)
        phrases = [s.phrase for s in dialog.suggestions]
        index = next(i for i, s in enumerate(dialog.suggestions) if s.anchor == "event")
        assert "two days" in phrases[index]
        dialog.phrase_combo.setCurrentIndex(index)
        assert not dialog.anchor_combo.isHidden()
        oval = project.scalar("SELECT id FROM events WHERE headline LIKE 'Trump and Zelensky%'")
        anchor = next(
            i
            for i in range(dialog.anchor_combo.count())
            if (dialog.anchor_combo.itemData(i) or (None,))[0] == oval
        )
        dialog.anchor_combo.setCurrentIndex(anchor)
        assert dialog.date_edit.text() == "2 Mar 2025"
        value, phrase, anchor_note, status = dialog.event_date()
        assert value.edtf == "2025-03-02" and anchor_note == f"event:{oval}"
        assert status == "suggested" and "two days" in phrase
        dialog.phrase_combo.setCurrentIndex(dialog.phrase_combo.count() - 1)  # type instead
        assert dialog.anchor_combo.isHidden()
