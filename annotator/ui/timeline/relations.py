"""Relations between events drawn as arrows between their markers, with their legend.

Drawn only between markers on screen (or one on screen and one just off it), so the cost
follows what is visible, not the project. Arrows point the way time or cause runs: from
the earlier to the later event ("precedes"), from a cause to its effect ("caused by" is
stored from the effect), from a part to its whole ("part of").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QPolygonF

from annotator.core.relation_rules import dates_contradict
from annotator.ui.timeline.entries import TimelineEntry

# Above this many on screen only the selected events' relations are drawn (0.2 ms each).
MAX_ARROWS = 300


@dataclass(frozen=True)
class TimelineRelation:
    source_id: str
    kind: str  # "caused_by", "part_of", "precedes" (source to target)
    target_id: str


# kind -> (legend words, pen style, colour); the arrow runs from the first id to the second.
STYLES = {
    "precedes": ("precedes", Qt.PenStyle.SolidLine, QColor(90, 110, 140)),
    "caused_by": ("causes", Qt.PenStyle.SolidLine, QColor(200, 80, 40)),
    "part_of": ("part of", Qt.PenStyle.DashLine, QColor(120, 90, 170)),
    # not a kind: any relation whose dates contradict it (see core.relation_rules)
    "contradicted": ("dates contradict it", Qt.PenStyle.DotLine, QColor(214, 40, 40)),
}
CONTRADICTED = "contradicted"


def arrow_ends(rel: TimelineRelation) -> tuple[str, str]:
    """(from, to) of the drawn arrow."""
    if rel.kind == "caused_by":
        return rel.target_id, rel.source_id  # cause → effect
    return rel.source_id, rel.target_id


def contradicted(rel: TimelineRelation, source: TimelineEntry, target: TimelineEntry) -> bool:
    def bounds(e: TimelineEntry) -> tuple[str, str]:
        return e.earliest.isoformat(timespec="seconds"), e.latest.isoformat(timespec="seconds")

    return dates_contradict(rel.kind, bounds(source), bounds(target))


def draw_arrow(
    qp: QPainter, a: QPointF, b: QPointF, kind: str, strong: bool, palette: QPalette
) -> None:
    if a == b:
        return
    _words, style, color = STYLES.get(kind, STYLES["precedes"])
    color = QColor(color)
    if palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5:
        color = color.lighter(150)  # dark theme
    color.setAlpha(240 if strong else 200)
    # One pixel unless it belongs to the selection: wider antialiased curves cost Qt's
    # raster engine about 5 ms each (measured), the thin ones 0.2 ms.
    pen = QPen(color, 2.0 if strong else 1.0, style)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    qp.setPen(pen)
    qp.setBrush(Qt.BrushStyle.NoBrush)
    # An arc above the straight line, so arrows between markers in one row stay apart from
    # the bars and labels they pass.
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length = math.hypot(dx, dy) or 1.0
    bend = min(40.0, 0.25 * length)
    mid = QPointF(
        (a.x() + b.x()) / 2 + dy / length * bend, (a.y() + b.y()) / 2 - abs(dx) / length * bend
    )
    path = QPainterPath(a)
    path.quadTo(mid, b)
    qp.drawPath(path)
    # the head, along the curve's last direction
    angle = math.atan2(b.y() - mid.y(), b.x() - mid.x())
    size = 8.0 if strong else 6.5
    left = QPointF(b.x() - size * math.cos(angle - 0.4), b.y() - size * math.sin(angle - 0.4))
    right = QPointF(b.x() - size * math.cos(angle + 0.4), b.y() - size * math.sin(angle + 0.4))
    qp.setPen(QPen(color, 1))
    qp.setBrush(color)
    qp.drawPolygon(QPolygonF([b, left, right]))


def draw_legend(
    qp: QPainter, kinds: set[str], right: float, top: float, palette: QPalette, fm
) -> None:
    """A small key in the top right corner: one line per kind of relation drawn."""
    shown = [k for k in STYLES if k in kinds]
    if not shown:
        return
    line_h = fm.height() + 4
    width = 44 + max(fm.horizontalAdvance(STYLES[k][0]) for k in shown) + 12
    box = QRectF(right - width - 8, top + 6, width, line_h * len(shown) + 8)
    back = QColor(palette.color(QPalette.ColorRole.Base))
    back.setAlpha(225)
    qp.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
    qp.setBrush(back)
    qp.drawRoundedRect(box, 4, 4)
    for i, kind in enumerate(shown):
        y = box.top() + 4 + line_h * i + line_h / 2
        a, b = QPointF(box.left() + 8, y), QPointF(box.left() + 38, y)
        _words, style, color = STYLES[kind]
        qp.setPen(QPen(color, 1.6, style))
        qp.drawLine(a, QPointF(b.x() - 5, y))
        qp.setPen(QPen(color, 1))
        qp.setBrush(color)
        qp.drawPolygon(QPolygonF([b, QPointF(b.x() - 6, y - 3.5), QPointF(b.x() - 6, y + 3.5)]))
        qp.setPen(palette.color(QPalette.ColorRole.Text))
        qp.drawText(QPointF(box.left() + 44, y + fm.ascent() / 2 - 1), STYLES[kind][0])
