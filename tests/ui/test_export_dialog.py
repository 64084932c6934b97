"""File > Export: every format through the one dialog, each file read back by the tool that
reads it; the table's filter applied or not, as the dialog says; the choice remembered."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox, QPushButton

from annotator.cli import main
from annotator.core.files import TEMP_MARK
from annotator.store.project import Project
from annotator.store.queries import TimelineFilter
from annotator.store.sample_annotations import annotate_seed_project
from annotator.ui.dialogs.export import CHOICES
from annotator.ui.editing import edits
from annotator.ui.editing.session import Session
from annotator.ui.window.main_window import MainWindow
from tests.helpers import window_fixture
from tests.helpers.window_fixture import Calls

warnings = window_fixture.warnings


@pytest.fixture
def window(qtbot, seeded_path: Path, warnings):
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
    win = MainWindow(Session(Project.open(seeded_path)))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    win.session.project.close()


def export_through_dialog(win: MainWindow, fmt: str, target: Path, *, shown: bool = False):
    win.actions_["export"].trigger()
    dialog = win.article_commands.export_dialog
    assert dialog is not None
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))
    (dialog.shown_radio if shown else dialog.all_radio).setChecked(True)
    dialog.path_edit.setText(str(target))
    dialog.export_button.click()
    return dialog


def test_every_format_is_offered_and_written(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    told = Calls(QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "information", told)
    undated = window.session.project.scalar("SELECT id FROM events ORDER BY headline LIMIT 1")
    assert edits.update_item(window.session, "event", undated, date=None)
    for choice in CHOICES:
        target = tmp_path / f"out.{choice.suffix}"
        export_through_dialog(window, choice.fmt, target)
        if choice.fmt == "hypothesis":  # web addresses are asked for: all left blank here
            asked = window.article_commands.urls_dialog
            assert asked is not None and len(asked.edits) == 3
            asked.save_button.click()
        small = choice.fmt == "hypothesis"  # the seed articles have no web address: []
        assert target.exists() and (small or target.stat().st_size > 200), choice.fmt
        target.rename(tmp_path / f"{choice.fmt}.{choice.suffix}")
    # TimelineJS cannot show everything: the window says what it left out, and why
    said = [c[2] for c in told.calls]
    assert any("1 undated event" in s for s in said)  # TimelineJS
    assert any("web address" in s or "URL" in s for s in said), said  # Hypothesis
    assert json.loads((tmp_path / "hypothesis.json").read_text()) == []
    rows = list(csv.DictReader((tmp_path / "csv.csv").read_text("utf-8-sig").splitlines()))
    assert len(rows) == 11 and any(r["date_edtf"] for r in rows)
    assert (tmp_path / "csv.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel's default
    book = load_workbook(tmp_path / "xlsx.xlsx")
    assert {"Events", "Claims", "Actors"} <= set(book.sheetnames)
    doc = json.loads((tmp_path / "json.json").read_text())
    assert len(doc["events"]) == 11
    pdf = (tmp_path / "pdf.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftoppm"):  # the page images, as a reader sees them
        subprocess.run(
            ["pdftoppm", "-r", "30", "-png", str(tmp_path / "pdf.pdf"), str(tmp_path / "p")],
            check=True,
        )
        pages = len(list(tmp_path.glob("p-*.png")))
        assert pages >= 2
        text = subprocess.run(
            ["pdftotext", "-layout", str(tmp_path / "pdf.pdf"), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split("\f")
        assert re.search(r"\w \[\d+\]", text[0])  # headlines carry numbered citations
        # each page ends with its number; the sources are numbered notes
        for number, page in enumerate(text[:pages], 1):
            assert page.rstrip().splitlines()[-1].strip() == str(number)
        assert "Sources" in "".join(text) and " 1. " in "".join(text)


def test_the_tables_filter_applies_when_chosen(qtbot, window, tmp_path: Path) -> None:
    merz = window.session.project.scalar("SELECT id FROM actors WHERE name = 'Friedrich Merz'")
    window.table.set_filter(TimelineFilter(actor_ids=(merz,)))
    dialog = export_through_dialog(window, "json", tmp_path / "shown.json", shown=True)
    assert "filtered by actor “Friedrich Merz”" in dialog.shown_radio.text()
    assert "11 events" in dialog.all_radio.text()
    shown = json.loads((tmp_path / "shown.json").read_text())
    assert 0 < len(shown["events"]) < 11
    export_through_dialog(window, "json", tmp_path / "all.json", shown=False)
    assert len(json.loads((tmp_path / "all.json").read_text())["events"]) == 11


def test_the_format_and_folder_are_remembered(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    export_through_dialog(window, "markdown", folder / "notes.md")
    window.actions_["export"].trigger()
    dialog = window.article_commands.export_dialog
    assert dialog.format_combo.currentData() == "markdown"
    assert Path(dialog.path_edit.text()).parent == folder
    dialog.reject()


def test_a_missing_folder_is_said_in_the_dialog_and_nothing_written(
    qtbot, window, tmp_path: Path
) -> None:
    target = tmp_path / "no such folder" / "out.csv"
    dialog = export_through_dialog(window, "csv", target)
    assert dialog.isVisible() and "does not exist" in dialog.error.text()
    assert not target.parent.exists()
    dialog.reject()


def test_timelinejs_groups_and_the_hypothesis_group_are_chosen_in_the_dialog(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(QMessageBox, "information", Calls(QMessageBox.StandardButton.Ok))
    window.actions_["export"].trigger()
    dialog = window.article_commands.export_dialog
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("timelinejs"))
    assert dialog.lanes_combo.isEnabled() and not dialog.group_edit.isEnabled()
    dialog.lanes_combo.setCurrentIndex(dialog.lanes_combo.findData("actor"))
    dialog.path_edit.setText(str(tmp_path / "tl.json"))
    dialog.export_button.click()
    slides = json.loads((tmp_path / "tl.json").read_text())["events"]
    names = {r["name"] for r in window.session.project.rows("SELECT name FROM actors")}
    assert {s["group"] for s in slides} <= names | {"(no actor)", ""} and len(slides) > 3
    # a group id with a space is refused in the dialog, naming it
    window.actions_["export"].trigger()
    dialog = window.article_commands.export_dialog
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("hypothesis"))
    assert dialog.group_edit.isEnabled() and not dialog.lanes_combo.isEnabled()
    qtbot.keyClicks(dialog.group_edit, "my group")
    dialog.path_edit.setText(str(tmp_path / "h.json"))
    dialog.export_button.click()
    assert dialog.isVisible() and "“my group” is not a Hypothesis group id" in dialog.error.text()
    dialog.group_edit.setText("Ab12Cd")
    dialog.export_button.click()
    assert not dialog.isVisible()
    assert dialog.result_choice().request.group == "Ab12Cd"
    window.article_commands.urls_dialog.reject()  # the addresses asked for: not given


def test_a_large_export_is_written_in_the_background_and_the_window_stays_usable(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    from annotator.ui.window import export_runner

    monkeypatch.setattr(export_runner, "IN_BACKGROUND_FROM", 0)  # the seed project counts
    target = tmp_path / "big.json"
    runner = window.article_commands.exporter
    with qtbot.waitSignal(runner.done, timeout=30000):
        export_through_dialog(window, "json", target)
        assert runner.busy and "in the background" in window.statusBar().currentMessage()
        # meanwhile the analyst goes on working: the edit is saved at once
        event = window.session.project.scalar("SELECT id FROM events ORDER BY id LIMIT 1")
        assert edits.update_item(window.session, "event", event, headline="Edited meanwhile")
    qtbot.waitUntil(lambda: not runner.busy)
    assert f"Exported to {target}" in window.statusBar().currentMessage()
    doc = json.loads(target.read_text())
    assert len(doc["events"]) == 11  # whole: before or after the edit, never half of it
    with sqlite3.connect(f"file:{window.session.project.path}?mode=ro", uri=True) as con:
        saved = con.execute("SELECT count(*) FROM events WHERE headline = 'Edited meanwhile'")
        assert saved.fetchone() == (1,)


def in_child(monkeypatch, patch: str) -> None:
    """The export process with ``patch`` run first (a disk that fills up, a slow disk)."""
    from annotator.ui.window import export_runner

    code = (
        f"import runpy, sys\n{patch}\nrunpy.run_module('annotator.cli.export_child', "
        "run_name='__main__', alter_sys=True)"
    )
    monkeypatch.setattr(export_runner, "CHILD", [sys.executable, "-c", code])
    monkeypatch.setattr(export_runner, "IN_BACKGROUND_FROM", 0)


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if TEMP_MARK in p.name]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_background_export_is_the_windows_own_file_and_loads_back(
    qtbot, window, tmp_path: Path, monkeypatch, fmt: str
) -> None:
    from annotator.ui.window import export_runner

    (tmp_path / "out").mkdir()
    here, there = tmp_path / f"here.{fmt}", tmp_path / "out" / f"there.{fmt}"
    export_through_dialog(window, fmt, here)  # the seed project: in the window's thread
    assert here.exists() and not window.article_commands.exporter.busy
    monkeypatch.setattr(export_runner, "IN_BACKGROUND_FROM", 0)
    runner = window.article_commands.exporter
    with qtbot.waitSignal(runner.done, timeout=60000):
        export_through_dialog(window, fmt, there)
        assert runner.busy
    qtbot.waitUntil(lambda: not runner.busy)
    assert f"Exported to {there}" in window.statusBar().currentMessage()
    assert there.read_bytes() == here.read_bytes() and leftovers(tmp_path / "out") == []
    window.close()
    window.session.project.close()
    if fmt == "json":  # loaded into a new project, it exports as the same bytes
        again, copy = tmp_path / "again.json", tmp_path / "copy.db"
        assert main(["init", str(copy)]) == 0
        assert main(["load", str(copy), str(there)]) == 0
        assert main(["export", str(copy), "--format", "json", "-o", str(again)]) == 0
        assert again.read_bytes() == there.read_bytes()
    else:
        with sqlite3.connect(f"file:{window.session.project.path}?mode=ro", uri=True) as con:
            events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        rows = list(csv.DictReader(io.StringIO(there.read_text(encoding="utf-8-sig"))))
        assert len(rows) == events


def test_the_background_export_of_what_the_table_shows(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    from annotator.ui.window import export_runner

    headline = window.session.project.scalar("SELECT headline FROM events ORDER BY id LIMIT 1")
    window.table.set_filter(TimelineFilter(text=max(headline.split(), key=len)))
    qtbot.waitUntil(lambda: 0 < window.table.model.rowCount() < 11)
    shown = window.table.visible_event_ids()
    here, there = tmp_path / "here.json", tmp_path / "there.json"
    export_through_dialog(window, "json", here, shown=True)
    monkeypatch.setattr(export_runner, "IN_BACKGROUND_FROM", 0)
    runner = window.article_commands.exporter
    with qtbot.waitSignal(runner.done, timeout=60000):
        export_through_dialog(window, "json", there, shown=True)
    assert there.read_bytes() == here.read_bytes()
    assert {e["id"] for e in json.loads(there.read_text())["events"]} == set(shown)


def test_a_background_export_that_fails_says_so_and_writes_nothing(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    told = Calls(QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", told)
    # The disk fills up once the whole file is written, as it is put in place.
    in_child(monkeypatch, "import os\ndef full(fd): raise OSError(28, 'No space left on device')"
             "\nos.fsync = full")  # fmt: skip
    target = tmp_path / "out.csv"
    target.write_text("the analyst's earlier export\n")
    runner = window.article_commands.exporter
    with qtbot.waitSignal(runner.done, timeout=60000):
        export_through_dialog(window, "csv", target)
    qtbot.waitUntil(lambda: not runner.busy)
    said = " ".join(map(str, told.calls[-1])) if told.calls else ""
    assert "No space left on device" in said and "out.csv" in said and "Traceback" not in said
    assert target.read_text() == "the analyst's earlier export\n" and leftovers(tmp_path) == []


def test_a_background_export_that_crashes_says_so_in_words(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    told = Calls(QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", told)
    in_child(monkeypatch, "import os; os._exit(9)")
    target = tmp_path / "out.json"
    runner = window.article_commands.exporter
    with qtbot.waitSignal(runner.done, timeout=60000):
        export_through_dialog(window, "json", target)
    said = " ".join(map(str, told.calls[-1])) if told.calls else ""
    assert "out.json" in said and "stopped unexpectedly" in said and "Traceback" not in said
    assert not target.exists() and leftovers(tmp_path) == []


def test_a_background_export_is_cancelled_from_its_progress_dialog(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    # A slow disk: each piece written waits, so Cancel comes in the middle of the file.
    in_child(monkeypatch, "import time, annotator.store.exporting as x\n"
             "def slow(project, request, out):\n"
             "    for _ in range(600): out.write(b'x' * 100_000); out.flush(); time.sleep(0.05)\n"
             "    return ''\n"
             "x.write_export = slow")  # fmt: skip
    target = tmp_path / "out.csv"
    runner = window.article_commands.exporter
    with qtbot.waitSignal(runner.progressed, timeout=60000):
        export_through_dialog(window, "csv", target)
    assert leftovers(tmp_path)  # the temp file, being written
    progress = runner.progress
    assert progress is not None and "MB" in progress.labelText()
    with qtbot.waitSignal(runner.done, timeout=60000):
        progress.findChild(QPushButton).click()
    qtbot.waitUntil(lambda: not runner.busy)
    assert "Export stopped" in window.statusBar().currentMessage()
    assert not target.exists() and leftovers(tmp_path) == []
