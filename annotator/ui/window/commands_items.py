"""Item commands and moving around: delete, drag a date, jump to a passage, focus a view."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from annotator import APP_NAME, __version__
from annotator.store.panel_queries import cited_spans
from annotator.ui.common.plain import rich_escaped
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
        answer = QMessageBox.question(
            self.parts.window,
            f"Delete {kind}",
            rich_escaped(
                f"Delete the {kind} “{label[:80]}” and its citations?\n"
                "(Edit > Undo brings it back.)"
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            edits.delete_item(self.session, kind, item_id)

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

    def show_keys(self) -> None:
        QMessageBox.information(self.parts.window, "Keyboard shortcuts", shortcuts_html())
