"""Fetching one web address for import, with the standard library's urllib.

What a fetch guards against: an address that is not http(s) (``file:``, ``ftp:``...) is
refused before anything is sent; connecting and each read time out; the whole download has
a deadline (a server that drips a byte a second never ends); the body is streamed and
reading stops past ``max_bytes`` (a declared Content-Length past it is refused before the
body is read); redirects are followed one at a time, at most ``max_redirects``, each hop
kept, a loop named. A 4xx or 5xx answer is refused with its status. Every failure is one
InputError whose ``where`` is the address the analyst gave.

Redirects are followed here rather than by urllib so that each hop is recorded and a
redirect to another scheme is refused.
"""

from __future__ import annotations

import re
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from http.client import HTTPException, HTTPResponse

from annotator import __version__
from annotator.core.errors import InputError
from annotator.core.files import describe_size

MAX_BYTES = 20 * 1024 * 1024  # a web page or report is never this big; a video is
TIMEOUT = 15.0  # seconds to connect, and for each read
DEADLINE = 120.0  # seconds for the whole download
MAX_REDIRECTS = 10
CHUNK = 64 * 1024

USER_AGENT = f"TimelineAnnotator/{__version__} (article import)"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_KNOWN_SCHEMES = frozenset({"http", "https", "file", "ftp", "ftps", "sftp", "data", "mailto"})
_ADDRESS_HINT = "give a web address that starts with http:// or https://"


class Cancelled(Exception):
    """The analyst cancelled the fetch; nothing was imported."""


@dataclass
class Fetched:
    """One answered address: the body and what the server said about it."""

    url: str  # as the analyst gave it
    final_url: str  # after every redirect
    chain: list[str]  # every address asked, the given one first and the final one last
    content_type: str  # "text/html", lowercase, without parameters; "" when not sent
    charset: str | None  # from the Content-Type header
    data: bytes
    retrieved: str  # when the answer arrived: ISO 8601 UTC with milliseconds
    redirects: list[tuple[int, str]] = field(default_factory=list)  # (status, to) per hop


def looks_like_address(text: str) -> bool:
    """True for anything written as an address rather than a file path.

    A scheme of two letters or more (``C:\\file`` is a Windows path) followed by ``//``,
    or a scheme people paste by mistake (``file:``, ``mailto:``...); ``notes:2025.txt``
    stays a file name.
    """
    text = text.strip()
    match = _SCHEME.match(text)
    if not match or len(match.group(1)) < 2:
        return False
    return match.group(1).lower() in _KNOWN_SCHEMES or text[match.end() :].startswith("//")


def check_address(url: str) -> str:
    """The address, trimmed, if it can be fetched; else one InputError naming it."""
    where = url.strip() or url
    text = url.strip()
    match = _SCHEME.match(text)
    if not match:
        raise InputError("is not a web address", where=where, hint=_ADDRESS_HINT)
    scheme = match.group(1).lower()
    if scheme not in ("http", "https"):
        raise InputError(
            f"uses the {scheme}: scheme; only http and https addresses are fetched",
            where=where,
            hint="save the document and import the file"
            if scheme == "file"
            else "download it and import the file",
        )
    try:
        parts = urllib.parse.urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as err:
        raise InputError(
            f"is not a valid web address ({err})", where=where, hint=_ADDRESS_HINT
        ) from None
    if not parts.hostname or any(c.isspace() for c in text):
        raise InputError(
            "is not a valid web address (no host name, or a space in it)",
            where=where,
            hint=_ADDRESS_HINT,
        )
    return text


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # the 3xx answer comes back as an HTTPError; fetch() follows it


_OPENER = urllib.request.build_opener(_NoRedirect())


