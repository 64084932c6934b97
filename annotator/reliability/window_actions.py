"""Random analyst actions on the real main window, driven through its widgets.

Each action does what a user's hands would: select a passage (the reader's QTextCursor),
press a key on the widget that has it, type into an editor and press Enter, drag on the
drawn timeline. Modal questions and file dialogs are the static QMessageBox / QFileDialog
functions, which the child patches (``patch_dialogs``) to answer Yes and to return prepared
files. An action that finds nothing to act on does nothing; the caller still settles the
window and records what it shows.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from annotator.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
WORDS = (
    "talks",
    "ceasefire",
    "vote",
    "summit",
    "strike",
    "report",
    "leak",
    "trial",
    "Ünïcode",
    "😀",
    "O'Brien",
    "=1+1",
    "<b>",
    "naïve",
)
DATES = (
    "4 March 2025",
    "March 2025",
    "2025",
    "early March 2025",
    "2025-W10",
    "7 Mar 2025",
    "spring 2024",
    "between 1 and 3 March 2025",
    "the 45th of Smarch",
    "",
)


class DialogAnswers:
    """What the patched static dialogs answer; ``shown`` counts messages (errors included)."""

    def __init__(self, merge_file: Path | None) -> None:
        self.merge_file = merge_file
        self.import_files: list[Path] = []
        self.shown: list[str] = []

    def message(self, *args: object, **_kw: object) -> QMessageBox.StandardButton:
        self.shown.append(str(args[2]) if len(args) > 2 else "")
        return QMessageBox.StandardButton.Ok

    def question(self, *_args: object, **_kw: object) -> QMessageBox.StandardButton:
        return QMessageBox.StandardButton.Yes

    def open_file(self, *_args: object, **_kw: object) -> tuple[str, str]:
        return (str(self.merge_file), "") if self.merge_file else ("", "")

    def open_files(self, *_args: object, **_kw: object) -> tuple[list[str], str]:
        return [str(p) for p in self.import_files], ""


def patch_dialogs(answers: DialogAnswers) -> None:
    for name in ("warning", "critical", "information", "about"):
        setattr(QMessageBox, name, answers.message)
    QMessageBox.question = answers.question  # type: ignore[method-assign]
    QFileDialog.getOpenFileName = answers.open_file  # type: ignore[method-assign]
    QFileDialog.getOpenFileNames = answers.open_files  # type: ignore[method-assign]


class Analyst:
    """Picks and performs one random action at a time on ``win``."""

    def __init__(
        self, win: MainWindow, rng: random.Random, answers: DialogAnswers, scratch: Path
    ) -> None:
        self.win = win
        self.rng = rng
        self.answers = answers
        self.scratch = scratch
        self.imported = 0

    @property
    def project(self):  # the session may replace it (never here, but read it fresh)
        return self.win.session.project

    def word(self) -> str:
        return f"{self.rng.choice(WORDS)} {self.rng.randrange(10**5)}"

    def actions(self) -> dict[str, tuple[int, Callable[[], None]]]:
        return {
            "tag_event": (14, lambda: self.tag("E")),
            "tag_actor": (8, lambda: self.tag("A")),
            "tag_claim": (8, lambda: self.tag("C")),
            "cite": (6, self.cite),
            "inspector_edit": (14, self.inspector_edit),
            "table_edit": (12, self.table_edit),
            "drag": (8, self.drag),
            "delete": (6, self.delete),
            "undo": (10, self.undo),
            "redo": (6, self.redo),
            "merge": (2, self.merge),
            "import": (2, self.import_article),
            "article_details": (3, self.article_details),
        }

    def choose(self) -> tuple[str, Callable[[], None]]:
        """The next action, at random by weight, and its name (for the log)."""
        table = self.actions()
        name = self.rng.choices(list(table), weights=[w for w, _ in table.values()])[0]
        return name, table[name][1]

    # -- helpers -----------------------------------------------------------------------

    def pick(self, table: str) -> str | None:
        ids = [r["id"] for r in self.project.rows(f"SELECT id FROM [{table}] ORDER BY id")]
        return self.rng.choice(ids) if ids else None

    def open_some_article(self) -> None:
        article = self.pick("articles")
        if article:
            self.win.articles.select_article(article)

    def select_passage(self) -> bool:
        reader = self.win.reader
        if reader.article_id is None or self.rng.random() < 0.3:
            self.open_some_article()
        text = reader.text
        if len(text) < 4:
            return False
        start = self.rng.randrange(0, len(text) - 2)
        end = min(len(text), start + self.rng.randint(3, 90))
        reader.setFocus()
        reader.select_span(start, end)  # sets the reader's QTextCursor selection
        return reader.selection_span() is not None

    def select_some_item(self) -> tuple[str, str] | None:
        kind = self.rng.choice(("event", "event", "claim", "actor"))
        item = self.pick(f"{kind}s")
        if item is None:
            return None
        self.win.select_item(kind, item)
        return kind, item

    def press(
        self,
        widget: QWidget,
        key: Qt.Key,
        mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        QTest.keyClick(widget, key, mods)

    # -- the actions -------------------------------------------------------------------

    def tag(self, key: str) -> None:
        if not self.select_passage():
            return
        self.press(self.win.reader, getattr(Qt.Key, f"Key_{key}"))
        dialog = self.win.tagging.dialog
        if dialog is None:  # an alias or citation offered and answered, or nothing to do
            return
        for name in ("headline_edit", "aliases_edit"):
            edit = getattr(dialog, name, None)
            if isinstance(edit, QLineEdit) and self.rng.random() < 0.5:
                edit.setText(self.word())
        date = getattr(dialog, "date_edit", None)
        if isinstance(date, QLineEdit) and self.rng.random() < 0.3:
            date.setText(self.rng.choice(DATES))
        self.press(dialog, Qt.Key.Key_Return)
        if self.win.tagging.dialog is dialog:  # refused (an unreadable date): give up
            self.press(dialog, Qt.Key.Key_Escape)

    def cite(self) -> None:
        if self.select_some_item() is None or not self.select_passage():
            return
        self.press(self.win.reader, Qt.Key.Key_R)

    def inspector_edit(self) -> None:
        if self.select_some_item() is None:
            return
        fields = dict(self.win.inspector.fields)
        if not fields:
            return
        name = self.rng.choice(sorted(fields))
        widget = fields[name]
        edit = getattr(widget, "edit", widget)  # DateEditor / ActorPicker hold a line edit
        if isinstance(edit, QLineEdit):
            value = self.rng.choice(DATES) if name in ("date", "claimed") else self.word()
            edit.setFocus()
            edit.setText(value)
            self.press(edit, Qt.Key.Key_Return)  # editingFinished, as the user's Enter
        elif isinstance(widget, QPlainTextEdit):
            widget.setFocus()
            widget.setPlainText(self.word())
            self.win.reader.setFocus()  # leaving the box writes it
            if widget.hasFocus():  # no focus change offscreen: what the focus-out sends
                widget.editingFinished.emit()  # type: ignore[attr-defined]
        elif isinstance(widget, QComboBox) and widget.count():
            index = self.rng.randrange(widget.count())
            widget.setCurrentIndex(index)
            widget.activated.emit(index)  # the signal a user's pick sends

    def table_edit(self) -> None:
        from annotator.ui.table.model import COL, EDITABLE_COLUMNS

        table = self.win.table
        model = table.model
        if not model.rowCount():
            return
        self.win.items.focus_timeline()
        column = self.rng.choice(sorted(EDITABLE_COLUMNS))
        index = model.index(self.rng.randrange(model.rowCount()), column)
        view = table.view
        view.setFocus()
        view.setCurrentIndex(index)
        self.press(view, Qt.Key.Key_F2)
        QTest.qWait(1)
        editor = QApplication.focusWidget()
        if not isinstance(editor, QLineEdit) or not view.isAncestorOf(editor):
            view.edit(index)  # F2 did not open it (offscreen focus): as a double-click would
            editor = QApplication.focusWidget()
        if not isinstance(editor, QLineEdit):
            return
        value = self.rng.choice(DATES) if column == COL["date"] else self.word()
        if column == COL["actors"]:
            value = f"{self.word()}: party"
        editor.selectAll()
        editor.setText(value)
        self.press(editor, Qt.Key.Key_Return)
        for _ in range(50):  # the delegate commits through a queued call
            if view.state() != QAbstractItemView.State.EditingState:
                break
            QTest.qWait(2)
        if view.state() == QAbstractItemView.State.EditingState:
            self.press(editor, Qt.Key.Key_Escape)  # an unreadable date keeps it open

    def drag(self) -> None:
        view = self.win.timeline_view
        canvas = view.canvas
        drawn = list(canvas.entries)
        if not drawn:
            return
        entry = self.rng.choice(sorted(drawn))
        rects = canvas.item_rects(entry)
        if not rects:  # off screen or in a cluster: bring it into view at a day's zoom
            view.zoom_by(40.0 / canvas.px_per_day)
            e = canvas.entries[entry]
            from annotator.ui.timeline.layout import to_days

            canvas.center_on(to_days(e.earliest))
            canvas.repaint()
            rects = canvas.item_rects(entry)
        if not rects:
            return
        start = rects[0].center().toPoint()
        days = self.rng.choice((-1, 1)) * self.rng.randint(1, 20)
        dx = round(days * canvas.px_per_day)
        dx = max(-canvas.width() // 2, min(canvas.width() // 2, dx)) or 12
        left = Qt.MouseButton.LeftButton
        QTest.mousePress(canvas, left, Qt.KeyboardModifier.NoModifier, start)
        QTest.mouseMove(canvas, start + QPoint(dx // 2, 0))
        QTest.mouseMove(canvas, start + QPoint(dx, 2))
        QTest.mouseRelease(canvas, left, Qt.KeyboardModifier.NoModifier, start + QPoint(dx, 2))

    def delete(self) -> None:
        if self.select_some_item() is None:
            return
        self.win.reader.setFocus()
        self.press(self.win.reader, Qt.Key.Key_Delete)

    def undo(self) -> None:
        self.press(self.win.reader, Qt.Key.Key_Z, CTRL)

    def redo(self) -> None:
        self.press(self.win.reader, Qt.Key.Key_Z, CTRL | SHIFT)

    def merge(self) -> None:
        if self.answers.merge_file is None:
            return
        self.win.actions_["merge"].trigger()  # File > Merge; the patched dialog picks the file
        review = self.win.projects.merge_dialog
        if review is not None and review.isVisible():
            review.reject()

    def import_article(self) -> None:
        self.imported += 1
        path = self.scratch / f"import-{self.rng.randrange(10**9)}-{self.imported}.txt"
        path.write_text(
            f"{self.word()} report\n\nOn 4 March 2025 the {self.word()} began in "
            f"town {self.rng.randrange(1000)}. {self.word()}.\n",
            encoding="utf-8",
        )
        self.answers.import_files = [path]
        self.win.actions_["import"].trigger()  # File > Import; the patched dialog picks it
        for _ in range(1000):  # the worker reads the file; the GUI thread stores it
            if not self.win.importer.busy():
                break
            QTest.qWait(5)

    def article_details(self) -> None:
        self.open_some_article()
        if self.win.reader.article_id is None:
            return
        self.win.actions_["article_details"].trigger()
        dialog = self.win.article_commands.metadata_dialog
        if dialog is None:
            return
        dialog.title_edit.setText(self.word())
        if self.rng.random() < 0.3:
            dialog.published_edit.setText(self.rng.choice(DATES[:6]))
        self.press(dialog, Qt.Key.Key_Return)
        still_open = self.win.article_commands.metadata_dialog is dialog
        if still_open:
            self.press(dialog, Qt.Key.Key_Escape)
