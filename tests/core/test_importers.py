"""Importers: good files of each format, metadata precedence, and every kind of bad input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.importers import ImportedArticle, detect_kind, import_file
from annotator.core.importers.frontmatter import split_front_matter
from annotator.core.importers.markdown import markdown_to_text
from annotator.core.importers.metadata import check_published, fallback_title
from annotator.core.importers.reader import MAX_BYTES
from tests.helpers.paths import DATA as TEST_DATA

DATA = TEST_DATA / "import"


def bad(path: str | Path, *words: str) -> InputError:
    """Import must fail with one line naming the file and each of ``words``."""
    with pytest.raises(InputError) as info:
        import_file(path)
    err = info.value
    line = str(err)
    assert "\n" not in line
    assert err.where == str(path)
    assert line.startswith(f"{path}: ")
    assert err.hint, "every error says what to do"
    for word in words:
        assert word in line
    return err


# --- plain text ------------------------------------------------------------------------


def test_plain_text_kept_as_is_with_astral_characters():
    art = import_file(DATA / "plain.txt")
    assert isinstance(art, ImportedArticle)
    raw = (DATA / "plain.txt").read_bytes().decode("utf-8")
    assert art.text == raw
    assert "🇺🇦" in art.text and "“do the heavy lifting”" in art.text
    assert "<script>alert(1)</script>" in art.text  # markup in a .txt stays literal text
    assert art.title == "Leaders met at Lancaster House on Sunday, 2 March 2025."
    assert (art.outlet, art.author, art.url, art.published, art.language) == (None,) * 5
    assert art.source == "plain.txt"


def test_bom_and_crlf_are_normalised_and_nfc_applied():
    art = import_file(DATA / "crlf_bom.txt")
    assert art.text == "First line of the CRLF file\nSecond line with café decomposed\n"
    assert "\r" not in art.text and "\ufeff" not in art.text
    assert "e\u0301" not in art.text  # NFC composed it


def test_utf16_with_bom_is_read():
    art = import_file(DATA / "utf16.txt")
    assert art.text == "UTF-16 article: Zelensky met Trump on 28 February 2025 😀.\n"


def test_front_matter_gives_metadata_and_is_removed():
    art = import_file(DATA / "frontmatter.txt")
    assert art.text == "Body first line.\nBody second line.\n"
    assert art.title == "Leaders meet in London"
    assert art.outlet == "The Example Gazette"
    assert art.author == "Jane Q. Reporter"
    assert art.url == "https://gazette.example/london"
    assert art.published == "2025-03-02"  # "March 2, 2025" read as a day
    assert art.language == "en"


def test_keyword_metadata_overrides_front_matter():
    art = import_file(
        DATA / "frontmatter.txt",
        title="Given title",
        author="Someone Else",
        published="2025-03",
        outlet="Outlet X",
        url="https://x.example/a",
    )
    assert (art.title, art.author, art.published, art.outlet, art.url) == (
        "Given title",
        "Someone Else",
        "2025-03",
        "Outlet X",
        "https://x.example/a",
    )


def test_title_falls_back_to_first_line_then_stem(tmp_path):
    long_line = "word " * 60
    f = tmp_path / "long.txt"
    f.write_text("\n\n  " + long_line + "\nsecond\n", encoding="utf-8")
    title = import_file(f).title
    assert len(title) <= 120 and title.endswith("…") and title.startswith("word word")
    assert fallback_title("   \n\t\n", "my-stem") == "my-stem"


# --- Markdown --------------------------------------------------------------------------


def test_markdown_fixture_is_readable_text():
    art = import_file(DATA / "article.md")
    assert art.title == "Markdown front matter title"
    assert art.published == "2025-03"
    assert art.text == (
        "Europe rearms\n\n"
        "The EU unveiled ReArm Europe on Tuesday, see the plan and the statement. "
        "Keep snake_case_names, 2 * 3 * 4 and a footnote* as written.\n\n"
        "Setext heading\n\n"
        "Merz said defence is optional essential.\n\n"
        "- first item\n- second item with inline code\n\n"
        'x = "*not emphasis*"\n\n'
        "Hard break at end of this line\nnext line. Escaped *stars* stay. "
        "https://example.org/auto\n"
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("## Heading ##\n", "Heading\n"),
        ("a *b* c **d** e __f__ g _h_ i\n", "a b c d e f g h i\n"),
        ("file_name_here and 3 * 4 * 5\n", "file_name_here and 3 * 4 * 5\n"),
        ("see ![img](a.png) this\n", "see this\n"),
        ("[text](https://a.example/x_(y)) end\n", "text end\n"),
        (
            'He said "yes" -- it\'s 10% (roughly) & more!\n',
            'He said "yes" -- it\'s 10% (roughly) & more!\n',
        ),
        ("~~~\n# not a heading\n**kept**\n~~~\n", "# not a heading\n**kept**\n"),
        ("line one\nline two\n", "line one line two\n"),
        ("| a | b |\n|---|---|\n| 1 | 2 |\n", "| a | b |\n| 1 | 2 |\n"),
        ("before\n\n---\n\nafter\n", "before\n\nafter\n"),
        ("Use `a*b*c` here\n", "Use a*b*c here\n"),
    ],
)
def test_markdown_rules(source, expected):
    assert markdown_to_text(source) == expected


def test_sniffing_without_extension():
    assert detect_kind(Path("x"), "<!DOCTYPE html><html></html>") == "html"
    assert detect_kind(Path("x"), "# Title\n\ntext") == "markdown"
    assert detect_kind(Path("x"), "Just words.\nMore words.") == "text"
    assert detect_kind(Path("x.txt"), "<!DOCTYPE html><html></html>") == "text"
    page = import_file(DATA / "page_without_extension")
    assert page.title == "Sniffed page title" and "no file extension" in page.text
    notes = import_file(DATA / "notes_without_extension")
    assert notes.text == "Notes heading\n\nSome bold text and a link.\n"


# --- HTML ------------------------------------------------------------------------------


def test_html_body_and_metadata_without_furniture():
    art = import_file(DATA / "article.html")
    assert art.title == "Leaders Meet in London to Back Ukraine"  # og:title
    assert art.outlet == "The Example Gazette"
    assert art.author == "Jane Q. Reporter"
    assert art.url == "https://gazette.example/2025/03/02/london-summit"
    assert art.published == "2025-03-02"  # day kept from the full timestamp
    assert art.language == "en-GB"
    assert "Keir Starmer convened European leaders at Lancaster House" in art.text
    for furniture in (
        "SCRIPT-FURNITURE",
        "SCRIPT-BODY-FURNITURE",
        "NAV-FURNITURE",
        "HEADER-FURNITURE",
        "FOOTER-FURNITURE",
        "secret-style-marker",
        "Privacy",
        "trackingMarker",
    ):
        assert furniture not in art.text
    # an escaped <script> shown to readers is literal text, and astral characters survive
    assert "wrote <script>alert(1)</script> in a memo" in art.text
    assert "🇺🇦 and 😀" in art.text


def test_html_legacy_charset_declared_in_page():
    art = import_file(DATA / "legacy_charset.html")
    assert art.title == "Café page"
    assert "The café on the square" in art.text and "“went well”" in art.text


def test_html_metadata_overridden_by_keywords():
    art = import_file(DATA / "article.html", title="Mine", outlet="Other", published="2025")
    assert (art.title, art.outlet, art.published) == ("Mine", "Other", "2025")
    assert art.author == "Jane Q. Reporter"


def test_html_without_body():
    bad(DATA / "nobody.html", "no article body found")


# --- published dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "edtf"),
    [
        ("2025", "2025"),
        ("2025-03", "2025-03"),
        ("2025-03-04", "2025-03-04"),
        ("2025-03-02/2025-03-04", "2025-03-02/2025-03-04"),
        ("March 11, 2025", "2025-03-11"),
        ("11 March 2025", "2025-03-11"),
        (" 2025-03-04 ", "2025-03-04"),
        (None, None),
        ("", None),
    ],
)
def test_published_accepted(value, edtf):
    assert check_published(value, "f.txt") == edtf


@pytest.mark.parametrize(
    "value", ["2025-02-30", "2025-13", "2025-03-05/2025-03-01", "someday", "32 March 2025"]
)
def test_published_rejected(value):
    with pytest.raises(InputError) as info:
        check_published(value, "f.txt")
    assert str(info.value).startswith("f.txt: ") and repr(value) in str(info.value)


def test_bad_published_from_keyword_names_file():
    with pytest.raises(InputError, match=r"plain\.txt: cannot read the published date"):
        import_file(DATA / "plain.txt", published="the day after tomorrow-ish")


def test_bad_published_in_front_matter():
    bad(DATA / "bad_date.md", "published date", "sometime soon")


# --- front matter ----------------------------------------------------------------------


def test_front_matter_parsing_details():
    fields, body = split_front_matter("---\nTitle: 'Quoted'\n# comment\n\nDate: 2025\n---\nB", "w")
    assert fields == {"title": "Quoted", "published": "2025"} and body == "B"
    assert split_front_matter("---\nJust a rule above prose.\n", "w") == (
        {},
        "---\nJust a rule above prose.\n",
    )
    with pytest.raises(InputError, match="repeats 'title'"):
        split_front_matter("---\ntitle: a\nheadline: b\n---\nx", "w")


def test_unclosed_front_matter():
    bad(DATA / "unclosed.txt", "front matter", "line 5")


def test_front_matter_without_text():
    bad(DATA / "frontmatter_only.txt", "no article text")


def test_bad_language_in_front_matter(tmp_path):
    f = tmp_path / "lang.md"
    f.write_text("---\nlanguage: English please\n---\nText.\n", encoding="utf-8")
    bad(f, "language", "English please")


# --- bad files -------------------------------------------------------------------------


def test_missing_path(tmp_path):
    bad(tmp_path / "nope.txt", "no such file")


def test_directory(tmp_path):
    bad(tmp_path, "folder")


def test_web_address_is_not_fetched():
    bad("https://example.org/article", "web address")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.txt", ["empty"]),
        ("blank.txt", ["white space"]),
        ("binary.txt", ["binary", "NUL byte at byte 2"]),
        ("document.txt", ["PDF"]),
        ("latin1.txt", ["not UTF-8", "0xE9", "byte 6", "line 1"]),
        ("surrogate.txt", ["lone surrogate", "byte 3"]),
    ],
)
def test_bad_files(name, words):
    err = bad(DATA / name, *words)
    if name == "latin1.txt":
        assert err.hint == "save the file as UTF-8"


def test_utf16_with_lone_surrogate(tmp_path):
    f = tmp_path / "lone.txt"
    f.write_bytes(b"\xff\xfe" + "ok ".encode("utf-16-le") + b"\x00\xd8" + "x".encode("utf-16-le"))
    bad(f, "not valid UTF-16")


def test_lone_surrogate_in_metadata_is_refused():
    with pytest.raises(InputError, match="unpaired surrogate"):
        import_file(DATA / "plain.txt", author="bad \ud800")


def test_nul_characters_after_utf16_decoding(tmp_path):
    f = tmp_path / "nul16.txt"
    f.write_bytes("a\x00b".encode("utf-16"))
    bad(f, "binary")


def test_too_large(tmp_path):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as handle:  # sparse: no 50 MB written to disk
        handle.truncate(MAX_BYTES + 1)
    bad(f, "too large", "50 MB")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text("x", encoding="utf-8")
    f.chmod(0)
    bad(f, "cannot be read")


def test_markdown_with_only_an_image(tmp_path):
    f = tmp_path / "pic.md"
    f.write_text("![just a picture](p.png)\n", encoding="utf-8")
    bad(f, "no readable article text")


def test_xhtml_with_xml_declaration_and_xml_lang():
    art = import_file(DATA / "declared.xhtml")
    assert art.title == "Titre XHTML" and art.language == "fr"
    assert art.text.startswith("Le président a réuni les chefs d’état-major")


def test_nul_in_path_is_an_input_error():
    with pytest.raises(InputError, match=r"no such file|not a usable file name"):
        import_file("bad\x00name.txt")
