"""File > Import from URL and encrypted PDFs, driven through the widgets as an analyst does.

Each test triggers the real action, types into the dialog, waits for the worker, then reads
the file from a connection of its own; undo is read back the same way. The addresses are
served on 127.0.0.1 by a server the test starts.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton

from tests.helpers import window_fixture
from tests.helpers.db import db_dump
from tests.helpers.documents import make_pdf
from tests.helpers.web_server import WebServer, web_server
from tests.helpers.window_fixture import Calls

window = window_fixture.window
warnings = window_fixture.warnings


@pytest.fixture(scope="module")
def server() -> Iterator[WebServer]:
    with web_server() as running:
        yield running


def read_file(path: Path, sql: str) -> list[tuple]:
    """The file as any other program sees it: a new read-only connection."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def content(path: Path) -> dict[str, list[tuple]]:
    """Every table read back, less the store's own log of superseded rows (for merges)."""
    dump = db_dump(path)
    dump.pop("row_history", None)
    return dump


def fetched(path: Path) -> list[tuple]:
    return read_file(
        path,
        "SELECT title, url, retrieved, fetched_from FROM articles "
        "WHERE fetched_from IS NOT NULL ORDER BY title",
    )


def type_addresses(qtbot, win, *urls: str):
    win.actions_["import_url"].trigger()
    dialog = win.article_commands.url_dialog
    assert dialog is not None and dialog.isVisible()
    for i, url in enumerate(urls):
        if i:
            qtbot.keyClick(dialog.addresses, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.addresses, url)
    return dialog


