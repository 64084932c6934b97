"""What the window's menu commands do: projects, import, export, metadata, delete, jump.

A mixin of MainWindow (kept apart so each file stays readable). Dialogs are the static
QFileDialog / QMessageBox functions, which tests patch.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator import APP_NAME, __version__
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.files import write_output
from annotator.store import operations
from annotator.store.exporting import ExportRequest, export_text
from annotator.store.panel_queries import cited_spans
from annotator.store.project_setup import create_project
from annotator.ui import settings as app_settings
from annotator.ui.commands_menu import SHORTCUTS_HELP
from annotator.ui.dialogs import ArticleMetadataDialog, PreferencesDialog
from annotator.ui.plain import action_text, rich_escaped

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

IMPORT_FILTER = "Articles (*.txt *.text *.md *.markdown *.html *.htm *.xhtml);;All files (*)"
PROJECT_FILTER = "Timeline Annotator projects (*.db);;All files (*)"


class WindowCommandsMixin:
    # -- projects ------------------------------------------------------------------------

    def new_project(self: MainWindow) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "New project", str(Path.home() / "chronology.db"), PROJECT_FILTER
        )
        if not path:
            return

        path = Path(path) if Path(path).suffix else Path(path).with_suffix(".db")
        try:
            create_project(path, seed=False)
        except AnnotatorError as exc:
            self.show_error(exc)
            return
        self.open_path(path)

    def open_project(self: MainWindow) -> None:
        start = str(self.session.project.path.parent) if self.session.project.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open project", start, PROJECT_FILTER)
        if path:
            self.open_path(Path(path))

    def open_path(self: MainWindow, path: Path) -> bool:
        """Switch to another project file; the current one stays open if that one fails."""
        from annotator.ui.project_files import open_project

        prefs = app_settings.Preferences.load()
        try:
            project = open_project(path, analyst=prefs.analyst or None, parent=self)
        except AnnotatorError as exc:
            self.show_error(exc)
            return False
        self.session.replace_project(project)
        app_settings.add_recent(path)
        self.start_backup()
        self.start_anchor_check()
        return True

    def start_backup(self: MainWindow) -> None:
        """The rolling backup of the project just opened, made in the background."""
        from annotator.ui.project_files import BackupRunner

        if self.session.project.readonly:
            return
        self._backup_runner = BackupRunner(self)
        self._backup_runner.done.connect(self._backup_done)
        self._backup_runner.start(self.session.project.path)

    def start_anchor_check(self: MainWindow) -> None:
        """Every passage checked against its article on open; what moved is re-found."""
        from annotator.ui.project_files import AnchorCheckRunner

        if self.session.project.readonly:
            return
        self._anchor_runner = AnchorCheckRunner(self)
        self._anchor_runner.done.connect(self._anchors_checked)
        self._anchor_runner.start(self.session.project.path)

    def _anchors_checked(self: MainWindow, result: object) -> None:
        report, changeset = result  # type: ignore[misc]
        if self._closed or not changeset:
            return
        if self.session.run(changeset):
            self.statusBar().showMessage(
                f"{len(report.reanchored)} passage(s) found again in their article; "
                f"{len(report.orphaned)} could not be found and are kept as orphans "
                "(View > Orphaned Passages).",
                15000,
            )

    def show_orphans(self: MainWindow) -> None:
        from annotator.store.anchors import orphans
        from annotator.ui.dialogs import OrphansDialog

        dialog = OrphansDialog(orphans(self.session.project), self)
        self.orphans_dialog = dialog
        dialog.open()

    def _backup_done(self: MainWindow, made: str) -> None:
        if not made:
            self.statusBar().showMessage(
                "No backup could be written (disk full or read-only folder); "
                "your project itself is unharmed.",
                15000,
            )

    def restore_backup(self: MainWindow) -> None:
        from annotator.ui.project_files import choose_and_restore

        choose_and_restore(self, self.session)

    def _fill_recent(self: MainWindow) -> None:
        menu = self.recent_menu
        menu.clear()
        current = (
            str(Path(self.session.project.path).resolve()) if self.session.project.path else ""
        )
        items = [p for p in app_settings.recent_projects() if p != current]
        for path in items:
            action = menu.addAction(action_text(Path(path).name))
            action.setToolTip(rich_escaped(path))
            action.setStatusTip(path)
            action.triggered.connect(lambda _c=False, p=path: self._open_recent(p))
        if not items:
            menu.addAction("(none)").setEnabled(False)

    def _open_recent(self: MainWindow, path: str) -> None:
        if not Path(path).exists():
            app_settings.remove_recent(path)
            self.show_error(
                InputError(
                    "the project file is gone",
                    where=path,
                    hint="it was removed from the recent list",
                )
            )
            return
        self.open_path(Path(path))

    def merge_other(self: MainWindow) -> None:
        """Fold another analyst's project (or JSON export) in: one undoable edit, then a
        side-by-side review of the conflicts, if any."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Merge another analyst's file",
            "",
            "Projects and exports (*.db *.json);;All files (*)",
        )
        if not path:
            return
        from annotator.ui.merge_review import MergeReview, merge_file

        try:
            result = merge_file(self.session, Path(path))
        except AnnotatorError as exc:
            self.show_error(exc)
            return
        self.statusBar().showMessage(result.summary(), 12000)
        if result.conflicts:
            review = MergeReview(self.session, self)
            self.merge_dialog = review
            review.finished.connect(lambda _r: review.deleteLater())
            review.open()

    # -- articles ------------------------------------------------------------------------

    def import_articles(self: MainWindow) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import articles", "", IMPORT_FILTER)
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_paths(self: MainWindow, paths: list[Path]) -> None:
        if not self.importer.start(paths):
            self.statusBar().showMessage("An import is already running.", 5000)

    def _imported(self: MainWindow, ids: list) -> None:
        if ids:
            self.statusBar().showMessage(f"Imported {len(ids)} article(s). Ctrl+Z undoes it.", 8000)
            self.articles.select_article(ids[0])

    def edit_article(self: MainWindow) -> None:
        article_id = self.reader.article_id
        row = self.session.project.row("articles", article_id) if article_id else None
        if row is None:
            self.statusBar().showMessage("Open an article first.", 5000)
            return
        dialog = ArticleMetadataDialog(row, day_first=self.session.day_first, parent=self)
        self.metadata_dialog = dialog

        def done(result: int) -> None:
            self.metadata_dialog = None
            dialog.deleteLater()
            if result != dialog.DialogCode.Accepted:
                return
            try:
                cs = operations.update_article(self.session.project, row["id"], **dialog.values())
            except AnnotatorError as exc:
                self.show_error(exc)
                return
            self.session.run(cs)
            self._update_title()

        dialog.finished.connect(done)
        dialog.open()

    # -- export --------------------------------------------------------------------------

    def shown_export(self: MainWindow, fmt: str) -> ExportRequest:
        """The export of what the timeline table shows: its filter applies."""
        table = self.panels.get("timeline_table")
        current = getattr(table, "current_filter", None)
        flt = current() if callable(current) else None
        if flt is None or flt.is_empty():
            return ExportRequest(fmt=fmt)
        return ExportRequest(
            fmt=fmt,
            actors=tuple(flt.actor_ids),
            tags=tuple(flt.tags),
            types=tuple(flt.types),
            articles=tuple(flt.article_ids),
            date_from=flt.date_from,
            date_to=flt.date_to,
            # words: exactly the rows the table shows
            event_ids=frozenset(table.visible_event_ids()) if flt.text else None,
        )

    def export_shown(self: MainWindow, fmt: str) -> None:
        suffix = {"csv": "CSV (*.csv)", "json": "JSON (*.json)"}[fmt]
        base = Path(self.session.project.path).stem if self.session.project.path else "export"
        path, _ = QFileDialog.getSaveFileName(
            self, f"Export as {fmt.upper()}", f"{base}.{fmt}", suffix
        )
        if not path:
            return
        try:
            text = export_text(self.session.project, self.shown_export(fmt))
            write_output(Path(path), text)
        except AnnotatorError as exc:
            self.show_error(exc)
            return
        except OSError as exc:
            self.show_error(
                InputError(exc.strerror or str(exc), where=path, hint="choose another folder")
            )
            return
        self.statusBar().showMessage(f"Exported to {path}", 8000)

    # -- items ---------------------------------------------------------------------------

    def delete_selected(self: MainWindow) -> None:
        if not self.selected:
            self.statusBar().showMessage("Select an item to delete.", 5000)
            return
        kind, item_id = self.selected
        row = self.session.project.row(f"{kind}s", item_id)
        if row is None:
            return
        label = row.get("headline") or row.get("name") or row.get("text") or item_id
        answer = QMessageBox.question(
            self,
            f"Delete {kind}",
            rich_escaped(
                f"Delete the {kind} “{label[:80]}” and its citations?\n"
                "(Edit > Undo brings it back.)"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            cs = operations.delete_item(self.session.project, kind, item_id)
        except AnnotatorError as exc:
            self.show_error(exc)
            return
        self.session.run(cs)

    def _timeline_dragged(self: MainWindow, item_id: str, days: int) -> None:
        from annotator.core.dates.value import DateValue

        kind = "claim" if self.session.project.row("claims", item_id) else "event"
        row = self.session.project.row(f"{kind}s", item_id)
        column = "claimed" if kind == "claim" else "date"
        if row is None or not row[column]:
            return
        try:
            value = DateValue.from_edtf(row[column]).shifted(days)
            cs = operations.update_item(self.session.project, kind, item_id, **{column: value})
        except AnnotatorError as exc:
            self.show_error(exc)
            return
        self.session.run(cs)

    # -- moving around -------------------------------------------------------------------

    def jump(self: MainWindow) -> None:
        """From the reader to the selected item's view; from anywhere else to its passage."""
        if self.reader.hasFocus() and self.selected:
            self.focus_item_view(self.selected[0])
        else:
            self.jump_to_passage()

    def jump_to_passage(self: MainWindow) -> None:
        """Show the selected item's passages in turn (each press shows the next one)."""
        if not self.selected:
            self.statusBar().showMessage("Select an item first.", 5000)
            return
        kind, item_id = self.selected
        rows = cited_spans(self.session.project, kind, item_id)
        if not rows:
            self.statusBar().showMessage(f"This {kind} cites no passage.", 5000)
            return
        r = rows[self._jump_index % len(rows)]
        self._jump_index += 1
        self.show_passage(r["article_id"], r["start"], r["end"])
        self.reader.setFocus()

    def focus_item_view(self: MainWindow, kind: str) -> None:
        key = {"event": "timeline_table", "actor": "actors", "claim": "claims"}[kind]
        self.docks[key].show()
        self.docks[key].raise_()
        self.panels[key].setFocus()

    def focus_search(self: MainWindow) -> None:
        self.docks["search"].show()
        self.docks["search"].raise_()
        panel = self.panels["search"]
        field = getattr(panel, "query", None)  # the panel's search field, when it has one
        if field is not None:
            field.setFocus()
            field.selectAll()
        else:
            panel.setFocus()

    def focus_reader(self: MainWindow) -> None:
        self.reader.setFocus()

    def focus_timeline(self: MainWindow) -> None:
        self.focus_item_view("event")

    # -- preferences and help ------------------------------------------------------------

    def edit_preferences(self: MainWindow) -> None:
        dialog = PreferencesDialog(app_settings.Preferences.load(), self)
        self.preferences_dialog = dialog

        def done(result: int) -> None:
            self.preferences_dialog = None
            dialog.deleteLater()
            if result == dialog.DialogCode.Accepted:
                prefs = dialog.preferences()
                prefs.save()
                self.apply_preferences(prefs)

        dialog.finished.connect(done)
        dialog.open()

    def apply_preferences(self: MainWindow, prefs: app_settings.Preferences) -> None:
        self.session.day_first = prefs.day_first
        if prefs.analyst:
            self.session.project.analyst = prefs.analyst
        self.articles.model.reload()

    def about(self: MainWindow) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nBuild cited, dated chronologies from "
            "source articles.\nEvery edit is saved as you make it.",
        )

    def show_keys(self: MainWindow) -> None:
        QMessageBox.information(self, "Keyboard shortcuts", SHORTCUTS_HELP)
