"""Project commands: new, open, recent, merge, backups, orphans, preferences.

Dialogs are the static QFileDialog / QMessageBox functions, which tests patch.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.text import counted
from annotator.store.anchors import AnchorReport, orphans
from annotator.store.changes import ChangeSet
from annotator.store.project_setup import create_project
from annotator.ui.common import settings as app_settings
from annotator.ui.common.plain import action_text, rich_escaped
from annotator.ui.common.theme import apply_scheme, chosen_scheme
from annotator.ui.dialogs.forms import OrphansDialog, PreferencesDialog
from annotator.ui.window.parts import WindowParts

if TYPE_CHECKING:  # loaded when first used, not at the app's start
    from annotator.ui.dialogs.merge_review import MergeReview
from annotator.ui.window.project_files import (
    AnchorCheckRunner,
    BackupRunner,
    choose_and_restore,
    open_project,
)

PROJECT_FILTER = "Timeline Annotator projects (*.db);;All files (*)"


def short_folder(path: str) -> str:
    """The file's folder, with the home folder as ~."""
    folder = Path(path).parent
    try:
        return f"~/{folder.relative_to(Path.home())}".rstrip("/.")
    except ValueError:
        return str(folder)


class ProjectCommands:
    def __init__(self, parts: WindowParts):
        self.parts = parts
        self.session = parts.session
        self.orphans_dialog: OrphansDialog | None = None
        self.merge_dialog: MergeReview | None = None
        self.preferences_dialog: PreferencesDialog | None = None
        self._backup_runner: BackupRunner | None = None
        self._anchor_runner: AnchorCheckRunner | None = None

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.parts.window, "New project", str(Path.home() / "chronology.db"), PROJECT_FILTER
        )
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path).with_suffix(".db")
        try:
            create_project(target, seed=False)
        except AnnotatorError as exc:
            self.parts.show_error(exc)
            return
        self.open_path(target)

    def open_project(self) -> None:
        current = self.session.project.path
        start = str(Path(current).parent) if current else ""
        path, _ = QFileDialog.getOpenFileName(
            self.parts.window, "Open project", start, PROJECT_FILTER
        )
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        """Switch to another project file; the current one stays open if that one fails."""
        prefs = app_settings.Preferences.load()
        try:
            project = open_project(path, analyst=prefs.analyst or None, parent=self.parts.window)
        except AnnotatorError as exc:
            self.parts.show_error(exc)
            return False
        self.session.replace_project(project)
        app_settings.add_recent(path)
        self.start_backup()
        self.start_anchor_check()
        return True

    def start_backup(self) -> None:
        """The rolling backup of the project just opened, made in the background once the
        window has painted: the copy takes a core and the disk (at 100,000 articles the
        first paint came 0.3 s later while it ran, measured)."""
        if self.session.project.readonly or self.session.project.path is None:
            return
        window = self.parts.window
        if not getattr(window, "first_paint_done", True):
            window.firstPainted.connect(  # type: ignore[attr-defined]
                self._backup_now, Qt.ConnectionType.SingleShotConnection
            )
            return
        self._backup_now()

    def _backup_now(self, *_painted: object) -> None:
        if self.parts.closed:
            return  # closed before it painted: nothing was worked on
        self._backup_runner = BackupRunner(self.parts.window)
        self._backup_runner.done.connect(self._backup_done)
        self._backup_runner.start(self.session.project.path)

    def _backup_done(self, made: str) -> None:
        if not made:
            self.parts.status(
                "No backup could be written (disk full or read-only folder); "
                "your project itself is unharmed.",
                15000,
            )

    def start_anchor_check(self) -> None:
        """Every passage checked against its article on open; what moved is re-found."""
        if self.session.project.readonly or self.session.project.path is None:
            return
        self._anchor_runner = AnchorCheckRunner(self.parts.window)
        self._anchor_runner.done.connect(self._anchors_checked)
        self._anchor_runner.start(self.session.project.path)

    def _anchors_checked(self, result: object) -> None:
        report, changeset = cast("tuple[AnchorReport, ChangeSet]", result)
        if self.parts.closed or not changeset:
            return
        if self.session.run(changeset):
            self.parts.status(
                f"{counted(len(report.reanchored), 'passage')} found again in their article; "
                f"{len(report.orphaned):,} could not be found and are kept as orphans "
                "(View > Orphaned Passages).",
                15000,
            )

    def show_orphans(self) -> None:
        dialog = OrphansDialog(orphans(self.session.project), self.parts.window)
        self.orphans_dialog = dialog
        dialog.open()

    def restore_backup(self) -> None:
        choose_and_restore(self.parts.window, self.session)

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        path = self.session.project.path
        current = str(Path(path).resolve()) if path else ""
        items = [p for p in app_settings.recent_projects() if p != current]
        for item in items:
            # The name, and the folder it is in: two projects are often both "chronology.db".
            action = menu.addAction(action_text(f"{Path(item).name} — {short_folder(item)}"))
            action.setToolTip(rich_escaped(item))
            action.setStatusTip(item)
            action.triggered.connect(lambda _c=False, p=item: self.open_recent(p))
        if not items:
            menu.addAction("(none)").setEnabled(False)

    def open_recent(self, path: str) -> None:
        if not Path(path).exists():
            app_settings.remove_recent(path)
            self.parts.show_error(
                InputError(
                    "the project file is gone",
                    where=path,
                    hint="it was removed from the recent list",
                )
            )
            return
        self.open_path(Path(path))

    def merge_other(self) -> None:
        """Fold another analyst's project (or JSON export) in: one undoable edit, then a
        side-by-side review of the conflicts, if any."""
        path, _ = QFileDialog.getOpenFileName(
            self.parts.window,
            "Merge another analyst's file",
            "",
            "Projects and exports (*.db *.json);;All files (*)",
        )
        if not path:
            return
        from annotator.ui.dialogs.merge_review import MergeReview, merge_file

        try:
            result = merge_file(self.session, Path(path))
        except AnnotatorError as exc:
            self.parts.show_error(exc)
            return
        self.parts.status(result.summary(), 12000)
        agreement = "\n".join(result.agreement.lines()) if result.agreement else ""
        if result.conflicts:
            review = MergeReview(self.session, self.parts.window, agreement)
            self.merge_dialog = review
            review.finished.connect(lambda _r: review.deleteLater())
            review.open()
        elif result.changeset:
            # No conflicts to review: the summary and the agreement figures, once.
            box = QMessageBox(
                QMessageBox.Icon.Information,
                "Merged",
                f"{result.summary()[0].upper()}{result.summary()[1:]}.\n\n{agreement}",
                QMessageBox.StandardButton.Ok,
                self.parts.window,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            self.merged_box = box
            box.finished.connect(lambda _r: box.deleteLater())
            box.open()

    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(app_settings.Preferences.load(), self.parts.window)
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

    def apply_preferences(self, prefs: app_settings.Preferences) -> None:
        self.session.day_first = prefs.day_first
        if prefs.analyst:
            self.session.project.analyst = prefs.analyst
        self.parts.articles.model.reload()
        self.parts.reader.set_text_size(prefs.text_size)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_scheme(app, chosen_scheme())  # the window redraws on the palette change
