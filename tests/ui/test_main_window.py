"""The main window as a whole: article list, projects, import, metadata, preferences, layout,
keys, errors, and the app starting for real."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMessageBox

from annotator.core.errors import ProjectError
from annotator.store import operations
from annotator.store.project_setup import create_project
from annotator.ui.common import settings as app_settings
from annotator.ui.errors.hook import ErrorHook, classify
from annotator.ui.panels.articles import ArticleListModel
from annotator.ui.window.main_window import MainWindow
from tests.helpers import window_fixture
from tests.helpers.paths import REPO
from tests.helpers.window_fixture import (
    NYT,
    WSJ,
    Calls,
    article_id,
    focused,
    open_article,
    press,
    select_quote,
)

# Fixtures shared with the other window tests (pytest finds them by name here).
window = window_fixture.window
warnings = window_fixture.warnings


def write_articles(folder: Path, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        path = folder / f"article{i}.txt"
        path.write_text(
            f"Article number {i}\n\nOn 4 March 2025 thing {i} happened in town {i}.",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def test_article_list_model_passes_the_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.articles.model)
    qtmodeltester.check(window.articles.proxy)
    model = window.articles.model
    assert model.rowCount() == 3
    titles = [model.index(r, 0).data() for r in range(3)]
    assert any("Peacekeeping" in t for t in titles)


def test_article_list_shows_outlet_date_and_counts_and_filters(qtbot, window):
    model: ArticleListModel = window.articles.model
    row = model.row_of(article_id(window, NYT))
    assert model.index(row, 1).data() == "The New York Times"
    assert model.index(row, 2).data() == "11 Mar 2025"
    # Counts are filled once the window has painted (they cost seconds at 10,000 articles).
    qtbot.waitUntil(lambda: model.index(row, 3).data() == 0, timeout=5000)
    # Tagging updates the count
    open_article(window, NYT)
    aid = window.reader.article_id
    cs, _ = operations.create_event(window.session.project, headline="x", span=(aid, 0, 6))
    assert window.session.run(cs)
    assert model.index(model.row_of(aid), 3).data() == 1
    # Filter by typing
    qtbot.keyClicks(window.articles.filter_edit, "wall street")
    assert window.articles.proxy.rowCount() == 1
    window.articles.filter_edit.clear()
    assert window.articles.proxy.rowCount() == 3


def test_choosing_an_article_opens_it_in_the_reader(qtbot, window):
    view = window.articles.view
    for row in range(window.articles.proxy.rowCount()):
        index = window.articles.proxy.index(row, 0)
        view.setCurrentIndex(index)
        assert window.reader.article_id == index.data(Qt.ItemDataRole.UserRole)
        # toPlainText() shows no-break spaces as spaces; the length and positions are the same
        assert window.reader.toPlainText() == window.reader.text.replace("\xa0", " ")
    assert window.windowTitle().endswith("seed.db — Timeline Annotator")


def test_no_save_command_and_standard_keys_with_fallbacks(window):
    texts = [a.text() for a in window.findChildren(type(window.actions_["undo"]))]
    assert not any("save" in t.lower() for t in texts)
    a = window.actions_
    assert QKeySequence("Ctrl+Z") in a["undo"].shortcuts()
    assert QKeySequence("Ctrl+Shift+Z") in a["redo"].shortcuts()
    assert QKeySequence("Ctrl+Q") in a["quit"].shortcuts()
    assert a["find"].shortcuts() and a["preferences"].shortcuts()
    for name in ("tag_event", "tag_actor", "tag_claim", "cite"):
        assert a[name].shortcutContext() == Qt.ShortcutContext.WidgetShortcut
        assert a[name] in window.reader.actions()
    edit_menu = window.menuBar().actions()[1].menu()
    assert a["undo"] in edit_menu.actions() and a["redo"] in edit_menu.actions()


def test_edit_article_metadata_is_undoable(qtbot, window):
    aid, _ = open_article(window, WSJ)
    window.actions_["article_details"].trigger()
    dialog = window.article_commands.metadata_dialog
    dialog.title_edit.setText("Europe rearms")
    dialog.author_edit.setText("L. Norman")
    dialog.published_edit.setText("7 March 2025")
    press(qtbot, dialog, Qt.Key.Key_Return)
    row = window.session.project.row("articles", aid)
    assert (row["title"], row["author"], row["published"]) == (
        "Europe rearms",
        "L. Norman",
        "2025-03-07",
    )
    assert "Europe rearms" in window.windowTitle()
    window.actions_["undo"].trigger()
    assert window.session.project.row("articles", aid)["published"] == "2025-03-07/2025-03-08"


def test_bad_publication_date_keeps_the_dialog_open(qtbot, window):
    open_article(window, WSJ)
    window.actions_["article_details"].trigger()
    dialog = window.article_commands.metadata_dialog
    dialog.published_edit.setText("the 45th of Smarch")
    press(qtbot, dialog, Qt.Key.Key_Return)
    assert window.article_commands.metadata_dialog is dialog and dialog.error.isVisibleTo(dialog)
    press(qtbot, dialog, Qt.Key.Key_Escape)
    assert window.session.undo_stack.count() == 0


def test_import_by_dialog_is_one_undoable_edit(qtbot, window, monkeypatch, tmp_path):
    paths = write_articles(tmp_path, 4)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", Calls(([str(p) for p in paths], "")))
    with qtbot.waitSignal(window.importer.finished, timeout=20000) as done:
        window.actions_["import"].trigger()
    assert len(done.args[0]) == 4
    assert window.articles.model.rowCount() == 7
    assert window.reader.article_id == done.args[0][0]
    assert window.session.undo_stack.count() == 1
    window.actions_["undo"].trigger()
    assert window.articles.model.rowCount() == 3


def test_drop_files_on_the_window_imports_them_and_reports_bad_ones(
    qtbot, window, warnings, tmp_path
):
    good = write_articles(tmp_path, 1)[0]
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good)), QUrl.fromLocalFile(str(bad))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.importer.finished, timeout=20000) as done:
        window.dropEvent(event)
    assert len(done.args[0]) == 1
    assert warnings.calls and "empty.txt" in warnings.calls[-1][2]


def test_cancelled_import_adds_nothing(qtbot, window, tmp_path):
    paths = write_articles(tmp_path, 30)
    with qtbot.waitSignal(window.importer.finished, timeout=20000) as done:
        window.article_commands.import_paths(paths)
        window.importer.cancel()
    assert done.args == [[]]
    assert window.articles.model.rowCount() == 3
    assert window.session.undo_stack.count() == 0


def test_delete_asks_first_and_undo_restores(qtbot, window, monkeypatch):
    aid, _ = open_article(window, NYT)
    cs, event_id = operations.create_event(
        window.session.project, headline="Gone soon", span=(aid, 0, 6)
    )
    assert window.session.run(cs)
    window.select_item("event", event_id)
    monkeypatch.setattr(QMessageBox, "question", Calls(QMessageBox.StandardButton.No))
    window.actions_["delete"].trigger()
    assert window.session.project.row("events", event_id) is not None
    monkeypatch.setattr(QMessageBox, "question", Calls(QMessageBox.StandardButton.Yes))
    window.actions_["delete"].trigger()
    assert window.session.project.row("events", event_id) is None
    assert window.selected is None
    window.actions_["undo"].trigger()
    assert window.session.project.row("events", event_id) is not None


def test_ctrl_j_jumps_between_item_and_passage(qtbot, window):
    aid, text = open_article(window, WSJ)
    quote = "Friedrich Merz"
    start = text.index(quote)
    cs, event_id = operations.create_event(
        window.session.project, headline="Merz", span=(aid, start, start + len(quote))
    )
    assert window.session.run(cs)
    open_article(window, NYT)  # the passage is in another article
    table = window.panels["timeline_table"]
    window.items.focus_timeline()
    table.select_item("event", event_id)
    assert window.selected == ("event", event_id)
    table.view.setFocus()
    press(qtbot, table.view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.article_id == aid
    extra = window.reader.extraSelections()  # keep the list alive while reading its cursors
    assert extra[-1].cursor.selectedText() == quote
    qtbot.waitUntil(lambda: window.reader.hasFocus())
    press(qtbot, window.reader, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: table.isAncestorOf(focused()) or focused() is table)


def test_ctrl_f_searches_and_a_hit_shows_its_passage(qtbot, window):
    aid, text = open_article(window, WSJ)
    start = text.index("Friedrich Merz")
    cs, _ = operations.create_actor(
        window.session.project, name="Friedrich Merz", span=(aid, start, start + 14)
    )
    assert window.session.run(cs)
    open_article(window, NYT)
    window.reader.setFocus()
    press(qtbot, window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.panels["search"]
    qtbot.waitUntil(lambda: focused() is panel.query)
    qtbot.keyClicks(panel.query, "Merz")
    press(qtbot, panel.query, Qt.Key.Key_Return)  # to the first hit
    qtbot.waitUntil(lambda: focused() is panel.results)
    first = panel.hits()[0]
    assert {h.kind for h in panel.hits()} == {"article", "actor"}
    press(qtbot, panel.results, Qt.Key.Key_Return)  # open it
    qtbot.waitUntil(lambda: window.reader.article_id == first.article_id)
    extra = window.reader.extraSelections()
    flash = extra[-1].cursor.selectedText()
    assert flash == window.reader.text[first.start : first.end] == "Merz"
    # The actor hit selects the actor and shows the passage it cites
    panel.open_hit(panel.results.item(2))
    assert window.selected[0] == "actor" and window.reader.article_id == aid


def test_preferences_are_saved_and_applied(qtbot, window):
    window.actions_["preferences"].trigger()
    dialog = window.projects.preferences_dialog
    dialog.analyst_edit.setText("Ada")
    dialog.day_first_check.setChecked(False)
    press(qtbot, dialog, Qt.Key.Key_Return)
    prefs = app_settings.Preferences.load()
    assert (prefs.analyst, prefs.day_first) == ("Ada", False)
    assert window.session.day_first is False
    assert window.session.project.analyst == "Ada"
    ini = Path(os.environ["ANNOTATOR_CONFIG_DIR"])
    assert any(ini.rglob("*.ini")), "settings live in ANNOTATOR_CONFIG_DIR"


def test_layout_is_restored_between_runs(qtbot, window, seeded_path):
    window.docks["inspector"].hide()
    window.close()
    from annotator.store.project import Project
    from annotator.ui.editing.session import Session

    with Project.open(seeded_path, readonly=True) as project:
        again = MainWindow(Session(project))
        qtbot.addWidget(again)
        again.show()
        assert not again.docks["inspector"].isVisible()
        assert again.docks["timeline_table"].isVisible()
        again.close()


def test_open_and_new_project_and_recent(qtbot, window, monkeypatch, tmp_path):
    other = tmp_path / "other.db"
    create_project(other, seed=True)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", Calls((str(other), "")))
    window.actions_["open_project"].trigger()
    assert window.session.project.path == other
    assert window.articles.model.rowCount() == 3
    assert window.reader.article_id is not None  # the first article is opened
    assert str(other.resolve()) in app_settings.recent_projects()
    fresh = tmp_path / "fresh.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", Calls((str(fresh), "")))
    window.actions_["new_project"].trigger()
    assert window.session.project.path == fresh
    assert window.articles.model.rowCount() == 0
    assert window.session.undo_stack.count() == 0
    window.recent_menu.aboutToShow.emit()
    first = window.recent_menu.actions()[0].text()
    assert first.startswith("other.db — ") and first.endswith(tmp_path.name)  # and its folder


def test_merge_another_analysts_file_from_the_menu(window, monkeypatch, tmp_path, seeded_path):
    import shutil

    from annotator.store.project import Project

    theirs = tmp_path / "theirs.db"
    shutil.copy(seeded_path, theirs)  # same articles, as a colleague's copy would have
    with Project.open(theirs, analyst="bo") as other:
        aid = other.scalar("SELECT id FROM articles LIMIT 1")
        other.apply(operations.create_event(other, headline="Their event", span=(aid, 0, 8))[0])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", Calls((str(theirs), "")))
    file_menu = window.menuBar().actions()[0].menu()
    assert window.actions_["merge"] in file_menu.actions()
    window.actions_["merge"].trigger()
    project = window.session.project
    assert project.scalar("SELECT headline FROM events") == "Their event"
    assert "merged" in window.statusBar().currentMessage()
    window.actions_["undo"].trigger()
    assert project.scalar("SELECT count(*) FROM events") == 0


def test_opening_a_bad_file_shows_why_and_keeps_the_project(
    window, warnings, monkeypatch, tmp_path
):
    bad = tmp_path / "notes.db"
    bad.write_text("not a database", encoding="utf-8")
    before = window.session.project
    monkeypatch.setattr(QFileDialog, "getOpenFileName", Calls((str(bad), "")))
    window.actions_["open_project"].trigger()
    assert window.session.project is before
    assert "not a project file" in warnings.calls[-1][2]


def test_error_hook_shows_one_dialog_for_a_burst_and_logs(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox as Box

    shown: list[str] = []
    monkeypatch.setattr(Box, "exec", lambda self: shown.append(self.text()) or 0)
    hook = ErrorHook(log_path=tmp_path / "errors.log")
    for i in range(5):
        try:
            raise ValueError(f"broken {i}")
        except ValueError as exc:
            hook.handle(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: bool(shown))
    qtbot.wait(400)
    assert len(shown) == 1
    assert "bug" in shown[0] and "5 errors" in shown[0] and "saved" in shown[0]
    assert (tmp_path / "errors.log").read_text().count("ValueError: broken") == 5


def test_error_words_tell_environment_from_bugs():
    assert classify(OSError(28, "No space left on device"))[0] == "environment"
    assert classify(PermissionError(13, "Permission denied", "/x"))[1].startswith(
        "Permission was denied"
    )
    assert classify(sqlite3.OperationalError("database is locked"))[0] == "environment"
    assert classify(ProjectError("no", where="f"))[0] == "input"
    assert classify(KeyError("x"))[0] == "bug"


def test_thread_errors_reach_the_hook(qtbot, tmp_path):
    import threading

    hook = ErrorHook(log_path=tmp_path / "errors.log")
    hook.install()
    try:
        thread = threading.Thread(target=lambda: 1 / 0)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: bool(hook.pending) or hook.shown > 0, timeout=3000)
        assert "ZeroDivisionError" in (tmp_path / "errors.log").read_text()
        hook.pending.clear()
        hook._timer.stop()
    finally:
        hook.uninstall()


def test_dark_scheme_redraws_icons_and_highlights(qtbot, qapp, window):
    from annotator.ui.app import apply_scheme

    before = window.actions_["tag_event"].icon().pixmap(16, 16).toImage()
    style, palette = qapp.style().name(), qapp.palette()
    try:
        apply_scheme(qapp, "dark")
        window.scheme_changed()
        assert window.reader.highlighter._dark
        after = window.actions_["tag_event"].icon().pixmap(16, 16).toImage()
        assert after != before  # drawn in the dark scheme's text colour
    finally:  # leave the application as other tests expect it
        qapp.setStyle(style)
        qapp.setPalette(palette)
        window.scheme_changed()
    assert not window.reader.highlighter._dark


def test_selection_in_reader_enables_tag_actions(qtbot, window):
    open_article(window, WSJ)
    assert not window.actions_["tag_event"].isEnabled()
    select_quote(window, "Friedrich Merz")
    assert window.actions_["tag_event"].isEnabled()
    assert window.docks["timeline_table"].isVisible()
    assert (
        window.panels["timeline_table"].view.editTriggers()
        != QAbstractItemView.EditTrigger.NoEditTriggers
    )


def test_annotator_without_arguments_opens_the_seed_project(tmp_path):
    """The real entry point, offscreen: creates the default project, paints, quits."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ANNOTATOR_QUIT_AFTER_MS": "1500",
        "ANNOTATOR_REPORT_FIRST_PAINT": "1",
        "ANNOTATOR_PROJECT": str(tmp_path / "default.db"),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "annotator"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("first-paint-ms ")]
    assert len(lines) == 1 and float(lines[0].split()[1]) > 0
    con = sqlite3.connect(tmp_path / "default.db")
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    finally:
        con.close()


