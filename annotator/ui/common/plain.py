"""Item text (headlines, names, claims, article titles) is shown as text, never as markup.

Article titles come from imported pages, so any of it may be hostile. Qt guesses: a label,
tooltip or message box whose text looks like HTML is drawn as rich text (a fake banner, an
image loaded from disk), '&' in menu or button text marks a keyboard mnemonic, a tab starts
a menu's shortcut column, and "[*]" in a window title is the "modified" placeholder.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def rich_escaped(text: str) -> str:
    """For places that only guess (tooltips, static message boxes): escaped and wrapped so
    Qt always takes it as rich text, which then shows the text literally, line breaks kept.
    Escaping alone is not enough: text without '<' would be taken as plain, '&amp;' and all.
    """
    return f'<p style="white-space:pre-wrap">{html.escape(text, quote=False)}</p>'


def link(text: str, href: str = "#") -> str:
    """An HTML link whose shown text is ``text``, literally."""
    return f'<a href="{html.escape(href)}">{html.escape(text, quote=False)}</a>'


def action_text(text: str) -> str:
    """Menu, action and button text: a literal '&', no tab, one line."""
    return " ".join(text.replace("&", "&&").split())


def window_title(text: str) -> str:
    """A title whose "[*]" stays literal ("[*][*]" is Qt's escape for it)."""
    return text.replace("[*]", "[*][*]")


def plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    return plain(QLabel(text, parent))
