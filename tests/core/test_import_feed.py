"""Feeds: one article per entry, with link, date, author and the full text when carried."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.importers import import_articles, import_file

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Gazette</title><link>https://gazette.example/</link>
<language>en-gb</language>
<item><title>Bridge plan delayed</title><link>https://gazette.example/bridge</link>
<dc:creator>Ann Lee</dc:creator><pubDate>Tue, 04 Mar 2025 21:30:00 -0500</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>The council met 🌉 on Tuesday.</p>
<p>A second paragraph.</p>]]></content:encoded>
</item>
<item><title>Library opens</title><link>https://gazette.example/library</link>
<pubDate>Wed, 05 Mar 2025 08:00:00 +0000</pubDate>
<description>&lt;p&gt;The new library opened on Wednesday.&lt;/p&gt;</description></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>Talks resume</title><link href="https://atom.example/talks"/>
<author><name>Bo Chan</name></author><updated>2025-03-06T10:15:00+01:00</updated>
<content type="text">Talks resumed in Geneva on Thursday.</content></entry>
</feed>
"""


def write(tmp_path: Path, text: str, name: str = "news.rss") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rss_entries_become_articles(tmp_path: Path) -> None:
    first, second = import_articles(write(tmp_path, RSS))
    assert first.title == "Bridge plan delayed"
    assert first.url == "https://gazette.example/bridge"
    assert first.author == "Ann Lee"
    assert first.published == "2025-03-04T21:30:00-05:00"
    assert first.outlet == "The Gazette" and first.language == "en-gb"
    assert first.text == "The council met 🌉 on Tuesday.\n\nA second paragraph."  # full text
    assert first.text.index("🌉") == 16
    assert second.text == "The new library opened on Wednesday."  # the summary, as text
    assert second.published == "2025-03-05T08:00:00+00:00"


def test_atom_under_an_xml_name(tmp_path: Path) -> None:
    (entry,) = import_articles(write(tmp_path, ATOM, name="feed.xml"))
    assert (entry.title, entry.author, entry.url) == (
        "Talks resume",
        "Bo Chan",
        "https://atom.example/talks",
    )
    assert entry.published == "2025-03-06T10:15:00+01:00"
    assert entry.text == "Talks resumed in Geneva on Thursday."


def test_import_file_takes_a_one_entry_feed_and_names_a_longer_one(tmp_path: Path) -> None:
    assert import_file(write(tmp_path, ATOM, name="a.atom")).title == "Talks resume"
    with pytest.raises(InputError, match="feed of 2 articles"):
        import_file(write(tmp_path, RSS))


def test_title_option_on_a_feed_of_many_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--title and --url name one article"):
        import_articles(write(tmp_path, RSS), title="One")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("this is not xml at all\n", "not a well-formed feed"),
        ('<?xml version="1.0"?>\n<rss version="2.0"><channel><item>', "not a well-formed feed"),
        ('<rss version="2.0"><channel><title>Empty</title></channel></rss>', "no entries"),
    ],
)
def test_broken_feeds_are_one_line(tmp_path: Path, text: str, words: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as info:
        import_articles(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and words in message and "\n" not in message