def test_tab_leaves_the_article_list_instead_of_switching_articles(qtbot, window):
    view = window.articles.view
    window.articles.select_first()
    current = window.reader.article_id
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    press(qtbot, view, Qt.Key.Key_Tab)
    assert not view.hasFocus()
    assert window.reader.article_id == current
    view.setFocus()
    press(qtbot, view, Qt.Key.Key_Down)  # the arrows still walk the list
    assert window.reader.article_id != current


def test_the_drawn_timeline_opens_tall_enough_for_several_lanes(qtbot, window):
    window.resize(1280, 700)
    window.docks.default_sizes()
    qtbot.wait(10)
    assert window.docks["timeline_view"].height() >= 200


def test_the_reader_header_names_the_article_and_follows_its_details(qtbot, window):
    from annotator.ui.editing import edits

    aid, _ = open_article(window, WSJ)
    header = window.centralWidget().header
    row = window.session.project.row("articles", aid)
    assert header.title.text() == row["title"]
    assert "The Wall Street Journal" in header.details.text()
    assert "7–8 Mar 2025" in header.details.text()
    assert edits.update_article(window.session, aid, url="https://example.org/a?b=1&c=<2>")
    assert '<a href="https://example.org/a?b=1&amp;c=&lt;2&gt;">' in header.details.text()
    assert edits.update_article(window.session, aid, url="javascript:alert(1)")
    assert "<a " not in header.details.text()  # only web addresses become links
    window.actions_["undo"].trigger()
    window.actions_["undo"].trigger()
    assert header.details.text().count("<a ") == 0 and "example.org" not in header.details.text()


