"""Files that are not an article page or text: mailboxes, web archives, data files.

Imported as plain text they would become one "article" of headers, markup or data, so they
are refused with what the file is and how to get the article out of it. Both the extension
and the content count: a feed saved as .txt is still a feed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from annotator.core.errors import InputError

_SAVE_FIRST = "save the article as HTML or text first, then import that file"

# What each kind is, in words, and what to do instead.
_KINDS: dict[str, tuple[str, str]] = {
    "email": (
        "an e-mail message",
        "import it as a .eml file",
    ),
    "mbox": (
        "a mailbox of many messages (mbox)",
        "save the message you want from your mail program as a .eml file, and import that",
    ),
    "outlook": (
        "an Outlook message (.msg)",
        "open it in Outlook and save it as text (.txt) or HTML (.html) first",
    ),
    "feed": (
        "an RSS or Atom news feed",
        "open the article itself and save it as HTML or text first",
    ),
    "mhtml": (
        "a saved web archive (MHTML)",
        "save the page from your browser as 'Web page, HTML only' or as text first",
    ),
    "xml": ("an XML file", _SAVE_FIRST),
    "json": (
        "a JSON file",
        "to bring back an exported chronology use 'annotator load "
        "PROJECT FILE.json'; for an article, " + _SAVE_FIRST,
    ),
    "csv": ("a CSV or TSV table", _SAVE_FIRST),
}

_BY_EXTENSION = {
    ".eml": "email",
    ".mbox": "mbox",
    ".msg": "outlook",
    ".rss": "feed",
    ".atom": "feed",
    ".mht": "mhtml",
    ".mhtml": "mhtml",
    ".xml": "xml",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
}

_HEADER = re.compile(r"[A-Za-z][A-Za-z0-9-]*:[ \t]")
_MAIL_FIRST = frozenset(
    {
        "from",
        "received",
        "mime-version",
        "return-path",
        "delivered-to",
        "message-id",
        "x-mozilla-status",
        "x-apple-mail-remote-attachments",
        "subject",
        "to",
        "date",
    }
)
_MBOX_FROM = re.compile(r"From \S+@\S+ ")
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]")
_HTML_ROOT = re.compile(r"<(?:!DOCTYPE\s+html|html)[\s>]", re.I)


def refuse_unsupported(path: Path, text: str) -> None:
    """Raise InputError naming the file if it is a kind of file that is not an article."""
    by_name, by_content = _BY_EXTENSION.get(path.suffix.lower()), sniff(text)
    # The content is more precise for a generic name: a feed saved as .xml is a feed.
    kind = by_content if by_name in (None, "xml") and by_content else by_name
    if kind:
        what, hint = _KINDS[kind]
        raise InputError(
            f"is {what}; this kind of file is not supported yet", where=str(path), hint=hint
        )


def refusal_for(kind: str) -> tuple[str, str]:
    """The words and the hint for one kind, for the byte-level checks in the reader."""
    return _KINDS[kind]


def sniff(text: str) -> str | None:
    """The kind of a non-article file from its first lines, or None for anything else."""
    head = text.lstrip()[:4096]
    if head.startswith("<?xml"):
        if _FEED_ROOT.search(head):
            return "feed"
        return None if _HTML_ROOT.search(head) else "xml"  # XHTML is a page
    if _FEED_ROOT.match(head):
        return "feed"
    if head.startswith(("{", "[")) and _is_json(text):
        return "json"
    return _sniff_mail(head)


def _sniff_mail(head: str) -> str | None:
    lines = head.splitlines()
    if not lines:
        return None
    if _MBOX_FROM.match(lines[0]):
        return "mbox"
    first = lines[0].split(":", 1)[0].lower()
    if first not in _MAIL_FIRST or not _HEADER.match(lines[0]):
        return None
    headers = []
    for line in lines:
        if not line.strip():
            break
        if line[0] in " \t":  # a folded header continues the one before
            continue
        if not _HEADER.match(line):
            return None  # prose after a "From: ..." line: an article, not a message
        headers.append(line.lower())
    if len(headers) < 2 or not any(h.startswith("from:") for h in headers):
        return None  # every message has a From; "Date: ..." over a note does not make mail
    block = "\n".join(headers)
    if "multipart/related" in block or "snapshot-content-location" in block:
        return "mhtml"
    return "email"


def _is_json(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict | list)
    except (ValueError, RecursionError):
        return False
