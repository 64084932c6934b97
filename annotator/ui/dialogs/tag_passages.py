"""All passages for a tag or an actor, in one window: the passage in its context, the
article and its date, the items citing it. A double-click opens the passage in the reader;
Export writes the same rows as ``annotator export --what passages`` does."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.dates.value import DateValue
from annotator.core.errors import AnnotatorError
from annotator.core.tag_colours import tag_colour
from annotator.core.text import counted
from annotator.store.codebook import code_colours
from annotator.store.exporting import PASSAGES, ExportRequest, export_text
from annotator.store.tag_passages import (
    PassageRow,
    passages_for_actor,
    passages_for_tag,
)
from annotator.ui.editing.session import Session

HEADERS = ("Passage in context", "Article", "Date", "Cited for")
SPAN_ROLE = Qt.ItemDataRole.UserRole
HTML_ROLE = Qt.ItemDataRole.UserRole + 1


def passage_html(row: PassageRow, colour: str) -> str:
    """The passage marked in its tag's colour, its context in grey around it."""
    mark = f"background-color:{colour};color:#202020;" if colour else "font-weight:bold;"
    return (
        f'<span style="color:gray">…{escape(row.before)}</span> '
        f'<span style="{mark}">{escape(row.passage)}</span> '
        f'<span style="color:gray">{escape(row.after)}…</span>'
    )


def _date(edtf: str, day_first: bool) -> str:
    if not edtf:
        return ""
    try:
        return DateValue.from_edtf(edtf).display(day_first)
    except AnnotatorError:
        return edtf  # still show what is stored


class RichTextDelegate(QStyledItemDelegate):
    """Draws a cell's HTML_ROLE text (QTableWidget draws plain text only), wrapped to the
    column; the plain text stays the cell's text for copying and for screen readers."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(str(index.data(HTML_ROLE) or ""))
        document.setTextWidth(max(option.rect.width(), 80))
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if not index.data(HTML_ROLE):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        text = option.text
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text
        document = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(option.rect.translated(-option.rect.topLeft()))
        document.drawContents(painter)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if not index.data(HTML_ROLE):
            return super().sizeHint(option, index)
        view = option.widget
        if isinstance(view, QTableWidget):
            option.rect.setWidth(view.columnWidth(index.column()))
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()))


class TagPassagesDialog(QDialog):
    showPassage = Signal(str, int, int)  # article id, start, end
    failed = Signal(object)

    def __init__(
        self,
        session: Session,
        *,
        tag: str | None = None,
        actor_id: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.tag, self.actor_id = tag, actor_id
        project = session.project
        if tag is not None:
            self.subject = f"tag “{tag}”"
            self.rows = passages_for_tag(project, tag)
            colour = tag_colour(tag, code_colours(project).get(tag, ""))
        else:
            assert actor_id is not None
            actor = project.row("actors", actor_id) or {"name": ""}
            self.subject = f"actor “{actor['name']}”"
            self.rows = passages_for_actor(project, actor_id)
            colour = ""
        self.setWindowTitle(f"Passages for the {self.subject}")
        self.summary = QLabel(
            f"{counted(len(self.rows), 'passage')} for the {self.subject}. "
            "Double-click one to open it in the reader.",
            self,
        )
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(len(self.rows), len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setItemDelegateForColumn(0, RichTextDelegate(self.table))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for i, row in enumerate(self.rows):
            self._fill(i, row, colour)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 190), (2, 110), (3, 200)):
            header.resizeSection(col, width)
        self.table.cellDoubleClicked.connect(self.open_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = buttons.addButton(
            "Export CSV…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.clicked.connect(self.ask_export)
        self.export_button.setEnabled(bool(self.rows))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(960, 460)

    def _fill(self, i: int, row: PassageRow, colour: str) -> None:
        cell = QTableWidgetItem(f"…{row.before} {row.passage} {row.after}…")
        cell.setData(HTML_ROLE, passage_html(row, colour))
        cell.setToolTip(row.passage)
        cell.setData(SPAN_ROLE, (row.article_id, row.start, row.end))
        self.table.setItem(i, 0, cell)
        self.table.setItem(i, 1, QTableWidgetItem(row.article))
        self.table.setItem(i, 2, QTableWidgetItem(_date(row.published, self.session.day_first)))
        self.table.setItem(i, 3, QTableWidgetItem(row.items))

    def open_row(self, row: int, _column: int = 0) -> None:
        cell = self.table.item(row, 0)
        if cell is None:
            return
        article_id, start, end = cell.data(SPAN_ROLE)
        self.showPassage.emit(article_id, int(start), int(end))

    def csv_text(self) -> str:
        """The same CSV as ``annotator export --what passages`` writes (one code path)."""
        tags = [self.tag] if self.tag is not None else []
        actors = [self.actor_id] if self.actor_id is not None else []
        request = ExportRequest(fmt="csv", what=PASSAGES, tags=tags, actors=actors)
        return export_text(self.session.project, request)

    def ask_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export passages", "passages.csv", "CSV (*.csv)"
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        try:
            path.write_text(self.csv_text(), encoding="utf-8", newline="")
        except OSError as exc:
            self.failed.emit(
                AnnotatorError(f"could not write the file: {exc.strerror}", where=str(path))
            )
            return False
        except AnnotatorError as exc:
            self.failed.emit(exc)
            return False
        return True
