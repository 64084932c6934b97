"""PNG and SVG export of the timeline view: lane names plus the visible canvas, painted by the
same routine as the screen."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from annotator.core.errors import InputError
from annotator.ui.timeline.canvas import TimelineCanvas
from annotator.ui.timeline.labels import LaneLabels


@dataclass(frozen=True)
class Painted:
    """What an export paints: the lane names beside the canvas."""

    labels: LaneLabels
    canvas: TimelineCanvas


def _size(view: Painted) -> QSize:
    return QSize(view.labels.width() + view.canvas.width(), view.canvas.height())


def paint_view(view: Painted, qp: QPainter) -> None:
    size = _size(view)
    label_w = view.labels.width()
    qp.save()
    qp.translate(label_w, 0)
    qp.setClipRect(QRect(0, 0, view.canvas.width(), size.height()))
    view.canvas.render_to(qp, view.canvas.width(), size.height())
    qp.restore()
    # the lane names last: SVG ignores clipping, so they cover anything drawn left of the canvas
    view.labels.render_to(qp, label_w, size.height())


def export_png(view: Painted, path: str | Path, scale: float = 2.0) -> None:
    """Write the view as a PNG, `scale` times the screen size (sharp in printed reports)."""
    size = _size(view)
    image = QImage(
        round(size.width() * scale),
        round(size.height() * scale),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDotsPerMeterX(round(3780 * scale))
    image.setDotsPerMeterY(round(3780 * scale))
    qp = QPainter(image)
    qp.scale(scale, scale)
    paint_view(view, qp)
    qp.end()
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]  # stubs want bytes; the binding wants str
        raise InputError(
            "could not write the PNG file",
            where=str(path),
            hint="check that the folder exists and is writable",
        )


def export_svg(view: Painted, path: str | Path) -> None:
    size = _size(view)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(size)
    generator.setResolution(96)  # CSS pixels: browsers show it at the on-screen size
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle("Timeline")
    generator.setDescription("Exported by Timeline Annotator")
    qp = QPainter()
    if not qp.begin(generator):
        raise InputError(
            "could not write the SVG file",
            where=str(path),
            hint="check that the folder exists and is writable",
        )
    paint_view(view, qp)
    qp.end()
