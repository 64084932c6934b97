"""A web server on 127.0.0.1 for the import-by-address tests, one endpoint per case.

Started in a thread by the test (port 0: the system picks a free one) and stopped after it.
The huge answers are generated as they are sent and never held whole: the server stops
when the client hangs up. Nothing here reaches beyond this machine.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.helpers.documents import make_pdf

GB2 = 2 * 1024**3

ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Bridge plan delayed | The Gazette</title>
<meta property="og:title" content="Bridge plan delayed">
<meta name="author" content="Ann Lee">
<meta property="article:published_time" content="2025-03-04T09:00:00+00:00">
</head><body><nav>Home · News · Sport</nav><article><h1>Bridge plan delayed</h1>
<p>The council met on Tuesday evening to discuss the new bridge over the river Avon.
Engineers said the crossing was unsafe for double-decker buses 🚌 and lorries.</p>
<p>Residents asked whether the works would close the road during the summer. A decision
is expected in April, the chair said at the end of a long meeting.</p>
<p>Opposition members said the estimate had doubled since the plan first appeared 🌉
last year, and asked for the figures to be published before the next session.</p>
</article><footer>© The Gazette</footer></body></html>"""

LATIN1 = """<html><head><meta charset="windows-1252"><title>Café opens in Köln</title></head>
<body><article><h1>Café opens in Köln</h1>
<p>The café on the Domplatz opened on Monday, the owner said, after two years of work
on the building’s façade and a long dispute with the city’s planning office.</p>
<p>Visitors queued in the rain for the first coffee, and the mayor cut a ribbon at noon.
The owner said prices would stay low “for as long as we can”.</p></article></body></html>"""

ENTRY = """<html><head><title>Harbour wall repaired</title></head><body><article>
<h1>Harbour wall repaired</h1>
<p>Workers finished repairing the harbour wall on Friday, a week ahead of schedule, the
port authority said in a statement that thanked residents for their patience.</p>
<p>The wall was damaged in the January storms, when waves broke over it for three days
and flooded the fish market on the quay.</p></article></body></html>"""


def feed(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Gazette</title><link>{base}/</link><language>en</language>
<item><title>Market reopens</title><link>{base}/market.html</link>
<author>news@gazette.example (Bo Chen)</author>
<pubDate>Tue, 04 Mar 2025 10:00:00 +0100</pubDate>
<content:encoded><![CDATA[<p>The fish market reopened on Tuesday after the repairs.</p>
<p>Traders said the first week had been busy.</p>]]></content:encoded></item>
<item><title>Harbour wall repaired</title><link>{base}/entry.html</link>
<pubDate>Fri, 07 Mar 2025 16:30:00 +0100</pubDate>
<description>The wall is mended.</description></item>
</channel></rss>"""


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class WebServer:
    base: str
    requests: list[str] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)  # bytes sent per streamed path
    answers: dict[str, Answer] = field(default_factory=dict)  # a test may change a page

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


def _answers(base: str) -> dict[str, Answer]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    return {
        "/article.html": Answer(body=ARTICLE.encode("utf-8"), headers=html),
        "/latin1.html": Answer(
            body=LATIN1.encode("windows-1252"), headers={"Content-Type": "text/html"}
        ),
        "/latin1-header.html": Answer(
            body=LATIN1.replace('charset="windows-1252"', "").encode("windows-1252"),
            headers={"Content-Type": "text/html; charset=windows-1252"},
        ),
        "/entry.html": Answer(body=ENTRY.encode("utf-8"), headers=html),
        "/market.html": Answer(status=404, body=b"gone", headers=html),
        "/notes.txt": Answer(
            body="Notes from the meeting 📝\n\nThe chair opened at 7 p.m.\n".encode(),
            headers={"Content-Type": "text/plain; charset=utf-8"},
        ),
        "/report.pdf": Answer(
            body=make_pdf(
                [["Annual report of the port authority", "Income rose by a tenth."]],
                title="Port authority annual report",
            ),
            headers={"Content-Type": "application/pdf"},
        ),
        "/feed.xml": Answer(
            body=feed(base).encode("utf-8"), headers={"Content-Type": "application/rss+xml"}
        ),
        "/moved": Answer(status=301, headers={"Location": "/moved-again"}),
        "/moved-again": Answer(status=302, headers={"Location": f"{base}/article.html"}),
        "/loop": Answer(status=302, headers={"Location": "/loop"}),
        "/to-ftp": Answer(status=302, headers={"Location": "ftp://127.0.0.1/file.txt"}),
        "/missing": Answer(status=404, body=b"<h1>Not found</h1>", headers=html),
        "/broken": Answer(status=500, body=b"<h1>Server error</h1>", headers=html),
        "/photo.png": Answer(
            body=b"\x89PNG\r\n\x1a\n" + bytes(64), headers={"Content-Type": "image/png"}
        ),
        "/data.json": Answer(body=b'{"a": 1}', headers={"Content-Type": "application/json"}),
    }


@contextmanager
def web_server() -> Iterator[WebServer]:
    """Serve the endpoints on 127.0.0.1 until the block ends."""
    state: dict[str, object] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: the tests read ``requests`` instead

        def do_GET(self) -> None:
            server: WebServer = state["server"]  # type: ignore[assignment]
            path = self.path
            server.requests.append(path)
            if path.startswith("/forever/"):
                n = int(path.rsplit("/", 1)[1])
                return self._send(Answer(status=302, headers={"Location": f"/forever/{n + 1}"}))
            if path == "/slow":
                time.sleep(3)  # longer than the tests' timeout, before any header
                return self._send(Answer(body=b"late", headers={"Content-Type": "text/plain"}))
            if path in ("/huge", "/huge-unsized"):
                return self._stream(path, sized=path == "/huge")
            answer = state["answers"].get(path)  # type: ignore[attr-defined]
            self._send(answer or Answer(status=404, body=b"no such page"))

        def _send(self, answer: Answer) -> None:
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        def _stream(self, path: str, *, sized: bool) -> None:
            """Two gigabytes of page, made as they are sent; stops when the client goes."""
            server: WebServer = state["server"]  # type: ignore[assignment]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if sized:
                self.send_header("Content-Length", str(GB2))
            else:
                self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"word " * 13000 + b"</p>\n"
            sent = 0
            try:
                while sent < GB2:
                    self.wfile.write(chunk)
                    sent += len(chunk)
                    server.sent[path] = sent
            except OSError:
                pass  # the client hung up: what the test wants
            self.close_connection = True

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    server = WebServer(base=base)
    state["server"] = server
    state["answers"] = server.answers = _answers(base)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
