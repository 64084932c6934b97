"""Overview strip: the density of the whole chronology and the visible window; click or drag
to move there."""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from annotator.ui.timeline.canvas import TimelineCanvas


class Minimap(QWidget):
    def __init__(self, canvas: TimelineCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.setFixedHeight(34)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._counts: list[int] = []
        self._key: tuple = ()
        self._pixmap = QPixmap()
        self._pixmap_key: tuple = ()
        canvas.viewChanged.connect(self.update)

    def extent(self) -> tuple[float, float] | None:
        """Days shown: all entries plus a margin (and the visible window if it lies outside)."""
        ext = self.canvas.cache.extent()
        if ext is None:
            return None
        pad = max((ext[1] - ext[0]) * 0.03, 1.0)
        return ext[0] - pad, ext[1] + pad

    def _density(self, start: float, end: float, width: int) -> list[int]:
        key = (self.canvas.cache.version, start, end, width)
        if key != self._key:
            starts = self.canvas.cache.starts()
            step = (end - start) / max(width, 1)
            edges = [bisect_left(starts, start + i * step) for i in range(width + 1)]
            self._counts = [edges[i + 1] - edges[i] for i in range(width)]
            self._key = key
        return self._counts

    def _histogram(self, start: float, end: float, w: int, h: int) -> QPixmap:
        """The density bars, drawn once per size and entry set (panning only moves the window)."""
        counts = self._density(start, end, w)
        bar = self.palette().color(QPalette.ColorRole.Mid)
        key = (self._key, h, bar.rgba())
        if key != self._pixmap_key:
            self._pixmap = QPixmap(max(w, 1), max(h, 1))
            self._pixmap.fill(Qt.GlobalColor.transparent)
            qp = QPainter(self._pixmap)
            peak = max(counts, default=0) or 1
            for x, n in enumerate(counts):
                if n:
                    bh = max(2.0, (h - 6) * (n / peak) ** 0.5)  # sqrt: sparse days stay visible
                    qp.fillRect(QRectF(x, h - 3 - bh, 1, bh), bar)
            qp.end()
            self._pixmap_key = key
        return self._pixmap

    def paintEvent(self, event) -> None:
        qp = QPainter(self)
        pal = self.palette()
        qp.fillRect(self.rect(), pal.color(QPalette.ColorRole.Window))
        ext = self.extent()
        if ext is None:
            qp.end()
            return
        start, end = ext
        w, h = self.width(), self.height()
        qp.drawPixmap(0, 0, self._histogram(start, end, w, h))
        per_px = (end - start) / w
        scale = self.canvas.scale()
        x0 = (scale.left_day - start) / per_px
        x1 = (scale.day_of(self.canvas.width()) - start) / per_px
        window = QRectF(x0, 1, max(x1 - x0, 3), h - 2)
        hl = pal.color(QPalette.ColorRole.Highlight)
        fill = hl.lighter(100)
        fill.setAlpha(50)
        qp.fillRect(window, fill)
        qp.setPen(QPen(hl, 1.5))
        qp.drawRect(window)
        qp.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        qp.drawLine(QPointF(0, 0.5), QPointF(w, 0.5))
        qp.end()

    def _move_to(self, x: float) -> None:
        ext = self.extent()
        if ext is not None:
            self.canvas.center_on(ext[0] + (ext[1] - ext[0]) * x / max(self.width(), 1))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._move_to(event.position().x())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._move_to(event.position().x())
