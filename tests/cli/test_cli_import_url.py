"""`annotator import PROJECT https://...`, run as a separate process against a server on
127.0.0.1: addresses and files in one import, what each article keeps of its fetch, the
JSON export's round trip and the merge, already imported addresses, each bad answer (one
line naming the address, exit 2, the file unchanged) and encrypted PDFs' passwords."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.store.project_setup import create_project
from tests.helpers.documents import make_pdf
from tests.helpers.paths import child_env
from tests.helpers.web_server import WebServer, web_server


@pytest.fixture(scope="module")
def server() -> Iterator[WebServer]:
    with web_server() as running:
        yield running


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    create_project(path, seed=True)
    return path


def cli(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=child_env(None, PYTHONIOENCODING="utf-8", **(env or {})),
    )


def read(path: Path, sql: str) -> list[tuple]:
    """The file as another program sees it: a connection of its own, read-only."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def state(path: Path) -> tuple[str, list[str]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dump = list(con.iterdump())
    finally:
        con.close()
    return hashlib.sha256(path.read_bytes()).hexdigest(), dump


def test_addresses_and_files_in_one_import(server, project: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Minutes of the harbour committee 🚢\n\nThe chair opened at 7.\n")
    done = cli("import", project, server.url("/moved"), notes, server.url("/feed.xml"))
    assert done.returncode == 0, done.stderr
    rows = read(
        project,
        "SELECT title, url, source, retrieved, fetched_from FROM articles "
        "WHERE created > (SELECT max(created) FROM articles WHERE source LIKE '%.txt' "
        "AND title NOT LIKE 'Minutes%') ORDER BY created",
    )
    by_title = {r[0]: r for r in rows}
    page = by_title["Bridge plan delayed"]
    assert page[1] == page[2] == server.url("/article.html")
    assert json.loads(page[4]) == [
        server.url("/moved"),
        server.url("/moved-again"),
        server.url("/article.html"),
    ]
    assert page[3].endswith("Z")
    assert by_title["Minutes of the harbour committee 🚢"][3:] == (None, None)
    assert {"Market reopens", "Harbour wall repaired"} <= by_title.keys()
    assert "imported " + server.url("/article.html") in done.stderr


def test_an_address_already_imported_is_said_and_not_duplicated(server, project: Path) -> None:
    assert cli("import", project, server.url("/article.html")).returncode == 0
    count = read(project, "SELECT count(*) FROM articles")
    before = len(server.requests)
    again = cli("import", project, server.url("/moved"), server.url("/article.html"))
    assert again.returncode == 0, again.stderr
    assert read(project, "SELECT count(*) FROM articles") == count
    assert "already imported" in again.stderr and "not imported again" in again.stderr
    assert "/article.html" in server.requests[before:]  # read again: it might have changed


def test_retrieval_survives_the_json_round_trip_and_the_merge(
    server, project: Path, tmp_path: Path
) -> None:
    assert cli("import", project, server.url("/moved")).returncode == 0
    exported = tmp_path / "out.json"
    assert cli("export", project, "-o", exported).returncode == 0
    doc = json.loads(exported.read_text(encoding="utf-8"))
    (art,) = [a for a in doc["articles"] if a["fetched_from"]]
    assert art["fetched_from"][0] == server.url("/moved") and art["retrieved"]
    fresh = tmp_path / "fresh.db"
    create_project(fresh, seed=False)
    assert cli("load", fresh, exported).returncode == 0, "load"
    again = tmp_path / "again.json"
    assert cli("export", fresh, "-o", again).returncode == 0
    assert again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")
    other = tmp_path / "other.db"
    create_project(other, seed=False)
    assert cli("merge", other, project).returncode == 0
    assert read(
        other, "SELECT retrieved, fetched_from FROM articles WHERE retrieved IS NOT NULL"
    ) == [(art["retrieved"], json.dumps(art["fetched_from"]))]


BAD = [
    ("/slow", "did not answer within 1 second"),
    ("/forever/0", "redirects more than 10 times"),
    ("/missing", "answered 404 Not Found"),
    ("/broken", "answered 500 Internal Server Error"),
    ("/huge", "sends more than 20 MB"),
    ("/huge-unsized", "sends more than 20 MB"),
    ("/photo.png", "sends image/png"),
    ("/to-ftp", "redirects to ftp://"),
]


@pytest.mark.parametrize(("path", "said"), BAD)
def test_a_bad_address_is_one_line_exit_2_and_the_project_unchanged(
    server, project: Path, tmp_path: Path, path: str, said: str
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A good article that must not be imported alone.\n")
    before = state(project)
    done = cli(
        "import", project, good, server.url("/article.html"), server.url(path), "--timeout", "1"
    )
    assert done.returncode == 2
    assert done.stderr == f"annotator: {server.url(path)}: {done.stderr.split(': ', 2)[2]}"
    assert said in done.stderr and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert state(project) == before


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("ftp://example.org/a.pdf", "uses the ftp: scheme"),
        ("file:///etc/hostname", "uses the file: scheme"),
        ("https://exa mple.org/", "is not a valid web address"),
    ],
)
def test_an_address_that_cannot_be_fetched_is_refused(project: Path, url: str, said: str) -> None:
    before = state(project)
    done = cli("import", project, url)
    assert done.returncode == 2
    assert done.stderr.startswith(f"annotator: {url}: ") and said in done.stderr
    assert state(project) == before


