"""Hostile markup in item and article text shows as the literal text everywhere in the window.

A headline, actor name, claim or imported page title that looks like HTML must not become a
fake banner, load a local image, turn '&' into a keyboard mnemonic or lose a "[*]" from the
window title. Each test drives the real window on a project holding such text.
"""

from __future__ import annotations

import dataclasses
import html

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip, QWidget

from annotator.core.importers import import_file
from annotator.store import operations as ops
from annotator.store.project import Project
from annotator.store.rows import parse_edtf_field
from annotator.ui.panels import inspector as inspector_module
from tests.helpers import window_fixture
from tests.helpers.window_fixture import Calls, press
from tests.ui.test_window_writes import settle, type_into

window = window_fixture.window
warnings = window_fixture.warnings

HEADLINE = '<h1 style="color:red">VERIFIED</h1><img src="file:///etc/x.png"> & Co'
ACTOR = '<b>Fake</b> & <img src="file:///etc/a.png"> Actor'
CLAIM = '<font color=red>CONFIRMED</font><img src="file:///etc/c.png">'
TITLE = '<h1>BREAKING</h1><img src="file:///etc/t.png"> [*] & Sons'
BODY = "On 4 March 2025 the council met in Paris. The envoy said the deal holds."
PAGE = f"<html><head><title>{html.escape(TITLE)}</title></head><body><p>{BODY}</p></body></html>"


@pytest.fixture
def seeded_path(seeded_path, tmp_path):
    """The seed project plus an imported hostile page and items named with markup."""
    page = tmp_path / "hostile.html"
    page.write_text(PAGE, encoding="utf-8")
    with Project.open(seeded_path) as project:
        art = dataclasses.replace(import_file(page), published="2025-03-05")
        assert art.title == TITLE  # the page's <title>, as text
        cs, aid = ops.import_article(project, art)
        project.apply(cs)
        span = (aid, BODY.index("council"), BODY.index("council") + len("council"))
        cs, actor = ops.create_actor(project, name=ACTOR, span=span)
        project.apply(cs)
        project.apply(ops.create_actor(project, name="Plain Person")[0])
        cs, event = ops.create_event(
            project,
            headline=HEADLINE,
            span=span,
            type=HEADLINE,
            date=parse_edtf_field("2025-03-04", "d"),
            actors=[(actor, "")],
            tags=["a&b"],
        )
        project.apply(cs)
        claim_span = (aid, BODY.index("the deal"), BODY.index("the deal") + len("the deal"))
        cs, _ = ops.create_claim(
            project, text=CLAIM, claimant_id=actor, event_id=event, span=claim_span
        )
        project.apply(cs)
    return seeded_path


def ids(win) -> dict[str, str]:
    p = win.session.project
    return {
        "event": p.scalar("SELECT id FROM events WHERE headline = ?", [HEADLINE]),
        "actor": p.scalar("SELECT id FROM actors WHERE name = ?", [ACTOR]),
        "claim": p.scalar("SELECT id FROM claims WHERE text = ?", [CLAIM]),
        "article": p.scalar("SELECT id FROM articles WHERE title = ?", [TITLE]),
    }


def assert_no_live_markup(root: QWidget) -> None:
    """No label under ``root`` renders markup it holds, no tooltip carries a live tag."""
    for label in root.findChildren(QLabel):
        if "<img" in label.text() or "<h1" in label.text() or "<b>" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    for widget in [root, *root.findChildren(QWidget)]:
        assert "<img" not in widget.toolTip(), widget.toolTip()


def assert_escaped_tip(tip: str, literal: str) -> None:
    """A tooltip that Qt will take as rich text and that shows ``literal`` as text."""
    assert tip.startswith("<p") and "<img" not in tip
    assert html.escape(literal, quote=False) in tip


