"""Timeline filters: actor, type, tag, article, date range and words, as one TimelineFilter.

Each list picker is a button with a menu of checkable choices (any of them matches);
the date fields take anything parse_user_date reads, and use its bounds: "March 2025" as
"from" means from 1 March, as "to" means to 31 March.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.dates.parse import parse_user_date
from annotator.core.errors import DateError
from annotator.core.vocabulary import FACT_STATUS_CHOICES
from annotator.store.queries import (
    TimelineFilter,
    actor_choices,
    article_choices,
    event_types,
    tag_names,
)
from annotator.ui.common.plain import action_text, rich_escaped
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.table.grade_filters import GradeFilters
from annotator.ui.widgets.panel import Panel

REFRESH_ON = {"actors", "events", "tags", "articles"}


class ChoiceButton(QToolButton):
    """A button whose menu holds checkable (value, label) choices."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self._selected: set[str] = set()
        self._update_text()

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        menu = self.menu()
        menu.clear()
        values = {v for v, _ in choices}
        self._selected &= values  # choices that vanished (deleted actor) are dropped
        for value, label in choices:
            action = QAction(action_text(label), menu)
            action.setCheckable(True)
            action.setChecked(value in self._selected)
            action.setData(value)
            action.toggled.connect(lambda on, v=value: self._toggle(v, on))
            menu.addAction(action)
        if not choices:
            empty = menu.addAction("(none yet)")
            empty.setEnabled(False)
        self._update_text()

    def selected(self) -> tuple[str, ...]:
        return tuple(sorted(self._selected))

    def set_selected(self, values: tuple[str, ...] | list[str]) -> None:
        self._selected = set(values)
        for action in self.menu().actions():
            action.blockSignals(True)
            action.setChecked(action.data() in self._selected)
            action.blockSignals(False)
        self._update_text()

    def _toggle(self, value: str, on: bool) -> None:
        if on:
            self._selected.add(value)
        else:
            self._selected.discard(value)
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        n = len(self._selected)
        self.setText(f"{self.title}: {n}" if n else f"{self.title}: any")


