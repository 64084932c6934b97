"""Mailboxes, web archives, XML, JSON and CSV are refused by name, not imported as text;
a single e-mail message and a feed's entries are imported as articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import InputError
from annotator.core.importers import import_file
from annotator.store.project_setup import create_project
from tests.helpers.db import db_dump

EMAIL = (
    "From: Jane Doe <jane@example.org>\nTo: desk@example.org\nSubject: Story\n"
    "MIME-Version: 1.0\n\nThe president said on Tuesday...\n"
)
RECEIVED = (
    "Received: from mx.example.org by example.org\n\tfor <desk@example.org>;\n"
    "From: a@example.org\n\nBody\n"
)
MBOX = "From jane@example.org Tue Mar 11 10:00:00 2025\nFrom: jane@example.org\n\nBody\n"
MHTML = (
    "From: <Saved by Blink>\nSnapshot-Content-Location: https://example.org/a\n"
    'MIME-Version: 1.0\nContent-Type: multipart/related;\n\ttype="text/html"\n\n'
    "------MultipartBoundary--\n"
)
RSS = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>News</title></channel></rss>\n'
ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title></feed>\n'
XML = '<?xml version="1.0" encoding="utf-8"?>\n<article><p>Text</p></article>\n'
JSON_OBJ = '{"title": "Story", "text": "The president said..."}\n'
JSON_LIST = '  [{"id": 1}, {"id": 2}]\n'
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64


def refused(path: Path, *words: str) -> str:
    with pytest.raises(InputError) as info:
        import_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}: is ") and "not supported yet" in message, message
    for w in words:
        assert w in message, message
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("box.txt", MBOX, ["mailbox of many messages", "as a .eml file"]),
        ("box.mbox", MBOX, ["mailbox of many messages"]),
        ("page.mht", "anything\n", ["web archive (MHTML)"]),
        ("page.mhtml", MHTML, ["web archive (MHTML)", "HTML only"]),
        ("page.txt", MHTML, ["web archive (MHTML)"]),
        ("data.xml", XML, ["an XML file", "save the article as HTML or text first"]),
        ("data.txt", XML, ["an XML file"]),
        ("data.json", JSON_OBJ, ["a JSON file", "annotator load"]),
        ("data.txt", JSON_OBJ, ["a JSON file"]),
        ("list.md", JSON_LIST, ["a JSON file"]),
        ("table.csv", "date,event\n2025-03-11,talks\n", ["a CSV or TSV table"]),
        ("table.tsv", "date\tevent\n", ["CSV or TSV"]),
    ],
)
def test_refused_by_extension_and_content(
    tmp_path: Path, name: str, content: str, words: list[str]
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    refused(path, *words)


@pytest.mark.parametrize("content", [EMAIL, RECEIVED])
def test_a_message_under_any_name_is_imported_as_one(tmp_path: Path, content: str) -> None:
    path = tmp_path / "message.txt"
    path.write_text(content, encoding="utf-8")
    art = import_file(path)
    assert "From:" not in art.text and art.text.startswith(("The president", "Body"))


@pytest.mark.parametrize(
    ("name", "content"), [("news.rss", "feed\n"), ("news.txt", RSS), ("feed", ATOM)]
)
def test_feeds_are_read_as_feeds(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"(not a well-formed feed|feed with no entries)"):
        import_file(path)


def test_outlook_message_is_named_as_such(tmp_path: Path) -> None:
    msg = tmp_path / "mail.msg"
    msg.write_bytes(OLE)
    message = refused(msg, "an Outlook message", "save it as text (.txt) or HTML")
    assert "word processor" not in message
    hidden = tmp_path / "mail.bin"  # no extension to go by: the stream names tell
    hidden.write_bytes(OLE + "__substg1.0_0037001F".encode("utf-16-le"))
    refused(hidden, "Outlook message")
    doc = tmp_path / "old.doc"  # a real old Word file keeps its own advice
    doc.write_bytes(OLE)
    with pytest.raises(InputError, match="old Microsoft Office document"):
        import_file(doc)


@pytest.mark.parametrize(
    "text",
    [
        "From: our correspondent in Paris\nThe president said on Tuesday that talks went on.\n",
        "[Updated] The president said on Tuesday that talks went on.\n",
        "{Editor's note} The president said that talks went on.\n",
        "Subject: talks\nDate: today\n\nNot a mail header block: Subject is not how mail opens.\n",
    ],
)
def test_articles_that_only_look_alike_are_imported(tmp_path: Path, text: str) -> None:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    assert import_file(path).text.strip()


def test_xhtml_page_with_xml_declaration_is_still_a_page(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE html>\n<html><body><p>Talks went on.</p></body></html>\n',
        encoding="utf-8",
    )
    assert "Talks went on." in import_file(page).text


def test_cli_import_refuses_and_leaves_project_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    project = tmp_path / "p.db"
    create_project(project, seed=True)
    before = db_dump(project)
    ok = tmp_path / "ok.txt"
    ok.write_text("An article.\n", encoding="utf-8")
    data = tmp_path / "data.xml"
    data.write_text(XML, encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(project), str(ok), str(data)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"annotator: {data}: is an XML file; this kind of file is not "
        "supported yet (save the article as HTML or text first, then import that file)\n"
    )
    assert db_dump(project) == before
