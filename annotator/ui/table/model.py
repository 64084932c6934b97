"""The timeline table's model: events from the store, filtered and sorted in SQL, read a
page at a time (rows far down are placeholders until shown)."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon

from annotator.core.dates.parse import parse_user_date
from annotator.core.dates.provenance import DateChange
from annotator.core.dates.value import DateValue
from annotator.core.errors import AnnotatorError
from annotator.core.text import counted
from annotator.core.vocabulary import (
    FACT_STATUS_WORDS,
    date_source_words,
    fact_status_words,
    precision_words,
)
from annotator.store import operations
from annotator.store.actor_links import event_actors_changeset
from annotator.store.changes import ChangeSet
from annotator.store.codebook import code_colours
from annotator.store.queries import (
    SORT_KEYS,
    TimelineFilter,
    count_events,
    event_ids,
    event_matches,
    event_page,
    event_rowids,
    rowid_of,
)
from annotator.store.row_position import chrono_position, first_of
from annotator.store.worker_reads import read_on_own_connection
from annotator.ui.common.fact_marks import FACT_COLORS
from annotator.ui.common.plain import rich_escaped
from annotator.ui.common.worker_signal import emit_if_alive
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.table.full_order import FullOrder
from annotator.ui.table.row_patch import RowPlan, plan_rows
from annotator.ui.widgets.tag_field import split_tags, tag_swatches

AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS = ("Date", "Headline", "Type", "Actors", "Sources", "Claims", "Tags", "Status")
COL = {key: i for i, key in enumerate(SORT_KEYS)}
EDITABLE_COLUMNS = {
    COL["date"],
    COL["headline"],
    COL["type"],
    COL["actors"],
    COL["tags"],
    COL["fact_status"],
}
# Tables whose edits can change what the table shows.
WATCHED = {"events", "event_actors", "actors", "citations", "passages", "claims", "tags", "codes"}
# A grade changes which events the grade filters let through (and an outlet, single sources).
WATCHED |= {"articles", "outlet_grades"}
ID_ROLE = Qt.ItemDataRole.UserRole
_ROOT = QModelIndex()  # the default parent (B008: no call in defaults)


# Events an edit may touch for the rows to be placed one by one (each costs a few queries).
PLACED_ONE_BY_ONE = 20

# Tables whose rows each belong to one event (event_id): an edit of these alone changes
# only those events' rows (deleting an event removes its citations, actors, claims, tags).
_EVENT_PARTS = frozenset({"events", "event_actors", "citations", "claims", "tags", "passages"})


def _events_touched(touched: Changes) -> frozenset[str] | None:
    """The events whose rows an edit changed, or None when any row may have (an actor
    renamed shows in every event of that actor). Reading every loaded row's details again
    after deleting one event took 70 ms at 100,000 events (profiled)."""
    if set(touched) == {"events"}:
        return touched["events"]
    # Actors made by the edit (Enter with a new actor's name) are linked through its own
    # event_actors rows: no other event shows them yet.
    parts = set(touched) - (touched.inserted_only & {"actors"})
    if touched.event_refs is None or not parts <= _EVENT_PARTS:
        return None
    return touched.ids("events") | touched.event_refs


def _through_passages(flt: TimelineFilter) -> bool:
    """Whether the filter looks through citations at passages and their articles: then a
    passage's change can let in or hold back events it does not name."""
    return bool(
        flt.article_ids
        or flt.single_source
        or flt.worst_reliability
        or flt.worst_credibility
        or flt.assessments
    )


@lru_cache(maxsize=20000)
def display_date(edtf: str, day_first: bool) -> str:
    """Reading EDTF costs ~50 µs; timelines repeat dates, so a page mostly hits the cache."""
    try:
        return DateValue.from_edtf(edtf).display(day_first)
    except AnnotatorError:
        return edtf  # still show what is stored


SINGLE_SOURCE_COLOR = "#b26a00"  # amber, readable on light and dark
_STATUS_BY_WORDS = {words: value for value, words in FACT_STATUS_WORDS.items()}


def fact_status_value(text: str) -> str | None:
    """The stored status for what the Status column's editor offers (words or the value)."""
    text = text.strip()
    if not text or text.startswith("("):  # "(not set)"
        return None
    return _STATUS_BY_WORDS.get(text, text)  # anything else is refused by the store


