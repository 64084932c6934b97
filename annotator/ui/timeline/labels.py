"""Lane-name column: stays put while the canvas pans, scrolls vertically with it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from annotator.ui.timeline.canvas import TimelineCanvas
from annotator.ui.timeline.layout import LANE_PAD, ROW_H
from annotator.ui.timeline.paint import AXIS_H

MODE_TITLES = {
    "none": "All items",
    "actor": "Actor",
    "type": "Type",
    "tag": "Tag",
    "article": "Source article",
}


class LaneLabels(QWidget):
    def __init__(self, canvas: TimelineCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.setFixedWidth(170)
        canvas.viewChanged.connect(self.update)

    def paintEvent(self, event) -> None:
        qp = QPainter(self)
        self.render_to(qp, self.width(), self.height())
        qp.end()

    def render_to(self, qp: QPainter, width: float, height: float) -> None:
        pal = self.palette()
        qp.fillRect(QRectF(0, 0, width, height), pal.color(QPalette.ColorRole.Window))
        layout = self.canvas.layout_now()
        scroll = self.canvas.scroll_y
        bold = QFont(self.font())
        bold.setBold(True)
        fm = QFontMetricsF(bold)
        qp.save()
        qp.setClipRect(QRectF(0, AXIS_H, width, height - AXIS_H))
        for i in layout.lanes_between(scroll - 1, height - AXIS_H + scroll + 1):
            lane = layout.lanes[i]
            top = AXIS_H + lane.top - scroll
            if top > height or top + lane.height < AXIS_H:
                continue
            role = QPalette.ColorRole.AlternateBase if i % 2 else QPalette.ColorRole.Base
            qp.fillRect(QRectF(0, top, width, lane.height), pal.color(role))
            qp.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
            qp.drawLine(
                QPointF(0, top + lane.height - 0.5), QPointF(width, top + lane.height - 0.5)
            )
            # keep the name on screen while a tall lane is scrolled partly out of view
            y = max(top + LANE_PAD, float(AXIS_H) + 2)
            y = min(y, top + lane.height - LANE_PAD - ROW_H)
            qp.setFont(bold)
            qp.setPen(pal.color(QPalette.ColorRole.Text))
            name = fm.elidedText(lane.name, Qt.TextElideMode.ElideRight, width - 16)
            qp.drawText(
                QRectF(8, y, width - 12, ROW_H),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                name,
            )
        qp.restore()
        qp.fillRect(QRectF(0, 0, width, AXIS_H), pal.color(QPalette.ColorRole.Window))
        qp.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        qp.drawLine(QPointF(width - 0.5, 0), QPointF(width - 0.5, height))
        qp.drawLine(QPointF(0, AXIS_H - 0.5), QPointF(width, AXIS_H - 0.5))
        qp.setFont(self.font())
        qp.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        title = MODE_TITLES.get(self.canvas.cache.mode, self.canvas.cache.mode)
        qp.drawText(
            QRectF(8, AXIS_H - 22, width - 12, 18),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            f"Lanes: {title}",
        )
