"""The HTML recipe on small pages written here: body, title and byline, kind by kind."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import lxml.html
import pytest

from annotator.core.importers import evaluation, html_body, html_meta
from annotator.core.importers.html import html_to_article
from annotator.core.importers.html_clean import remove_hidden

SENTENCES = [
    "The council met on Tuesday evening to discuss the new bridge over the river Avon.",
    "Engineers told members that the old crossing could no longer carry buses safely.",
    "Residents asked whether the works would close the road during the summer months.",
    "The chair promised a public meeting before any contract is signed by the council.",
    "A final decision on the funding is expected at the next session in early April.",
    "Opposition members said the estimate had doubled since the plan was first shown.",
]


def paragraphs(n: int = 6, start: int = 0) -> str:
    return "".join(
        f"<p>{SENTENCES[(start + i) % len(SENTENCES)]} {SENTENCES[(start + i + 1) % 6]}</p>"
        for i in range(n)
    )


def page(body: str, head: str = "") -> str:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<main><article>{body}</article></main><footer>About us</footer></body></html>"
    )


def test_paragraphs_stay_paragraphs_and_repeats_are_kept() -> None:
    repeated = "<p>Yes, we will build it, the chair said to loud applause from the floor.</p>"
    body, _ = html_to_article(page(paragraphs(3) + repeated + paragraphs(2, 3) + repeated), "p")
    parts = body.split("\n\n")
    assert parts[0] == f"{SENTENCES[0]} {SENTENCES[1]}"
    assert (
        parts.count("Yes, we will build it, the chair said to loud applause from the floor.") == 2
    )
    assert "\n\n\n" not in body


@pytest.mark.parametrize(
    "hidden",
    [
        "<div hidden><p>{}</p></div>",
        "<div aria-hidden='true'><p>{}</p></div>",
        "<div style='color: red; display: none'><p>{}</p></div>",
        "<p style='visibility:hidden'>{}</p>",
    ],
)
def test_hidden_nodes_are_removed(hidden: str) -> None:
    secret = "Subscribe now to read every story from our newsroom for one euro a month only."
    body, _ = html_to_article(page(paragraphs(3) + hidden.format(secret) + paragraphs(3, 3)), "p")
    assert "Subscribe now" not in body
    assert SENTENCES[4] in body


def test_removing_a_hidden_node_keeps_the_text_after_it() -> None:
    root = lxml.html.fromstring("<div><p>one <span hidden>secret</span> two</p></div>")
    assert remove_hidden(root) == 1
    assert root.text_content() == "one  two"


def test_text_after_an_embedded_video_is_kept_and_the_player_is_not() -> None:
    player = (
        "<div class='video-player'><video src='a.mp4'></video>"
        "<p>Watch: the bridge at dawn. Video player loading, please wait.</p></div>"
    )
    body, _ = html_to_article(page(paragraphs(3) + player + paragraphs(4, 2)), "p")
    assert "Video player loading" not in body
    assert body.split("\n\n")[-1] == f"{SENTENCES[5]} {SENTENCES[0]}"


def test_a_body_split_over_sibling_containers_is_read_whole() -> None:
    precise = [f"{s} {s}" for s in SENTENCES[:3]]
    broad = precise + [f"{s} {s} {s}" for s in SENTENCES[3:]] * 2
    found = html_body.Candidates(precise=precise, broad=broad)
    assert html_body.combine(found) == broad


def test_a_teaser_unlike_the_whole_article_gives_way() -> None:
    found = html_body.Candidates(
        precise=["This copy is for your personal, non-commercial use only."],
        broad=[" ".join(SENTENCES)] * 4,
    )
    assert html_body.combine(found) == found.broad


def test_trafilatura_wins_when_the_two_agree() -> None:
    precise = [" ".join(SENTENCES)]
    found = html_body.Candidates(precise=precise, broad=[*precise, "Share this story"])
    assert html_body.combine(found) is precise


def test_headline_on_top_and_related_links_at_the_end_are_trimmed() -> None:
    text = ["Bridge plan delayed", "Body one two three.", "Mayor opens new library in town"]
    kept = html_body.trim(text, ["Bridge plan delayed"], {"mayor opens new library in town"})
    assert kept == ["Body one two three."]


def test_short_end_paragraphs_the_other_extractor_did_not_see_are_dropped() -> None:
    body = [" ".join(SENTENCES)] * 3
    precise = ["Photo: Jane Doe for the Gazette", *body, "Sign up for our newsletter"]
    assert html_body.trim_unconfirmed(precise, body) == body


def meta_root(head: str, body: str = "") -> object:
    return lxml.html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def title_of(head: str, body: str = "") -> str | None:
    root = meta_root(head, body)
    return html_meta.page_title(root, html_meta.json_ld(root))


def byline_of(head: str, body: str = "") -> str | None:
    root = meta_root(head, body)
    return html_meta.page_byline(root, html_meta.json_ld(root))


LD = (
    '<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
    '{"@type":"WebSite","name":"Gazette"},{"@type":"NewsArticle","headline":"Bridge &amp; '
    'road plan","author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chan"}]}]}</script>'
)


def test_title_order_json_ld_then_og_then_twitter_then_title_then_h1() -> None:
    og = '<meta property="og:title" content="OG title">'
    tw = '<meta name="twitter:title" content="TW title">'
    title = "<title>Plain title | The Gazette</title>"
    h1 = "<h1>Gazette</h1>"
    assert title_of(LD + og + tw + title, h1) == "Bridge & road plan"
    assert title_of(og + tw + title, h1) == "OG title"
    assert title_of(tw + title, h1) == "TW title"
    assert title_of(title, h1) == "Plain title"
    assert title_of("", h1) == "Gazette"


def test_site_name_is_cut_from_the_title() -> None:
    site = '<meta property="og:site_name" content="Daily Post">'
    assert title_of(site + "<title>Daily Post - Rates rise - again</title>") == "Rates rise - again"
    assert title_of("<title>Storm hits the coast — Coast News</title>") == "Storm hits the coast"
    assert title_of("<title>Storm: a night on the coast</title>") == "Storm: a night on the coast"


def test_byline_from_json_ld_meta_or_byline_element() -> None:
    assert byline_of(LD) == "Ann Lee, Bo Chan"
    assert byline_of('<meta name="author" content="Jane Q. Reporter">') == "Jane Q. Reporter"
    assert byline_of('<meta name="author" content="By MEG KINNARD, AP">') == "MEG KINNARD"
    assert byline_of('<meta name="author" content="https://x.example/jane">') is None
    assert byline_of("", "<p class='byline'>By <a>Sam Roe</a></p>") == "Sam Roe"
    assert (
        byline_of("", "<form><input id='author'><label class='author'>Name</label></form>") is None
    )


def test_page_title_and_byline_reach_the_article() -> None:
    head = LD + "<title>Ignored | Gazette</title>"
    _, meta = html_to_article(page(paragraphs(6), head), "p")
    assert meta["title"] == "Bridge & road plan"
    assert meta["author"] == "Ann Lee, Bo Chan"


def test_a_page_wrapped_in_a_form_is_still_an_article() -> None:
    source = (
        page(paragraphs(6))
        .replace("<body>", "<body><form id='aspnet'>")
        .replace("</body>", "</form></body>")
    )
    body, _ = html_to_article(source, "p")
    assert SENTENCES[2] in body


def test_scorer_counts_shingles_like_the_benchmark() -> None:
    assert evaluation.shingle_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = evaluation.shingle_counts("a b c d e", "a b c d x")
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert evaluation.shingle_counts("", "") == (0.0, 0.0, 0.0)


def test_evaluation_on_a_two_page_corpus(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    truth = {}
    for i in range(2):
        source = page(paragraphs(6, i))
        (tmp_path / "html" / f"p{i}.html.gz").write_bytes(gzip.compress(source.encode()))
        truth[f"p{i}"] = {"articleBody": html_to_article(source, "p")[0], "url": ""}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    pages = evaluation.load_corpus(tmp_path)
    scores = evaluation.evaluate(pages, evaluation.EXTRACTORS)
    assert [s.name for s in scores] == ["ours", "trafilatura", "readability-lxml"]
    assert scores[0].f1 == pytest.approx(1.0)
    report = evaluation.format_report(scores, len(pages))
    assert "ours" in report and "no ground truth" in report


def test_a_lead_only_readability_kept_is_put_back() -> None:
    lead = (
        "The council has delayed the bridge plan by a full year, its chair told members "
        "at a long meeting on Tuesday night."
    )
    caption = "Photo: the old bridge."
    chosen = ["Body paragraph one.", "Body paragraph two."]
    broad = [caption, lead, *chosen]
    assert html_body.restore_lead(chosen, broad) == [lead, *chosen]
    assert html_body.restore_lead(chosen, [caption, *chosen]) == chosen
    assert html_body.restore_lead(chosen, ["Unrelated.", lead]) == chosen


def test_title_tricks_site_first_section_suffix_and_truncated_headline() -> None:
    site = '<meta property="og:site_name" content="The Gazette">'
    h1 = "<h1>Storm hits the coast</h1>"
    assert title_of("<title>Gazette Online - Storm hits the coast</title>", h1) == (
        "Storm hits the coast"
    )
    og = '<meta property="og:title" content="Storm hits the coast | Gazette Weather">'
    assert title_of(site + og) == "Storm hits the coast"
    cut = (
        '<script type="application/ld+json">{"@type":"NewsArticle",'
        '"headline":"Storm hits the coast and…"}</script>'
        '<meta property="og:title" content="Storm hits the coast and closes the port">'
    )
    assert title_of(cut) == "Storm hits the coast and closes the port"


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("Troy L. Smith, Cleveland.com", "Troy L. Smith"),
        ("Analysis by Chris Cillizza, CNN Editor-at-large", "Chris Cillizza"),
        ("Sandee LaMotte, CNN 1 day ago", "Sandee LaMotte"),
        ("Jose Altoveros View More Articles", "Jose Altoveros"),
        ("TOM KRISHER, AP Auto Writer", "TOM KRISHER"),
        ("Ilana Muhlstein, MS, RDN", "Ilana Muhlstein"),
        ("Staff Reporter, John Doe", "John Doe"),
        ("Lia Eustachewich, Yaron Steinbuch", "Lia Eustachewich, Yaron Steinbuch"),
        ("Jan Novak | Daily Planet", "Jan Novak"),
        ("jdadmin", None),
        ("Текст: Лида Буслаева", "Лида Буслаева"),
        ("Author: Kim Park", "Kim Park"),
    ],
)
def test_a_byline_keeps_the_names_and_drops_roles_outlets_and_furniture(
    written: str, names: str | None
) -> None:
    assert html_meta.tidy_byline(written, {"daily planet"}) == names


def test_the_site_name_after_a_byline_is_dropped() -> None:
    head = (
        '<meta property="og:site_name" content="The Gazette">'
        '<meta name="author" content="Ann Lee, The Gazette">'
    )
    assert byline_of(head) == "Ann Lee"
