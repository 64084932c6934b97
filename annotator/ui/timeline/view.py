"""TimelineView: toolbar, lane-name column, drawn canvas, vertical scroll bar and overview strip.

The lead feeds plain `TimelineEntry` values (set_entries; pass the table's filtered rows to
apply its filters here) and wires the signals: selectionChanged(list of ids), activated(id)
for editing, dateDragged(id, days) for an undoable date change, dateResized(id, EDTF) when
an end of a bar is dragged, passageRequested(id).
set_selected_ids() never re-emits, so two-way selection sync cannot loop.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QScrollBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.ui.common.plain import rich_escaped
from annotator.ui.timeline.canvas import TimelineCanvas
from annotator.ui.timeline.entries import LANE_MODES, TimelineEntry
from annotator.ui.timeline.labels import MODE_TITLES, LaneLabels
from annotator.ui.timeline.minimap import Minimap
from annotator.ui.timeline.paint import AXIS_H
from annotator.ui.timeline.relations import TimelineRelation

if TYPE_CHECKING:
    from annotator.ui.timeline.printed import PrintedPage


class TimelineView(QWidget):
    selectionChanged = Signal(list)
    activated = Signal(str)
    dateDragged = Signal(str, int)
    dateResized = Signal(str, str)
    passageRequested = Signal(str)
    relationsShown = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = TimelineCanvas(self)
        self.labels = LaneLabels(self.canvas, self)
        self.minimap = Minimap(self.canvas, self)
        self.vbar = QScrollBar(self)
        self.mode_combo = QComboBox(self)
        for mode in LANE_MODES:
            self.mode_combo.addItem(MODE_TITLES[mode], mode)
        self.mode_combo.setCurrentIndex(LANE_MODES.index("actor"))
        self.mode_combo.setToolTip("Lanes")
        self.status = QLabel(self)
        self.print_title = "Chronology"  # the printed page's title (the window sets it)
        self._build()
        self.canvas.set_lane_mode("actor")
        self.canvas.selectionChanged.connect(self.selectionChanged)
        self.canvas.activated.connect(self.activated)
        self.canvas.dateDragged.connect(self.dateDragged)
        self.canvas.dateResized.connect(self.dateResized)
        self.canvas.passageRequested.connect(self.passageRequested)
        self.canvas.viewChanged.connect(self._sync)
        self.vbar.valueChanged.connect(self.canvas.set_scroll_y)
        self.mode_combo.currentIndexChanged.connect(
            lambda _i: self.set_lane_mode(self.mode_combo.currentData())
        )
        self.setFocusProxy(self.canvas)

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(QLabel("Lanes:", self))
        bar.addWidget(self.mode_combo)
        self.zoom_out_button = self._button(
            "−",
            "Zoom out (-, Ctrl+wheel)",
            lambda: self.zoom_by(1 / 1.5, self.canvas.zoom_anchor()),
        )
        self.zoom_in_button = self._button(
            "+", "Zoom in (+, Ctrl+wheel)", lambda: self.zoom_by(1.5, self.canvas.zoom_anchor())
        )
        self.fit_all_button = self._button("Fit all", "Show everything (F)", self.fit_all)
        self.fit_sel_button = self._button(
            "Fit selection", "Show the selection (Shift+F)", self.fit_selection
        )
        self.relations_button = self._button(
            "Relations",
            "Show arrows between related events (caused by, part of, precedes)",
            self._relations_clicked,
        )
        self.relations_button.setCheckable(True)
        self.relations_button.setChecked(True)
        for b in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_all_button,
            self.fit_sel_button,
            self.relations_button,
        ):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.status)
        # laid out for print: the whole chronology, or the dates the window shows now
        self.print_actions: dict[tuple[str, bool], QAction] = {}
        for fmt in ("png", "svg"):
            button = QToolButton(self)
            button.setText(f"{fmt.upper()}…")
            button.setToolTip(f"Export the drawn timeline for print as {fmt.upper()}")
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(button)
            for whole, words in ((True, "The whole chronology…"), (False, "The dates shown…")):
                action = menu.addAction(words)
                action.triggered.connect(lambda _c=False, f=fmt, w=whole: self._ask(f, w))
                self.print_actions[fmt, whole] = action
            button.setMenu(menu)
            bar.addWidget(button)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)
        grid.addWidget(self.labels, 0, 0)
        grid.addWidget(self.canvas, 0, 1)
        grid.addWidget(self.vbar, 0, 2)
        grid.addWidget(self.minimap, 1, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addLayout(bar)
        outer.addLayout(grid, 1)

    def _sync(self) -> None:
        """Keep the scroll bar and the item count in step with the canvas."""
        content = self.canvas.layout_now().height
        page = max(1, self.canvas.height() - AXIS_H)
        self.vbar.blockSignals(True)
        self.vbar.setRange(0, max(0, content - page))
        self.vbar.setPageStep(page)
        self.vbar.setSingleStep(24)
        self.vbar.setValue(round(self.canvas.scroll_y))
        self.vbar.blockSignals(False)
        n, sel = len(self.canvas.entries), len(self.canvas.selected)
        self.status.setText(f"{n} items" + (f", {sel} selected" if sel else ""))

    # -- public API -------------------------------------------------------------------

    def set_entries(self, entries: list[TimelineEntry]) -> None:
        self.canvas.set_entries(entries)

    def _relations_clicked(self) -> None:
        self.set_relations_shown(self.relations_button.isChecked())

    def set_relations(self, relations: list[TimelineRelation]) -> None:
        self.canvas.set_relations(relations)

    def set_relations_shown(self, shown: bool) -> None:
        if self.relations_button.isChecked() != shown:
            self.relations_button.setChecked(shown)
        self.canvas.set_relations_shown(shown)
        self.relationsShown.emit(shown)

    def set_lane_mode(self, mode: str) -> None:
        if mode not in LANE_MODES:
            raise ValueError(f"unknown lane mode {mode!r}")
        if self.mode_combo.currentData() != mode:
            self.mode_combo.blockSignals(True)
            self.mode_combo.setCurrentIndex(LANE_MODES.index(mode))
            self.mode_combo.blockSignals(False)
        self.canvas.set_lane_mode(mode)

    def lane_mode(self) -> str:
        return self.canvas.cache.mode

    def selected_ids(self) -> set[str]:
        return set(self.canvas.selected)

    def set_selected_ids(self, ids: set[str]) -> None:
        """Select from outside (table, inspector, reader); does not emit selectionChanged."""
        self.canvas.set_selected_ids(ids)

    def fit_all(self) -> None:
        self.canvas.fit_all()

    def fit_selection(self) -> None:
        self.canvas.fit_selection()

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        self.canvas.zoom_by(factor, anchor_x)

    def visible_range(self) -> tuple[float, float]:
        """The days the canvas shows now, left edge to right edge."""
        scale = self.canvas.scale()
        return scale.day_of(0), scale.day_of(self.canvas.width())

    def printed(
        self, whole: bool = True, entries: list[TimelineEntry] | None = None
    ) -> PrintedPage:
        """The page for print: these entries (by default what is drawn), every date they
        cover or the dates shown now, in the lanes shown now."""
        # Loaded when first printed: the page and its writers (with QtSvg) were 20 ms of
        # every start (profiled).
        from annotator.ui.timeline.printed import printed_page

        return printed_page(
            list(self.canvas.entries.values()) if entries is None else entries,
            self.lane_mode(),
            title=self.print_title,
            day_range=None if whole else self.visible_range(),
        )

    def export_png(self, path: str | Path, whole: bool = True) -> None:
        from annotator.ui.timeline.export import export_png

        export_png(self.printed(whole), path)

    def export_svg(self, path: str | Path, whole: bool = True) -> None:
        from annotator.ui.timeline.export import export_svg

        export_svg(self.printed(whole), path)

    def _ask(self, fmt: str, whole: bool) -> None:
        kind = "PNG image" if fmt == "png" else "SVG drawing"
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the drawn timeline", f"timeline.{fmt}", f"{kind} (*.{fmt})"
        )
        if not path:
            return
        try:
            (self.export_png if fmt == "png" else self.export_svg)(path, whole)
        except AnnotatorError as exc:
            QMessageBox.warning(self, "Cannot export", rich_escaped(str(exc)))
            return
        self.status.setText(f"Exported to {Path(path).name}")
