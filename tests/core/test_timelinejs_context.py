"""TimelineJS: what is left out (undated events, far-off context events) is said on the title
slide; each source links to its article when the URL is http(s)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.export import timelinejs
from annotator.core.export.render import render_export
from tests.core.test_csv_tools import _date
from tests.helpers.chronology_fixture import ident, make_doc


def test_the_fixture_background_event_is_left_out_and_named_on_the_title_slide():
    doc = make_doc()  # ~2024 beside a fortnight of March 2025
    out = timelinejs.to_timelinejs(doc, title="T")
    selection = timelinejs.select_events(doc)
    assert [e["id"] for e in selection.context] == [ident("e5")]
    assert [e["id"] for e in selection.undated] == [ident("e6")]
    assert len(out["events"]) == 4
    note = out["title"]["text"]["text"]
    assert "4 dated events." in note
    assert "1 undated left out: TimelineJS cannot place an event without a date." in note
    assert "1 far outside the chronology&#x27;s dates left out" in note and "~2024" in note
    line = selection.left_out()
    assert "1 undated event " in line and "1 event far outside" in line
    kept = timelinejs.to_timelinejs(doc, title="T", keep_context=True)
    assert len(kept["events"]) == 5


def test_render_always_writes_the_title_slide():
    out = json.loads(render_export(make_doc(), "timelinejs"))
    assert "undated left out" in out["title"]["text"]["text"]


@settings(max_examples=40, deadline=None)
@given(
    days=st.lists(st.integers(1, 28), min_size=4, max_size=12),
    far=st.integers(1, 40),
)
def test_an_event_years_away_never_stretches_the_axis(days: list[int], far: int) -> None:
    doc = make_doc()
    template = doc["events"][1]
    doc["events"] = [
        {**template, "id": f"ev-{i}", "date": _date(f"2025-03-{d:02d}")} for i, d in enumerate(days)
    ]
    doc["events"].append({**template, "id": "ev-far", "date": _date(str(2025 - far))})
    selection = timelinejs.select_events(doc)
    assert [e["id"] for e in selection.context] == ["ev-far"]
    assert len(selection.shown) == len(days)


def test_nothing_is_context_in_a_chronology_without_outliers():
    doc = make_doc()
    template = doc["events"][1]
    doc["events"] = [
        {**template, "id": f"ev-{m}", "date": _date(f"2025-{m:02d}")} for m in range(1, 13)
    ]
    assert timelinejs.select_events(doc).context == []


def test_each_source_links_to_its_article_when_the_url_is_http():
    doc = make_doc()
    urls = {a["id"]: a["url"] for a in doc["articles"]}
    out = timelinejs.to_timelinejs(doc, keep_context=True)
    text = json.dumps(out)
    http = [u for u in urls.values() if u and u.startswith(("http://", "https://"))]
    assert http and any(f'href=\\"{u}\\"' in text for u in http)
    assert "javascript:" not in text