def test_inspector_shows_headline_actor_and_claim_as_text(qtbot, window, monkeypatch):
    win = window
    item = ids(win)
    ins = win.panels["inspector"]
    win.select_item("event", item["event"])
    assert ins.title.text() == f"Event: {HEADLINE}"
    assert ins.title.textFormat() == Qt.TextFormat.PlainText
    assert ACTOR in ins.fields["actors"].text()
    assert_no_live_markup(win)
    settle(qtbot)  # laid out, then looked at
    win.grab().save("/tmp/ui_plain.png")
    win.select_item("actor", item["actor"])
    assert ins.title.text() == f"Actor: {ACTOR}"
    assert_no_live_markup(win)
    # Many events: "about event" becomes a link label built from the headline.
    monkeypatch.setattr(inspector_module, "EVENT_CHOICE_LIMIT", 0)
    win.select_item("claim", item["claim"])
    assert ins.title.text() == f"Claim: {CLAIM}"
    link = ins.fields["event_id"]
    assert link.textFormat() == Qt.TextFormat.RichText
    assert html.escape(HEADLINE, quote=False) in link.text() and "<img" not in link.text()
    assert_no_live_markup(win)
    settle(qtbot)
    ins.grab().save("/tmp/ui_plain_claim.png")
    with qtbot.waitSignal(ins.itemSelected) as selected:
        link.linkActivated.emit("#")  # the link still works
    assert selected.args == ["event", item["event"]]


def test_tables_and_article_list_tooltips_are_escaped(qtbot, window):
    from annotator.ui.panels.claims import KEYS as CLAIM_KEYS
    from annotator.ui.table.model import COL

    win = window
    item = ids(win)
    table = win.panels["timeline_table"]
    row = table.model.row_of(item["event"])
    tip = table.model.index(row, COL["headline"]).data(Qt.ItemDataRole.ToolTipRole)
    assert_escaped_tip(tip, HEADLINE)
    assert table.model.index(row, COL["headline"]).data() == HEADLINE  # the cell: as text
    claims = win.claims.panel()
    row = claims.model.row_of(item["claim"])
    for key, literal in (("text", CLAIM), ("event", HEADLINE)):
        tip = claims.model.index(row, CLAIM_KEYS.index(key)).data(Qt.ItemDataRole.ToolTipRole)
        assert_escaped_tip(tip, literal)
    articles = win.articles
    for r in range(articles.proxy.rowCount()):
        index = articles.proxy.index(r, 0)
        if index.data(Qt.ItemDataRole.UserRole) == item["article"]:
            assert_escaped_tip(index.data(Qt.ItemDataRole.ToolTipRole), TITLE)
            break
    else:
        pytest.fail("the hostile article is not listed")


def test_window_title_keeps_the_article_title_literal(qtbot, window):
    win = window
    win.articles.select_article(ids(win)["article"])
    assert win.reader.article_id == ids(win)["article"]
    shown = win.windowHandle().title()  # what the window system is given
    assert shown.startswith(TITLE[:60])  # "[*]" and the tags kept, not eaten
    assert "[*]" in shown


def test_menus_keep_ampersands_and_the_undo_text(qtbot, window):
    win = window
    item = ids(win)
    bar = win.panels["filter_bar"]
    bar.actors.menu().aboutToShow.emit()  # as opening the menu does: fresh choices
    bar.tags.menu().aboutToShow.emit()
    actions = {a.data(): a for a in bar.actors.menu().actions()}
    assert actions[item["actor"]].text() == ACTOR.replace("&", "&&")  # '&' shown, no mnemonic
    tags = {a.data(): a for a in bar.tags.menu().actions()}
    assert tags["a&b"].text() == "a&&b"
    win.select_item("event", item["event"])
    picker = win.panels["inspector"].fields["actors"]
    picker.edit.setFocus()
    picker.edit.end(False)
    qtbot.keyClicks(picker.edit, "; R&D Lab")
    press(qtbot, picker.edit, Qt.Key.Key_Return)  # a new actor: its name is in the edit's label
    settle(qtbot)
    undo = win.actions_["undo"].text()
    assert "R&&D Lab" in undo and undo.replace("&&", "").count("&") == 1  # "&Undo" only