def test_theme_and_text_size_are_chosen_in_preferences_and_kept(qtbot, window):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from annotator.ui.common.theme import apply_scheme

    app = QApplication.instance()
    try:
        window.actions_["preferences"].trigger()
        dialog = window.projects.preferences_dialog
        dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
        dialog.text_size_spin.setValue(17)
        press(qtbot, dialog, Qt.Key.Key_Return)
        prefs = app_settings.Preferences.load()
        assert (prefs.theme, prefs.text_size) == ("dark", 17.0)
        window_colour = app.palette().color(QPalette.ColorRole.Window)
        assert window_colour.lightness() < 80  # dark, whatever the system says
        assert window.reader.font().pointSizeF() == 17.0
        window.actions_["preferences"].trigger()  # the dialog shows what is kept
        dialog = window.projects.preferences_dialog
        assert dialog.theme_combo.currentData() == "dark"
        assert dialog.text_size_spin.value() == 17.0
        dialog.reject()
    finally:
        apply_scheme(app, "light")  # the next tests' palette


def test_a_hand_edited_text_size_out_of_range_falls_back(qtbot, window):
    s = app_settings.settings()
    s.setValue("prefs/text_size", "999")
    assert app_settings.Preferences.load().text_size == 0.0
    s.setValue("prefs/text_size", "big")
    assert app_settings.Preferences.load().text_size == 0.0


def test_the_lane_choice_is_kept_between_runs(qtbot, window, seeded_path):
    from annotator.store.project import Project
    from annotator.ui.editing.session import Session

    combo = window.timeline_view.mode_combo
    combo.setCurrentIndex(combo.findData("type"))  # as a pick in the combo
    window.close()
    with Project.open(seeded_path, readonly=True) as project:
        again = MainWindow(Session(project))
        qtbot.addWidget(again)
        assert again.timeline_view.mode_combo.currentData() == "type"
        again.close()
