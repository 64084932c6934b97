"""The shipped seeds: every file listed, text identical to the corpus, metadata readable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core import resources
from annotator.core.errors import ProjectError
from annotator.core.importers import import_file
from annotator.core.importers.metadata import check_published
from annotator.core.text import normalize_text
from tests.helpers.paths import REPO

SHARED = REPO.parent / "shared" / "seeds"
MANIFEST = json.loads((REPO / "seeds" / "manifest.json").read_text(encoding="utf-8"))
ENTRIES = MANIFEST["articles"]


def test_dirs_point_at_the_checkout():
    assert (resources.seeds_dir() / "manifest.json").is_file()
    if Path(resources.__file__).resolve().is_relative_to(REPO):
        assert resources.seeds_dir() == REPO / "seeds"
        assert resources.resources_dir() == REPO / "resources"


def test_installed_layout_wins_and_missing_data_is_a_clear_error(tmp_path, monkeypatch):
    package = tmp_path / "site" / "annotator"
    (package / "_data" / "seeds").mkdir(parents=True)
    monkeypatch.setattr(resources, "_PACKAGE", package)
    assert resources.seeds_dir() == package / "_data" / "seeds"
    with pytest.raises(ProjectError, match="resources folder is missing"):
        resources.resources_dir()


def test_every_seed_file_is_listed_once():
    files = sorted(p.name for p in (REPO / "seeds").glob("*.txt"))
    listed = [e["file"] for e in ENTRIES]
    assert len(files) == 3
    assert sorted(listed) == files and len(set(listed)) == len(listed)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/seeds not available")
def test_seed_text_is_byte_identical_to_the_corpus():
    shared = sorted(p.name for p in SHARED.glob("*.txt"))
    assert shared == sorted(e["file"] for e in ENTRIES)
    for name in shared:
        assert (REPO / "seeds" / name).read_bytes() == (SHARED / name).read_bytes(), name


def test_entries_have_the_documented_fields():
    for entry in ENTRIES:
        assert {"file", "title", "outlet", "author", "url", "published", "notes"} <= set(entry)
        assert entry["title"] and entry["outlet"] and len(entry["notes"]) > 100
        assert entry["url"] is None  # never invented


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"][:3] for e in ENTRIES])
def test_published_dates_parse(entry):
    assert check_published(entry["published"], entry["file"]) == entry["published"]


def test_published_precision_follows_the_evidence():
    by_prefix = {e["file"][:3]: e for e in ENTRIES}
    assert by_prefix["002"]["published"] == "2025-03-11"  # the article's own dateline
    for key in ("000", "001"):  # bounded by events, not stated: a range, not a day
        start, end = by_prefix[key]["published"].split("/")
        assert "2025-02-28" < start < end <= "2025-03-19"
    assert "March 11, 2025" in (REPO / "seeds" / by_prefix["002"]["file"]).read_text("utf-8")


def test_seed_articles_import_with_manifest_metadata():
    articles = resources.seed_articles()
    assert [a.source for a in articles] == [e["file"] for e in ENTRIES]
    for art, entry in zip(articles, ENTRIES, strict=True):
        raw = (REPO / "seeds" / entry["file"]).read_bytes().decode("utf-8")
        assert art.text == normalize_text(raw)
        assert (art.title, art.outlet, art.author, art.published) == (
            entry["title"],
            entry["outlet"],
            entry["author"],
            entry["published"],
        )
        assert "\r" not in art.text and "’" in art.text  # curly quotes kept


def test_seed_imported_directly_has_no_invented_metadata():
    art = import_file(REPO / "seeds" / ENTRIES[0]["file"])
    assert (art.outlet, art.author, art.published, art.url) == (None, None, None, None)