def test_merge_question_names_the_actors_as_text(qtbot, window, monkeypatch):
    win = window
    item = ids(win)
    panel = win.actors.panel()  # builds the panel behind its tab
    panel.model.reload()
    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box) or 0)
    other = win.session.project.scalar("SELECT id FROM actors WHERE name = 'Plain Person'")
    a, b = panel.model.actor_row(item["actor"]), panel.model.actor_row(other)
    assert panel.ask_merge(a, b) is None  # nothing clicked: cancelled
    box = boxes[0]
    assert box.textFormat() == Qt.TextFormat.PlainText and ACTOR in box.text()
    info = box.findChild(QLabel, "qt_msgbox_informativelabel")
    assert info.textFormat() == Qt.TextFormat.PlainText and ACTOR in info.text()
    assert f"Keep “{ACTOR.replace('&', '&&')}”" in [x.text() for x in box.buttons()]


def test_delete_question_and_errors_quote_the_text_escaped(qtbot, window, warnings, monkeypatch):
    win = window
    asked = Calls(QMessageBox.StandardButton.No)
    monkeypatch.setattr(QMessageBox, "question", asked)
    win.select_item("event", ids(win)["event"])
    win.items.delete_selected()
    text = asked.calls[0][2]
    assert_escaped_tip(text, HEADLINE[:80])
    assert win.session.project.row("events", ids(win)["event"]) is not None  # answered No
    win.select_item("event", ids(win)["event"])
    type_into(qtbot, win.panels["inspector"].fields["date"].edit, "<img src=x> 4 Marhc")
    settle(qtbot)
    if warnings.calls:  # an unreadable date is refused where it is typed, or reported
        assert "<img" not in warnings.calls[-1][2]


def test_hover_tooltips_in_reader_and_drawn_timeline_are_escaped(qtbot, window, monkeypatch):
    win = window
    item = ids(win)
    shown: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda _pos, text, *_a: shown.append(text))
    win.articles.select_article(item["article"])
    reader = win.reader
    cursor = QTextCursor(reader.document())
    cursor.setPosition(BODY.index("council") + 2)
    at = reader.cursorRect(cursor).center()
    # A move with no button held: what the pointer sends over the text (tracking on or not).
    QApplication.sendEvent(
        reader.viewport(),
        QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(at),
            QPointF(reader.viewport().mapToGlobal(at)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )
    assert shown, "no tooltip over a cited passage"
    assert_escaped_tip(shown[-1], f"Actor: {ACTOR}")
    settle(qtbot)
    view = win.timeline_view
    win.docks["timeline_view"].show()
    qtbot.waitUntil(lambda: bool(view.canvas.item_rects(item["event"])))
    rect = view.canvas.item_rects(item["event"])[0]
    qtbot.mouseMove(view.canvas, rect.center().toPoint())
    qtbot.waitUntil(lambda: bool(view.canvas.toolTip()))
    assert_escaped_tip(view.canvas.toolTip(), HEADLINE)


def test_new_item_dialog_quotes_the_passage_as_text(qtbot, window):
    from tests.helpers.window_fixture import select_quote

    win = window
    item = ids(win)
    win.articles.select_article(item["article"])
    select_quote(win, "envoy said")
    press(qtbot, win.reader, Qt.Key.Key_E)
    dialog = win.tagging.dialog
    assert dialog is not None
    assert_no_live_markup(dialog)
    quotes = [lab for lab in dialog.findChildren(QLabel) if "envoy" in lab.text()]
    assert quotes and all(q.textFormat() == Qt.TextFormat.PlainText for q in quotes)
    press(qtbot, dialog, Qt.Key.Key_Escape)


def test_plain_helpers_on_bad_input():
    from annotator.ui.common.plain import action_text, rich_escaped, window_title

    assert rich_escaped("") == '<p style="white-space:pre-wrap"></p>'
    assert rich_escaped("a & b") == '<p style="white-space:pre-wrap">a &amp; b</p>'
    assert action_text("Tab\there &\nnewline") == "Tab here && newline"
    assert window_title("[*][*] x [*]") == "[*][*][*][*] x [*][*]"
