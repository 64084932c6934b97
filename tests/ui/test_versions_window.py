"""File > Import New Version of This Article, driven through the window: the items tagged in
version 1 cite version 2 where their words are, the rest stay as orphans; the file holds it,
one Undo takes it all back; the article list and the diff view show the versions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.helpers import window_fixture
from tests.helpers.db import db_dump_all
from tests.helpers.shots import shot
from tests.helpers.window_fixture import NYT, open_article
from tests.ui.test_window_writes import read_file, settle, tag

window = window_fixture.window
warnings = window_fixture.warnings


MACRON = (
    "President Emmanuel Macron of France gathered the chiefs of staff of more than 30 armed "
    "forces on Tuesday"
)
BURKHARD = "Gen. Thierry Burkhard"
LIFT = "the United States said it would lift the pause on intelligence sharing"


def version_two(text: str) -> str:
    """Edits before, inside and after the tagged passages; the claim's sentence deleted."""
    v2 = text.replace("Updated 2:53 p.m. ET", "Updated 5:12 p.m. ET\nParis 🇫🇷 — a revised report.")
    v2 = v2.replace("more than 30 armed forces", "more than 30 national armed forces")
    v2 = v2.replace(
        " Soon after the meeting, the United States said it would lift the pause on "
        "intelligence sharing and resume military assistance to Ukraine.",
        "",
    )
    v2 = v2.replace("French military", "French military.\nThe meeting ended at 6 p.m. 🕕")
    assert v2.count("🇫🇷") == 1 and LIFT not in v2
    return v2


def content(path: Path) -> dict:
    dump = db_dump_all(path)
    dump.pop("row_history", None)  # the store's own edit log, not project content
    return dump


def test_new_version_through_the_window_moves_citations_and_undoes(qtbot, window, tmp_path):
    win = window
    v1, text = open_article(win, NYT)
    tag(qtbot, win, MACRON, Qt.Key.Key_E)
    tag(qtbot, win, BURKHARD, Qt.Key.Key_A)
    tag(qtbot, win, LIFT, Qt.Key.Key_C)
    path = win.session.project.path
    before = content(path)
    new_file = tmp_path / "nyt-updated.txt"
    new_file.write_text(version_two(text), encoding="utf-8")

    win.actions_["import_version"].trigger()
    dialog = win.article_commands.version_dialog
    assert dialog is not None and dialog.article.currentData() == v1
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no file yet
    qtbot.keyClicks(dialog.path, str(tmp_path / "missing.txt"))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "no such file" in dialog.error.text()
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(new_file))
    shot(dialog, "new_version_dialog.png")
    with qtbot.waitSignal(win.importer.finished, timeout=20000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert "version 2: 2 passages moved" in win.statusBar().currentMessage()

    # Read back by another connection while the app holds the file.
    ((v2, v2_text),) = read_file(
        path, "SELECT id, text FROM articles WHERE previous_version = ?", (v1,)
    )
    cited = read_file(
        path,
        'SELECT p.article_id, p.start, p."end", p.quote, p.status, '
        "coalesce(c.event_id, c.actor_id, c.claim_id) FROM citations c "
        "JOIN passages p ON p.id = c.passage_id ORDER BY p.start",
    )
    where = {quote: (article, status) for article, _s, _e, quote, status, _item in cited}
    assert where[MACRON.replace("30 armed", "30 national armed")] == (v2, "reanchored")
    assert where[BURKHARD] == (v2, "anchored")
    assert where[LIFT] == (v1, "orphan")
    for article, start, end, quote, _status, _item in cited:
        holder = v2_text if article == v2 else text
        assert holder[start:end] == quote  # code points, the flag and the clock included

    # The inspector says which version each citation quotes.
    win.select_item("claim", read_file(path, "SELECT id FROM claims")[0][0])
    settle(qtbot)
    (claim_citation,) = [
        win.panels["inspector"].citations.item(i).text()
        for i in range(win.panels["inspector"].citations.count())
    ]
    assert "(version 1 of 2)" in claim_citation

    # The article list groups the versions; the reader's header names them.
    assert win.reader.article_id == v2
    assert "Version 2 of 2" in win.reader_pane.header.versions.text()
    rows = [
        win.articles.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole)
        for r in range(win.articles.proxy.rowCount())
    ]
    assert rows.index(v1) == rows.index(v2) + 1
    win.docks["articles"].show()
    win.articles.resize(360, 260)
    shot(win.articles, "article_versions.png")
    shot(win.reader_pane.header, "reader_version_header.png")

    win.actions_["show_changes"].trigger()
    diff = win.article_commands.diff_dialog
    assert diff is not None and "6 changes" in diff.summary.text()
    html = diff.text.toHtml()
    assert "national" in html and "intelligence sharing" in html
    shot(diff, "version_diff.png")
    diff.close()

    # The old version opens from the header's link, its orphan still highlighted there.
    win.reader_pane.header.versions.linkActivated.emit(f"open:{v1}")
    settle(qtbot)
    assert win.reader.article_id == v1
    assert "superseded by" in win.reader_pane.header.versions.text()
    assert any(p.start == text.index(LIFT) for p in win.reader.passages.values())

    win.actions_["undo"].trigger()
    settle(qtbot)
    assert content(path) == before
    # the version links are read once per change of the articles: the undo is one
    win.open_article(v1)
    settle(qtbot)
    assert win.reader_pane.header.versions.text() == ""


def test_plain_import_of_a_known_address_is_a_new_version(qtbot, window, tmp_path, monkeypatch):
    """File > Import Articles: a file from an address already imported is its new version."""
    from PySide6.QtWidgets import QFileDialog

    from annotator.ui.editing import edits
    from tests.helpers.window_fixture import Calls

    win = window
    v1, text = open_article(win, NYT)
    tag(qtbot, win, BURKHARD, Qt.Key.Key_A)
    path = win.session.project.path
    url = "https://www.nytimes.com/2025/03/11/world/europe/macron-peacekeeping.html"
    assert edits.update_article(win.session, v1, url=url)
    new_file = tmp_path / "nyt.md"
    new_file.write_text(f"---\nurl: {url}\n---\n{version_two(text)}", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", Calls(([str(new_file)], "")))
    with qtbot.waitSignal(win.importer.finished, timeout=20000):
        win.actions_["import"].trigger()
    settle(qtbot)
    ((v2,),) = read_file(path, "SELECT id FROM articles WHERE previous_version = ?", (v1,))
    assert read_file(
        path, "SELECT p.article_id FROM citations c JOIN passages p ON p.id = c.passage_id"
    ) == [(v2,)]
