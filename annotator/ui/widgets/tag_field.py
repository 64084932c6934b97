"""Typing tags: a comma-separated field completing each tag from the codebook, and the
tags shown as chips in their colours.

QCompleter completes a field's whole text; here it completes the tag being typed (after
the last comma), so it is driven by hand: the prefix set on each edit, the choice spliced
in where the typed part was.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLabel, QLineEdit, QWidget

from annotator.core.tag_colours import tag_colour
from annotator.store.codebook import code_colours, codebook_names
from annotator.store.project import Project


def split_tags(text: str) -> list[str]:
    return [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]


class TagLineEdit(QLineEdit):
    def __init__(self, project: Project, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setPlaceholderText("tag, another tag")
        self.all_names = codebook_names(project)
        self.names = QStringListModel(self.all_names, self)
        self.completer_ = QCompleter(self.names, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setWidget(self)
        self.completer_.activated.connect(self.insert_completion)
        self.textEdited.connect(self._complete)

    def current_part(self) -> str:
        return self.text()[: self.cursorPosition()].rsplit(",", 1)[-1].strip()

    def _popup(self) -> QAbstractItemView:
        popup = self.completer_.popup()
        assert popup is not None  # QCompleter makes its popup when first asked
        return popup

    def _complete(self, _text: str) -> None:
        part = self.current_part()
        if not part:
            self._popup().hide()
            return
        typed = set(split_tags(self.text())) - {part}
        self.names.setStringList([n for n in self.all_names if n not in typed])  # not twice
        self.completer_.setCompletionPrefix(part)
        if self.completer_.completionCount():
            self.completer_.complete()
        else:
            self._popup().hide()

    def insert_completion(self, name: str) -> None:
        before = self.text()[: self.cursorPosition()]
        after = self.text()[self.cursorPosition() :]
        head = before.rsplit(",", 1)[0] + ", " if "," in before else ""
        text = f"{head}{name}, "
        self.setText(text + after.lstrip(", "))
        self.setCursorPosition(len(text))

    def completing(self) -> bool:
        """The completion list is open: focus moving to it is not the end of editing."""
        return self._popup().isVisible()

    def tags(self) -> list[str]:
        return split_tags(self.text())


def tag_swatches(names: list[str], colours: dict[str, str], size: int = 10) -> QIcon:
    """Small squares in the tags' colours, side by side (a table cell's decoration)."""
    shown = names[:4]
    pixmap = QPixmap(max(1, len(shown)) * (size + 2), size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    for i, name in enumerate(shown):
        painter.fillRect(
            i * (size + 2), 0, size, size, QColor(tag_colour(name, colours.get(name, "")))
        )
    painter.end()
    return QIcon(pixmap)


def chips_html(project: Project, names: list[str]) -> str:
    """The tags as coloured chips (rich text for a QLabel)."""
    colours = code_colours(project)
    out = []
    for name in names:
        colour = QColor(tag_colour(name, colours.get(name, "")))
        text = "#202020" if colour.lightness() > 140 else "#ffffff"
        out.append(
            f'<span style="background-color:{colour.name()}; color:{text};">'
            f"&nbsp;{escape(name)}&nbsp;</span>"
        )
    return "&nbsp; ".join(out)


class TagChips(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)

    def show_tags(self, project: Project, names: list[str]) -> None:
        self.setText(chips_html(project, names))
        self.setVisible(bool(names))
