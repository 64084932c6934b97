"""The article list: title, outlet, date and how many items each article supports; filterable."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.text import counted
from annotator.store.article_head import article_head
from annotator.store.panel_queries import article_rows, first_article_rows, item_counts
from annotator.ui.common.plain import rich_escaped
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.panels.article_text import filter_words, published_shown
from annotator.ui.panels.article_workers import ItemCounter, RowReader

COLUMNS = ("Title", "Outlet", "Published", "Items")
WATCHED = {"articles", "citations", "passages"}
_Index = QModelIndex | QPersistentModelIndex


# Every article's count is read in a worker from this many articles: 0.3-0.5 s of SQL at
# 10,000 articles and 200,000 citations (profiled), the longest block after the first paint.
COUNT_IN_BACKGROUND_FROM = 500
NEVER = 1 << 62  # the file could not be opened a second time: counted here
# The rows read before the window paints (a tall window shows about 50); the rest is read
# in a worker after the first paint and added a slice at a time.
FIRST_ROWS = 200
ANNOUNCE_SLICE = 1_000  # rows per dataChanged after a whole count (about 9 ms each)
# Rows added per turn of the event loop once the worker read them: 2,000 held it 8 ms
# (up to 40 ms beside the start's other workers), 500 under 1 ms (at 100,000 articles).
ADD_SLICE = 500


class ArticleListModel(QAbstractTableModel):
    """All articles of the project, refreshed on change: the first rows read at once, the
    rest in a worker once armed (the main window arms it after its first paint). The Items
    column is filled after the first paint, in a worker for a large project."""

    rowsAdded = Signal()  # rows of the rest were added (a selection may wait for its row)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._rows: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}
        self.complete = True  # every article is in _rows
        self.armed = True  # the main window holds the workers back until its first paint
        self.in_background_from = COUNT_IN_BACKGROUND_FROM
        self._read = 0  # the latest read of the rest asked of the worker
        self._request = 0  # the latest whole count asked of the worker
        self._counting = False  # until its result is applied (or dropped)
        self._since: set[str] = set()  # articles recounted here while the worker counted
        self._counts: dict[str, int] = {}  # known counts, for rows added later
        self._counted_all = False  # _counts holds every article's (absent: none)
        self._counter = ItemCounter(self)
        self._counter.done.connect(self._counted, Qt.ConnectionType.QueuedConnection)
        self._reader = RowReader(self)
        self._reader.done.connect(self._rest_read, Qt.ConnectionType.QueuedConnection)
        self.reload()
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self.reload)

    def arm(self) -> None:
        """Read the rest and count, now that the window is on screen."""
        self.armed = True
        self.read_rest()
        self.count_items()

    def reload(self) -> None:
        self._read += 1  # the rest read or being added for the rows before is dropped
        self._counts, self._counted_all = {}, False
        rows, self.complete = first_article_rows(self.session.project, FIRST_ROWS)  # type: ignore[arg-type]
        self.beginResetModel()
        self._rows = list(rows)  # type: ignore[arg-type]
        self._index = {r["id"]: i for i, r in enumerate(self._rows)}
        self.endResetModel()
        QTimer.singleShot(0, self, self.read_rest)  # dropped with the model
        QTimer.singleShot(0, self, self.count_items)

    # -- the rest of the rows --------------------------------------------------------------

    def read_rest(self) -> None:
        """The rows after the first ones, read in a worker (here for a file in memory)."""
        project = self.session.project
        if self.complete or project.closed or not self.armed:
            return
        self._read += 1
        if project.path is None:
            self._rest_read(self._read, cast(list[dict[str, Any]], article_rows(project)))
        else:
            self._reader.day_first = self.session.day_first  # its rows' filter words
            self._reader.start(Path(project.path), self._read)

    def _rest_read(self, request: int, rows: list[dict[str, Any]] | None) -> None:
        if request != self._read or self.session.project.closed:
            return  # reloaded since it was asked
        if rows is None:  # the file could not be opened twice: read on our connection
            rows = cast(list[dict[str, Any]], article_rows(self.session.project))
        have = len(self._rows)
        if [r["id"] for r in rows[:have]] != [r["id"] for r in self._rows]:
            self._replace(rows)  # written meanwhile by another connection: the whole list
            return
        self._add(request, rows, have)

    def _replace(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._index = {r["id"]: i for i, r in enumerate(rows)}
        self.complete = True
        for r in rows:
            r["items"] = self._count_of(r["id"])
        self.endResetModel()
        self.rowsAdded.emit()

    def _add(self, request: int, rows: list[dict[str, Any]], start: int) -> None:
        """Rows from ``start`` on, a slice per turn of the event loop: all at once made the
        filter proxy and the view take in 100,000 rows in one block."""
        if request != self._read or self.session.project.closed:
            return
        end = min(start + ADD_SLICE, len(rows))
        if end > start:
            self.beginInsertRows(QModelIndex(), start, end - 1)
            for i in range(start, end):
                r = rows[i]
                r["items"] = self._count_of(r["id"])
                self._index[r["id"]] = i
                self._rows.append(r)
            self.endInsertRows()
        if end < len(rows):
            QTimer.singleShot(0, self, lambda: self._add(request, rows, end))
        else:
            self.complete = True
        self.rowsAdded.emit()

    def _count_of(self, article_id: str) -> int | None:
        n = self._counts.get(article_id)
        return 0 if n is None and self._counted_all else n

    # -- the Items column ------------------------------------------------------------------

    def count_items(self, article_ids: set[str] | None = None) -> None:
        """Fill the Items column: for every article, or only for ``article_ids``."""
        if self.session.project.closed or not self.armed:  # closed, or before first paint
            return
        project = self.session.project
        if article_ids is None:
            if project.path is not None and self._in_background():
                self._request += 1  # a result asked for earlier is dropped when it comes
                self._counting = True
                self._since = set()
                self._counter.start(Path(project.path), self._request)
                return
            counts = item_counts(project)
            self._counts, self._counted_all = dict(counts), True
            for r in self._rows:
                r["items"] = 0
        else:
            ids = sorted(article_ids)
            if self._counting:  # newer than what the worker's snapshot may hold
                self._since.update(ids)
            counts = item_counts(project, ids)
            for aid in ids:
                self._counts[aid] = counts.get(aid, 0)  # for a row not added yet
                if aid in self._index:
                    self._rows[self._index[aid]]["items"] = 0
        for aid, n in counts.items():
            if aid in self._index:
                self._rows[self._index[aid]]["items"] = n
        if article_ids is not None:
            # Only the rows counted: a change over every row made the filter proxy look at
            # all 10,000 articles again after each edit (7-15 ms, profiled).
            for aid in ids:
                if aid in self._index:
                    row = self.index(self._index[aid], 3)
                    self.dataChanged.emit(row, row)
        elif self._rows:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self._rows) - 1, 3))

    def _in_background(self) -> bool:
        if self.in_background_from == NEVER:
            return False
        return not self.complete or len(self._rows) >= self.in_background_from

    def _counted(self, request: int, counts: dict[str, int] | None) -> None:
        if request != self._request or self.session.project.closed:
            return  # the rows were reloaded (and counted again) since it was asked
        self._counting = False
        if counts is None:  # the file could not be opened twice: count on our connection
            self.in_background_from = NEVER
            self.count_items()
            return
        known = {aid: self._counts.get(aid, 0) for aid in self._since}
        self._counts, self._counted_all = {**counts, **known}, True
        self._since = set()
        self._announce(request, 0)

    def _announce(self, request: int, start: int) -> None:
        """The Items column filled and said a slice of rows at a time: one signal over every
        row made the filter proxy look at all 10,000 articles in one go (about 90 ms
        holding the event loop after the first paint, profiled), and filling 100,000 rows
        at once held it 87 ms."""
        if request != self._request or self.session.project.closed or start >= len(self._rows):
            return  # reloaded meanwhile: the reload said it all
        end = min(start + ANNOUNCE_SLICE, len(self._rows))
        for r in self._rows[start:end]:
            r["items"] = self._count_of(r["id"])
        self.dataChanged.emit(self.index(start, 3), self.index(end - 1, 3))
        if end < len(self._rows):
            QTimer.singleShot(0, self, lambda: self._announce(request, end))

    def _on_changed(self, changes: Changes) -> None:
        if "articles" in changes:
            self.reload()
        elif changes.articles and self._rows:
            self.count_items(set(changes.articles))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def haystack(self, row: int) -> str:
        """Title, outlet and date as shown, casefolded, for the filter: kept on the row, as
        reading the three columns and the date again for each row at every key held the
        window 2.5 s at 100,000 articles (profiled)."""
        r = self._rows[row]
        kept = r.get("haystack")
        if kept is None or kept[0] != self.session.day_first:
            kept = r["haystack"] = filter_words(r, self.session.day_first)
        return kept[1]

    def article_id(self, row: int) -> str:
        return self._rows[row]["id"]

    def row_of(self, article_id: str) -> int:
        return self._index.get(article_id, -1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.UserRole:
            return r["id"]
        if role == VERSION_ROLE:
            return version_words(r)
        if role == Qt.ItemDataRole.ToolTipRole:
            items = r["items"]
            verb = "cites" if items == 1 else "cite"
            cite = f"{counted(items, 'item')} {verb} it" if isinstance(items, int) else "counting…"
            version = f"\n{version_words(r)}" if r.get("version") else ""
            return rich_escaped(
                f"{r['title']}\n{r['outlet'] or 'outlet unknown'} — {self._display(r, 2)}\n"
                f"{cite}{version}"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return [
                r["title"].casefold(),
                (r["outlet"] or "").casefold(),
                r["published_earliest"] or "9999",
                -1 if r["items"] is None else r["items"],
            ][col]
        return None

    def _display(self, r: dict[str, Any], col: int) -> Any:
        if col == 0:
            return r["title"]
        if col == 1:
            return r["outlet"] or ""
        if col == 2:
            return published_shown(r["published"], self.session.day_first)
        return "…" if r["items"] is None else r["items"]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


SORT_ROLE = Qt.ItemDataRole.UserRole + 1
VERSION_ROLE = Qt.ItemDataRole.UserRole + 2  # "version 1 of 2, superseded by version 2"


def version_words(row: dict[str, Any]) -> str:
    if not row.get("version"):
        return ""
    newer = row.get("superseded")
    return f"{row['version']}, superseded by version {newer}" if newer else row["version"]


class ArticleFilterModel(QSortFilterProxyModel):
    """Case-insensitive filter on title, outlet and date, every word somewhere."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []

    def set_filter_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        if not self._words:
            return True
        hay = cast(ArticleListModel, self.sourceModel()).haystack(row)
        return all(w in hay for w in self._words)


