"""The possible-duplicates list: found in a worker, set aside or merged through the widgets,
and read back from the file by a second connection."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from annotator.store import operations as ops
from annotator.store.rows import parse_edtf_field
from tests.helpers import window_fixture
from tests.helpers.shots import shot
from tests.helpers.window_fixture import press
from tests.ui.test_window_writes import close_app, read_file, settle

window = window_fixture.window
warnings = window_fixture.warnings


def _plant(project) -> tuple[str, str, str]:
    """Two reports of one meeting (other words, a day apart) and another meeting."""
    cs, merz = ops.create_actor(project, name="Friedrich Merz")
    project.apply(cs)
    cs, macron = ops.create_actor(project, name="Emmanuel Macron")
    project.apply(cs)
    made = []
    for headline, date in (
        ("Merz and Macron meet in Paris over defence spending", "2025-03-05"),
        ("Macron hosts Merz for talks on defence spending", "2025-03-06"),
        ("Merz and Macron sign a fisheries accord", "2025-05-20"),
    ):
        cs, event_id = ops.create_event(
            project,
            headline=headline,
            date=parse_edtf_field(date, "date"),
            actors=[(merz, "participant"), (macron, "participant")],
        )
        project.apply(cs)
        made.append(event_id)
    return made[0], made[1], made[2]


def _find(qtbot, win):
    panel = win.duplicates
    win.docks.show("duplicates")
    qtbot.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.find_button.isEnabled(), timeout=10000)
    return panel


def test_a_pair_set_aside_is_saved_and_not_offered_again(qtbot, window):
    win = window
    first, second, _other = _plant(win.session.project)
    panel = _find(qtbot, win)
    assert panel.pairs.count() == 1
    pair = panel.current_pair()
    assert {pair.a, pair.b} == {first, second}
    assert "the dates meet" in pair.reasons and any("defence" in r for r in pair.reasons)
    win.grab().save("/tmp/dup-window.png")
    shot(panel, "possible-duplicates.png")
    path = win.session.project.path
    qtbot.mouseClick(panel.apart_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert panel.pairs.count() == 0
    assert read_file(path, "SELECT event_a, event_b FROM not_duplicates") == [
        tuple(sorted((first, second)))
    ]
    panel = _find(qtbot, win)
    assert panel.pairs.count() == 0 and "No possible duplicates" in panel.count.text()
    win.actions_["undo"].trigger()
    settle(qtbot)
    assert read_file(path, "SELECT count(*) FROM not_duplicates") == [(0,)]
    assert _find(qtbot, win).pairs.count() == 1
    close_app(win)
    assert read_file(path, "SELECT count(*) FROM not_duplicates") == [(0,)]


def test_merging_a_pair_from_the_list_reaches_the_file(qtbot, window):
    win = window
    first, second, other = _plant(win.session.project)
    panel = _find(qtbot, win)
    path = win.session.project.path

    def answer() -> None:
        dialog = win.items.merge_dialog
        assert dialog is not None
        press(qtbot, dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(panel.merge_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    ids = {r[0] for r in read_file(path, "SELECT id FROM events")}
    assert other in ids and len(ids) == 2 and len(ids & {first, second}) == 1
    assert panel.pairs.count() == 0
    close_app(win)
    assert len(read_file(path, "SELECT id FROM events")) == 2
