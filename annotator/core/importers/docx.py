"""Word .docx to article text through python-docx: headings and paragraphs, in order.

Every paragraph (headings included) becomes one paragraph of the text, with a blank line
between; table rows become one paragraph each, cells separated by a tab. Line breaks inside
a paragraph stay line breaks. The document's title and author properties are suggestions;
its creation date is not taken as the publication date (it is the draft's date).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

from annotator.core.errors import InputError
from annotator.core.importers.metadata import clean

_PART = "word/document.xml"
_RESAVE = "open it in your word processor and save it again as .docx"


def is_docx(data: bytes) -> bool:
    """A ZIP holding a Word main document part."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _PART in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def docx_to_article(data: bytes, where: str) -> tuple[str, dict[str, str | None]]:
    """Return (text, metadata) or raise InputError naming the file."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not data.startswith(b"PK\x03\x04"):
        raise InputError(
            "is named .docx but is not a Word document (not a ZIP package)",
            where=where,
            hint=_RESAVE,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as err:
        raise InputError(
            "is a truncated or damaged Word document (its ZIP package cannot be read)",
            where=where,
            hint=_RESAVE,
        ) from err
    if _PART not in names:
        raise InputError(
            "is named .docx but is a ZIP archive of something else (no Word document inside)",
            where=where,
            hint="check it is the right file; " + _RESAVE,
        )
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [_text(block) for block in document.iter_inner_content()]
        props = document.core_properties
        meta: dict[str, str | None] = {
            "title": clean(props.title),
            "author": clean(props.author),
            "language": clean(props.language),
        }
    except (
        PackageNotFoundError,
        KeyError,
        ValueError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,  # a ZIP feature the standard library does not read
    ) as err:
        raise InputError(
            f"is a damaged Word document ({type(err).__name__})", where=where, hint=_RESAVE
        ) from err
    except Exception as err:  # lxml's XMLSyntaxError and kin: the file's XML is broken
        if type(err).__module__.startswith(("lxml", "docx")):
            raise InputError(
                f"is a damaged Word document ({type(err).__name__})", where=where, hint=_RESAVE
            ) from err
        raise
    return "\n\n".join(b for b in blocks if b.strip()), meta


def _text(block: Any) -> str:
    if hasattr(block, "rows"):  # a table
        rows = []
        for row in block.rows:
            cells = [" ".join(cell.text.split()) for cell in row.cells]
            rows.append("\t".join(cells))
        return "\n\n".join(r for r in rows if r.strip())
    return str(block.text).strip()
