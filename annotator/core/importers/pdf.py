"""PDF to article text with its page boundaries, through pypdf; metadata as suggestions.

Each page's text is read, lines repeated at the top or bottom of most pages (running
headers, footers, page numbers) are dropped, words hyphenated at a line end are joined,
lines are joined into paragraphs, and pages are joined with a blank line. The code-point
offset where each page starts is kept, so a citation can say "p. 12".

Hand-written here, because pypdf gives lines and no more: the header/footer test, the
hyphenation repair and the paragraph joining.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections import Counter
from datetime import datetime

from annotator.core.errors import InputError
from annotator.core.importers.metadata import clean
from annotator.core.text import normalize_text

_PASSWORD_HINT = (
    "give its password: the window asks for it; on the command line use --password "
    "or set ANNOTATOR_PDF_PASSWORD"
)
_UNSUPPORTED_HINT = (
    "save an unlocked copy (print it to PDF, or "
    "'qpdf --decrypt --password=PASSWORD in.pdf out.pdf') and import that"
)
_DAMAGED_HINT = "the file is truncated or damaged: download or export it again"
_OCR_HINT = "run OCR on it first (for example 'ocrmypdf in.pdf out.pdf') and import the result"
_TAIL = 4096  # bytes at the end where a complete PDF has its %%EOF marker
_EDGE = 2  # lines at each end of a page that may be a running header or footer
_REPEATED = 0.6  # share of pages an edge line must appear on to be furniture
_HYPHEN = re.compile(r"(\w)[-\u00ad]$")
_SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)]$")
_DIGITS = re.compile(r"\d+")
_GENERATED_TITLE = re.compile(
    r"^(?:microsoft \w+ - |untitled\b)|\.(?:docx?|pdf|odt|rtf|tex)$", re.I
)


class PdfPasswordError(InputError):
    """The PDF is encrypted and no password, or a wrong one, was given: ask for it."""

    def __init__(self, where: str, *, wrong: bool):
        super().__init__(
            "is an encrypted PDF and the password given does not open it"
            if wrong
            else "is an encrypted PDF that needs a password",
            where=where,
            hint=_PASSWORD_HINT,
        )
        self.wrong = wrong


def pdf_to_article(
    data: bytes, where: str, *, password: str | None = None
) -> tuple[str, dict[str, str | None], list[int]]:
    """Return (text, metadata, page start offsets) or raise InputError naming the file.

    An encrypted PDF is opened with ``password``; without one, or with a wrong one, it
    raises PdfPasswordError so the caller can ask.
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    if not data[:1024].lstrip().startswith(b"%PDF-"):
        raise InputError(
            "is named .pdf but is not a PDF (it does not start with %PDF-)",
            where=where,
            hint="check it is the right file, or rename it to what it is",
        )
    if b"%%EOF" not in data[-_TAIL:]:
        raise InputError(
            "is a truncated PDF (its end marker %%EOF is missing)", where=where, hint=_DAMAGED_HINT
        )
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notices are not for users
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                # An empty user password (an owner password alone) still lets us read.
                unlocked = reader.decrypt(password or "")
            except (DependencyError, NotImplementedError) as err:
                raise InputError(
                    "is an encrypted PDF whose encryption cannot be opened here",
                    where=where,
                    hint=_UNSUPPORTED_HINT,
                ) from err
            if not unlocked:
                raise PdfPasswordError(where, wrong=bool(password))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except InputError:
        raise
    except FileNotDecryptedError as err:
        raise PdfPasswordError(where, wrong=bool(password)) from err
    except (
        PyPdfError,  # every pypdf complaint about the file: damaged, looping, too large
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        OSError,
        AssertionError,
        ZeroDivisionError,
        NotImplementedError,
        zlib.error,
        EOFError,
    ) as err:
        raise InputError(
            f"is a damaged PDF ({type(err).__name__}: {str(err)[:80]})",
            where=where,
            hint=_DAMAGED_HINT,
        ) from err
    if not pages:
        raise InputError("is a PDF with no pages", where=where, hint=_DAMAGED_HINT)
    lines = [_lines(normalize_text(p)) for p in pages]
    if not any(any(c.isalnum() for c in "".join(page)) for page in lines):
        raise InputError(
            "is a PDF of images without a text layer (a scan)", where=where, hint=_OCR_HINT
        )
    lines = drop_running_lines(lines)
    text, starts = join_pages([paragraphs(page) for page in lines])
    return text, _metadata(info), starts


