"""The window's File > Export and the command line take the same export path: same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.store import csv_fast
from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project
from annotator.ui.editing.session import Session
from annotator.ui.window.main_window import MainWindow


@pytest.fixture
def annotated(seeded_path: Path) -> Path:
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
    return seeded_path


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_window_export_is_byte_for_byte_the_cli_export(
    qtbot, annotated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    fast_calls: list[object] = []
    real_fast = csv_fast.write_events_csv

    def counted(project: Project, fp: object) -> int:
        fast_calls.append(project)
        return real_fast(project, fp)  # type: ignore[arg-type]

    from annotator.store import exporting

    monkeypatch.setattr(exporting, "write_events_csv", counted)
    window = MainWindow(Session(Project.open(annotated)))
    qtbot.addWidget(window)
    from_window = tmp_path / f"window.{fmt}"
    window.actions_["export"].trigger()  # File > Export…
    dialog = window.article_commands.export_dialog
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))
    dialog.excel_check.setChecked(False)  # the command line's default: no byte order mark
    dialog.path_edit.setText(str(from_window))
    dialog.export_button.click()
    window.session.project.close()
    assert fast_calls == ([window.session.project] if fmt == "csv" else [])
    fast_calls.clear()

    from_cli = tmp_path / f"cli.{fmt}"
    assert main(["export", str(annotated), "--format", fmt, "-o", str(from_cli)]) == 0
    assert len(fast_calls) == (1 if fmt == "csv" else 0)  # the CLI takes the fast path too
    assert from_window.read_bytes() == from_cli.read_bytes()
    assert b"Berlin" in from_cli.read_bytes() or from_cli.stat().st_size > 1000
