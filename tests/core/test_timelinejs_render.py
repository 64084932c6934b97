"""Render our TimelineJS export in the real TimelineJS3, in headless Chromium, offline.

scripts/ensure_browser_deps.sh installs Debian's chromium and @knight-lab/timelinejs (pinned)
where they are missing. The page and TimelineJS's dist folder are served from a temporary
folder by a server bound to 127.0.0.1 (loopback, no network) rather than opened as file://: the
server records every request the page makes (the test asserts they all found a local file), and
on an http origin a Content-Security-Policy of ``'self'`` means "this machine" and reports any
request elsewhere as an error. Fonts are off (``font: null``), there is no analytics id and no
media, so nothing should ever leave the machine.

The page script waits for TimelineJS's ``ready`` event and writes a JSON result into the DOM;
Chromium's ``--dump-dom`` (with a virtual time budget) hands it back.

Set ANNOTATOR_SKIP_BROWSER=1 to skip; otherwise the test installs what it needs and runs.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
import re
import subprocess
import threading
from pathlib import Path

import pytest

from annotator.core.export.common import Index
from annotator.core.export.timelinejs import (
    _group,
    markup,
    plain,
    to_timelinejs,
    undated_event_ids,
)
from tests.helpers.chronology_fixture import FORMULA, SCRIPT, make_doc
from tests.helpers.paths import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = REPO
ENSURE = ROOT / "scripts" / "ensure_browser_deps.sh"
CACHE = ROOT / ".cache" / "timelinejs"

PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' \
'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; \
connect-src 'self'">
<link rel="icon" href="data:,">
<script>
window.__pwned = [];
window.__errors = [];
window.addEventListener("error", function (e) {
  var t = e.target || {};
  __errors.push("error: " + (e.message || t.src || t.href || e.type));
}, true);
window.addEventListener("unhandledrejection", function (e) {
  __errors.push("unhandledrejection: " + e.reason);
});
document.addEventListener("securitypolicyviolation", function (e) {
  __errors.push("csp: " + e.violatedDirective + " " + e.blockedURI);
});
var __origError = console.error;
console.error = function () {
  __errors.push("console.error: " + Array.prototype.join.call(arguments, " "));
  __origError.apply(console, arguments);
};
</script>
<link rel="stylesheet" href="tl/css/timeline.css">
<script src="tl/js/timeline.js"></script>
</head><body>
<div id="timeline" style="width: 1200px; height: 700px"></div>
<pre id="result">pending</pre>
<script>
var data = __DATA__;
var result = document.getElementById("result");
function report(tl) {
  var markers = Array.prototype.slice.call(document.querySelectorAll(".tl-timemarker"));
  var slides = Array.prototype.slice.call(document.querySelectorAll(".tl-slide"));
  result.textContent = JSON.stringify({
    ready: tl.ready === true,
    markers: markers.length,
    ids: markers.map(function (m) { return m.id.replace(/-marker$/, ""); }),
    slide_ids: slides.map(function (s) { return s.id; }),
    slide_text: slides.map(function (s) { return s.textContent; }).join("\\n"),
    scripts_in_timeline: document.querySelectorAll("#timeline script").length,
    live_markup: Array.prototype.slice.call(
      document.querySelectorAll("#timeline img, #timeline svg, #timeline iframe, " +
        "#timeline object, #timeline embed, #timeline [href^='javascript' i]")
    ).map(function (e) { return e.outerHTML.slice(0, 200); }),
    handlers: Array.prototype.slice.call(document.querySelectorAll("#timeline *"))
      .reduce(function (acc, e) {
        Array.prototype.forEach.call(e.attributes, function (a) {
          if (/^on/i.test(a.name) && a.value !== "void(0)") acc.push(a.name + "=" + a.value);
        });
        return acc;
      }, []),
    groups: Array.prototype.slice.call(document.querySelectorAll(".tl-timegroup-message"))
      .map(function (g) { return g.textContent; }),
    headlines: Array.prototype.slice.call(document.querySelectorAll(".tl-slide .tl-headline"))
      .map(function (h) { return h.textContent; }),
    dates: Array.prototype.slice.call(document.querySelectorAll(".tl-slide .tl-headline-date"))
      .map(function (h) { return h.textContent; }),
    timeline_text: document.getElementById("timeline").textContent,
    pwned: window.__pwned,
    errors: window.__errors
  });
}
try {
  var base = location.href.replace(/[^\\/]*$/, "");
  var tl = new TL.Timeline("timeline", data, {
    script_path: base + "tl/js/", font: null, theme: null, language: "en",
    ga_measurement_id: null, ga_property_id: null, hash_bookmark: false, soundcite: false
  });
  tl.on("ready", function () { setTimeout(function () { report(tl); }, 1500); });
} catch (e) {
  __errors.push("exception: " + e);
  result.textContent = JSON.stringify({ready: false, errors: window.__errors});
}
</script>
</body></html>
"""