class DateBound(QLineEdit):
    """A date field giving the earliest (``from``) or latest (``to``) instant it names."""

    def __init__(
        self,
        placeholder: str,
        use_latest: bool,
        day_first: Callable[[], bool],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(110)
        self._use_latest = use_latest
        self._day_first = day_first
        self.error: str | None = None

    def bound(self) -> str | None:
        """ISO bound, or None when empty or unreadable (the field then shows why)."""
        text = self.text().strip()
        self.error = None
        self.setStyleSheet("")
        self.setToolTip("")
        if not text:
            return None
        try:
            value = parse_user_date(text, day_first=self._day_first())
        except DateError as exc:
            self.error = str(exc)
            self.setStyleSheet("border: 1px solid #c62828;")
            self.setToolTip(rich_escaped(self.error))
            return None
        moment = value.latest if self._use_latest else value.earliest
        self.setToolTip(rich_escaped(f"understood: {value.display(self._day_first())}"))
        return moment.isoformat(timespec="seconds")


class FilterBar(Panel):
    filterChanged = Signal(object)  # TimelineFilter

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.session = session
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("Words in events…")
        self.text.setClearButtonEnabled(True)
        self.actors = ChoiceButton("Actors", self)
        self.types = ChoiceButton("Types", self)
        self.tags = ChoiceButton("Tags", self)
        self.articles = ChoiceButton("Articles", self)
        # A fixed list: set once, never re-read ("" is the events not yet judged).
        self.statuses = ChoiceButton("Status", self)
        self.statuses.set_choices(
            [(s.value, s.words) for s in FACT_STATUS_CHOICES] + [("", "not set")]
        )
        self.statuses.setToolTip("Key facts, undisputed or disputed events (any checked)")
        day_first = lambda: self.session.day_first  # noqa: E731
        self.date_from = DateBound("from (e.g. 1 Mar 2025)", False, day_first, self)
        self.date_to = DateBound("to (e.g. March 2025)", True, day_first, self)
        self.clear_button = QPushButton("Clear", self)
        # Two rows, so that what is typed stays readable in a narrow dock: the words and the
        # dates above, the pickers below.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        typed, picked = QHBoxLayout(), QHBoxLayout()
        for w in (self.text, self.date_from, self.date_to, self.clear_button):
            typed.addWidget(w)
        typed.setStretch(0, 3)
        typed.setStretch(1, 2)
        typed.setStretch(2, 2)
        for button in (self.actors, self.types, self.tags, self.articles, self.statuses):
            picked.addWidget(button)
        self.single_source = QCheckBox("Single source", self)
        self.single_source.setToolTip("Only events that one outlet alone reports")
        picked.addWidget(self.single_source)
        picked.addStretch(1)
        layout.addLayout(typed)
        layout.addLayout(picked)
        self.text.setMinimumWidth(140)
        self._typing = QTimer(self)  # words filter as you type, without a query per key
        self._typing.setSingleShot(True)
        self._typing.setInterval(150)  # a pause in typing, not work: at most 150 ms
        self._typing.timeout.connect(self._emit)
        self.text.textChanged.connect(lambda _t: self._typing.start())
        for button in (self.actors, self.types, self.tags, self.articles, self.statuses):
            button.changed.connect(self._emit)
        self.date_from.editingFinished.connect(self._emit)
        self.date_to.editingFinished.connect(self._emit)
        self.single_source.toggled.connect(lambda _on: self._emit())
        self.graded = GradeFilters(self, ChoiceButton("Assessment", self))
        layout.addLayout(self.graded.row)
        self.graded.changed.connect(self._emit)
        self.clear_button.clicked.connect(self.clear)
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self._on_replaced)
        self._last: TimelineFilter | None = None
        # Choices are read when a menu opens, not at start or after every edit: at 5,000
        # actors and 10,000 articles that is most of a second each time (profiled).
        self._stale = True
        for button in (self.actors, self.types, self.tags, self.articles):
            button.menu().aboutToShow.connect(self._fresh_choices)

    def current_filter(self) -> TimelineFilter:
        return TimelineFilter(
            actor_ids=self.actors.selected(),
            types=self.types.selected(),
            tags=self.tags.selected(),
            article_ids=self.articles.selected(),
            date_from=self.date_from.bound(),
            date_to=self.date_to.bound(),
            text=self.text.text().strip(),
            single_source=self.single_source.isChecked(),
            fact_statuses=self.statuses.selected(),
            **self.graded.fields(),
        )

    def set_filter(self, flt: TimelineFilter) -> None:
        self.actors.set_selected(flt.actor_ids)
        self.types.set_selected(flt.types)
        self.tags.set_selected(flt.tags)
        self.articles.set_selected(flt.article_ids)
        self.statuses.set_selected(flt.fact_statuses)
        self.graded.set_fields(flt)
        self.date_from.setText(flt.date_from[:10] if flt.date_from else "")
        self.date_to.setText(flt.date_to[:10] if flt.date_to else "")
        self.text.blockSignals(True)
        self.text.setText(flt.text)
        self.text.blockSignals(False)
        self.single_source.blockSignals(True)
        self.single_source.setChecked(flt.single_source)
        self.single_source.blockSignals(False)
        self._emit()

    def clear(self) -> None:
        self.set_filter(TimelineFilter())

    def select_item(self, kind: str, id: str) -> None:
        """Nothing to select here; present so every panel takes the same wiring."""

    def reload_choices(self) -> None:
        self._stale = False
        project = self.session.project
        self.actors.set_choices([(r["id"], r["name"]) for r in actor_choices(project)])
        self.types.set_choices([(t, t) for t in event_types(project)])
        self.tags.set_choices([(t, t) for t in tag_names(project)])
        self.articles.set_choices(
            [
                (r["id"], " — ".join(x for x in (r["outlet"], r["title"]) if x))
                for r in article_choices(project)
            ]
        )

    def _emit(self) -> None:
        self._typing.stop()
        flt = self.current_filter()
        if flt != self._last:
            self._last = flt
            self.filterChanged.emit(flt)

    def _fresh_choices(self) -> None:
        if self._stale:
            self.reload_choices()

    def _on_changed(self, touched: Changes) -> None:
        if REFRESH_ON & touched.keys():
            before = self.current_filter()
            if before.is_empty():
                self._stale = True  # nothing chosen can have vanished: read on next open
                return
            self.reload_choices()
            if self.current_filter() != before:
                self._emit()  # a chosen actor or tag is gone

    def _on_replaced(self) -> None:
        self._stale = True
        self._last = None
        self.set_filter(TimelineFilter())
