"""The window's QActions, menus, toolbar and shortcut help, made from ``actions.py``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from annotator.ui.common.icons import icon
from annotator.ui.window.actions import (
    ACTIONS,
    BY_NAME,
    DOCKS,
    HELP_ORDER,
    MENUS,
    OTHER_KEYS,
    RECENT,
    SEPARATOR,
    TOOLBAR,
    ActionSpec,
)


def resolve(groups: dict[str, object], command: str) -> Callable[[], object]:
    """The method a declaration names ("group.method"); a test resolves every one."""
    group, method = command.split(".")
    slot = getattr(groups[group], method)
    assert callable(slot), command
    return slot


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """The platform's bindings for a standard key, plus fallbacks it does not already have."""
    out = list(QKeySequence.keyBindings(spec.standard)) if spec.standard is not None else []
    for text in spec.keys:
        seq = QKeySequence(text)
        if seq not in out:
            out.append(seq)
    return out


class WindowActions:
    """The QActions of one window, by name."""

    def __init__(self, window: QMainWindow, stack: QUndoStack, groups: dict[str, object]):
        self.window = window
        self.all: dict[str, QAction] = {}
        for spec in ACTIONS:
            if spec.name in ("undo", "redo"):
                # The stack's own actions keep their text current ("Undo New event …").
                make = stack.createUndoAction if spec.name == "undo" else stack.createRedoAction
                action = make(window, spec.text)
            else:
                action = QAction(spec.text, window)
                slot = resolve(groups, spec.command)
                action.triggered.connect(lambda _checked=False, s=slot: s())
            action.setShortcuts(key_sequences(spec))
            action.setCheckable(spec.checkable)
            if spec.reader_only or spec.reader_key:
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            if spec.tip:
                action.setToolTip(spec.tip)
                action.setStatusTip(spec.tip)
            if spec.short:
                action.setIconText(spec.short)
            self.all[spec.name] = action
        self["quit"].setMenuRole(QAction.MenuRole.QuitRole)
        self["preferences"].setMenuRole(QAction.MenuRole.PreferencesRole)
        self.refresh_icons()
        self.view_menu: QMenu | None = None
        self.readonly = False

    def __getitem__(self, name: str) -> QAction:
        return self.all[name]

    def refresh_icons(self) -> None:
        """Drawn in the current text colour: called again after a light/dark switch."""
        for spec in ACTIONS:
            if spec.icon:
                self.all[spec.name].setIcon(icon(spec.icon))

    def set_readonly(self, readonly: bool) -> None:
        """A read-only window offers no edit at all, rather than failing when one is tried."""
        self.readonly = readonly
        for spec in ACTIONS:
            if spec.writes and not spec.reader_only:
                self.all[spec.name].setEnabled(not readonly)

    def set_passage_selected(self, selected: bool) -> None:
        for action in self.reader_actions():
            action.setEnabled(selected and not self.readonly)

    def reader_actions(self) -> list[QAction]:
        return [self.all[s.name] for s in ACTIONS if s.reader_only]

    def reader_key_actions(self) -> list[QAction]:
        """Keys of the reader that need no selected text (the suggestions')."""
        return [self.all[s.name] for s in ACTIONS if s.reader_key]

    def build_menus(self, recent: QMenu, docks: list[QAction]) -> None:
        bar = self.window.menuBar()
        for title, entries in MENUS:
            menu = bar.addMenu(title)
            for entry in entries:
                if entry == SEPARATOR:
                    menu.addSeparator()
                elif entry == RECENT:
                    menu.addMenu(recent)
                elif entry == DOCKS:
                    menu.addActions(docks)
                    self.view_menu = menu
                else:
                    menu.addAction(self.all[entry])

    def build_toolbar(self) -> QToolBar:
        bar = QToolBar("Main toolbar", self.window)
        bar.setObjectName("mainToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for entry in TOOLBAR:
            if entry == SEPARATOR:
                bar.addSeparator()
            else:
                bar.addAction(self.all[entry])
        return bar


def key_rows() -> list[tuple[str, str]]:
    """(keys, what they do) for every listed action, then the forms' and the chart's keys."""
    specs = [BY_NAME[name] for name in HELP_ORDER]
    rows = [(s.help_keys or s.keys[0], s.help or "") for s in specs]
    return rows + [(k.keys, k.help) for k in OTHER_KEYS]


def shortcuts_html() -> str:
    """The Keyboard Shortcuts dialog's text: a two-column table."""
    from html import escape

    cells = "".join(
        f"<tr><td style='padding-right:18px'><b>{escape(k)}</b></td><td>{escape(h)}</td></tr>"
        for k, h in key_rows()
    )
    return f"<table>{cells}</table><p>Nothing to save: every edit is stored as you make it.</p>"


def readme_key_table() -> str:
    """The README's key table, in Markdown (a test keeps the README equal to it)."""
    lines = ["| key | what it does |", "|---|---|"]
    for keys, text in key_rows():
        shown = " ".join(f"**{k}**" if len(k) == 1 and k.isalnum() else k for k in keys.split(" "))
        lines.append(f"| {shown} | {text} |")
    return "\n".join(lines)


def spec(name: str) -> ActionSpec:
    return BY_NAME[name]
