"""Bytes on disk to one ``str``, or one clear InputError naming the file.

Every way a file can be unusable as an article (missing, a folder, a pipe or device,
binary, not UTF-8, empty, too big) is caught here, so the importers only see decoded text.
"""

from __future__ import annotations

import codecs
import os
import re

from annotator.core.errors import InputError
from annotator.core.files import describe_size, read_bounded
from annotator.core.importers.unsupported import refusal_for

MAX_BYTES = 50 * 1024 * 1024  # an article is never this big; a mistaken file often is
JSON_MAX_BYTES = 2 * 1024**3  # a whole chronology export, article texts included

_FORMATS_HINT = (
    "import a text (.txt), Markdown (.md), HTML (.html), PDF, Word (.docx), e-mail (.eml) "
    "or feed (.rss, .atom) file"
)

_OLE = b"\xd0\xcf\x11\xe0"
_OUTLOOK = "__substg1.0_".encode("utf-16-le")  # stream names inside every Outlook .msg

# Well-known binary formats people pick by mistake: name them instead of "not UTF-8".
_SIGNATURES: list[tuple[bytes, str, str]] = [
    (
        b"PK\x03\x04",
        "a ZIP archive or an office document (.docx, .odt, .epub)",
        "save it as plain text (.txt) or HTML from the program that made it",
    ),
    (b"{\\rtf", "an RTF document", "save it as plain text (.txt) from your word processor"),
    (
        _OLE,
        "an old Microsoft Office document",
        "save it as plain text (.txt) from your word processor",
    ),
    (b"\x89PNG", "a PNG image", _FORMATS_HINT),
    (b"\xff\xd8\xff", "a JPEG image", _FORMATS_HINT),
    (b"GIF8", "a GIF image", _FORMATS_HINT),
    (b"\x1f\x8b", "a gzip archive", "unpack it first"),
    (
        b"SQLite format 3\x00",
        "an SQLite database (perhaps a project file)",
        "open project files with the app's Open Project command",
    ),
]

_BOMS: list[tuple[bytes, str]] = [
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def read_text(path: str | os.PathLike[str], *, limit: int = MAX_BYTES) -> str:
    """Read a whole article file as text (BOM removed, not yet normalised).

    ``limit`` is in bytes; a chronology JSON file passes its own, larger one.
    """
    return decode_bytes(read_bytes(path, limit=limit), str(path), limit=limit)


def read_bytes(path: str | os.PathLike[str], *, limit: int = MAX_BYTES) -> bytes:
    """The bytes of one article file (a web address, a folder, a device... refused)."""
    where = str(path)
    if isinstance(path, str) and path.strip().lower().startswith(("http://", "https://")):
        raise InputError(
            "is a web address, not a file",
            where=where,
            hint="import it with File > Import from URL, or 'annotator import PROJECT URL'",
        )
    data = read_bounded(
        path,
        limit,
        hint="give the path of one article file",
        too_large_hint="check it is the right file, or split the text into articles",
    )
    if not data:
        raise InputError("file is empty", where=where, hint="choose a file that holds the article")
    return data


def decode_bytes(data: bytes, where: str, *, limit: int = MAX_BYTES) -> str:
    """Decode with a BOM if there is one, else strict UTF-8; name the first bad byte."""
    if len(data) > limit:
        raise InputError(
            f"file is too large (the limit is {describe_size(limit)})",
            where=where,
            hint="split the text into articles",
        )
    if not data:
        raise InputError("file is empty", where=where, hint="choose a file that holds the article")
    if data.startswith(_OLE) and (where.lower().endswith(".msg") or _OUTLOOK in data[: 1 << 20]):
        what, hint = refusal_for("outlook")  # an OLE file, but not a word processor's
        raise InputError(
            f"is {what}; this kind of file is not supported yet", where=where, hint=hint
        )
    for magic, what, hint in _SIGNATURES:
        if data.startswith(magic):
            raise InputError(f"is {what}, not text", where=where, hint=hint)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as err:
                raise InputError(
                    f"is not valid {codec.upper().replace('-SIG', '')} text "
                    f"(bad data at byte {err.start})",
                    where=where,
                    hint="save the file as UTF-8",
                ) from err
            return _check_text(text.removeprefix("\ufeff"), where)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"looks like a binary file (NUL byte at byte {nul})", where=where, hint=_FORMATS_HINT
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        declared = _declared_charset(data)
        if declared:
            try:
                return _check_text(data.decode(declared), where)
            except (UnicodeDecodeError, LookupError):
                pass  # the page's own declaration is wrong too: report the UTF-8 failure
        line = data.count(b"\n", 0, err.start) + 1
        bad = data[err.start : err.start + 1].hex().upper()
        what = f"byte 0x{bad}"
        follower = data[err.start + 1 : err.start + 2]
        if bad == "ED" and follower and 0xA0 <= follower[0] <= 0xBF:
            what = "an encoded lone surrogate"  # CESU-8 / WTF-8 from a broken exporter
        raise InputError(
            f"is not UTF-8 text ({what} at byte {err.start}, line {line})",
            where=where,
            hint="save the file as UTF-8",
        ) from err
    return _check_text(text, where)


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def _declared_charset(data: bytes) -> str | None:
    """A saved web page may declare a legacy charset (windows-1252...) in a meta tag."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def _check_text(text: str, where: str) -> str:
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(
            f"looks like a binary file (NUL character at character {nul})",
            where=where,
            hint=_FORMATS_HINT,
        )
    if not text.strip():
        raise InputError(
            "file holds only white space", where=where, hint="choose a file that holds the article"
        )
    check_no_surrogates(text, where)
    return text


def check_no_surrogates(
    text: str, where: str, hint: str = "re-save the file as UTF-8 from its source"
) -> None:
    """Lone surrogates cannot be stored or shown; say where the first one is."""
    if not has_surrogates(text):
        return
    for i, ch in enumerate(text):
        if "\ud800" <= ch <= "\udfff":
            raise InputError(
                f"contains an unpaired surrogate (U+{ord(ch):04X}) at character {i}",
                where=where,
                hint=hint,
            )


def has_surrogates(text: str) -> bool:
    # Fast path: encoding fails only when a surrogate is present.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
