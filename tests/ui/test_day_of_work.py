"""A day of work in the window, as the README walks through it: tag two events, check a
suggested date from the worklist, mark a key fact, relate the two events, export the report.
Every step through the keys and widgets an analyst uses; the file read back from outside
the app at the end. The screenshots of the README's walkthrough are taken on the way."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.helpers import window_fixture
from tests.helpers.db import read_file as read
from tests.helpers.shots import shot
from tests.helpers.window_fixture import WSJ, open_article, press, select_quote

window = window_fixture.window
warnings = window_fixture.warnings
PLANS = "the European Union unveiled plans"
SUMMIT = "At Thursday’s emergency summit of EU leaders"


def day_shot(win, name: str) -> None:
    shot(win, f"day-{name}.png")


def settle(qtbot) -> None:
    qtbot.wait(150)  # deferred work (counts, the drawn timeline) runs


def tag_event(qtbot, win, quote: str, name: str | None = None) -> str:
    select_quote(win, quote)
    press(qtbot, win.reader, Qt.Key.Key_E)
    dialog = win.tagging.dialog
    assert dialog is not None
    if name:
        shot(dialog, f"day-{name}.png")
    press(qtbot, dialog, Qt.Key.Key_Return)
    settle(qtbot)
    kind, event_id = win.selection.current
    assert kind == "event"
    return event_id


def test_a_day_of_work(qtbot, window, tmp_path: Path) -> None:
    win = window
    path = win.session.project.path
    open_article(win, WSJ)
    # 1. Tag: select a passage, E, Enter. The date is suggested from "On Tuesday".
    plans = tag_event(qtbot, win, PLANS, "1-tag")
    summit = tag_event(qtbot, win, SUMMIT)
    assert read(path, "SELECT count(*) FROM events WHERE date_status = 'suggested'") == [(2,)]

    # 2. Check the suggested dates: the worklist, F8 to the next, F9 when it is right.
    combo = win.worklists.lists
    combo.setCurrentIndex(combo.findData("suggested_dates"))
    win.docks.show("worklists")
    win.reader.setFocus()
    press(qtbot, win.reader, Qt.Key.Key_F8)
    first = win.selection.current[1]
    settle(qtbot)
    day_shot(win, "2-check-dates")
    press(qtbot, win.reader, Qt.Key.Key_F9)
    press(qtbot, win.reader, Qt.Key.Key_F8)
    assert win.selection.current[1] != first
    press(qtbot, win.reader, Qt.Key.Key_F9)
    settle(qtbot)
    assert read(path, "SELECT count(*) FROM events WHERE date_status = 'confirmed'") == [(2,)]
    assert win.worklists.items.count() == 0

    # 3. Mark a key fact: select the event in the table, K.
    win.select_item("event", plans)
    table = win.panels["timeline_table"]
    win.actions_["timeline"].trigger()
    press(qtbot, table.view, Qt.Key.Key_K)
    settle(qtbot)
    assert read(path, f"SELECT fact_status FROM events WHERE id = '{plans}'") == [("key",)]
    day_shot(win, "3-key-fact")

    # 4. Relate the two events: both rows selected, Ctrl+Shift+L, "precedes".
    def click(event_id: str, add: bool) -> None:
        index = table.model.index(table.model.row_of(event_id), 1)
        mods = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(
            table.view.viewport(),
            Qt.MouseButton.LeftButton,
            mods,
            table.view.visualRect(index).center(),
        )

    click(plans, False)
    click(summit, True)
    press(qtbot, table.view, Qt.Key.Key_L,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    from annotator.ui.dialogs.relate import RelateDialog

    (dialog,) = [d for d in win.findChildren(RelateDialog) if d.isVisible()]
    source_is_plans = dialog.event_id == plans
    dialog.choose_kind("precedes" if source_is_plans else "follows")
    shot(dialog, "day-4-relate.png")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert read(path, "SELECT source_id, kind, target_id FROM event_relations") == [
        (plans, "precedes", summit)
    ]

    # 5. Export the report: Ctrl+E, the PDF report, Export.
    report = tmp_path / "chronology.pdf"
    win.actions_["export"].trigger()
    export = win.article_commands.export_dialog
    assert export is not None
    export.format_combo.setCurrentIndex(export.format_combo.findData("pdf"))
    export.all_radio.setChecked(True)
    export.path_edit.setText("/home/analyst/Documents/chronology.pdf")  # as the README shows
    shot(export, "day-5-export.png")
    export.path_edit.setText(str(report))
    export.export_button.click()
    assert report.read_bytes().startswith(b"%PDF")

    win.close()
    win.session.project.close()
    assert read(path, "SELECT count(*), sum(date_status = 'confirmed') FROM events") == [(2, 2)]
    assert read(path, "SELECT count(*) FROM event_relations") == [(1,)]
