"""T in the reader: tag the items the selected passage is cited for.

A passage is evidence for events, actors and claims; tagging it means tagging those items,
as a coding tool tags a segment. A passage cited for nothing yet is made into an item first
(E, A or C), whose form takes tags too.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QDialog, QWidget

from annotator.core.errors import InputError
from annotator.core.text import counted
from annotator.store.codebook import items_at
from annotator.ui.dialogs.apply_tags import ApplyTagsDialog
from annotator.ui.editing import edits
from annotator.ui.editing.session import Session


class Flow(Protocol):
    """What this needs of the tagging controller (new_item.flow), which calls it."""

    session: Session
    reader: Any  # flow.PassageSource
    window: QWidget
    dialog: QDialog | None
    message: SignalInstance
    error: SignalInstance

    def passage(self, what: str) -> tuple[int, int] | None: ...

    def back_to_reader(self) -> None: ...


def tag_items_at_selection(flow: Flow) -> None:
    if flow.session.readonly:
        flow.error.emit(InputError("the project is open read-only", where="tagging"))
        return
    span = flow.passage("Tag the items cited there")
    article_id = flow.reader.article_id
    if span is None or article_id is None:
        flow.message.emit("Select a passage in the article first.")
        return
    items = items_at(flow.session.project, article_id, *span)
    if not items:
        flow.message.emit(
            "Nothing cites this passage yet: make an event, actor or claim from it "
            "(E, A or C) and give it tags in its form."
        )
        return
    dialog = ApplyTagsDialog(flow.session.project, items, flow.window)
    flow.dialog = dialog

    def done(result: int) -> None:
        flow.dialog = None
        dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted:
            names = dialog.tags_edit.tags()
            if edits.apply_tags(flow.session, names, [(k, i) for k, i, _l in items]):
                flow.message.emit(f"Tagged {counted(len(items), 'item')}.")
        flow.back_to_reader()

    dialog.finished.connect(done)
    dialog.open()
    dialog.activateWindow()