def _lines(page: str) -> list[str]:
    return [" ".join(line.split()) for line in page.split("\n") if line.strip()]


def _shape(line: str) -> str:
    """A line with its numbers blanked: 'Page 3 of 12' and 'Page 4 of 12' match."""
    return _DIGITS.sub("#", line.casefold())


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove header and footer lines that repeat across pages, and bare page numbers."""
    if len(pages) < 2:
        return [[ln for ln in page if not _is_page_number(ln)] for page in pages]
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_shape(ln) for ln in page[:_EDGE] + page[-_EDGE:]})
    needed = max(2, int(_REPEATED * len(pages) + 0.999))
    running = {shape for shape, n in counts.items() if n >= needed}
    kept = []
    for page in pages:
        top = 0
        while top < min(_EDGE, len(page)) and (
            _shape(page[top]) in running or _is_page_number(page[top])
        ):
            top += 1
        bottom = len(page)
        while bottom > max(top, len(page) - _EDGE) and (
            _shape(page[bottom - 1]) in running or _is_page_number(page[bottom - 1])
        ):
            bottom -= 1
        kept.append(page[top:bottom])
    return kept


def _is_page_number(line: str) -> bool:
    return bool(
        re.fullmatch(r"(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s+of\s+\d{1,4})?", line, re.I)
    )


def paragraphs(lines: list[str]) -> list[str]:
    """Join a page's lines into paragraphs; repair words hyphenated at a line end.

    A line ends a paragraph when it ends a sentence and is clearly shorter than the
    page's full lines (the 90th percentile of lengths: the rest of its line was left blank).
    """
    if not lines:
        return []
    lengths = sorted(len(ln) for ln in lines)
    usual = lengths[(len(lengths) * 9) // 10 - (1 if len(lengths) >= 10 else 0)]
    result: list[str] = []
    current = ""
    for line in lines:
        if not current:
            current = line
        elif _HYPHEN.search(current) and line[:1].islower():
            current = current[:-1] + line  # "exam-" + "ple": one word broken by the layout
        else:
            current = f"{current} {line}"
        if _SENTENCE_END.search(line) and len(line) < 0.8 * usual:
            result.append(current)
            current = ""
    if current:
        result.append(current)
    return result


def join_pages(pages: list[list[str]]) -> tuple[str, list[int]]:
    """Pages one after the other, a blank line between; each page's start offset.

    An empty page starts where the next page with text does (or at the end), so page
    numbers still count from 1.
    """
    parts: list[str] = []
    found: list[int | None] = []
    offset = 0
    for page in pages:
        block = "\n\n".join(page)
        if not block:
            found.append(None)
            continue
        if parts:
            offset += 2  # the blank line before this page
        found.append(offset)
        parts.append(block)
        offset += len(block)
    starts: list[int] = []
    following = offset
    for start in reversed(found):
        following = following if start is None else start
        starts.append(following)
    return "\n\n".join(parts), starts[::-1]


def _metadata(info: object) -> dict[str, str | None]:
    def field(name: str) -> str | None:
        try:
            return clean(getattr(info, name, None))
        except (ValueError, TypeError, KeyError):
            return None

    title = field("title")
    if title and _GENERATED_TITLE.search(title):
        title = None  # the program's or the file's name, not the article's title
    created: datetime | None
    try:
        created = getattr(info, "creation_date", None)
    except (ValueError, TypeError, KeyError):
        created = None  # a malformed date string in the file
    return {
        "title": title,
        "author": field("author"),
        "published": created.date().isoformat() if isinstance(created, datetime) else None,
    }