class ArticleDelegate(QStyledItemDelegate):
    """Two lines per article, to fit a narrow dock: the title, then outlet · date · items."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        height = option.fontMetrics.height()
        return QSize(200, height * 2 + 12)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        model = index.model()
        row = index.row()
        title, outlet, date, items = (model.index(row, c, index.parent()).data() for c in range(4))
        version = index.data(VERSION_ROLE) or ""
        old = "superseded" in version  # an older version: indented under its newest
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        text_color = pal.highlightedText().color() if selected else pal.text().color()
        muted = QColor(text_color)
        muted.setAlphaF(0.7)
        rect = opt.rect.adjusted(8 + (16 if old else 0), 5, -8, -5)
        bold = QFont(opt.font)
        bold.setBold(True)
        line = opt.fontMetrics.height()
        painter.save()
        badge = f"{items}" if items else ""
        badge_w = QFontMetrics(opt.font).horizontalAdvance(badge) + 12 if badge else 0
        painter.setFont(bold)
        painter.setPen(muted if old else text_color)
        painter.drawText(
            rect.adjusted(0, 0, -badge_w, 0),
            Qt.AlignmentFlag.AlignLeft,
            QFontMetrics(bold).elidedText(
                title, Qt.TextElideMode.ElideRight, rect.width() - badge_w
            ),
        )
        painter.setFont(opt.font)
        if badge:
            painter.setPen(muted)
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight, badge)
        count = counted(items, "item") if isinstance(items, int) else ""  # "" while counting
        sub = " · ".join(x for x in (version, outlet, date, count) if x)
        painter.setPen(muted)
        painter.drawText(
            rect.adjusted(0, line + 2, 0, 0),
            Qt.AlignmentFlag.AlignLeft,
            opt.fontMetrics.elidedText(sub, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()


class ArticleList(QWidget):
    articleSelected = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.model = ArticleListModel(session, self)
        self.proxy = ArticleFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter articles…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab leaves the list; arrows change the article
        # Rows come from SQL in publication order; a proxy sort would call data() about a
        # million times for 10,000 articles (4 s at start, profiled).
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        # One drawn column (title over outlet · date · items); the others feed filter and sort.
        self.view.setItemDelegateForColumn(0, ArticleDelegate(self.view))
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().hide()
        for col in (1, 2, 3):
            self.view.setColumnHidden(col, True)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * 2 + 12)
        self.view.setShowGrid(False)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)
        self._current: str | None = None
        self._waiting: str | None = None  # the article to select once its row is added
        self._show_anyway = False  # and clear the filter that would hide it
        self.model.modelReset.connect(self._restore_current)
        self.model.rowsAdded.connect(self._place_waiting)
        self.setFocusProxy(self.view)

    def select_first(self) -> None:
        if self.model.rowCount():
            self.select_article(self.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole))

    def select_article(self, article_id: str) -> None:
        row = self.model.row_of(article_id)
        if row >= 0:
            self._select_row(row, show_anyway=True)
            return
        if self.model.complete or article_head(self.session.project, article_id) is None:
            return
        # Not read yet (the rest of the list comes from a worker): shown now, its row
        # selected once it is added.
        self.view.selectionModel().clearCurrentIndex()
        self.view.selectionModel().clearSelection()
        self._waiting, self._show_anyway = article_id, True
        if article_id != self._current:
            self._current = article_id
            self.articleSelected.emit(article_id)

    def _select_row(self, row: int, show_anyway: bool) -> None:
        """Select a row; ``show_anyway``: clear the filter that hides it and scroll to it."""
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if show_anyway and not index.isValid():  # filtered out: show it anyway
            self.filter_edit.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if show_anyway:
            self.view.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = current.data(Qt.ItemDataRole.UserRole) if current.isValid() else None
        if article_id:
            self._waiting = None  # chosen here: an article still to come is not
        if article_id and article_id != self._current:
            self._current = article_id
            self.articleSelected.emit(article_id)

    def _restore_current(self) -> None:
        """After a reload, keep the same article selected without re-emitting."""
        self._waiting = None
        if self._current and self.model.row_of(self._current) >= 0:
            # Same id as before, so _current_changed does not re-emit.
            self._select_row(self.model.row_of(self._current), show_anyway=False)
        elif self._current and not self.model.complete:
            self._waiting, self._show_anyway = self._current, False  # in the rest, perhaps
        elif self._current:
            self._current = None
            self.articleSelected.emit("")

    def _place_waiting(self) -> None:
        """Rows were added: select the article waiting for its row, if it came."""
        if self._waiting is None:
            return
        row = self.model.row_of(self._waiting)
        if row >= 0:
            self._waiting = None
            self._select_row(row, self._show_anyway)
        elif self.model.complete:  # gone meanwhile
            self._waiting = None
            if self._current:
                self._current = None
                self.articleSelected.emit("")
