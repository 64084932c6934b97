"""A printable PDF from the HTML report, with Qt's own layout: no browser needed.

QTextDocument lays the report out on A4 pages and numbers them; the report's own numbered
notes are its citations.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from annotator.core.errors import InputError

# Light, print-friendly type whatever the window's theme: the report's own CSS is for
# browsers, and Qt's rich text reads only part of it.
PRINT_CSS = """
body { color: #000; background: #fff; font-family: 'DejaVu Serif', Georgia, serif; }
h1, h2, h3 { font-family: 'DejaVu Sans', sans-serif; }
a { color: #1a4d8f; }
"""


def html_to_pdf(html: str, target: str | Path, title: str = "Chronology") -> None:
    path = Path(target)
    if path.is_dir():
        raise InputError("is a folder", where=str(path), hint="give a file name")
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Timeline Annotator")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    doc = QTextDocument()
    doc.setDefaultStyleSheet(PRINT_CSS)
    # Qt reads the report's em sizes against the document's default font: 10.5 pt, or the
    # event headlines come out smaller than the text under them
    doc.setDefaultFont(QFont("DejaVu Serif", 10))
    doc.setHtml(html)
    doc.setPageSize(QSizeF())  # unset: print() lays out on the writer's pages and numbers them
    doc.print_(writer)
    del writer  # finishes the file
    if not path.exists() or path.stat().st_size == 0:
        raise InputError(
            "could not write the PDF file",
            where=str(path),
            hint="check that the folder exists and is writable",
        )