def import_addresses(qtbot, win, *urls: str) -> list[str]:
    dialog = type_addresses(qtbot, win, *urls)
    importer = win.article_commands.url_importer
    with qtbot.waitSignal(importer.finished, timeout=30000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert win.article_commands.url_dialog is None
    return done.args[0]


def test_pages_and_a_feed_by_address_reach_the_file_and_undo_as_one_step(
    qtbot, window, server
) -> None:
    win = window
    path = win.session.project.path
    content_before = content(path)
    ids = import_addresses(qtbot, win, server.url("/moved"), server.url("/feed.xml"))
    assert len(ids) == 3  # the page, and the feed's two entries
    rows = fetched(path)
    assert [r[0] for r in rows] == [
        "Bridge plan delayed",
        "Harbour wall repaired",
        "Market reopens",
    ]
    bridge = rows[0]
    assert bridge[1] == server.url("/article.html") and bridge[2].endswith("Z")
    assert json.loads(bridge[3])[0] == server.url("/moved")
    assert "Ctrl+Z" in win.statusBar().currentMessage()
    win.actions_["undo"].trigger()  # one step removes the whole import
    qtbot.wait(50)
    assert fetched(path) == []
    assert content(path) == content_before
    win.actions_["redo"].trigger()
    qtbot.wait(50)
    win.close()
    win.session.project.close()
    assert [r[0] for r in fetched(path)] == [r[0] for r in rows]  # the closed file holds them


def test_a_bad_address_says_which_and_imports_nothing(qtbot, window, warnings, server) -> None:
    win = window
    path = win.session.project.path
    before = db_dump(path)
    ids = import_addresses(
        qtbot, win, server.url("/article.html"), server.url("/missing"), server.url("/photo.png")
    )
    assert ids == []
    (call,) = warnings.calls
    title, text = call[1], call[2]
    assert title == "Nothing was imported"
    assert f"{server.url('/missing')}: answered 404 Not Found" in text
    assert f"{server.url('/photo.png')}: sends image/png" in text
    assert "2 addresses could not be imported" in text and "Traceback" not in text
    assert db_dump(path) == before


def test_an_address_that_cannot_be_fetched_is_named_in_the_dialog(qtbot, window) -> None:
    win = window
    dialog = type_addresses(qtbot, win, "https://example.org/a", "ftp://example.org/report.pdf")
    assert not dialog.import_button.isEnabled()
    assert dialog.problem.isVisible()
    assert "ftp://example.org/report.pdf: uses the ftp: scheme" in dialog.problem.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert win.article_commands.url_dialog is None


def test_an_address_already_imported_is_said_not_duplicated(
    qtbot, window, monkeypatch, server
) -> None:
    told = Calls(QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "information", told)
    win = window
    path = win.session.project.path
    assert len(import_addresses(qtbot, win, server.url("/article.html"))) == 1
    count = read_file(path, "SELECT count(*) FROM articles")
    assert import_addresses(qtbot, win, server.url("/moved")) == []
    assert read_file(path, "SELECT count(*) FROM articles") == count
    assert "already imported" in told.calls[-1][2]


def test_cancel_while_fetching_leaves_the_project_as_it_was(qtbot, window, server) -> None:
    win = window
    path = win.session.project.path
    before = db_dump(path)
    dialog = type_addresses(qtbot, win, server.url("/slow"))
    importer = win.article_commands.url_importer
    with qtbot.waitSignal(importer.finished, timeout=30000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: importer.progress_dialog is not None and importer.progress_dialog.isVisible()
        )
        cancel = importer.progress_dialog.findChild(QPushButton)
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert done.args[0] == []
    assert db_dump(path) == before


# -- encrypted PDFs ask for their password ----------------------------------------------

PAGES = [["The harbour board met in private 🔒 on Monday.", "It agreed the budget."]]


def password_dialog(qtbot, win):
    qtbot.waitUntil(lambda: win.importer.password_dialog is not None, timeout=20000)
    return win.importer.password_dialog


def give_password(qtbot, dialog, password: str) -> None:
    qtbot.keyClicks(dialog.findChild(QLineEdit), password)
    qtbot.keyClick(dialog.findChild(QLineEdit), Qt.Key.Key_Return)


def test_an_encrypted_pdf_asks_for_its_password_until_it_opens(
    qtbot, window, monkeypatch, tmp_path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    locked = tmp_path / "minutes.pdf"
    locked.write_bytes(make_pdf(PAGES, title="Board minutes", password="harbour"))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", Calls(([str(locked)], "")))
    win = window
    path = win.session.project.path
    content_before = content(path)
    with qtbot.waitSignal(win.importer.finished, timeout=30000) as done:
        win.actions_["import"].trigger()
        first = password_dialog(qtbot, win)
        assert "“minutes.pdf” is an encrypted PDF" in first.labelText()
        give_password(qtbot, first, "quay")
        again = password_dialog(qtbot, win)
        assert again is not first
        assert "That password does not open “minutes.pdf”" in again.labelText()
        give_password(qtbot, again, "harbour")
    assert len(done.args[0]) == 1
    assert read_file(path, "SELECT text FROM articles WHERE title = 'Board minutes'") == [
        ("The harbour board met in private 🔒 on Monday. It agreed the budget.",)
    ]
    win.actions_["undo"].trigger()
    qtbot.wait(50)
    assert content(path) == content_before


def test_cancelling_the_password_leaves_the_project_as_it_was(
    qtbot, window, monkeypatch, tmp_path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    locked = tmp_path / "minutes.pdf"
    locked.write_bytes(make_pdf(PAGES, title="Board minutes", password="harbour"))
    plain = tmp_path / "plain.txt"
    plain.write_text("Another article, read before the password was asked for.\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", Calls(([str(plain), str(locked)], "")))
    win = window
    path = win.session.project.path
    before = db_dump(path)
    with qtbot.waitSignal(win.importer.finished, timeout=30000) as done:
        win.actions_["import"].trigger()
        qtbot.keyClick(password_dialog(qtbot, win), Qt.Key.Key_Escape)
    assert done.args[0] == []
    assert win.importer.password_dialog is None and not win.importer.busy()
    assert db_dump(path) == before
