"""Import by address: fetched from a server on 127.0.0.1, read by its content type, and
every way an address can fail said in one line naming it."""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator

import pytest

from annotator.core.errors import InputError
from annotator.core.importers.url import import_url
from annotator.core.importers.web import Cancelled, fetch, looks_like_address
from tests.helpers.web_server import WebServer, web_server


@pytest.fixture(scope="module")
def server() -> Iterator[WebServer]:
    with web_server() as running:
        yield running


def quick(server: WebServer, path: str, **kwargs: object):
    return import_url(server.url(path), fetcher=functools.partial(fetch, timeout=1), **kwargs)


def test_a_page_is_read_as_html_and_keeps_when_and_where_it_was_fetched(server) -> None:
    got = quick(server, "/article.html")
    (art,) = got.articles
    assert art.title == "Bridge plan delayed"
    assert art.author == "Ann Lee"
    assert art.published == "2025-03-04"
    assert "double-decker buses 🚌 and lorries" in art.text
    assert "Home · News" not in art.text
    assert art.source == art.url == server.url("/article.html")
    assert art.fetched_from == [server.url("/article.html")]
    assert art.retrieved and art.retrieved.endswith("Z")


def test_redirects_are_followed_and_each_hop_recorded(server) -> None:
    (art,) = quick(server, "/moved").articles
    assert art.fetched_from == [
        server.url("/moved"),
        server.url("/moved-again"),
        server.url("/article.html"),
    ]
    assert art.url == server.url("/article.html")


@pytest.mark.parametrize("path", ["/latin1.html", "/latin1-header.html"])
def test_the_charset_comes_from_the_header_or_the_page(server, path: str) -> None:
    (art,) = quick(server, path).articles
    assert art.title == "Café opens in Köln"
    assert "building’s façade" in art.text


def test_pdf_plain_text_and_feeds_by_their_content_type(server) -> None:
    (pdf,) = quick(server, "/report.pdf").articles
    assert pdf.title == "Port authority annual report"
    assert pdf.page_starts == [0]
    (text,) = quick(server, "/notes.txt").articles
    assert text.text == "Notes from the meeting 📝\n\nThe chair opened at 7 p.m.\n"
    got = quick(server, "/feed.xml")
    market, wall = got.articles
    assert market.text.startswith("The fish market reopened")  # the feed's full text
    # Only a summary in the feed: the linked page was fetched, the feed's metadata kept.
    assert wall.title == "Harbour wall repaired"
    assert wall.text.startswith("Workers finished repairing the harbour wall")
    assert wall.published == "2025-03-07T16:30:00+01:00"
    assert wall.fetched_from == [server.url("/entry.html")]
    assert got.notes == []


def test_a_summary_is_kept_when_the_linked_page_cannot_be_had(server) -> None:
    body = server.url("/feed.xml")

    def fetcher(url: str):
        page = fetch(url, timeout=1)
        if url == body:  # the second entry now links to a page that is gone
            page.data = page.data.replace(b"/entry.html", b"/missing")
        return page

    got = import_url(body, fetcher=fetcher)
    assert got.articles[1].text == "The wall is mended."
    assert got.notes == [
        f"{server.url('/missing')}: the linked page was not read (answered 404 Not Found); "
        "the feed's summary was imported instead"
    ]


def test_a_page_already_imported_is_read_again_and_known_feed_entries_are_not(server) -> None:
    before = len(server.requests)
    got = quick(server, "/article.html", known={server.url("/article.html"): "Bridge"})
    assert [a.title for a in got.articles] == ["Bridge plan delayed"] and got.notes == []
    assert server.requests[before:] == ["/article.html"]  # it may have changed since
    got = quick(server, "/feed.xml", known={server.url("/market.html"): "Market reopens"})
    assert [a.title for a in got.articles] == ["Harbour wall repaired"]
    assert got.notes == [f"{server.url('/feed.xml')}: 1 entry already imported, left as they are"]


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/slow", "did not answer within 1 second"),
        ("/loop", "redirects more than 10 times (a loop)"),
        ("/forever/0", "redirects more than 10 times"),
        ("/to-ftp", "redirects to ftp://127.0.0.1/file.txt, which cannot be fetched"),
        ("/missing", "answered 404 Not Found"),
        ("/broken", "answered 500 Internal Server Error"),
        ("/huge", "sends more than 20 MB"),
        ("/huge-unsized", "sends more than 20 MB"),
        ("/photo.png", "sends image/png, which cannot be read as an article"),
        ("/data.json", "sends application/json, which cannot be read as an article"),
    ],
)
def test_each_bad_answer_is_one_line_naming_the_address(server, path: str, said: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        quick(server, path)
    assert caught.value.where == server.url(path)
    assert said in caught.value.message
    assert "\n" not in str(caught.value)
    assert time.monotonic() - started < 10


def test_two_gigabytes_are_never_read_whole(server) -> None:
    with pytest.raises(InputError, match="more than 20 MB"):
        quick(server, "/huge-unsized")
    time.sleep(0.2)
    # The server stops when the client hangs up: far less than the 2 GB it offered went out.
    assert server.sent["/huge-unsized"] < 200 * 1024 * 1024


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("ftp://example.org/report.pdf", "uses the ftp: scheme"),
        ("file:///etc/hostname", "uses the file: scheme"),
        ("http://", "is not a valid web address"),
        ("https://exa mple.org/", "is not a valid web address"),
        ("http://127.0.0.1:99999/", "is not a valid web address"),
        ("nonsense", "is not a web address"),
    ],
)
def test_addresses_that_cannot_be_fetched_are_refused_before_sending(url: str, said: str) -> None:
    with pytest.raises(InputError, match=said) as caught:
        import_url(url)
    assert caught.value.where == url


def test_a_cancel_stops_the_fetch(server) -> None:
    with pytest.raises(Cancelled):
        fetch(server.url("/huge"), max_bytes=10**12, cancelled=lambda: True)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("https://example.org/a", True),
        ("HTTP://example.org", True),
        ("ftp://example.org/a", True),
        ("file:///tmp/a.html", True),
        ("C:\\articles\\a.html", False),
        ("articles/a.html", False),
        ("a:b.txt", False),
        ("notes:2025.txt", False),
        ("mailto:desk@example.org", True),
    ],
)
def test_what_counts_as_an_address_on_the_command_line(text: str, address: bool) -> None:
    assert looks_like_address(text) is address
