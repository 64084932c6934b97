"""Article importers: text, Markdown, HTML, PDF, Word, e-mail and feed files to articles.

``import_articles`` reads the file's bytes; a PDF goes to ``pdf``, a Word .docx to ``docx``,
an e-mail message to ``mail``, an RSS or Atom feed to ``feed`` (one article per entry), by
extension or by content under any name; ``import_file`` is the same for one article.
Anything else is decoded as text; files that are not articles (mailboxes, web archives,
other XML, JSON, CSV: see ``unsupported``) are refused, then the format is picked by extension
(.txt/.text, .md/.markdown, .html/.htm/.xhtml) and sniffed for anything else (HTML if it
opens like a page, Markdown if it has Markdown headings, fences or links, else plain
text). A .txt file is always plain text: markup in it stays literal. Metadata precedence:
keyword arguments (command line) > front matter > the file's own metadata; the title falls
back to the first line of the text, then the file stem.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.importers.article import ImportedArticle
from annotator.core.importers.docx import docx_to_article, is_docx
from annotator.core.importers.feed import feed_to_articles
from annotator.core.importers.frontmatter import split_front_matter
from annotator.core.importers.html import html_to_article, looks_like_html
from annotator.core.importers.mail import mail_to_article
from annotator.core.importers.markdown import markdown_to_text
from annotator.core.importers.metadata import (
    check_language,
    check_published,
    clean,
    fallback_title,
    merge,
)
from annotator.core.importers.pdf import pdf_to_article
from annotator.core.importers.plaintext import plaintext_to_text
from annotator.core.importers.reader import check_no_surrogates, decode_bytes, read_bytes
from annotator.core.importers.unsupported import refuse_unsupported, sniff
from annotator.core.text import normalize_text

__all__ = ["ImportedArticle", "import_articles", "import_file"]

TEXT_EXTENSIONS = frozenset({".txt", ".text"})
MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown", ".mdown", ".mkd"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})

_MARKDOWN_SIGNS = re.compile(r"^(?:#{1,6} \S|```|~~~)|\]\([^)\s]+\)", re.M)


def import_file(
    path: str | Path,
    *,
    title: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    published: str | None = None,
    url: str | None = None,
    language: str | None = None,
) -> ImportedArticle:
    """Read one article file; raise InputError (where=the path) for anything unusable.

    A feed of several entries is refused here: ``import_articles`` reads it.
    """
    found = import_articles(
        path,
        title=title,
        outlet=outlet,
        author=author,
        published=published,
        url=url,
        language=language,
    )
    if len(found) != 1:
        raise InputError(
            f"is a feed of {len(found)} articles, not one article",
            where=str(path),
            hint="import it with 'annotator import' or the window's Import, which take them all",
        )
    return found[0]


def import_articles(
    path: str | Path,
    *,
    title: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    published: str | None = None,
    url: str | None = None,
    language: str | None = None,
    password: str | None = None,
) -> list[ImportedArticle]:
    """Every article in one file: one for most formats, one per entry for a feed.

    ``password`` opens an encrypted PDF (PdfPasswordError when it is missing or wrong).
    """
    where = str(path)
    data = read_bytes(path)
    explicit = {
        "title": title,
        "outlet": outlet,
        "author": author,
        "published": published,
        "url": url,
        "language": check_language(language, where, strict=True),
    }
    binary = detect_binary(Path(path), data)
    if binary == "feed":
        entries = feed_to_articles(data, where)
        if len(entries) > 1 and (title or url):
            raise InputError(
                f"--title and --url name one article; this feed has {len(entries)}",
                where=where,
                hint="leave them out: each entry keeps its own",
            )
        return [finish(path, body, explicit, page) for body, page in entries]
    return [_import_one(path, data, binary, explicit, password=password)]


def _import_one(
    path: str | Path,
    data: bytes,
    binary: str | None,
    explicit: dict[str, str | None],
    *,
    password: str | None = None,
) -> ImportedArticle:
    where = str(path)
    front: dict[str, str] = {}
    page: dict[str, str | None] = {}
    page_starts: list[int] | None = None
    if binary == "pdf":
        body, page, page_starts = pdf_to_article(data, where, password=password)
    elif binary == "docx":
        body, page = docx_to_article(data, where)
    elif binary == "email":
        body, page = mail_to_article(data, where)
    else:
        source = normalize_text(decode_bytes(data, where))
        refuse_unsupported(Path(path), source)
        front, body = split_front_matter(source, where)
        if "language" in front:
            front["language"] = check_language(front["language"], where, strict=True) or ""
        if front and not body.strip():
            raise InputError(
                "has a front-matter header but no article text after it",
                where=where,
                hint="put the article text below the closing '---' line",
            )
        kind = detect_kind(Path(path), body)
        if kind == "html":
            body, page = html_to_article(body, where)
        elif kind == "markdown":
            body = markdown_to_text(body)
        else:
            body = plaintext_to_text(body)
    return finish(path, body, explicit, front, page, page_starts=page_starts)


def finish(
    path: str | Path,
    body: str,
    *sources: dict[str, str | None] | dict[str, str],
    page_starts: list[int] | None = None,
) -> ImportedArticle:
    """Normalise the text once, check it, and merge the metadata (first source wins)."""
    where = str(path)
    text = normalize_text(body)
    if not text.strip():
        raise InputError(
            "holds no readable article text",
            where=where,
            hint="check the file, or import it as plain text (.txt)",
        )
    check_no_surrogates(text, where)
    meta = merge(*sources)  # type: ignore[arg-type]
    for field, value in meta.items():
        if value is not None:
            check_no_surrogates(value, f"{where} ({field})", hint="retype the value")
    return ImportedArticle(
        text=text,
        title=clean(meta["title"]) or fallback_title(text, Path(path).stem),
        outlet=meta["outlet"],
        author=meta["author"],
        url=meta["url"],
        published=check_published(meta["published"], where),
        language=meta["language"],
        source=Path(path).name,
        page_starts=page_starts,
    )


def detect_binary(path: Path, data: bytes) -> str | None:
    """'pdf', 'docx', 'email' or 'feed' (by extension, or by content for any name); None for
    a text format."""
    suffix = path.suffix.lower()
    if suffix == ".pdf" or data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if suffix == ".docx" or is_docx(data):
        return "docx"
    head = sniff(data[:4096].decode("latin-1"))
    if suffix == ".eml" or head == "email":
        return "email"
    if suffix in (".rss", ".atom") or head == "feed":
        return "feed"
    return None


def detect_kind(path: Path, text: str) -> str:
    """'text', 'markdown' or 'html': by extension, else by sniffing the content."""
    suffix = path.suffix.lower()
    if suffix in TEXT_EXTENSIONS:
        return "text"
    if suffix in MARKDOWN_EXTENSIONS:
        return "markdown"
    if suffix in HTML_EXTENSIONS:
        return "html"
    if looks_like_html(text):
        return "html"
    if _MARKDOWN_SIGNS.search(text[:20000]):
        return "markdown"
    return "text"
