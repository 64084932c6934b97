"""An e-mail message (.eml) to article text with the standard library's ``email`` package.

Subject is the title, From the author (the display name, else the address), Date the
publication date and time with the sender's own time zone (``2025-03-04T21:30:00-05:00``).
The body is the plain-text part; a message with only an HTML part goes through the HTML
importer. Attachments are not imported: their names are listed in a last paragraph, so the
analyst knows they exist. Broken MIME structure and unknown character sets are refused.
"""

from __future__ import annotations

import codecs
from email import errors as mail_errors
from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime

from annotator.core.errors import InputError
from annotator.core.importers.html import html_to_article
from annotator.core.importers.metadata import clean
from annotator.core.text import normalize_text

_RESAVE = "save the message again from your mail program (as .eml), or copy its text to a .txt"
_BROKEN = (
    mail_errors.StartBoundaryNotFoundDefect,
    mail_errors.CloseBoundaryNotFoundDefect,
    mail_errors.MultipartInvariantViolationDefect,
    mail_errors.NoBoundaryInMultipartDefect,
    mail_errors.MisplacedEnvelopeHeaderDefect,
)
_ATTACHMENTS = "Attachments (not imported): "


def mail_to_article(data: bytes, where: str) -> tuple[str, dict[str, str | None]]:
    """Return (text, metadata) or raise InputError naming the file."""
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    if not message.keys():
        raise InputError(
            "is named .eml but holds no e-mail headers",
            where=where,
            hint="save the message from your mail program, or rename the file to .txt",
        )
    for part in message.walk():
        broken = [d for d in part.defects if isinstance(d, _BROKEN)]
        if broken:
            raise InputError(
                f"has broken MIME structure ({type(broken[0]).__name__})",
                where=where,
                hint=_RESAVE,
            )
    body_part = message.get_body(preferencelist=("plain", "html"))
    meta: dict[str, str | None] = {
        "title": _header(message, "subject", where),
        "author": _author(_header(message, "from", where)),
        "published": _date(_header(message, "date", where)),
    }
    if body_part is None:
        raise InputError("has no text part to import", where=where, hint=_RESAVE)
    content = normalize_text(_content(body_part, where))
    if body_part.get_content_subtype() == "html":
        text, page = html_to_article(content, where)
        for key in ("title", "author", "language"):
            meta[key] = meta.get(key) or page.get(key)
    else:
        text = content.strip("\n")
    names = [
        clean(part.get_filename()) or part.get_content_type() for part in message.iter_attachments()
    ]
    if names:
        text = f"{text}\n\n{_ATTACHMENTS}{', '.join(str(n) for n in names)}"
    return text, meta


def _content(part: MIMEPart, where: str) -> str:
    charset = part.get_content_charset() or "us-ascii"
    try:
        codecs.lookup(charset)
    except LookupError:
        raise InputError(
            f"uses an unknown character set {charset!r} in its text",
            where=where,
            hint=_RESAVE,
        ) from None
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError) as err:
        raise InputError(
            f"has a text part that cannot be decoded ({type(err).__name__})",
            where=where,
            hint=_RESAVE,
        ) from err
    return content if isinstance(content, str) else content.decode(charset, "replace")


def _header(message: EmailMessage, name: str, where: str) -> str | None:
    try:
        value = message.get(name)
    except (ValueError, LookupError, IndexError) as err:
        raise InputError(
            f"has a broken {name.title()} header ({type(err).__name__})",
            where=where,
            hint=_RESAVE,
        ) from err
    return clean(str(value)) if value is not None else None


def _author(sender: str | None) -> str | None:
    if not sender:
        return None
    name, address = parseaddr(sender)
    return clean(name) or clean(address) or sender


def _date(value: str | None) -> str | None:
    """The Date header as ISO 8601 with its own offset; None when it cannot be read."""
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (ValueError, TypeError, IndexError):
        return None  # a malformed Date is the mail program's fault: ask the analyst instead
    if when.tzinfo is None:
        return when.date().isoformat()  # "-0000": the time zone is unknown, the day is not
    return when.isoformat()