def _deps() -> tuple[str, Path]:
    if os.environ.get("ANNOTATOR_SKIP_BROWSER") == "1":
        pytest.skip("ANNOTATOR_SKIP_BROWSER=1: TimelineJS render check skipped on request")
    proc = subprocess.run(
        ["bash", str(ENSURE), str(CACHE)], capture_output=True, text=True, timeout=1200, check=False
    )
    assert proc.returncode == 0, f"ensure_browser_deps.sh failed:\n{proc.stderr[-3000:]}"
    found = dict(line.split("=", 1) for line in proc.stdout.splitlines() if "=" in line)
    return found["CHROMIUM"], Path(found["TIMELINEJS_DIR"])


class _Handler(http.server.SimpleHTTPRequestHandler):
    requests: list[tuple[str, int]]

    def log_message(self, format: str, *args: object) -> None:  # quiet; keep what was asked
        pass

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.requests.append((self.path, int(code) if str(code).isdigit() else 0))


def render(chromium: str, dist: Path, tl_json: dict, workdir: Path) -> tuple[dict, list]:
    """Serve the page on 127.0.0.1, dump Chromium's DOM, return (result, requests)."""
    site = workdir / "site"
    site.mkdir()
    (site / "tl").symlink_to(dist, target_is_directory=True)
    # no "<" at all inside the inline script: neither "</script>" nor "<!--" can end it early
    data = json.dumps(tl_json, ensure_ascii=False).replace("<", "\\u003c")
    (site / "index.html").write_text(PAGE.replace("__DATA__", data), encoding="utf-8")

    requests: list[tuple[str, int]] = []
    handler = type("Handler", (_Handler,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
        cmd = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--no-default-browser-check",
            "--window-size=1280,800",
            f"--user-data-dir={workdir / 'profile'}",
            "--virtual-time-budget=15000",
            "--dump-dom",
            url,
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)
    finally:
        server.shutdown()
        server.server_close()
    match = re.search(r'<pre id="result">(.*?)</pre>', proc.stdout, re.S)
    assert match, f"no result in the dumped DOM; chromium stderr:\n{proc.stderr[-3000:]}"
    raw = html.unescape(match.group(1))
    assert raw != "pending", "TimelineJS never reached ready within the time budget"
    return json.loads(raw), requests


@pytest.fixture(scope="module")
def browser() -> tuple[str, Path]:
    return _deps()


def test_timelinejs_renders_every_exported_event(browser, tmp_path):
    chromium, dist = browser
    doc = make_doc()
    tl_json = to_timelinejs(doc, group_by="type", title="Fixture chronology", keep_context=True)
    exported = [ev["unique_id"] for ev in tl_json["events"]]
    assert len(exported) == len(doc["events"]) - len(undated_event_ids(doc)) == 5

    result, requests = render(chromium, dist, tl_json, tmp_path)

    assert result["errors"] == []
    assert result["ready"] is True
    assert result["markers"] == len(exported)
    assert sorted(result["ids"]) == sorted(exported)
    assert set(exported) <= set(result["slide_ids"])
    # the title slide, as TimelineJS shows it, says what was left out and why
    assert (
        "1 undated left out: TimelineJS cannot place an event without a date"
        in (result["slide_text"])
    )
    # hostile text is shown as text, never run
    assert result["scripts_in_timeline"] == 0
    assert SCRIPT in result["slide_text"]
    assert FORMULA in result["slide_text"]
    # every request stayed on our server and found its file
    assert requests, "the local server saw no request"
    assert [r for r in requests if r[1] != 200] == []


def test_timelinejs_renders_grouped_by_actor_without_title(browser, tmp_path):
    chromium, dist = browser
    tl_json = to_timelinejs(make_doc(), keep_context=True, group_by="actor")
    result, _ = render(chromium, dist, tl_json, tmp_path)
    assert result["errors"] == []
    assert result["ready"] is True
    assert result["ids"] and sorted(result["ids"]) == sorted(
        ev["unique_id"] for ev in tl_json["events"]
    )


def test_timelinejs_renders_the_seed_project(browser, tmp_path):
    from annotator.store.chronology import build_document
    from annotator.store.project import Project
    from annotator.store.project_setup import create_project
    from annotator.store.sample_annotations import annotate_seed_project

    path = tmp_path / "seed.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        annotate_seed_project(project)
        doc = build_document(project)
    chromium, dist = browser
    tl_json = to_timelinejs(doc, group_by="actor", title="Seed chronology", keep_context=True)
    exported = [ev["unique_id"] for ev in tl_json["events"]]
    assert len(exported) == len(doc["events"]) - len(undated_event_ids(doc)) > 0
    (tmp_path / "render").mkdir()
    result, requests = render(chromium, dist, tl_json, tmp_path / "render")
    assert result["errors"] == []
    assert result["ready"] is True
    assert result["markers"] == len(exported)
    assert sorted(result["ids"]) == sorted(exported)
    assert [r for r in requests if r[1] != 200] == []


def payload(key: str) -> str:
    """Every way markup could run if a field were escaped too little (or decoded once too
    often); ``key`` names the field in ``__pwned`` when a handler does run."""
    hook = f"__pwned.push('{key}')"
    return (
        f'<img src=x onerror="{hook}"> &lt;img src=x onerror="{hook}"&gt; '
        f'&amp;lt;b&amp;gt; "><script>{hook}</script> <svg onload="{hook}"></svg> '
        f'<a href="javascript:{hook}">{key}</a> javascript:{hook} A & B'
    )


def hostile_doc() -> tuple[dict, list[str]]:
    """The fixture with markup in every text field that reaches a slide or a lane label;
    returns the document and the strings the page must show literally."""
    doc = make_doc()
    shown: list[str] = []

    def put(obj: dict, field: str, key: str) -> None:
        obj[field] = payload(key)
        shown.append(obj[field])

    for i, ev in enumerate(doc["events"]):
        for field in ("headline", "description", "location", "type", "confidence"):
            put(ev, field, f"events[{i}].{field}")
        if ev["date"]:
            put(ev["date"], "phrase", f"events[{i}].date.phrase")
        for j, link in enumerate(ev["actors"]):
            put(link, "role", f"events[{i}].actors[{j}].role")
        for j, cite in enumerate(ev["citations"]):
            put(cite, "note", f"events[{i}].citations[{j}].note")
    for i, actor in enumerate(doc["actors"]):
        put(actor, "name", f"actors[{i}].name")
    for i, claim in enumerate(doc["claims"]):
        for field in ("text", "stance", "assessment"):
            put(claim, field, f"claims[{i}].{field}")
    for i, art in enumerate(doc["articles"]):
        for field in ("title", "outlet"):
            put(art, field, f"articles[{i}].{field}")
        art["url"] = "javascript:__pwned.push('url')"
    for i, passage in enumerate(doc["passages"]):
        for sel in passage["target"]["selector"]:
            if sel["type"] == "TextQuoteSelector":
                put(sel, "exact", f"passages[{i}].exact")
    return doc, shown


@pytest.mark.parametrize("group_by", ["type", "actor", "article"])
def test_hostile_text_is_shown_as_text_and_never_runs(browser, tmp_path, group_by):
    chromium, dist = browser
    doc, shown = hostile_doc()
    title = payload("title")
    tl_json = to_timelinejs(doc, group_by=group_by, title=title, keep_context=True)
    result, requests = render(chromium, dist, tl_json, tmp_path)

    assert result["ready"] is True
    assert result["pwned"] == []
    assert result["errors"] == []
    assert result["scripts_in_timeline"] == 0
    assert result["live_markup"] == []
    assert result["handlers"] == []
    assert [r for r in requests if r[1] != 200] == []  # no <img src=x> was ever requested
    # each lane label, headline and field reads exactly as typed: escaped neither too little
    # (markup would be parsed away) nor too much (entities would show as "&amp;")
    groups = {g for g in result["groups"] if g}
    index = Index(doc)
    expected_groups = {_group(index, ev, group_by) for ev in doc["events"] if ev["date"]}
    assert groups == expected_groups and len(groups) > 1
    assert title in result["headlines"]
    for ev in doc["events"]:
        if ev["date"]:
            assert ev["headline"] in result["headlines"]
    # every field the export carries reads exactly as typed in the rendered page
    exported = " ".join(_strings(tl_json))
    carried = [s for s in shown if markup(s) in exported or plain(s) in exported]
    assert len(carried) > 40
    text = result["timeline_text"]
    assert [s for s in carried if s not in text] == []


def _strings(x: object) -> list[str]:
    if isinstance(x, str):
        return [x]
    if isinstance(x, dict):
        return [s for v in x.values() for s in _strings(v)]
    if isinstance(x, list):
        return [s for v in x for s in _strings(v)]
    return []


def test_ids_that_slugify_alike_render_as_distinct_slides(browser, tmp_path):
    chromium, dist = browser
    doc = make_doc()
    dated = [ev for ev in doc["events"] if ev["date"]]
    # case, punctuation and accents: TimelineJS's slugify reads each pair as one id
    for ev, new_id in zip(dated, ["ab_c", "ab-c", "ABC", "abc", "é1"], strict=True):
        ev["id"] = new_id
    doc["events"] = dated
    tl_json = to_timelinejs(doc, group_by="none", title="Colliding ids", keep_context=True)
    exported = [ev["unique_id"] for ev in tl_json["events"]]
    assert len(set(exported)) == 5

    result, requests = render(chromium, dist, tl_json, tmp_path)

    assert result["errors"] == []
    assert result["ready"] is True
    assert result["markers"] == 5
    # TimelineJS kept every id as written: none was replaced by a random one
    assert sorted(result["ids"]) == sorted(exported)
    assert set(exported) <= set(result["slide_ids"])
    for ev in dated:
        assert ev["headline"] in result["headlines"]
    assert [r for r in requests if r[1] != 200] == []

    # without the suffixes both would be written as event-ab-c: TimelineJS keeps the first
    # and renames the second itself, so a link or bookmark to that slide would miss it
    raw = json.loads(json.dumps(tl_json))
    for slide in raw["events"][:2]:
        slide["unique_id"] = "event-ab-c"
    (tmp_path / "raw").mkdir()
    result, _ = render(chromium, dist, raw, tmp_path / "raw")
    assert result["ready"] is True and len(set(result["ids"])) == 5
    assert result["ids"].count("event-ab-c") == 1
    assert set(result["ids"]) - {ev["unique_id"] for ev in raw["events"]}


def test_nothing_dated_is_refused_because_timelinejs_cannot_open_it(browser, tmp_path):
    from annotator.core.errors import InputError

    chromium, dist = browser
    doc = make_doc()
    for ev in doc["events"]:
        ev["date"] = None
    with pytest.raises(InputError, match="nothing dated to put on a TimelineJS timeline"):
        to_timelinejs(doc, title="All undated", keep_context=True)
    # the only file the export could write instead: a title and no events, which TimelineJS
    # refuses ("Timeline configuration has no events") and never shows
    title_only = {
        "title": {
            "unique_id": "title-all-undated",
            "text": {"headline": "All undated", "text": "<p>6 undated</p>"},
        },
        "events": [],
    }
    with pytest.raises(AssertionError, match="never reached ready"):
        render(chromium, dist, title_only, tmp_path)
