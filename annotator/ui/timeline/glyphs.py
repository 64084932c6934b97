"""Item glyphs and colours: how precision, approximation and claims look on the timeline."""

from __future__ import annotations

import zlib

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QLinearGradient, QPainter, QPalette, QPen, QPolygonF

from annotator.ui.timeline.entries import TimelineEntry

DOT_R = 5.0


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def item_color(key: str, palette: QPalette) -> QColor:
    """A stable colour per colour key, bright enough for the current scheme."""
    if not key:
        return palette.color(QPalette.ColorRole.Highlight)
    hue = zlib.crc32(key.encode("utf-8")) % 360
    return QColor.fromHsl(hue, 150, 165) if is_dark(palette) else QColor.fromHsl(hue, 170, 95)


def draw_bar(qp: QPainter, entry: TimelineEntry, rect: QRectF, color: QColor, outline: QPen):
    """Firm: solid; imprecise: light, hatched, dashed; approximate: faded ends; claims thin."""
    if entry.imprecise:
        # a vague interval: light fill, hatching and a dashed border, never a solid bar
        light = QColor(color)
        light.setAlpha(55)
        qp.fillRect(rect, light)
        hatch = QColor(color)
        hatch.setAlpha(140)
        qp.fillRect(rect, QBrush(hatch, Qt.BrushStyle.BDiagPattern))
        pen = QPen(outline)
        pen.setStyle(Qt.PenStyle.DashLine)
        qp.setPen(pen)
        qp.setBrush(Qt.BrushStyle.NoBrush)
    elif entry.approximate:
        grad = QLinearGradient(rect.left(), 0, rect.right(), 0)
        fade = min(0.3, 16 / max(rect.width(), 1))
        clear = QColor(color)
        clear.setAlpha(30)
        grad.setColorAt(0, clear)
        grad.setColorAt(fade, color)
        grad.setColorAt(1 - fade, color)
        grad.setColorAt(1, clear)
        qp.setBrush(QBrush(grad))
        qp.setPen(Qt.PenStyle.NoPen)
    else:
        qp.setBrush(color)
        qp.setPen(outline)
    if entry.kind == "claim":
        rect = QRectF(rect.left(), rect.center().y() - 3, rect.width(), 6)
    qp.drawRoundedRect(rect, 3, 3)
    if entry.approximate and not entry.imprecise and outline.color().alpha() > 200:
        qp.setBrush(Qt.BrushStyle.NoBrush)
        qp.setPen(outline)
        qp.drawRoundedRect(rect, 3, 3)
    if entry.kind == "claim":
        draw_diamond(qp, QPointF(rect.center().x(), rect.center().y()), color, outline)
    if entry.single_source:
        draw_single_source(qp, QPointF(rect.right() - 1, rect.top()))


def draw_point(qp: QPainter, entry: TimelineEntry, c: QPointF, color: QColor, outline: QPen):
    """A dot (event) or a diamond (claim); approximate ones get a dotted halo."""
    if entry.kind == "claim":
        draw_diamond(qp, c, color, outline)
    else:
        qp.setBrush(color)
        qp.setPen(outline)
        qp.drawEllipse(c, DOT_R, DOT_R)
    if entry.approximate:  # fuzzy: a dashed halo around the point
        qp.setBrush(Qt.BrushStyle.NoBrush)
        qp.setPen(QPen(color, 1, Qt.PenStyle.DotLine))
        qp.drawEllipse(c, DOT_R + 3, DOT_R + 3)
    if entry.single_source:
        draw_single_source(qp, QPointF(c.x() + DOT_R, c.y() - DOT_R))


SINGLE_R = 4.5  # the single-source badge's radius


def draw_single_source(qp: QPainter, c: QPointF) -> None:
    """A small white badge with a "1" over the item's top right corner: one outlet alone
    reports this event (the table's Single source mark), so nobody leans on it unawares."""
    qp.save()
    qp.setBrush(QColor("#ffffff"))
    qp.setPen(QPen(QColor("#374151"), 1))
    qp.drawEllipse(c, SINGLE_R, SINGLE_R)
    font = qp.font()
    font.setPixelSize(7)
    font.setBold(True)
    qp.setFont(font)
    qp.setPen(QColor("#111827"))
    box = QRectF(c.x() - SINGLE_R, c.y() - SINGLE_R, 2 * SINGLE_R, 2 * SINGLE_R)
    qp.drawText(box, Qt.AlignmentFlag.AlignCenter, "1")
    qp.restore()


def draw_diamond(qp: QPainter, c: QPointF, color: QColor, outline: QPen) -> None:
    r = DOT_R + 1.5
    qp.setBrush(color)
    qp.setPen(outline)
    qp.drawPolygon(
        QPolygonF(
            [
                QPointF(c.x(), c.y() - r),
                QPointF(c.x() + r, c.y()),
                QPointF(c.x(), c.y() + r),
                QPointF(c.x() - r, c.y()),
            ]
        )
    )
