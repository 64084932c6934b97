"""Full-text search across articles and items; a result opens its passage.

Activating an item (event, actor, claim) selects it and shows the passage it was first
cited from; activating an article shows where the first searched word occurs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from annotator.core.text import counted
from annotator.store.search import MAX_TERMS, SearchHit, search, words_left_out
from annotator.ui.common.plain import plain_label
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.widgets.panel import Panel

HIT_ROLE = Qt.ItemDataRole.UserRole
KIND_LABEL = {
    "article": "Article",
    "event": "Event",
    "actor": "Actor",
    "claim": "Claim",
    "note": "Memo",
}


class SearchPanel(Panel):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.session = session
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Search articles, events, actors, claims, memos…")
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.summary = plain_label("", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self._typing = QTimer(self)  # one query after a pause, not one per key
        self._typing.setSingleShot(True)
        self._typing.setInterval(150)  # a pause in typing, not work: at most 150 ms
        self._typing.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._typing.start())
        self.query.returnPressed.connect(self._enter)
        self.results.itemActivated.connect(self.open_hit)
        self.results.itemClicked.connect(self.open_hit)
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self.run_search)
        self.run_search()

    def select_item(self, kind: str, id: str) -> None:
        for i in range(self.results.count()):
            hit: SearchHit = self.results.item(i).data(HIT_ROLE)
            if (hit.kind, hit.id) == (kind, id):
                self.results.setCurrentRow(i)
                return

    def set_query(self, text: str) -> None:
        self.query.setText(text)
        self.run_search()

    def hits(self) -> list[SearchHit]:
        return [self.results.item(i).data(HIT_ROLE) for i in range(self.results.count())]

    def run_search(self) -> None:
        self._typing.stop()
        self.results.clear()
        text = self.query.text().strip()
        if not text:
            self.summary.setText("Type words to search; the last one may be a prefix.")
            return
        hits = search(self.session.project, text)
        for hit in hits:
            snippet = " ".join(hit.snippet.split())
            if hit.kind == "actor":  # aliases are a JSON list: its brackets are not marks
                snippet = snippet.replace("[", "").replace("]", "").replace('"', "")
            else:
                snippet = snippet.replace("[", "«").replace("]", "»")
            label = f"{KIND_LABEL.get(hit.kind, hit.kind)}: {hit.label}"
            if snippet and snippet != hit.label:
                label += f"\n    {snippet}"
            item = QListWidgetItem(label)
            item.setData(HIT_ROLE, hit)
            item.setToolTip("Show the passage" if hit.start is not None else "Select it")
            self.results.addItem(item)
        summary = f"{counted(len(hits), 'result')}" if hits else "No results"
        left_out = words_left_out(text)
        if left_out:
            summary += f" for the first {MAX_TERMS} distinct words ({left_out} more left out)"
        self.summary.setText(summary)

    def open_hit(self, item: QListWidgetItem) -> None:
        hit: SearchHit = item.data(HIT_ROLE)
        if hit.kind == "note":  # a memo opens what it is about
            if hit.target_kind in ("event", "actor", "claim") and hit.target_id:
                self.itemSelected.emit(hit.target_kind, hit.target_id)
            elif hit.article_id:
                self.showPassage.emit(hit.article_id, hit.start or 0, hit.end or 0)
            return
        if hit.kind != "article":
            self.itemSelected.emit(hit.kind, hit.id)
        if hit.article_id and hit.start is not None and hit.end is not None:
            self.showPassage.emit(hit.article_id, hit.start, hit.end)

    def _enter(self) -> None:
        self.run_search()
        if self.results.count():
            self.results.setCurrentRow(0)
            self.results.setFocus()

    def _on_changed(self, touched: Changes) -> None:
        # Results name labels and passages; re-run only when something searchable changed.
        if self.query.text().strip() and touched.keys() & {
            "articles",
            "events",
            "actors",
            "claims",
            "citations",
            "notes",
        }:
            current = self.results.currentRow()
            self.run_search()
            if 0 <= current < self.results.count():
                self.results.setCurrentRow(current)