def fetch(
    url: str,
    *,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT,
    deadline: float = DEADLINE,
    max_redirects: int = MAX_REDIRECTS,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> Fetched:
    """Fetch ``url`` following redirects; raise InputError (where=url) or Cancelled.

    ``progress(bytes read, bytes expected or None)`` is called after each chunk.
    """
    given = url.strip() or url
    current = check_address(url)
    chain = [current]
    hops: list[tuple[int, str]] = []
    started = time.monotonic()
    while True:
        if cancelled and cancelled():
            raise Cancelled
        request = urllib.request.Request(
            current,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,application/pdf,"
                "application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5",
            },
        )
        try:
            response = _OPENER.open(request, timeout=timeout)
        except urllib.error.HTTPError as err:
            err.close()
            if err.code in (301, 302, 303, 307, 308):
                target = err.headers.get("Location")
                if not target:
                    raise InputError(
                        f"answered a redirect ({err.code}) without saying where to",
                        where=given,
                        hint="open the address in a browser and import the page it shows",
                    ) from None
                following = urllib.parse.urljoin(current, target.strip())
                if len(hops) >= max_redirects:
                    loop = " (a loop)" if following in chain else ""
                    raise InputError(
                        f"redirects more than {max_redirects} times{loop}",
                        where=given,
                        hint="open the address in a browser and import the page it ends on",
                    ) from None
                try:
                    current = check_address(following)
                except InputError as bad:
                    raise InputError(
                        f"redirects to {following}, which cannot be fetched ({bad.message})",
                        where=given,
                        hint="import the document it points to as a file",
                    ) from None
                hops.append((err.code, current))
                chain.append(current)
                continue
            raise _status_error(given, err.code, err.reason) from None
        except (urllib.error.URLError, OSError, HTTPException, ValueError) as err:
            raise _connection_error(given, err, timeout) from None
        with response:
            return _read(
                response,
                given,
                chain,
                hops,
                max_bytes=max_bytes,
                deadline=started + deadline,
                deadline_seconds=deadline,
                timeout=timeout,
                cancelled=cancelled,
                progress=progress,
            )


def _read(
    response: HTTPResponse,
    given: str,
    chain: list[str],
    hops: list[tuple[int, str]],
    *,
    max_bytes: int,
    deadline: float,
    deadline_seconds: float,
    timeout: float,
    cancelled: Callable[[], bool] | None,
    progress: Callable[[int, int | None], None] | None,
) -> Fetched:
    headers: Message = response.headers
    content_type = (headers.get_content_type() if headers.get("Content-Type") else "").lower()
    charset = headers.get_content_charset()
    declared = headers.get("Content-Length")
    expected = int(declared) if declared and declared.strip().isdigit() else None
    too_big = InputError(
        f"sends more than {describe_size(max_bytes)} (the limit for one article)",
        where=given,
        hint="download it and import the file, or split it",
    )
    if expected is not None and expected > max_bytes:
        raise too_big  # refused before a byte of the body is read
    parts: list[bytes] = []
    total = 0
    while True:
        if cancelled and cancelled():
            raise Cancelled
        if time.monotonic() > deadline:
            raise InputError(
                f"was still sending after {_seconds(deadline_seconds)}",
                where=given,
                hint="try again later, or download it and import the file",
            )
        try:
            chunk = response.read1(CHUNK)  # whatever has arrived, at most CHUNK bytes
        except (OSError, HTTPException, ValueError) as err:
            raise _connection_error(given, err, timeout) from None
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise too_big  # stop reading: the rest is never asked for
        parts.append(chunk)
        if progress:
            progress(total, expected)
    if expected is not None and total < expected:
        raise InputError(
            f"broke off after {describe_size(total)} of {describe_size(expected)}",
            where=given,
            hint="try again",
        )
    if not total:
        raise InputError("answered with an empty page", where=given, hint="check the address")
    retrieved = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return Fetched(
        url=given,
        final_url=chain[-1],
        chain=list(chain),
        content_type=content_type,
        charset=charset,
        data=b"".join(parts),
        retrieved=retrieved,
        redirects=list(hops),
    )


def _status_error(given: str, code: int, reason: object) -> InputError:
    what = str(reason or "").strip()
    said = f"{code} {what}" if what else str(code)
    if code == 404 or code == 410:
        hint = "check the address; the page may have moved or been removed"
    elif code in (401, 403):
        hint = "the site does not let it be read without signing in: save the page from a browser"
    elif code >= 500:
        hint = "the site has a problem: try again later"
    else:
        hint = "check the address"
    return InputError(f"answered {said}", where=given, hint=hint)


def _connection_error(given: str, err: BaseException, timeout: float) -> InputError:
    reason = err.reason if isinstance(err, urllib.error.URLError) else err
    if isinstance(reason, TimeoutError | socket.timeout):
        return InputError(
            f"did not answer within {_seconds(timeout)}",
            where=given,
            hint="try again later, or check the address",
        )
    if isinstance(reason, socket.gaierror):
        return InputError(
            "names a host that could not be found", where=given, hint="check the address"
        )
    if isinstance(reason, ConnectionRefusedError):
        return InputError("refused the connection", where=given, hint="check the address")
    if isinstance(reason, ssl.SSLError):
        return InputError(
            f"could not be reached securely ({reason.reason or reason})",
            where=given,
            hint="check the address, or save the page from a browser",
        )
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return InputError(f"could not be fetched ({text})", where=given, hint="check the address")


def _seconds(n: float) -> str:
    return f"{n:g} second" if n == 1 else f"{n:g} seconds"
