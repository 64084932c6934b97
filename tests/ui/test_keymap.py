"""The window's commands are declared once: menus, toolbar, keys, the shortcuts dialog and the
README's key table all come from the declarations, and every declaration works."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from annotator.ui.window.actions import ACTIONS, BY_NAME, HELP_ORDER, MENUS, TOOLBAR
from annotator.ui.window.menus import key_rows, readme_key_table, resolve, shortcuts_html
from tests.helpers import window_fixture
from tests.helpers.paths import REPO
from tests.helpers.window_fixture import WSJ, Calls, open_article, select_quote

window = window_fixture.window
warnings = window_fixture.warnings


def test_the_readme_key_table_is_the_declared_one() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("| key | what it does |")
    end = readme.index("<!-- /keys -->", start)
    assert readme[start:end].strip() == readme_key_table(), (
        "README key table is out of date; paste this in:\n" + readme_key_table()
    )


def test_every_listed_action_has_keys_and_every_helped_one_is_listed() -> None:
    helped = {s.name for s in ACTIONS if s.help}
    assert helped == set(HELP_ORDER)
    for name in HELP_ORDER:
        assert BY_NAME[name].keys, name
    names = [entry for _, entries in MENUS for entry in entries] + list(TOOLBAR)
    assert {n for n in names if not n.startswith(("-", "@"))} <= set(BY_NAME)
    # every action is reachable from a menu
    in_menus = {entry for _, entries in MENUS for entry in entries}
    assert set(BY_NAME) <= in_menus


def test_every_declared_command_resolves_on_a_real_window(window) -> None:
    groups = {"projects": window.projects, "articles": window.article_commands}
    groups |= {"items": window.items, "tagging": window.tagging, "worklists": window.worklists}
    groups["suggestions"] = window.suggested
    for spec in ACTIONS:
        if spec.command:
            assert callable(resolve(groups, spec.command)), spec.name


def test_menus_toolbar_and_keys_follow_the_declarations(window) -> None:
    bar = window.menuBar()
    titles = [a.text() for a in bar.actions()]
    assert titles == [title for title, _ in MENUS]
    for title, entries in MENUS:
        menu = next(a.menu() for a in bar.actions() if a.text() == title)
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        for entry in entries:
            if not entry.startswith(("-", "@")) and entry not in ("undo", "redo"):
                assert BY_NAME[entry].text in texts, (title, entry)
    for spec in ACTIONS:
        action = window.actions_[spec.name]
        for key in spec.keys:
            assert QKeySequence(key) in action.shortcuts(), (spec.name, key)


def test_the_shortcuts_dialog_lists_every_row(window, monkeypatch) -> None:
    shown = Calls(QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "information", shown)
    window.actions_["keys"].trigger()
    (args,) = shown.calls
    text = args[2]
    assert text == shortcuts_html()
    for keys, what in key_rows():
        assert f"<b>{escape(keys)}</b>" in text
        assert escape(what) in text


def test_a_key_from_the_table_does_what_the_table_says(qtbot, window) -> None:
    """E in the reader opens the new-event form: the table's first row, for real."""
    open_article(window, WSJ)
    select_quote(window, "European")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, "E")
    qtbot.waitUntil(lambda: window.tagging.dialog is not None, timeout=3000)
    window.tagging.dialog.reject()
