"""Edit > Edit Selected…: the items selected where the analyst is working, edited at once.

Which items: the claims selected in the claims table when it has the keyboard; the events
(or, failing those, the claims) selected on the drawn timeline when it has it; otherwise
the events selected in the timeline table.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from annotator.core.text import counted
from annotator.store.bulk_edits import bulk_edit, bulk_summary
from annotator.store.panel_queries import actor_names
from annotator.store.queries import tag_names
from annotator.ui.dialogs.bulk_edit import BulkEditDialog, fields_for
from annotator.ui.panels.claims import ClaimsView
from annotator.ui.timeline.canvas import TimelineCanvas
from annotator.ui.widgets.panel import DeferredPanel
from annotator.ui.window.parts import WindowParts


def _inside(widget: QWidget | None, container: QWidget | None) -> bool:
    return (
        widget is not None
        and container is not None
        and (widget is container or container.isAncestorOf(widget))
    )


def selected_items(parts: WindowParts) -> tuple[str, list[str]]:
    """(kind, ids) of the items selected in the view that has the keyboard."""
    focus = QApplication.focusWidget()
    claims = parts.panels.get("claims")
    panel = claims.panel() if isinstance(claims, DeferredPanel) and claims.built else None
    if isinstance(panel, ClaimsView) and _inside(focus, panel.view):
        rows = sorted({i.row() for i in panel.view.selectionModel().selectedRows()})
        return "claim", [i for i in (panel.model.claim_id(r) for r in rows) if i]
    if isinstance(focus, TimelineCanvas):
        project = parts.session.project
        chosen = sorted(focus.selected)
        events = [i for i in chosen if project.row("events", i)]
        return ("event", events) if events else ("claim", chosen)
    view = parts.table.view
    rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
    return "event", [i for i in (parts.table.model.event_id(r) for r in rows) if i]


class BulkEditCommand:
    def __init__(self, parts: WindowParts):
        self.parts = parts
        self.dialog: BulkEditDialog | None = None

    def edit_selected(self) -> None:
        kind, ids = selected_items(self.parts)
        if not ids:
            self.parts.status(
                "Select the events (or claims) to edit first: Ctrl+click or Shift+click rows.",
                8000,
            )
            return
        project = self.parts.session.project
        columns = [f.name for f in fields_for(kind)]
        dialog = BulkEditDialog(
            kind,
            bulk_summary(project, kind, ids, columns),
            tag_names=tag_names(project),
            actor_names=[a["name"] for a in actor_names(project)],
            parent=self.parts.window,
        )
        self.dialog = dialog

        def done(result: int) -> None:
            self.dialog = None
            dialog.deleteLater()
            changes = dialog.result_changes
            if result != QDialog.DialogCode.Accepted or not changes:
                return
            changed = [0]

            def build(p):
                cs, changed[0] = bulk_edit(p, kind, ids, changes)
                return cs

            if not self.parts.session.edit(build):
                return
            if changed[0]:
                self.parts.status(f"Changed {changed[0]:,} of {counted(len(ids), kind)}.")
            else:
                self.parts.status(f"Nothing to change: the {counted(len(ids), kind)} hold that.")

        dialog.finished.connect(done)
        dialog.open()