PAGES = [["The harbour board met in private 🔒 on Monday.", "It agreed the budget."]]


def test_an_encrypted_pdf_opens_with_its_password(project: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(make_pdf(PAGES, title="Board minutes", password="harbour"))
    before = state(project)
    missing = cli("import", project, locked)
    assert missing.returncode == 2
    assert missing.stderr.startswith(f"annotator: {locked}: is an encrypted PDF that needs")
    assert "--password" in missing.stderr and missing.stderr.count("\n") == 1
    wrong = cli("import", project, locked, "--password", "quay")
    assert wrong.returncode == 2
    assert f"{locked}: is an encrypted PDF and the password given does not open it" in wrong.stderr
    assert state(project) == before
    done = cli("import", project, locked, env={"ANNOTATOR_PDF_PASSWORD": "harbour"})
    assert done.returncode == 0, done.stderr
    assert read(project, "SELECT text FROM articles WHERE title = 'Board minutes'") == [
        ("The harbour board met in private 🔒 on Monday. It agreed the budget.",)
    ]


def test_an_aes_encrypted_pdf_opens_with_password_option(project: Path, tmp_path: Path) -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(PAGES, title="Board"))))
    writer.encrypt(user_password="harbour", owner_password="o", algorithm="AES-256")
    locked = tmp_path / "aes.pdf"
    with locked.open("wb") as out:
        writer.write(out)
    done = cli("import", project, locked, "--password", "harbour")
    assert done.returncode == 0, done.stderr
    assert read(project, "SELECT count(*) FROM articles WHERE title = 'Board'") == [(1,)]


def test_the_report_says_when_a_cited_page_was_retrieved(server, project: Path) -> None:
    from annotator.store import operations
    from annotator.store.project import Project

    assert cli("import", project, server.url("/article.html")).returncode == 0
    with Project.open(project) as opened:
        aid, retrieved = opened.rows(
            "SELECT id, retrieved FROM articles WHERE retrieved IS NOT NULL"
        )[0].values()
        opened.apply(operations.create_event(opened, headline="Bridge", span=(aid, 0, 11))[0])
    report = cli("export", project, "--format", "markdown")
    assert report.returncode == 0, report.stderr
    assert f"<{server.url('/article.html')}> (retrieved {retrieved[:10]})" in report.stdout


def test_a_page_that_changed_since_its_import_comes_in_as_its_new_version(
    server, project: Path
) -> None:
    from annotator.store import operations as ops
    from annotator.store.project import Project
    from tests.helpers.web_server import ARTICLE, Answer

    html = {"Content-Type": "text/html; charset=utf-8"}
    server.answers["/changing.html"] = Answer(body=ARTICLE.encode(), headers=html)
    page = server.url("/changing.html")
    assert cli("import", project, page).returncode == 0
    quote = "Engineers said the crossing was unsafe"
    with Project.open(project) as opened:
        first = opened.scalar("SELECT id FROM articles WHERE url = ?", [page])
        start = opened.row("articles", first)["text"].index(quote)
        cs, _ = ops.create_event(opened, headline="Unsafe", span=(first, start, start + len(quote)))
        opened.apply(cs)
    updated = ARTICLE.replace("<p>The council met", "<p>Updated 2:53 p.m. The council met")
    server.answers["/changing.html"] = Answer(body=updated.encode(), headers=html)
    again = cli("import", project, page)
    assert again.returncode == 0, again.stderr
    versions = read(project, f"SELECT id, previous_version FROM articles WHERE url = '{page}'")
    assert len(versions) == 2 and (first, None) in versions
    newer = next(v for v, previous in versions if previous == first)
    ((text, start, end, got),) = read(
        project,
        'SELECT a.text, p.start, p."end", p.quote FROM citations c JOIN passages p '
        "ON p.id = c.passage_id JOIN articles a ON a.id = p.article_id "
        f"WHERE p.article_id = '{newer}'",
    )
    assert got == quote and text[start:end] == quote and text.startswith("Updated 2:53")
    unchanged = cli("import", project, page)  # the same text again: said, not a third version
    assert unchanged.returncode == 0 and "already imported" in unchanged.stderr
    assert len(read(project, f"SELECT id FROM articles WHERE url = '{page}'")) == 2
