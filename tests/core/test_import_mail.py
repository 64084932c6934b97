"""E-mail (.eml) import: subject, sender, dated with its time zone, text or HTML part."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.importers import import_file
from tests.helpers.documents import make_email

BODY = "Leaders met in London on Tuesday 🌍 to discuss the bridge.\r\n\r\nA second paragraph."
PAGE = (
    "<html><body><article>"
    + "".join(
        f"<p>Paragraph {i}: the council met on Tuesday evening to discuss the new bridge "
        "over the river, and engineers said the crossing was unsafe for buses.</p>"
        for i in range(5)
    )
    + "</article></body></html>"
)


def write(tmp_path: Path, data: bytes, name: str = "story.eml") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_plain_text_message_round_trip(tmp_path: Path) -> None:
    art = import_file(write(tmp_path, make_email(text=BODY)))
    assert art.title == "Bridge plan delayed"
    assert art.author == "Ann Lee"
    assert art.published == "2025-03-04T21:30:00-05:00"  # the sender's own time zone
    assert art.text == BODY.replace("\r\n", "\n")  # normalised once
    assert art.text.index("🌍") == BODY.index("🌍")  # code points, not UTF-16 units


def test_html_only_message_goes_through_the_html_importer(tmp_path: Path) -> None:
    art = import_file(write(tmp_path, make_email(text=None, html=PAGE)))
    assert art.text.startswith("Paragraph 0: the council met")
    assert "<p>" not in art.text and art.text.count("\n\n") == 4


def test_the_text_part_is_preferred_and_attachments_are_listed(tmp_path: Path) -> None:
    data = make_email(text=BODY, html=PAGE, attachments=[("report.pdf", b"%PDF-1.4 x")])
    art = import_file(write(tmp_path, data))
    assert art.text.startswith(BODY.replace("\r\n", "\n"))
    assert art.text.endswith("\n\nAttachments (not imported): report.pdf")


def test_a_message_saved_as_txt_is_still_a_message(tmp_path: Path) -> None:
    art = import_file(write(tmp_path, make_email(text=BODY), name="story.txt"))
    assert art.title == "Bridge plan delayed"


def test_sender_without_a_name_and_a_date_without_a_zone(tmp_path: Path) -> None:
    data = make_email(sender="desk@example.org", date="Tue, 04 Mar 2025 21:30:00 -0000")
    art = import_file(write(tmp_path, data))
    assert (art.author, art.published) == ("desk@example.org", "2025-03-04")


BROKEN_MIME = (
    b"From: a@example.org\nSubject: x\nMIME-Version: 1.0\n"
    b'Content-Type: multipart/mixed; boundary="XYZ"\n\n'
    b"no boundary ever starts here\n"
)
UNKNOWN_CHARSET = (
    b"From: a@example.org\nSubject: x\nMIME-Version: 1.0\n"
    b"Content-Type: text/plain; charset=x-no-such-charset\n\nBody text\n"
)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (BROKEN_MIME, "broken MIME structure"),
        (UNKNOWN_CHARSET, "unknown character set 'x-no-such-charset'"),
        (b"Just some words in a file.\n", "holds no e-mail headers"),
    ],
)
def test_damaged_messages_are_one_line(tmp_path: Path, data: bytes, words: str) -> None:
    path = write(tmp_path, data)
    with pytest.raises(InputError) as info:
        import_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and words in message and "\n" not in message


def test_outlook_msg_is_refused_clearly(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, name="m.msg")
    with pytest.raises(InputError, match=r"Outlook message \(\.msg\); .*not supported yet"):
        import_file(path)
