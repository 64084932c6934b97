"""Article files to text: normalisation, front matter, Markdown, HTML metadata, refusals,
and offsets in code points (``core.text``), on generated files as well as written ones."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.importers import import_file
from annotator.core.importers.frontmatter import split_front_matter
from annotator.core.importers.markdown import markdown_to_text
from annotator.core.importers.metadata import TITLE_MAX, check_published, fallback_title
from annotator.core.text import Utf16Map, normalize_text, text_hash

FILES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Prose characters that no sniffer takes for markup, mail, JSON or a feed: letters (some
# decomposed, some astral), digits, spaces and sentence punctuation.
PROSE = st.lists(
    st.sampled_from(
        [*"abcXYZ019 .,;!?'\"()-", "e\u0301", "a\u0308", "é", "ß", "😀", "𝔘", "中", "\u00a0"]
    ),
    min_size=1,
    max_size=30,
).map("".join)
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])


def _lines(data: st.DataObject) -> list[str]:
    lines = data.draw(st.lists(PROSE, min_size=1, max_size=6), label="lines")
    lines[0] = "W" + lines[0]  # a visible first line: the title comes from it
    return lines


def _expected(lines: list[str]) -> str:
    return unicodedata.normalize("NFC", "\n".join(lines) + "\n")


def _write(tmp_path: Path, name: str, payload: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(payload)
    return path


# -- plain text -----------------------------------------------------------------------------


@FILES
@given(data=st.data(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_plain_text_is_nfc_with_unix_newlines_whatever_the_file(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, encoding: str
) -> None:
    lines = _lines(data)
    newline = data.draw(NEWLINES, label="newline")
    raw = newline.join(lines) + newline
    path = _write(tmp_path_factory.mktemp("txt"), "article.txt", raw.encode(encoding))
    art = import_file(path)
    assert art.text == _expected(lines)
    assert "\r" not in art.text
    assert unicodedata.is_normalized("NFC", art.text)
    assert art.title == fallback_title(art.text, "article")
    assert art.source == "article.txt"
    assert (art.outlet, art.author, art.url, art.published, art.language) == (None,) * 5


@FILES
@given(data=st.data())
def test_a_txt_file_keeps_markup_characters_literally(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    words = data.draw(st.lists(st.sampled_from(["*x*", "# h", "[a](b)", "`c`", "_u_"]), min_size=1))
    text = "Notes " + " ".join(words) + "\n"
    path = _write(tmp_path_factory.mktemp("md"), "notes.txt", text.encode())
    assert import_file(path).text == text


@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=40))
def test_normalize_text_is_idempotent_and_leaves_no_carriage_return(raw: str) -> None:
    once = normalize_text(raw.lstrip("\ufeff"))
    assert "\r" not in once
    assert normalize_text(once) == once
    assert text_hash(once) == text_hash(normalize_text(once))


def test_text_hash_tells_composed_from_decomposed_text_apart() -> None:
    """The hash is over the stored (normalised) text: import first, then compare."""
    assert text_hash("caf\u00e9") != text_hash("cafe\u0301")
    assert text_hash(normalize_text("cafe\u0301")) == text_hash("caf\u00e9")
    assert text_hash("x").startswith("sha256:") and len(text_hash("x")) == 7 + 64


# -- offsets: code points and UTF-16 ----------------------------------------------------------


ASTRAL_TEXT = st.lists(st.sampled_from(["a", "é", "😀", "𝔘", "\n", "中"]), max_size=40).map("".join)


@given(ASTRAL_TEXT)
def test_utf16_offsets_round_trip_at_every_character_boundary(text: str) -> None:
    m = Utf16Map(text)
    assert m.length == len(text)
    assert m.length16 == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        u16 = m.to_utf16(cp)
        assert u16 == len(text[:cp].encode("utf-16-le")) // 2
        assert m.from_utf16(u16) == cp


@given(ASTRAL_TEXT.filter(lambda t: any(ord(c) > 0xFFFF for c in t)))
def test_a_utf16_offset_inside_a_surrogate_pair_snaps_forward(text: str) -> None:
    m = Utf16Map(text)
    for cp, ch in enumerate(text):
        if ord(ch) > 0xFFFF:
            assert m.from_utf16(m.to_utf16(cp) + 1) == cp + 1


# -- front matter ---------------------------------------------------------------------------

VALUE = st.lists(st.sampled_from([*"abcXYZ019 .-é", "😀"]), min_size=1, max_size=20).map(
    lambda s: "v" + "".join(s).strip()
)
KEYS = {
    "title": ["title", "Title", "HEADLINE"],
    "outlet": ["outlet", "source", "Site", "publication"],
    "author": ["author", "byline", "Authors"],
    "url": ["url", "link"],
}


@FILES
@given(data=st.data())
def test_front_matter_fields_under_any_of_their_names(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    fields = data.draw(
        st.dictionaries(st.sampled_from(sorted(KEYS)), VALUE, min_size=1), label="fields"
    )
    header = ["---"]
    for field, value in fields.items():
        key = data.draw(st.sampled_from(KEYS[field]), label=f"{field} key")
        quote = data.draw(st.sampled_from(["", '"', "'"]), label="quote")
        header.append(f"{key}: {quote}{value}{quote}")
        if data.draw(st.booleans(), label="noise"):
            header.append(data.draw(st.sampled_from(["", "# a comment", "layout: post"])))
    header.append("---")
    body = "Body text on 4 March 2025.\nSecond line.\n"
    path = _write(
        tmp_path_factory.mktemp("fm"), "a.txt", ("\n".join(header) + "\n" + body).encode()
    )
    art = import_file(path)
    assert art.text == body
    for field, value in fields.items():
        assert getattr(art, field) == " ".join(value.split()), field
    if "title" not in fields:
        assert art.title == "Body text on 4 March 2025."


def test_command_line_metadata_beats_front_matter(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.md", b"---\ntitle: From the file\nauthor: Ann\n---\nBody.\n")
    art = import_file(path, title="  From   the command line ", published="2025-03")
    assert art.title == "From the command line"
    assert art.author == "Ann"
    assert art.published == "2025-03"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("---\ntitle: a\nheadline: b\n---\nx\n", ["line 3", "repeats 'title'"]),
        ("---\ndate: 2025\npublished: 2024\n---\nx\n", ["repeats 'published'"]),
        ("---\ntitle: a\nno colon here\n---\nx\n", ["line 3", "not 'key: value'"]),
        ("---\ntitle: a\n" + "x: y\n" * 60 + "body\n", ["not closed"]),
    ],
)
def test_bad_front_matter_names_the_file_and_the_line(
    tmp_path: Path, text: str, words: list[str]
) -> None:
    path = _write(tmp_path, "bad.txt", text.encode())
    with pytest.raises(InputError) as err:
        import_file(path)
    assert err.value.where == str(path)
    for word in words:
        assert word in err.value.message
    assert "\n" not in str(err.value)


def test_a_rule_at_the_top_is_not_front_matter() -> None:
    text = "---\n\nJust prose after a rule.\n"
    assert split_front_matter(text, "w") == ({}, text)


# -- Markdown -------------------------------------------------------------------------------

WORDS = st.lists(st.sampled_from(["peace", "talks", "in", "Rome", "9", "March", "é"]), min_size=1)


@given(st.lists(st.lists(WORDS, min_size=1, max_size=3), min_size=1, max_size=4))
def test_markdown_joins_wrapped_lines_and_keeps_paragraphs(
    paragraphs: list[list[list[str]]],
) -> None:
    source = "\n\n".join("\n".join(" ".join(line) for line in para) for para in paragraphs)
    expected = "\n\n".join(" ".join(" ".join(line) for line in para) for para in paragraphs)
    assert markdown_to_text(source + "\n") == expected + "\n"


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("## Talks ##\n\nText.\n", "Talks\n\nText.\n"),
        ("Title\n=====\n\nText.\n", "Title\n\nText.\n"),
        ('A [link](https://e.org/x "t") and ![img](p.png) here.\n', "A link and here.\n"),
        ("> quoted words\n", "quoted words\n"),
        ("Use \\*stars\\* and snake_case_name.\n", "Use *stars* and snake_case_name.\n"),
        ("```\n*kept* as is\n```\n", "*kept* as is\n"),
        ("See [the report][r].\n\n[r]: https://e.org/r\n", "See the report.\n"),
        ("Mail <https://e.org/a> now.\n", "Mail https://e.org/a now.\n"),
    ],
)
def test_markdown_markup_goes_and_words_stay(source: str, text: str) -> None:
    assert markdown_to_text(source) == text


def test_markdown_file_offsets_index_the_imported_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.md", "# 😀 Summit\n\nLeaders met in **Rome** on 9 March.\n".encode())
    art = import_file(path)
    start = art.text.index("Rome")
    assert art.text[start : start + 4] == "Rome"
    assert art.text.startswith("😀 Summit\n\n")
    assert start == len("😀 Summit\n\nLeaders met in ")  # code points: the emoji counts once


# -- HTML -----------------------------------------------------------------------------------

PAGE = """<!doctype html><html lang="{lang}"><head><title>{title} | Site</title>
<meta property="og:title" content="{title}">
<meta name="author" content="Jane Q. Reporter">
<meta property="article:published_time" content="{published}">
<meta property="og:site_name" content="The Gazette">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
<p>Ministers met in Rome on Tuesday and talked about &lt;script&gt; &amp; peace at length.</p>
<p>A second paragraph, long enough for the extractor to keep it as part of the article.</p>
</article><footer>&copy; 2019 The Gazette</footer></body></html>"""


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2025-03-04", "2025-03-04"),
        ("2025-03-04T23:30:00-05:00", "2025-03-04"),
        ("2025-03-04T01:30:00+09:00", "2025-03-04"),
    ],
)
def test_html_title_author_outlet_and_publisher_day(
    tmp_path: Path, published: str, expected: str
) -> None:
    page = PAGE.format(lang="en-GB", title="Summit in Rome", published=published)
    art = import_file(_write(tmp_path, "page.html", page.encode()))
    assert art.title == "Summit in Rome"
    assert art.author == "Jane Q. Reporter"
    assert art.outlet == "The Gazette"
    assert art.published == expected
    assert art.language == "en-GB"
    assert "<script> & peace" in art.text  # entities decoded once, and kept as text
    assert "Home" not in art.text and "2019" not in art.text


def test_html_sniffed_without_an_extension(tmp_path: Path) -> None:
    page = PAGE.format(lang="de", title="Gipfel", published="2025-03-04")
    art = import_file(_write(tmp_path, "saved_page", page.encode()))
    assert art.title == "Gipfel" and art.language == "de"


def test_an_odd_language_on_a_page_is_ignored_not_refused(tmp_path: Path) -> None:
    page = PAGE.format(lang="English please", title="Summit", published="2025-03-04")
    art = import_file(_write(tmp_path, "page.html", page.encode()))
    assert art.language is None and art.title == "Summit"


# -- files that are not articles ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "payload", "words"),
    [
        ("a.txt", b"\x89PNG\r\n\x1a\nrest", ["PNG image"]),
        ("a.txt", b"PK\x03\x04rest", ["ZIP archive"]),
        ("a.txt", b"\x1f\x8brest", ["gzip"]),
        ("a.txt", b"SQLite format 3\x00rest", ["SQLite database"]),
        ("a.txt", b"{\\rtf1 hello}", ["RTF"]),
        ("a.txt", b"%PDF-1.7 rest", ["PDF"]),
        ("a.txt", b"ok\nfine\n\xed\xa0\x80 bad", ["lone surrogate", "byte 8", "line 3"]),
        ("a.txt", b"caf\xe9\n", ["not UTF-8", "0xE9", "byte 3", "line 1"]),
        ("a.txt", codecs.BOM_UTF8, ["white space"]),
        ("a.txt", b"\xff\xfeh\x00i", ["not valid UTF-16"]),
        ("a.txt", b"   \n\t\n", ["white space"]),
        ("a.txt", b"a\x00b", ["binary", "NUL byte at byte 1"]),
        ("a.txt", b"From a@b.c Tue Mar 11 10:00:00 2025\nFrom: a@b.c\n\nbody\n", ["mailbox"]),
        ("a.eml", b"Plain words only.\n", ["no e-mail headers"]),
        ("a.xml", b"<?xml version='1.0'?><rss version='2.0'><channel/></rss>", ["feed"]),
        ("a.txt", b'{"events": []}', ["JSON file"]),
        ("a.csv", b"a,b\n1,2\n", ["CSV"]),
        ("a.mhtml", b"MIME-Version: 1.0\n\nx", ["web archive"]),
        ("a.md", b"![only a picture](p.png)\n", ["no readable article text"]),
        ("a.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", ["no article"]),
    ],
)
def test_unusable_files_are_one_input_error_naming_the_file(
    tmp_path: Path, name: str, payload: bytes, words: list[str]
) -> None:
    path = _write(tmp_path, name, payload)
    with pytest.raises(InputError) as err:
        import_file(path)
    assert err.value.where == str(path)
    assert str(err.value).startswith(f"{path}: ")
    for word in words:
        assert word in err.value.message, err.value.message
    assert err.value.hint
    assert "\n" not in str(err.value)


@settings(max_examples=60, deadline=None)
@given(payload=st.binary(min_size=1, max_size=200))
def test_any_bytes_give_an_article_or_an_input_error(payload: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "blob.txt"
        path.write_bytes(payload)
        try:
            art = import_file(path)
        except InputError as err:
            assert err.where == str(path)
            return
    assert art.text.strip()
    assert "\r" not in art.text and "\x00" not in art.text
    assert unicodedata.is_normalized("NFC", art.text)


# -- metadata values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "edtf"),
    [
        ("2025-03-04", "2025-03-04"),
        ("2025-03", "2025-03"),
        ("2025-03-04/2025-03-09", "2025-03-04/2025-03-09"),
        ("March 11, 2025", "2025-03-11"),
        ("11 March 2025", "2025-03-11"),
        ("Sept 3, 2024", "2024-09-03"),
        ("  2025  ", "2025"),
        (None, None),
        ("   ", None),
    ],
)
def test_published_values_become_edtf(value: str | None, edtf: str | None) -> None:
    assert check_published(value, "w") == edtf


@pytest.mark.parametrize("value", ["2025-02-30", "0000", "2025-03-09/2025-03-04", "soon"])
def test_impossible_published_values_name_the_file(value: str) -> None:
    with pytest.raises(InputError) as err:
        check_published(value, "file.txt")
    assert err.value.where == "file.txt"
    assert repr(value) in err.value.message


@given(st.text(st.sampled_from([*"ab c😀", "\n"]), max_size=400))
def test_fallback_title_is_a_short_first_line(text: str) -> None:
    title = fallback_title(text, "stem")
    first = next((" ".join(ln.split()) for ln in text.split("\n") if ln.split()), None)
    if first is None:
        assert title == "stem"
    elif len(first) <= TITLE_MAX:
        assert title == first
    else:
        assert title.endswith("…") and len(title) <= TITLE_MAX
        assert first.startswith(title[:-1].rstrip(" ,;:"))
