"""The window's actions, menus and toolbar. Slots live on the window; this only wires them.

Keys: E / A / C tag the reader's selection (shortcuts live on the reader only, so typing E in
a table cell stays an E), R or Ctrl+Enter cites it for the selected item, Ctrl+J jumps between
an item and its passage, Ctrl+F searches, Delete deletes the selected item. Standard keys
(Undo, Redo, Quit, Preferences, Find) get a fallback where the platform defines none (the
offscreen platform defines no Quit). There is no Save: every edit is committed when made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from annotator.ui.icons import icon

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

Std = QKeySequence.StandardKey


def keys(standard: Std | None, *fallbacks: str) -> list[QKeySequence]:
    """The platform's bindings for a standard key, plus fallbacks it does not already have."""
    out = list(QKeySequence.keyBindings(standard)) if standard is not None else []
    for text in fallbacks:
        seq = QKeySequence(text)
        if seq not in out:
            out.append(seq)
    return out


class WindowActions:
    def __init__(self, window: MainWindow):
        self.window = window
        w = window
        self.all: dict[str, QAction] = {}
        a = self._action
        # File
        a("new_project", "&New Project…", w.new_project, keys(Std.New, "Ctrl+N"), "new")
        a("open_project", "&Open Project…", w.open_project, keys(Std.Open, "Ctrl+O"), "open")
        a(
            "import",
            "&Import Articles…",
            w.import_articles,
            [QKeySequence("Ctrl+I")],
            "import",
            tip="Import .txt, .md or .html files (or drop them on the window)",
        )
        self.all["import"].setIconText("Import")
        a(
            "export_csv",
            "Export Shown as &CSV…",
            lambda: w.export_shown("csv"),
            [QKeySequence("Ctrl+E")],
            "export",
        )
        self.all["export_csv"].setIconText("Export")
        a(
            "merge",
            "&Merge Another Analyst's File…",
            w.merge_other,
            tip="Combine another analyst's project or JSON export with this one (undoable)",
        )
        a(
            "orphans",
            "&Orphaned Passages…",
            w.show_orphans,
            tip="Passages that could not be found again in their article (kept, never deleted)",
        )
        a(
            "restore_backup",
            "Restore &Backup…",
            w.restore_backup,
            tip="Replace the project with one of its automatic backups (the current file is "
            "kept beside it)",
        )
        a(
            "export_json",
            "Export Shown as &JSON…",
            lambda: w.export_shown("json"),
            [QKeySequence("Ctrl+Shift+E")],
        )
        a(
            "preferences",
            "&Preferences…",
            w.edit_preferences,
            keys(Std.Preferences, "Ctrl+,"),
            "preferences",
        )
        a("quit", "&Quit", w.close, keys(Std.Quit, "Ctrl+Q"))
        self.all["quit"].setMenuRole(QAction.MenuRole.QuitRole)
        self.all["preferences"].setMenuRole(QAction.MenuRole.PreferencesRole)
        # Edit: the undo stack's own actions keep their text ("Undo New event …") current.
        stack = w.session.undo_stack
        undo = stack.createUndoAction(w, "&Undo")
        redo = stack.createRedoAction(w, "&Redo")
        undo.setShortcuts(keys(Std.Undo, "Ctrl+Z"))
        redo.setShortcuts(keys(Std.Redo, "Ctrl+Shift+Z", "Ctrl+Y"))
        undo.setIcon(icon("undo"))
        redo.setIcon(icon("redo"))
        self.all["undo"], self.all["redo"] = undo, redo
        a("delete", "&Delete Item…", w.delete_selected, [QKeySequence(Qt.Key.Key_Delete)], "delete")
        a(
            "article_details",
            "Article &Details…",
            w.edit_article,
            [QKeySequence("Ctrl+D")],
            "metadata",
            tip="Title, outlet, author, URL and publication date of this article",
        )
        # Tag (shortcuts bound to the reader only: see main_window)
        a(
            "tag_event",
            "New &Event from Selection",
            lambda: w.tagging.tag("event"),
            [QKeySequence("E")],
            "event",
            tip="Make an event from the selected passage (E)",
        )
        a(
            "tag_actor",
            "New &Actor from Selection",
            lambda: w.tagging.tag("actor"),
            [QKeySequence("A")],
            "actor",
            tip="Make an actor from the selected passage (A)",
        )
        a(
            "tag_claim",
            "New &Claim from Selection",
            lambda: w.tagging.tag("claim"),
            [QKeySequence("C")],
            "claim",
            tip="Make a claim from the selected passage (C)",
        )
        a(
            "cite",
            "C&ite Selection for Selected Item",
            w.tagging.cite_selection,
            [QKeySequence("R"), QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")],
            "cite",
            tip="Cite the selected passage as evidence for the selected item (R)",
        )
        for name, short in (
            ("tag_event", "Event"),
            ("tag_actor", "Actor"),
            ("tag_claim", "Claim"),
            ("cite", "Cite"),
        ):
            self.all[name].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.all[name].setIconText(short)  # the toolbar's short label
        a("jump", "&Jump Between Item and Passage", w.jump, [QKeySequence("Ctrl+J")], "jump")
        # View
        a("find", "&Find…", w.focus_search, keys(Std.Find, "Ctrl+F"), "search")
        a("reader", "Go to &Reader", w.focus_reader, [QKeySequence("Ctrl+1")], "article")
        a(
            "timeline",
            "Go to &Timeline Table",
            w.focus_timeline,
            [QKeySequence("Ctrl+2")],
            "timeline",
        )
        a("about", "&About Timeline Annotator", w.about)
        a("keys", "&Keyboard Shortcuts", w.show_keys)

    def _action(
        self,
        name: str,
        text: str,
        slot: Callable[[], object],
        shortcuts: list[QKeySequence] | None = None,
        icon_name: str | None = None,
        *,
        tip: str | None = None,
    ) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcuts:
            action.setShortcuts(shortcuts)
        if icon_name:
            action.setIcon(icon(icon_name))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        self.all[name] = action
        return action

    def __getitem__(self, name: str) -> QAction:
        return self.all[name]

    def refresh_icons(self) -> None:
        """After a light/dark switch the icons are redrawn in the new text colour."""
        names = {
            "new_project": "new",
            "open_project": "open",
            "import": "import",
            "export_csv": "export",
            "preferences": "preferences",
            "undo": "undo",
            "redo": "redo",
            "delete": "delete",
            "article_details": "metadata",
            "tag_event": "event",
            "tag_actor": "actor",
            "tag_claim": "claim",
            "cite": "cite",
            "jump": "jump",
            "find": "search",
            "reader": "article",
            "timeline": "timeline",
        }
        for name, icon_name in names.items():
            self.all[name].setIcon(icon(icon_name))

    def build_menus(self, recent_menu: QMenu) -> None:
        bar = self.window.menuBar()
        file = bar.addMenu("&File")
        for name in ("new_project", "open_project"):
            file.addAction(self[name])
        file.addMenu(recent_menu)
        file.addSeparator()
        for name in ("import", "merge", "export_csv", "export_json"):
            file.addAction(self[name])
        file.addSeparator()
        file.addAction(self["restore_backup"])
        file.addAction(self["preferences"])
        file.addSeparator()
        file.addAction(self["quit"])
        edit = bar.addMenu("&Edit")
        for name in ("undo", "redo"):
            edit.addAction(self[name])
        edit.addSeparator()
        for name in ("delete", "article_details"):
            edit.addAction(self[name])
        tag = bar.addMenu("&Tag")
        for name in ("tag_event", "tag_actor", "tag_claim", "cite"):
            tag.addAction(self[name])
        tag.addSeparator()
        tag.addAction(self["jump"])
        view = bar.addMenu("&View")
        for name in ("find", "reader", "timeline", "orphans"):
            view.addAction(self[name])
        view.addSeparator()
        self.view_menu = view
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self["keys"])
        help_menu.addAction(self["about"])

    def build_toolbar(self) -> QToolBar:
        bar = QToolBar("Main toolbar", self.window)
        bar.setObjectName("mainToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for name in ("tag_event", "tag_actor", "tag_claim", "cite"):
            bar.addAction(self[name])
        bar.addSeparator()
        for name in ("undo", "redo"):
            bar.addAction(self[name])
        bar.addSeparator()
        for name in ("import", "export_csv"):
            bar.addAction(self[name])
        return bar

    def tag_actions(self) -> list[QAction]:
        return [self[n] for n in ("tag_event", "tag_actor", "tag_claim", "cite")]


SHORTCUTS_HELP = """\
E / A / C\tnew event / actor / claim from the selected passage (reader)
R or Ctrl+Enter\tcite the selection for the selected item
Ctrl+J\tjump between an item and its passage
Ctrl+F\tsearch
Ctrl+1 / Ctrl+2\tgo to the reader / the timeline table
Delete\tdelete the selected item (asks first; undoable)
Ctrl+Z / Ctrl+Shift+Z\tundo / redo
Tab, Enter, Escape\tmove through, accept or cancel a new item's fields
Nothing to save: every edit is stored as you make it."""
