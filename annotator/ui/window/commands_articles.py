"""Article commands: import, the article's details, and exporting what the table shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.files import write_output
from annotator.core.text import counted
from annotator.store import operations
from annotator.store.exporting import ExportRequest, export_text
from annotator.ui.dialogs.forms import ArticleMetadataDialog
from annotator.ui.window.parts import WindowParts

IMPORT_FILTER = "Articles (*.txt *.text *.md *.markdown *.html *.htm *.xhtml);;All files (*)"


class ArticleCommands:
    def __init__(self, parts: WindowParts):
        self.parts = parts
        self.session = parts.session
        self.metadata_dialog: ArticleMetadataDialog | None = None
        parts.importer.finished.connect(self._imported)

    def import_articles(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.parts.window, "Import articles", "", IMPORT_FILTER
        )
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> None:
        if not self.parts.importer.start(paths):
            self.parts.status("An import is already running.", 5000)

    def _imported(self, ids: list[str]) -> None:
        if ids:
            self.parts.status(f"Imported {counted(len(ids), 'article')}. Ctrl+Z undoes it.", 8000)
            self.parts.articles.select_article(ids[0])

    def edit_article(self) -> None:
        article_id = self.parts.reader.article_id
        row = self.session.project.row("articles", article_id) if article_id else None
        if row is None:
            self.parts.status("Open an article first.", 5000)
            return
        dialog = ArticleMetadataDialog(
            row, day_first=self.session.day_first, parent=self.parts.window
        )
        self.metadata_dialog = dialog

        def done(result: int) -> None:
            self.metadata_dialog = None
            dialog.deleteLater()
            if result == dialog.DialogCode.Accepted:
                # values() is read inside the edit: a date it cannot read is reported there
                self.session.edit(
                    lambda project: operations.update_article(project, row["id"], **dialog.values())
                )

        dialog.finished.connect(done)
        dialog.open()

    def shown_export(self, fmt: str) -> ExportRequest:
        """The export of what the timeline table shows: its filter applies."""
        table = self.parts.table
        flt = table.current_filter()
        if flt.is_empty():
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

    def export_csv(self) -> None:
        self.export_shown("csv")

    def export_json(self) -> None:
        self.export_shown("json")

    def export_shown(self, fmt: str) -> None:
        suffix = {"csv": "CSV (*.csv)", "json": "JSON (*.json)"}[fmt]
        path = self.session.project.path
        base = Path(path).stem if path else "export"
        target, _ = QFileDialog.getSaveFileName(
            self.parts.window, f"Export as {fmt.upper()}", f"{base}.{fmt}", suffix
        )
        if not target:
            return
        try:
            text = export_text(self.session.project, self.shown_export(fmt))
            write_output(Path(target), text)
        except AnnotatorError as exc:
            self.parts.show_error(exc)
            return
        except OSError as exc:
            self.parts.show_error(
                InputError(exc.strerror or str(exc), where=target, hint="choose another folder")
            )
            return
        self.parts.status(f"Exported to {target}", 8000)
