"""Article commands: import, the article's details, and exporting what the table shows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.text import counted
from annotator.store import operations
from annotator.store.panel_queries import article_rows, export_counts
from annotator.store.versions import chain, newest_version, version_labels
from annotator.ui.common.pdf import html_to_pdf
from annotator.ui.common.plain import rich_escaped
from annotator.ui.dialogs.forms import ArticleMetadataDialog
from annotator.ui.editing import edits
from annotator.ui.table.grade_filters import grade_filter_words
from annotator.ui.timeline.feed import entries_from_project
from annotator.ui.window import export_runner
from annotator.ui.window.export_runner import Written, write_file
from annotator.ui.window.parts import WindowParts
from annotator.ui.window.url_import import UrlImportController

if TYPE_CHECKING:  # the dialogs and writers load when first used, not at the app's start
    from annotator.store.exporting import ExportRequest
    from annotator.ui.dialogs.article_urls import ArticleUrlsDialog
    from annotator.ui.dialogs.export import ExportChoice, ExportDialog
    from annotator.ui.dialogs.url_import import UrlImportDialog
    from annotator.ui.dialogs.versions import NewVersionDialog, VersionDiffDialog

IMPORT_FILTER = (
    "Articles (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.pdf *.docx *.eml *.rss "
    "*.atom);;All files (*)"
)


class ArticleCommands:
    def __init__(self, parts: WindowParts):
        self.parts = parts
        self.session = parts.session
        self.metadata_dialog: ArticleMetadataDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.url_dialog: UrlImportDialog | None = None
        self.version_dialog: NewVersionDialog | None = None
        self.diff_dialog: VersionDiffDialog | None = None
        self.urls_dialog: ArticleUrlsDialog | None = None
        parts.importer.finished.connect(self._imported)
        self.exporter = export_runner.ExportRunner(parts.window)
        self.exporter.done.connect(self._exported)
        self.url_importer = UrlImportController(parts.session, parts.window)
        self.url_importer.finished.connect(self._imported)

    def import_articles(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.parts.window, "Import articles", "", IMPORT_FILTER
        )
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_url(self) -> None:
        """File > Import from URL: the addresses, then the fetch in the background."""
        if self.url_importer.busy():
            self.parts.status("An import from the web is already running.", 5000)
            return
        from annotator.ui.dialogs.url_import import UrlImportDialog

        dialog = UrlImportDialog(self.parts.window)
        self.url_dialog = dialog

        def done(result: int) -> None:
            self.url_dialog = None
            dialog.deleteLater()
            if result == dialog.DialogCode.Accepted:
                self.url_importer.start(dialog.urls())

        dialog.finished.connect(done)
        dialog.open()

    def import_paths(self, paths: list[Path]) -> None:
        if not self.parts.importer.start(paths):
            self.parts.status("An import is already running.", 5000)

    def drag_entered(self, event: QDragEnterEvent) -> None:
        """Files dropped on the window are imported: local files only."""
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropped(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        files = [p for p in paths if p.is_file()]
        if files:
            event.acceptProposedAction()
            self.import_paths(files)

    def _imported(self, ids: list[str]) -> None:
        if ids:
            versions = self.parts.importer.versions
            done = f"Imported {counted(len(ids), 'article')}"
            if len(versions) == 1:
                done = f"Imported {versions[0].words()}"
            elif versions:
                done += f" ({counted(len(versions), 'new version')})"
            self.parts.status(f"{done}. Ctrl+Z undoes it.", 12000)
            self.parts.articles.select_article(ids[0])

    def import_new_version(self) -> None:
        """File > Import New Version of This Article: which article, which file, then the
        import (one undoable edit, see ``store.versions``)."""
        project = self.session.project
        rows = [dict(r) for r in article_rows(project) if not r.get("superseded")]
        if not rows:
            self.parts.status("Import an article first.", 5000)
            return
        current = self.parts.reader.article_id
        from annotator.ui.dialogs.versions import NewVersionDialog

        dialog = NewVersionDialog(
            rows, newest_version(project, current) if current else None, self.parts.window
        )
        self.version_dialog = dialog

        def done(result: int) -> None:
            self.version_dialog = None
            dialog.deleteLater()
            if result == dialog.DialogCode.Accepted:
                article_id, path = dialog.values()
                if not self.parts.importer.start([path], new_version_of=article_id):
                    self.parts.status("An import is already running.", 5000)

        dialog.finished.connect(done)
        dialog.open()

    def show_changes(self) -> None:
        """View > Show What Changed: the open article against its previous version (the
        first version against the next one)."""
        article_id = self.parts.reader.article_id
        if not article_id:
            self.parts.status("Open an article first.", 5000)
            return
        project = self.session.project
        versions = chain(project, article_id)
        if len(versions) < 2:
            self.parts.status(
                "This article has no other version (File > Import New Version of This "
                "Article adds one).",
                8000,
            )
            return
        labels = version_labels(project)
        for v in versions:
            v["version"] = labels.get(v["id"], "")
        ids = [v["id"] for v in versions]
        at = ids.index(article_id)
        old_id, new_id = (ids[at - 1], article_id) if at else (article_id, ids[1])
        from annotator.ui.dialogs.versions import VersionDiffDialog

        dialog = VersionDiffDialog(versions, old_id, new_id, self.parts.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.diff_dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "diff_dialog", None))
        dialog.show()

    def delete_article(self) -> None:
        """Delete the open article (asks first; undoable; refused while it is cited)."""
        article_id = self.parts.reader.article_id
        row = self.session.project.row("articles", article_id) if article_id else None
        if row is None:
            self.parts.status("Open an article first.", 5000)
            return
        answer = QMessageBox.question(
            self.parts.window,
            "Delete article",
            rich_escaped(
                f"Delete the article “{row['title'][:80]}”?\n"
                "(Edit > Undo brings it back; an article that items cite is kept.)"
            ),
        )
        if answer == QMessageBox.StandardButton.Yes and edits.delete_article(
            self.session, row["id"]
        ):
            self.parts.status(f"Deleted “{row['title'][:60]}”. Ctrl+Z undoes it.", 8000)

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
        from annotator.store.exporting import ExportRequest

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
            # words, single source, fact status, grades: exactly the rows the table shows
            event_ids=(
                frozenset(table.visible_event_ids())
                if flt.text
                or flt.single_source
                or flt.fact_statuses
                or flt.worst_reliability
                or flt.worst_credibility
                or flt.assessments
                else None
            ),
        )

    def filter_words(self) -> str:
        """The table's filter in words, for the Export dialog to say what it applies."""
        flt = self.parts.table.current_filter()
        project = self.session.project

        def names(table: str, ids: tuple[str, ...], column: str) -> str:
            rows = (project.row(table, i) for i in ids)
            return ", ".join(f"“{str(r[column])[:40]}”" for r in rows if r)

        bits = []
        if flt.actor_ids:
            bits.append(f"{'actor' if len(flt.actor_ids) == 1 else 'actors'} "
                        + names("actors", flt.actor_ids, "name"))  # fmt: skip
        if flt.types:
            bits.append(("type " if len(flt.types) == 1 else "types ") + ", ".join(flt.types))
        if flt.tags:
            bits.append(("tag " if len(flt.tags) == 1 else "tags ") + ", ".join(flt.tags))
        if flt.article_ids:
            bits.append("from " + names("articles", flt.article_ids, "title"))
        if flt.date_from:
            bits.append(f"dated from {flt.date_from[:10]}")
        if flt.date_to:
            bits.append(f"dated to {flt.date_to[:10]}")
        if flt.text:
            bits.append(f"words “{flt.text[:40]}”")
        if flt.single_source:
            bits.append("single source only")
        bits += grade_filter_words(flt)
        return "filtered by " + "; ".join(bits) if bits else "no filter"

    def export(self) -> None:
        """File > Export: the dialog, then the file, written whole or not at all."""
        shown = self.shown_export("csv")
        project = self.session.project
        every = export_counts(project)
        in_table = counted(self.parts.table.model.total(), "event")
        path = project.path
        from annotator.ui.dialogs.export import ExportDialog

        dialog = ExportDialog(
            Path(path).stem if path else "chronology",
            shown,
            (in_table if shown.filtered else every, every),
            self.filter_words(),
            self.parts.window,
        )
        self.export_dialog = dialog

        def done(result: int) -> None:
            self.export_dialog = None
            dialog.deleteLater()
            if result == dialog.DialogCode.Accepted:
                choice = dialog.result_choice()
                if choice.request.fmt == "hypothesis":
                    self.export_hypothesis(choice)
                else:
                    self.write_export(choice)

        dialog.finished.connect(done)
        dialog.open()

    def export_hypothesis(self, choice: ExportChoice) -> None:
        """Hypothesis annotates live pages: first ask for the web addresses of the cited
        articles that have none, save those given as one undoable edit, then export; the
        articles left blank are left out, and the message after the export names them."""
        from annotator.store.exporting import articles_without_url

        try:
            missing = articles_without_url(self.session.project, choice.request)
        except AnnotatorError as exc:
            self.parts.show_error(exc)
            return
        if not missing or self.session.readonly:
            self.write_export(choice)
            return
        from annotator.ui.dialogs.article_urls import ArticleUrlsDialog

        dialog = ArticleUrlsDialog(missing, self.parts.window)
        self.urls_dialog = dialog

        def done(result: int) -> None:
            self.urls_dialog = None
            dialog.deleteLater()
            if result != dialog.DialogCode.Accepted:
                self.parts.status("Nothing exported.", 5000)
                return
            urls = dialog.urls()
            if urls and not edits.set_article_urls(self.session, urls):
                return  # the session has said why
            self.write_export(choice)

        dialog.finished.connect(done)
        dialog.open()

    def _write_drawn(self, choice: ExportChoice) -> None:
        """The drawn timeline laid out for print: what the table shows (as drawn) or every
        dated item, over all their dates or only the dates the window shows."""
        chart = self.parts.chart
        if chart is None:
            raise InputError("there is no drawn timeline in this window", where="Export")
        project = self.session.project
        entries = None if choice.request.filtered else entries_from_project(project)
        page = chart.printed(not choice.dates_shown, entries)
        from annotator.ui.timeline import export as timeline_export  # when first used: 20 ms

        if choice.request.fmt == "timeline_png":
            timeline_export.export_png(page, choice.path)
        else:
            timeline_export.export_svg(page, choice.path)

    def write_export(self, choice: ExportChoice) -> bool:
        """Write the file; a large chronology is written in the background (the window stays
        usable and says when it is done). True when the file is written or being written."""
        from annotator.store.exporting import export_text
        from annotator.ui.dialogs.export import DRAWN

        request, target = choice.request, choice.path
        project = self.session.project
        try:
            if request.fmt == "pdf":
                html = export_text(project, replace(request, fmt="html"))
                html_to_pdf(html, target, title=target.stem)
                return self._exported(Written(target))
            if request.fmt in DRAWN:
                self._write_drawn(choice)
                return self._exported(Written(target))
        except AnnotatorError as exc:
            return self._exported(Written(target, error=exc))
        except OSError as exc:
            error = InputError(
                exc.strerror or str(exc), where=str(target), hint="choose another folder"
            )
            return self._exported(Written(target, error=error))
        large = self.parts.table.model.total() >= export_runner.IN_BACKGROUND_FROM
        if large and project.path is not None and not self.exporter.busy:
            self.parts.status(f"Exporting to {target} in the background…", 0)
            self.exporter.start(Path(project.path), request, target)
            return True
        return self._exported(write_file(project, request, target))

    def _exported(self, written: object) -> bool:
        assert isinstance(written, Written)
        if written.cancelled:
            self.parts.status(f"Export stopped: {written.target} left as it was.", 12000)
            return False
        if written.error is not None:
            self.parts.show_error(written.error)
            return False
        note = ""
        if written.left_out:  # what the format cannot hold is said, not silently dropped
            note = f"; {written.left_out}"
            QMessageBox.information(
                self.parts.window, "Exported, with some left out", rich_escaped(written.left_out)
            )
        self.parts.status(f"Exported to {written.target}{note}", 12000)
        return True
