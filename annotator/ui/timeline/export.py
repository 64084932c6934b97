"""PNG and SVG files of the drawn timeline laid out for print (``printed``): not a grab of
the screen, and the same page in both."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from annotator.core.files import write_binary_output
from annotator.ui.timeline.printed import PrintedPage, paint_page

PNG_SCALE = 3.0  # 96 px per inch times 3: 288 dpi, sharp on paper
MAX_PIXELS = 60_000_000  # a very tall page is drawn finer than 288 dpi, not at gigabytes


def png_scale(page: PrintedPage, wanted: float = PNG_SCALE) -> float:
    return min(wanted, max(1.0, math.sqrt(MAX_PIXELS / (page.width * page.height))))


def page_size(page: PrintedPage) -> QSize:
    return QSize(math.ceil(page.width), math.ceil(page.height))


def page_image(page: PrintedPage, scale: float = PNG_SCALE) -> QImage:
    size = page_size(page)
    image = QImage(
        round(size.width() * scale), round(size.height() * scale), QImage.Format.Format_RGB32
    )
    dots_per_metre = round(96 / 0.0254 * scale)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("white"))
    qp = QPainter(image)
    qp.scale(scale, scale)
    paint_page(qp, page)
    qp.end()
    return image


def png_bytes(page: PrintedPage, scale: float = PNG_SCALE) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    page_image(page, png_scale(page, scale)).save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(buffer.data().data())


def svg_bytes(page: PrintedPage) -> bytes:
    size = page_size(page)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size)
    generator.setResolution(96)  # CSS pixels: the page's own unit
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle(page.title)
    generator.setDescription(page.subtitle)
    qp = QPainter(generator)
    paint_page(qp, page)
    qp.end()
    return bytes(buffer.data().data())


def export_png(page: PrintedPage, path: str | Path, scale: float = PNG_SCALE) -> None:
    """The page as a PNG, written whole or not at all (``core.files``)."""
    write_binary_output(path, png_bytes(page, scale))


def export_svg(page: PrintedPage, path: str | Path) -> None:
    write_binary_output(path, svg_bytes(page))
