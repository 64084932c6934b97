"""Item commands and moving around: delete, drag a date, jump to a passage, focus a view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from annotator import APP_NAME, __version__
from annotator.core.dates.value import DateValue
from annotator.core.text import counted
from annotator.store.panel_queries import cited_spans, merge_candidates
from annotator.store.relations import relation_count
from annotator.ui.common.plain import rich_escaped
from annotator.ui.dialogs.merge_events import MergeCandidate, MergeEventsDialog
from annotator.ui.dialogs.relate import RelateDialog
from annotator.ui.editing import edits
from annotator.ui.editing.selection import Selected
from annotator.ui.window.bulk_command import BulkEditCommand
from annotator.ui.window.menus import shortcuts_html
from annotator.ui.window.parts import WindowParts

ITEM_DOCKS = {"event": "timeline_table", "actor": "actors", "claim": "claims"}


class ItemCommands:
    def __init__(self, parts: WindowParts):
        self.parts = parts
        self.session = parts.session
        self._jump_index = 0  # which of the selected item's passages Ctrl+J shows next
        self.merge_dialog: MergeEventsDialog | None = None
        self.memo_dialog: QDialog | None = None
        self.bulk = BulkEditCommand(parts)  # Edit Selected
        parts.selection.changed.connect(self._selection_changed)

    def _selection_changed(self, _selected: Selected) -> None:
        self._jump_index = 0

    def item_kind(self, item_id: str) -> str:
        """The drawn timeline holds events and claims by id alone."""
        return "claim" if self.session.project.row("claims", item_id) else "event"

    def delete_selected(self) -> None:
        current = self.parts.selection.current
        if not current:
            self.parts.status("Select an item to delete.", 5000)
            return
        kind, item_id = current
        row = self.session.project.row(f"{kind}s", item_id)
        if row is None:
            return
        label = row.get("headline") or row.get("name") or row.get("text") or item_id
        related = relation_count(self.session.project, item_id) if kind == "event" else 0
        links = (
            f", its citations and its {counted(related, 'relation')}"
            if related
            else (" and its citations")
        )
        answer = QMessageBox.question(
            self.parts.window,
            f"Delete {kind}",
            rich_escaped(
                f"Delete the {kind} “{label[:80]}”{links}?\n"
                "(Edit > Undo brings it back, with them.)"
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            edits.delete_item(self.session, kind, item_id)

    def merge_selected_events(self) -> None:
        """Fold duplicate events chosen in the timeline table into the one the analyst keeps."""
        ids = self.parts.table.selected_event_ids()
        if len(ids) < 2:
            self.parts.status("Select two or more events in the timeline table to merge.", 6000)
            return
        self.merge_events(ids)

    def merge_events(self, ids: list[str]) -> None:
        """Ask which of these events to keep, then fold the others into it."""
        day_first = self.session.day_first
        candidates = [
            MergeCandidate(
                r["id"],
                r["headline"],
                DateValue.from_edtf(r["date"]).display(day_first) if r["date"] else "",
                r["citations"],
                r["outlets"],
            )
            for r in merge_candidates(self.session.project, ids)
        ]
        dialog = MergeEventsDialog(candidates, self.parts.window)
        self.merge_dialog = dialog  # reachable while open (tests answer it)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                edits.merge_events(self.session, dialog.kept(), dialog.merged())
        finally:
            self.merge_dialog = None

    def relate_selected(self) -> None:
        """Relate the two events selected in the table; with one, relate it to one picked."""
        ids = self.parts.table.selected_event_ids()
        current = self.parts.selection.current
        if len(ids) < 2 and current and current[0] == "event":
            ids = [current[1]]
        if not ids or len(ids) > 2:
            self.parts.status(
                "Select two events in the timeline table (Ctrl+click) to relate them.", 6000
            )
            return
        project = self.session.project
        rows = [project.row("events", i) for i in ids]
        if any(r is None for r in rows):
            return
        dialog = RelateDialog(
            project,
            rows[0] or {},
            rows[1] if len(rows) > 1 else None,
            parent=self.parts.window,
            day_first=self.session.day_first,
        )

        def done(result: int) -> None:
            relation = dialog.relation() if result else None
            dialog.deleteLater()
            if relation is not None:
                edits.relate_events(self.session, *relation)

        dialog.finished.connect(done)
        dialog.open()

    def confirm_date(self) -> None:
        """Confirm the selected event's suggested date, keeping its phrase (F9, after F8)."""
        current = self.parts.selection.current
        row = self.session.project.row("events", current[1]) if current else None
        if not current or current[0] != "event" or row is None:
            self.parts.status("Select an event whose date was suggested to confirm it.", 6000)
            return
        if row["date_status"] != "suggested":
            self.parts.status("This event's date is not a suggestion waiting to be checked.", 6000)
            return
        if edits.confirm_date(self.session, row["id"]):
            self.parts.status(f"Date confirmed: {row['headline'][:60]}. F8 takes the next.", 6000)

    def date_dragged(self, item_id: str, days: int) -> None:
        edits.shift_date(self.session, self.item_kind(item_id), item_id, days)

    def edit_selected(self) -> None:
        self.bulk.edit_selected()

    def date_resized(self, event_id: str, edtf: str) -> None:
        edits.set_day_range(self.session, event_id, edtf)

    def jump(self) -> None:
        """From the reader to the selected item's view; from anywhere else to its passage."""
        current = self.parts.selection.current
        if self.parts.reader.hasFocus() and current:
            self.focus_item_view(current[0])
        else:
            self.jump_to_passage()

    def jump_to_passage(self) -> None:
        """Show the selected item's passages in turn (each press shows the next one)."""
        current = self.parts.selection.current
        if not current:
            self.parts.status("Select an item first.", 5000)
            return
        kind, item_id = current
        rows = cited_spans(self.session.project, kind, item_id)
        if not rows:
            self.parts.status(f"This {kind} cites no passage.", 5000)
            return
        r = rows[self._jump_index % len(rows)]
        self._jump_index += 1
        self.parts.show_passage(r["article_id"], r["start"], r["end"])
        self.parts.reader.setFocus()

    def focus_item_view(self, kind: str) -> None:
        key = ITEM_DOCKS[kind]
        self.parts.docks.show(key, self.parts.panels[key])

    def focus_search(self) -> None:
        self.parts.docks.show("search")
        field = self.parts.search.query
        field.setFocus()
        field.selectAll()

    def next_work(self) -> None:
        """F8: the next item of the chosen worklist, its tab brought forward to show where."""
        self.parts.docks.show("worklists")
        self.parts.worklists.next()

    def previous_work(self) -> None:
        self.parts.docks.show("worklists")
        self.parts.worklists.previous()

    def focus_reader(self) -> None:
        self.parts.reader.setFocus()

    def focus_timeline(self) -> None:
        self.focus_item_view("event")

    def quit(self) -> None:
        self.parts.window.close()

    def about(self) -> None:
        QMessageBox.about(
            self.parts.window,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nBuild cited, dated chronologies from "
            "source articles.\nEvery edit is saved as you make it.",
        )

    # -- fact status and memos -------------------------------------------------------

    def toggle_key_fact(self) -> None:
        """K: the selected event or claim becomes a key fact, or stops being one."""
        current = self.parts.selection.current
        if not current or current[0] not in ("event", "claim"):
            self.parts.status("Select an event or a claim to mark it as a key fact.", 5000)
            return
        kind, item_id = current
        row = self.session.project.row(f"{kind}s", item_id)
        if row is None:
            return
        status = None if row["fact_status"] == "key" else "key"
        if edits.set_fact_status(self.session, kind, item_id, status):
            label = str(row.get("headline") or row.get("text") or "")[:60]
            said = "Marked as a key fact" if status else "No longer a key fact"
            self.parts.status(f"{said}: {label} (Ctrl+Z undoes it)", 5000)

    def add_memo(self) -> None:
        """A memo on the reader's selection, else on the selected item, else on the article."""
        from annotator.ui.dialogs.memo import NewMemoDialog

        reader, session = self.parts.reader, self.session
        span = reader.selection_span() if reader.hasFocus() else None
        current = self.parts.selection.current
        write: Callable[[str], bool]
        if span and reader.article_id:
            article_id, (start, end) = reader.article_id, span
            quote = " ".join(reader.text[start:end].split())
            about = f"the passage “{quote[:80]}{'…' if len(quote) > 80 else ''}”"
            write = lambda text: edits.add_passage_note(session, (article_id, start, end), text)  # noqa: E731
        elif current:
            kind, item_id = current
            row = session.project.row(f"{kind}s", item_id) or {}
            label = str(row.get("headline") or row.get("name") or row.get("text") or "")
            about = f"the {kind} “{label[:80]}”"
            write = lambda text: edits.add_note(session, kind, item_id, text)  # noqa: E731
        elif reader.article_id:
            article_id = reader.article_id
            row = session.project.row("articles", article_id) or {}
            about = f"the article “{str(row.get('title') or '')[:80]}”"
            write = lambda text: edits.add_note(session, "article", article_id, text)  # noqa: E731
        else:
            self.parts.status("Select a passage, an item or an article for the memo.", 5000)
            return
        dialog = NewMemoDialog(about, write, self.parts.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.memo_dialog = dialog  # reachable while open (tests drive it)
        dialog.finished.connect(lambda _r: setattr(self, "memo_dialog", None))
        dialog.open()

    def show_keys(self) -> None:
        QMessageBox.information(self.parts.window, "Keyboard shortcuts", shortcuts_html())