class _OrderRelay(QObject):
    """Carries the worker's read of the whole order to the window's thread."""

    done = Signal(int, object, object)  # generation, key, rowids (None: the read failed)


class _CountRelay(QObject):
    """Carries a worker's count of the events matching the filter to the window's thread."""

    done = Signal(int, object)  # the count's request number, the count (None: it failed)


class TimelineTableModel(QAbstractTableModel):
    PAGE = 200
    FIRST_DETAILS = 80  # rows read whole by a reload: more than a tall window shows
    # The worker's read of the whole order is over (kept or not): the window is idle then.
    orderRead = Signal()
    # A count asked of a worker (count_later) came back: total_if_known() has it now.
    counted = Signal()

    def __init__(self, session: Session, parent: Any = None):
        super().__init__(parent)
        self.session = session
        self._filter = TimelineFilter()
        self._sort = "date"
        self._descending = False
        # A row read (its details) or, until it is shown, its rowid alone: a seek far down
        # makes tens of thousands of these, and a dict each took 10-50 ms (profiled).
        self._rows: list[dict[str, Any] | int] = []
        self._rowids: list[int] | None = None  # the rows' rowids, kept with them
        # Event id -> rowid of events read or placed (up to date after every change): a
        # deleted event's row is found by it (the event is no longer there to ask).
        self._known: dict[str, int] = {}
        self._total: int | None = None  # counted only when asked (costs a filter pass)
        self._exhausted = True
        self._fetching = False
        self._tag_colours: dict[str, str] | None = None
        self._tag_icons: dict[str, QIcon] = {}
        self._full = FullOrder()
        self._shown: int | None = None  # the rows a view shows, told with the row sought
        self._order_relay = _OrderRelay(self)
        self._order_relay.done.connect(self._order_read, Qt.ConnectionType.QueuedConnection)
        self._count_relay = _CountRelay(self)
        self._count_relay.done.connect(self._count_read, Qt.ConnectionType.QueuedConnection)
        self._count_request = 0  # moved whenever the total may have changed
        self._counting: int | None = None  # the request a worker counts for now
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self.reload)
        self.reload()

    # -- Qt model interface ----------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: AnyIndex = _ROOT) -> bool:
        return (
            not parent.isValid()
            and not self._fetching
            and not self._exhausted
            and not self.session.project.closed
        )

    def fetchMore(self, parent: AnyIndex = _ROOT) -> None:
        if parent.isValid() or self._fetching:
            return  # views and testers call back in while rows are being inserted
        self._fetch(self.PAGE)

    @contextmanager
    def fetch_paused(self) -> Iterator[None]:
        """No page fetched meanwhile: a view scrolled to a row just sought asked for the next
        page because its scroll bar still had the range of before the seek (13 ms of the
        first Enter in a window, profiled); the seek already read a page past the row, and
        the rows it added lay the view out again afterwards (so a page is asked for when
        the analyst scrolls to the end)."""
        was, self._fetching = self._fetching, True
        try:
            yield
        finally:
            self._fetching = was

    def _fetch(self, count: int) -> None:
        rows = self._page(len(self._rows), count)
        self._exhausted = len(rows) < count
        self._append(rows)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole and SORT_KEYS[section] == "sources":
                return "number of articles citing the event"
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE_COLUMNS and not self.session.readonly:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._row(index.row())
        if not isinstance(row, dict):
            return None  # the event went away since its rowid was read
        key = SORT_KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "date":
                return row["_date_display"]
            if key == "fact_status":
                return fact_status_words(row["fact_status"])
            return row[key] if row[key] is not None else ""
        if role == Qt.ItemDataRole.DecorationRole and key == "tags" and row["tags"]:
            return self._tag_icon(str(row["tags"]))
        if role == Qt.ItemDataRole.ForegroundRole and key == "fact_status":
            color = FACT_COLORS.get(row["fact_status"] or "")
            return QColor(color) if color else None
        if role == Qt.ItemDataRole.FontRole and key == "headline" and row["fact_status"] == "key":
            font = QFont()
            font.setBold(True)  # a key fact stands out in the list as on the drawn timeline
            return font
        if role == Qt.ItemDataRole.ForegroundRole and key == "sources":
            if row["sources"] and row.get("outlets") == 1:  # a single source: weigh it so
                return QColor(SINGLE_SOURCE_COLOR)
            return None
        if role == Qt.ItemDataRole.EditRole:
            if key == "date":
                return row["_date_display"]
            if key == "actors":
                return row["actors_edit"] or ""
            if key == "fact_status":
                return fact_status_words(row["fact_status"])
            return row[key] if row[key] is not None else ""
        if role == ID_ROLE:
            return row["id"]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(row, key)
            return rich_escaped(tip) if tip else None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("sources", "claims"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and key == "date" and row["date_status"] == "suggested":
            font = QFont()
            font.setItalic(True)  # a date the finder suggested and nobody confirmed yet
            return font
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() not in EDITABLE_COLUMNS
        ):
            return False
        row = self._row(index.row())
        if not isinstance(row, dict):
            return False  # the event went away
        event_id = row["id"]
        key, text = SORT_KEYS[index.column()], str(value or "")
        return self.session.edit(lambda _project: self._edit(event_id, key, text))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SORT_KEYS):
            return
        key, descending = SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending):
            # The view asks for the order the rows already have when sorting is switched on:
            # a second read of the first page at every start (17-35 ms, profiled).
            return
        self.set_sort(key, descending)

    # -- public API ------------------------------------------------------------------

    def set_filter(self, flt: TimelineFilter) -> None:
        self._filter = flt
        self.reload()

    def current_filter(self) -> TimelineFilter:
        return self._filter

    def set_sort(self, key: str, descending: bool = False) -> None:
        self._sort, self._descending = key, descending
        self.reload()

    def sort_key(self) -> tuple[str, bool]:
        return self._sort, self._descending

    def total(self) -> int:
        """Events matching the filter (loaded or not); counted on first ask."""
        known = self.total_if_known()
        if known is None:
            self._total = known = count_events(self.session.project, self._filter)
        return known

    def total_if_known(self) -> int | None:
        """The total without a count: known already, or every matching row is loaded."""
        if self._total is None and self._exhausted:
            self._total = len(self._rows)
        return self._total

    def count_later(self) -> None:
        """Count the matching events in a worker (``counted`` says when): a filter pass over
        every event, 100-160 ms of the window's thread at 1,000,000 events (profiled)."""
        project = self.session.project
        if project.path is None or project.closed:
            self.total()
            self.counted.emit()
            return
        if self._counting == self._count_request:
            return  # asked already
        request, path, flt = self._count_request, project.path, self._filter
        self._counting = request
        relay = self._count_relay

        def run() -> None:
            count: int | None
            try:
                count = read_on_own_connection(path, lambda reader: count_events(reader, flt))
            except (AnnotatorError, OSError):
                count = None
            emit_if_alive(relay, relay.done, request, count)  # the model may be gone

        threading.Thread(target=run, daemon=True, name="table-count").start()

    def _forget_total(self) -> None:
        """The rows changed: the total is counted again, and a count asked before is dropped."""
        self._total = None
        self._count_request += 1

    def _count_read(self, request: int, count: object) -> None:
        if request != self._count_request or self.session.project.closed:
            return  # the rows changed since: a newer count is asked for
        self._counting = None
        self._total = count if isinstance(count, int) else None
        if self._total is None:  # the file could not be read twice: count here
            self.total()
        self.counted.emit()

    def event_id(self, row: int) -> str | None:
        if not 0 <= row < len(self._rows):
            return None
        read = self._row(row)
        return read.get("id") if isinstance(read, dict) else None

    def row_of(self, event_id: str, *, fetch: bool = True, shown: int | None = None) -> int | None:
        """The row showing an event (None if the filter hides it).

        Far rows are reached without loading everything before them: the position comes
        from rowids alone, and the rows in between are placeholders whose details are read
        a page at a time when shown (at 100,000 events, seeking by fetching every row
        took seconds; profiled). ``shown``: the rows a view shows at once; a row sought
        far down then has the details of only those it can show around it read (its
        whole page was half of the table's part of the first Enter in a window).
        """
        self._shown = shown
        rowid = rowid_of(self.session.project, "events", event_id)
        if rowid is None:
            return None
        loaded = _find(self._loaded_rowids(), rowid)
        if loaded >= 0:  # among the rows loaded (a new row placed there): no count needed
            return loaded
        if fetch and not self._exhausted:
            sought = self._seek_in_full_order(rowid)
            if sought is not None:
                return sought
        # In the date order its position is one count of the rows before it (checked
        # against the row found there); otherwise, or if the check fails, it is looked for.
        counted = self._counted_position(rowid)
        if (
            counted is not None
            and counted < len(self._rows)
            and _rowid(self._rows[counted]) == rowid
        ):
            return counted
        if not fetch or self._exhausted or not self._matches(event_id):
            return None
        offset = len(self._rows)
        if counted is not None and counted >= offset:
            wanted = counted + self.PAGE - offset
            rowids = self._page_rowids(offset, wanted)
            if counted - offset < len(rowids) and rowids[counted - offset] == rowid:
                self._reach(rowids, wanted)
                self._detail_sought(counted)
                return counted
        # One pass over the rest (LIMIT -1: no limit); each OFFSET query would walk the
        # index again from the start.
        rest = self._page_rowids(offset, -1)
        if rowid not in rest:
            return None
        target = offset + rest.index(rowid)
        wanted = target + self.PAGE - offset
        self._reach(rest[:wanted], wanted)
        self._detail_sought(target)
        return target

    def _reach(self, rowids: list[int], wanted: int) -> None:
        """Placeholder rows for these rowids, after the rows loaded; their details are read
        a page at a time when shown."""
        self._append(list(rowids), rowids)
        self._exhausted = len(rowids) < wanted

    # -- the whole order, read in a worker ---------------------------------------------

    def _order_key(self) -> object:
        return (self._filter, self._sort, self._descending)

    def prefetch_order(self) -> None:
        """Read every matching rowid in the table's order in a worker thread (the window
        asks once it is idle after opening), for the first seek to a far row."""
        project = self.session.project
        path = project.path
        if path is None or project.closed:
            return
        key = self._order_key()
        generation = self._full.asked(key)
        flt, sort, descending = self._filter, self._sort, self._descending
        relay = self._order_relay

        def run() -> None:
            rowids: list[int] | None
            try:
                rowids = read_on_own_connection(
                    path,
                    lambda reader: event_rowids(
                        reader, flt, sort, descending=descending, pause=_rest
                    ),
                )
            except (AnnotatorError, OSError):
                rowids = None  # seeks read on the window's connection, as without it
            emit_if_alive(relay, relay.done, generation, key, rowids)  # model may be gone

        threading.Thread(target=run, daemon=True, name="table-order").start()

    def _order_read(self, generation: int, key: object, rowids: object) -> None:
        if isinstance(rowids, list):
            self._full.adopt(generation, key, rowids)
        self.orderRead.emit()

    def _seek_in_full_order(self, rowid: int) -> int | None:
        """A far row reached from the whole order kept (None: none kept, or it does not
        agree with the rows loaded, or the row is not in it: the caller reads as before)."""
        project = self.session.project
        order = self._full.current(
            self._order_key(),
            lambda event_id: rowid_of(project, "events", event_id),
            self._matches,
            self._before,
        )
        if order is None:
            return None
        loaded = self._loaded_rowids()
        offset = len(loaded)
        if order[:offset] != loaded:
            self._full.drop()  # not what the table shows: read as before from now on
            return None
        try:
            target = order.index(rowid, offset)
        except ValueError:
            return None
        wanted = target + self.PAGE - offset
        self._reach(order[offset : offset + wanted], wanted)
        self._detail_sought(target)
        return target

    def _before(self, a: int, b: int) -> bool:
        """Whether rowid ``a`` sorts before ``b`` in the table's order (one small query)."""
        return first_of(self.session.project, self._sort, a, b, descending=self._descending) == a

    def _counted_position(self, rowid: int) -> int | None:
        """The row's position in the date order by one count of the rows before it (None in
        another order)."""
        if self._sort != "date":
            return None
        return chrono_position(
            self.session.project, self._filter, rowid, descending=self._descending
        )

    def _append(
        self, rows: Sequence[dict[str, Any] | int], rowids: list[int] | None = None
    ) -> None:
        if not rows:
            return
        first = len(self._rows)
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            if self._rowids is not None:
                self._rowids.extend(rowids if rowids is not None else map(_rowid, rows))
            self.endInsertRows()
        finally:
            self._fetching = False

    def _detail_sought(self, row: int) -> None:
        """The details of a row just sought: of the rows a view can show with it at either
        edge when the caller said how many, else of its page."""
        shown = self._shown
        if shown is None:
            self._detail_around(row)
            return
        start, end = max(0, row - shown), min(len(self._rows), row + shown + 1)
        pending = [i for i in range(start, end) if not isinstance(self._rows[i], dict)]
        if pending:
            self._read_details(pending)

    def _detail_around(self, row: int) -> None:
        """Read the details of the placeholder rows in the page holding ``row``."""
        start = row - row % self.PAGE
        end = min(len(self._rows), start + self.PAGE)
        pending = [i for i in range(start, end) if not isinstance(self._rows[i], dict)]
        if pending:
            self._read_details(pending)

    def _read_details(self, at: list[int]) -> None:
        """The details of the rows at these places read (a row since deleted stays)."""
        details = self._details([_rowid(self._rows[i]) for i in at])
        for i in at:
            detail = details.get(_rowid(self._rows[i]))
            if detail is not None:
                detail["_date_display"] = self._date_display(detail["date"])
                self._rows[i] = detail

    def _row(self, i: int) -> dict[str, Any] | int:
        """The row's details, read with its page if not yet (still its rowid alone if the
        event went away since)."""
        if not isinstance(self._rows[i], dict):
            self._detail_around(i)
        return self._rows[i]

    def visible_event_ids(self, limit: int | None = None) -> list[str]:
        """Ids of the events the filter lets through, in the table's order."""
        return event_ids(
            self.session.project, self._filter, self._sort, descending=self._descending, limit=limit
        )

    def reload(self) -> None:
        """Re-run filter and sort from scratch; keeps as many rows loaded as before."""
        keep = max(len(self._rows), self.PAGE)
        self._full.drop()  # another filter, sort or project: read again when asked
        self._tag_colours = None  # another project, or a codebook changed
        self.beginResetModel()
        self._forget_total()
        rowids = self._page_rowids(0, keep)
        # Details for the rows a window shows at first; the rest when shown (a page of them
        # took 28 ms of a start, profiled).
        self._rows = list(rowids)
        self._rowids = None
        self._known = {}
        self._read_details(list(range(min(len(rowids), self.FIRST_DETAILS))))
        self._exhausted = len(rowids) < keep
        self.endResetModel()

    # -- internals -------------------------------------------------------------------

    def _details(self, rowids: list[int]) -> dict[int, dict[str, Any]]:
        details = event_page(self.session.project, rowids)
        self._known.update((row["id"], rowid) for rowid, row in details.items())
        return details

    def _loaded_rowids(self) -> list[int]:
        if self._rowids is None:
            self._rowids = list(map(_rowid, self._rows))
        return self._rowids

    def _page_rowids(self, offset: int, limit: int) -> list[int]:
        return event_rowids(
            self.session.project,
            self._filter,
            self._sort,
            descending=self._descending,
            limit=limit,
            offset=offset,
        )

    def _page(self, offset: int, limit: int) -> list[dict[str, Any]]:
        if limit <= 0:
            return []
        rowids = self._page_rowids(offset, limit)
        details = self._details(rowids)
        rows = [details[r] for r in rowids if r in details]
        for row in rows:
            row["_date_display"] = self._date_display(row["date"])
        return rows

    def _date_display(self, edtf: str | None) -> str:
        return display_date(edtf, self.session.day_first) if edtf else ""

    def _tooltip(self, row: dict[str, Any], key: str) -> str | None:
        if key == "date" and row["date"]:
            source = date_source_words(row["date_phrase"], row["date_anchor"], row["date_status"])
            bits = [f"{row['date']} ({precision_words(row['date_precision'])})", source]
            return "\n".join(b for b in bits if b)
        if key == "sources":
            articles = counted(row["sources"], "article")
            outlets = counted(row.get("outlets") or 0, "outlet")
            single = (
                "\nA single source: no other outlet reports it." if row.get("outlets") == 1 else ""
            )
            return (
                f"{counted(row['citation_count'], 'citation')} in {articles} from {outlets}{single}"
            )
        if key in ("headline", "actors", "tags") and row[key]:
            return str(row[key])
        return None

    def _matches(self, event_id: str) -> bool:
        return event_matches(self.session.project, self._filter, event_id)

    def _edit(self, event_id: str, key: str, text: str) -> ChangeSet:
        project = self.session.project
        if key == "date":
            stored = (project.row("events", event_id) or {}).get("date")
            if text.strip() == self._date_display(stored):  # opened and left as it was
                return ChangeSet("Edit event date", [])
            value = (
                parse_user_date(text, day_first=self.session.day_first) if text.strip() else None
            )
            if (value.edtf if value else None) == stored:  # the same date: nothing set it anew
                return ChangeSet("Edit event date", [])
            return operations.update_item(
                project, "event", event_id, date=value, date_anchor=DateChange.TABLE.value
            )
        if key == "actors":
            return event_actors_changeset(project, event_id, text)
        if key == "tags":
            tags = [t.strip() for t in text.replace(";", ",").split(",")]
            return operations.set_tags(project, "event", event_id, tags)
        if key == "fact_status":
            return operations.update_item(
                project, "event", event_id, fact_status=fact_status_value(text)
            )
        return operations.update_item(project, "event", event_id, **{key: text.strip()})

    def _insert_and_remove(self, old: list[int], new: list[int], exhausted: bool) -> bool:
        """Rows that came or went (a new event, an undo, a delete) inserted and removed
        where they are, the others kept in their order: no reset, so the selection, the
        scroll position and the details already read stay (a reset read every loaded row's
        id twice and the first page again; profiled at 100,000 events). False when it is
        not that simple."""
        kept, now = set(old), set(new)
        gone = [i for i, r in enumerate(old) if r not in now]
        came = [i for i, r in enumerate(new) if r not in kept]
        if len(gone) + len(came) > self.PAGE:
            return False
        if [r for r in old if r in now] != [r for r in new if r in kept]:
            return False  # the others moved too
        self._fetching = True  # views and testers call back in: no page fetched meanwhile
        try:
            for i in reversed(gone):
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
            for i in came:
                self.beginInsertRows(QModelIndex(), i, i)
                self._rows.insert(i, new[i])  # read when shown
                self.endInsertRows()
        finally:
            self._fetching = False
            self._rowids = None
        self._exhausted = exhausted
        self._forget_total()
        return True

    def _tag_icon(self, text: str) -> QIcon:
        """The tags' colours (from the codebook), read once per codebook change."""
        if self._tag_colours is None:
            self._tag_colours = code_colours(self.session.project)
            self._tag_icons = {}
        if text not in self._tag_icons:
            self._tag_icons[text] = tag_swatches(split_tags(text), self._tag_colours)
        return self._tag_icons[text]

    def _on_changed(self, touched: Changes) -> None:
        if "codes" in touched:
            self._tag_colours = None
        if not WATCHED & touched.keys():
            return
        events = _events_touched(touched)
        project = self.session.project
        # A passage may let any event through such a filter, or hold it back.
        through = "passages" in touched and _through_passages(self._filter)

        @functools.cache  # the kept order and the placing ask for the same events
        def rowid_now(event_id: str) -> int | None:
            return rowid_of(project, "events", event_id)

        if through:
            self._full.drop()
        else:
            self._full.touched(events, rowid_now, self._known.get)
        if (
            events is not None
            and len(events) <= PLACED_ONE_BY_ONE
            and not through
            and self._place(events, rowid_now)
        ):
            return
        self._rowids = None
        loaded = max(len(self._rows), self.PAGE)  # a short table shows a new row at once
        old = list(map(_rowid, self._rows))
        new = self._page_rowids(0, loaded + 1)  # one more: is there still more to fetch?
        exhausted = len(new) <= loaded
        new = new[:loaded]
        if len(new) != len(old) or set(new) != set(old):
            if not self._insert_and_remove(old, new, exhausted):
                self.reload()  # many rows came or went, or moved too: start again
                return
            old = new
        else:
            self._exhausted = exhausted
            self._forget_total()
        if events is not None:  # only the rows of the events the edit touched
            stale = {
                r
                for r, row in zip(old, self._rows, strict=True)
                if isinstance(row, dict) and row.get("id") in events
            }
        else:
            stale = set(old)
        fresh = dict(zip(old, self._rows, strict=True))
        stale -= {row for row in self._rows if not isinstance(row, dict)}
        self._known = {row["id"]: row["_rowid"] for row in self._rows if isinstance(row, dict)}
        details = self._details(sorted(stale))
        for rowid, row in details.items():
            row["_date_display"] = self._date_display(row["date"])
            fresh[rowid] = row
        if new == old:
            self._rows = [fresh[r] for r in new]
            self._rowids = None
            if stale:
                rows = [i for i, r in enumerate(new) if r in stale]
                self.dataChanged.emit(
                    self.index(min(rows), 0), self.index(max(rows), len(HEADERS) - 1)
                )
            return
        # Same rows in a new order (an edited date moved): a layout change keeps selection.
        self.layoutAboutToBeChanged.emit()
        position = {r: i for i, r in enumerate(new)}
        for persistent in self.persistentIndexList():
            target = position[old[persistent.row()]]
            self.changePersistentIndex(persistent, self.index(target, persistent.column()))
        self._rows = [fresh[r] for r in new]
        self._rowids = None
        self.layoutChanged.emit()

    def _place(self, events: frozenset[str], rowid_now: Callable[[str], int | None]) -> bool:
        """The rows of the events an edit touched removed, moved and inserted where they
        sort now, and their details read again; the other rows stay as they are. False
        when that cannot be done here (the caller reads the order again)."""
        rowids = self._loaded_rowids()
        gone: set[int] = set()
        shown: set[int] = set()
        known: dict[str, int] = {}
        for event_id in events:
            rowid = rowid_now(event_id)
            if rowid is not None:
                (shown if self._matches(event_id) else gone).add(rowid)
                known[event_id] = rowid
                continue
            rowid = self._known.get(event_id)  # deleted: its rowid as last known
            if rowid is None:
                return False  # whether its row is among those loaded is not known
            gone.add(rowid)
        if gone & shown:
            return False  # a rowid taken again in the same edit

        plan = plan_rows(rowids, gone, shown, self._before, self._exhausted)
        if plan is None:
            return False
        for event_id in events:
            self._known.pop(event_id, None)
        self._known.update(known)
        self._apply(plan)
        self._forget_total()
        self._refresh_rows(shown)
        return True

    def _apply(self, plan: RowPlan) -> None:
        """The plan's steps as row removals, moves and insertions (no reset: selection,
        scroll and the details already read stay)."""
        self._fetching = True  # views and testers call back in: no page fetched meanwhile
        self._rowids = None  # read from the rows if asked for on the way
        try:
            for step, index, other in plan.steps:
                if step == "remove":
                    self.beginRemoveRows(_ROOT, index, index)
                    del self._rows[index]
                    self.endRemoveRows()
                elif step == "move":
                    # Qt counts the destination in the rows as they are before the move.
                    to = other + 1 if other > index else other
                    if other != index and self.beginMoveRows(_ROOT, index, index, _ROOT, to):
                        self._rows.insert(other, self._rows.pop(index))
                        self.endMoveRows()
                else:
                    self.beginInsertRows(_ROOT, index, index)
                    self._rows.insert(index, other)
                    self.endInsertRows()
        finally:
            self._fetching = False
            self._rowids = plan.rowids

    def _refresh_rows(self, rowids: set[int]) -> None:
        """The details of these rows read again where they were read before."""
        loaded = self._loaded_rowids()
        at = sorted(i for i in (_find(loaded, r) for r in rowids) if i >= 0)
        at = [i for i in at if isinstance(self._rows[i], dict)]
        if not at:
            return
        self._read_details(at)
        for i in at:
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(HEADERS) - 1))


def _rest() -> None:
    """Between two batches of a worker's read: the window's thread takes the interpreter's
    lock meanwhile (a read of 100,000 rowids in one go held it in 5 ms slices)."""
    time.sleep(0.001)


def _rowid(row: dict[str, Any] | int) -> int:
    return row if isinstance(row, int) else row["_rowid"]


def _find(rowids: list[int], rowid: int | None) -> int:
    """The index of a rowid among the loaded rows, or -1 (a scan in C: ~1 ms at 100,000)."""
    try:
        return -1 if rowid is None else rowids.index(rowid)
    except ValueError:
        return -1
