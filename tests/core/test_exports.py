"""Every export writer on the fixture chronology (tests/helpers/chronology_fixture.py), no
database."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import uuid
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.export import csv_export, json_export, report, timelinejs, webannotation
from annotator.core.export.filters import filter_chronology, sort_events
from annotator.core.export.spreadsheet import needs_neutralising
from tests.helpers.chronology_fixture import EXPECTED_ORDER, FORMULA, SCRIPT, TEXTS, ident, make_doc


def all_citations(doc: dict) -> list[dict]:
    return [
        c
        for coll in ("events", "claims", "actors")
        for item in doc[coll]
        for c in item["citations"]
    ]


def strings(obj):
    """Every string inside a JSON value."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from strings(v)


# --- JSON and its schema ----------------------------------------------------------------------


def test_fixture_is_valid_and_dumps_round_trip():
    doc = make_doc()
    json_export.validate(doc)
    text = json_export.dumps(doc)
    assert json.loads(text) == doc
    assert "🚀" in text and "Kovač" in text  # ensure_ascii=False
    assert text.startswith('{\n  "schema_version": 1,\n  "generator"')  # order as built
    assert json_export.dumps(make_doc()) == text


def _problem(mutate) -> InputError:
    doc = make_doc()
    mutate(doc)
    with pytest.raises(InputError) as info:
        json_export.validate(doc, source="mine.json")
    return info.value


@pytest.mark.parametrize(
    ("mutate", "where", "fragment"),
    [
        (
            lambda d: d["events"][3]["date"].update(precision="dya"),
            "events[3].date.precision",
            "'dya' is not one of [",
        ),
        (lambda d: d["events"][0].update(colour="red"), "events[0]", "'colour' was unexpected"),
        (lambda d: d["actors"][1].pop("kind"), "actors[1]", "'kind' is a required property"),
        (lambda d: d["claims"][2].update(stance="claims"), "claims[2].stance", "is not one of"),
        (
            lambda d: d["claims"][0].update(assessment="true"),
            "claims[0].assessment",
            "is not one of",
        ),
        (
            lambda d: d["events"][2].update(confidence="sure"),
            "events[2].confidence",
            "is not one of",
        ),
        (lambda d: d["actors"][0].update(kind="robot"), "actors[0].kind", "is not one of"),
        (lambda d: d["passages"][4].update(status="lost"), "passages[4].status", "is not one of"),
        (
            lambda d: d["events"][1]["date"].update(status="maybe"),
            "events[1].date.status",
            "is not one of",
        ),
        (
            lambda d: d["passages"][0]["target"]["selector"][0].update(start=-1),
            "passages[0].target.selector[0].start",
            "less than the minimum",
        ),
        (
            lambda d: d["passages"][1]["target"]["selector"][1].pop("exact"),
            "passages[1].target.selector[1]",
            "'exact' is a required property",
        ),
        (
            lambda d: d["passages"][1]["target"]["selector"][0].update(type="XPathSelector"),
            "passages[1].target.selector[0].type",
            "is not one of",
        ),
        (
            lambda d: d["events"][0]["date"].update(earliest="yesterday"),
            "events[0].date.earliest",
            "does not match",
        ),
        (lambda d: d.update(schema_version=2), "schema_version", "1 was expected"),
        (lambda d: d["events"][5].update(day_seq="1"), "events[5].day_seq", "is not of type"),
        (
            lambda d: d["claims"][1].update(event_id="missing"),
            "claims[1].event_id",
            "is not the id of one of the events",
        ),
        (
            lambda d: d["events"][4]["citations"][0].update(passage_id="gone"),
            "events[4].citations[0].passage_id",
            "is not the id of one of the passages",
        ),
        (lambda d: d["actors"][2].update(id=d["actors"][0]["id"]), "actors[2].id", "duplicate id"),
        (
            lambda d: d["events"][0]["date"].update(latest="2023-01-01T00:00:00"),
            "events[0].date.latest",
            "is before earliest",
        ),
        (
            lambda d: d["passages"][2]["target"]["selector"][0].update(start=500),
            "passages[2].target.selector[0].end",
            "is before start",
        ),
    ],
)
def test_bad_documents_name_the_path(mutate, where, fragment):
    err = _problem(mutate)
    assert err.where == f"mine.json: {where}"
    assert fragment in err.message
    assert str(err).startswith(f"mine.json: {where}: ")


def test_many_problems_are_counted_not_all_listed():
    def break_all(d):
        for ev in d["events"]:
            ev["confidence"] = "sure"

    err = _problem(break_all)
    assert err.where == "mine.json: events[0].confidence"
    assert "events[4].confidence" in err.message
    assert "and 1 more problems" in err.message


def test_schema_precisions_are_the_date_module_precisions():
    from annotator.core.dates.value import PRECISIONS

    enum = json_export.load_schema()["$defs"]["date"]["properties"]["precision"]["enum"]
    assert set(enum) == set(PRECISIONS)


def test_schema_is_strict_everywhere():
    schema = json_export.load_schema()
    objects = []

    def walk(node):
        if isinstance(node, dict):
            if "properties" in node and "type" in node:
                objects.append(node)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schema)
    # the selector dispatcher delegates to the two strict selector shapes
    loose = [o for o in objects if o.get("additionalProperties") is not False and "allOf" not in o]
    assert len(objects) > 10
    assert loose == []


# --- order and filters ------------------------------------------------------------------------


def _keys(events):
    by_id = {ident(k): k for k in EXPECTED_ORDER}
    return [by_id[e["id"]] for e in events]


def test_sort_events_chronological_day_seq_then_undated():
    events = make_doc()["events"]
    rng = random.Random(7)
    for _ in range(20):
        shuffled = events[:]
        rng.shuffle(shuffled)
        assert _keys(sort_events(shuffled)) == EXPECTED_ORDER


def test_day_seq_overrides_headline_and_unset_day_seq_comes_last():
    events = make_doc()["events"]
    e2, e1 = events[2], events[3]  # same day: day_seq 1 and 2
    e2["day_seq"], e1["day_seq"] = 5, 3
    assert _keys(sort_events(events))[2:4] == ["e1", "e2"]
    e1["day_seq"] = None
    assert _keys(sort_events(events))[2:4] == ["e2", "e1"]
    e2["day_seq"] = None  # both unset: headline decides ("Aardvark" < "Ceasefire")
    assert _keys(sort_events(events))[2:4] == ["e1", "e2"]


def test_latest_bound_breaks_ties_of_earliest():
    events = make_doc()["events"]
    month, day = events[1], events[2]
    day["date"]["earliest"] = month["date"]["earliest"]  # both start 1 March
    assert _keys(sort_events(events))[1:3] == ["e2", "e3"]  # the shorter span first


def _ids(doc, coll):
    return {x["id"] for x in doc[coll]}


def test_no_filter_gives_an_equal_copy():
    doc = make_doc()
    out = filter_chronology(doc)
    assert out == doc and out is not doc and out["events"] is not doc["events"]


@pytest.mark.parametrize("actor", ["maria kovač", "KOVAC", "m. kovač"])
def test_filter_by_actor_name_or_alias(actor):
    out = filter_chronology(make_doc(), actors=[actor])
    assert _keys(out["events"]) == ["e2", "e6"]
    # her free-standing claim stays; claims about other events go
    assert _ids(out, "claims") == {ident("k2")}
    assert _ids(out, "actors") == {ident("kovac"), ident("ardenia")}
    json_export.validate(out)


def test_filter_by_actor_id_keeps_claims_about_kept_events():
    out = filter_chronology(make_doc(), actors=[ident("mod")])
    assert _keys(out["events"]) == ["e3", "e4"]
    assert _ids(out, "claims") == {ident("k1")}
    assert _ids(out, "actors") == {ident("mod"), ident("river")}
    cited = {c["passage_id"] for c in all_citations(out)}
    assert _ids(out, "passages") == cited
    assert _ids(out, "articles") == {p["article_id"] for p in out["passages"]}
    json_export.validate(out)


def test_filter_by_tag_type_and_article():
    doc = make_doc()
    assert _keys(filter_chronology(doc, tags=["GENEVA"])["events"]) == ["e2", "e1"]
    by_type = filter_chronology(doc, types=["violence"])
    assert _keys(by_type["events"]) == ["e5", "e4"]
    assert _ids(by_type, "claims") == {ident("k1"), ident("k3")}  # no free claim with a type
    by_title = filter_chronology(doc, articles=["tirs sur le pont"])
    assert _keys(by_title["events"]) == ["e5", "e4"]
    by_id = filter_chronology(doc, articles=[ident("a1")])
    assert _keys(by_id["events"]) == ["e2", "e1"]
    assert ident("k2") in _ids(by_id, "claims")  # cites article a1 on its own
    assert ident("a1") in _ids(by_id, "articles")
    for out in (by_type, by_title, by_id):
        json_export.validate(out)


def test_criteria_combine_with_and():
    out = filter_chronology(make_doc(), tags=["geneva"], types=["diplomacy"])
    assert _keys(out["events"]) == ["e2"]


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        ("2025-03-12", "2025-03-12", ["e3", "e4"]),  # inside the month and the range
        ("2025-03-04", None, ["e3", "e2", "e1", "e4"]),
        (None, "2024-06", ["e5"]),
        ("2025-03-15", "2025-12-31", ["e3"]),
        ("2025", "2025", ["e3", "e2", "e1", "e4"]),
        ("2026-01-01", None, []),
    ],
)
def test_date_range_keeps_overlapping_bounds_and_drops_undated(date_from, date_to, expected):
    out = filter_chronology(make_doc(), date_from=date_from, date_to=date_to)
    assert _keys(out["events"]) == expected
    json_export.validate(out)


def test_bad_date_filters_are_input_errors():
    with pytest.raises(InputError, match="date_from: cannot read the date 'March'"):
        filter_chronology(make_doc(), date_from="March")
    with pytest.raises(InputError, match="ends before it starts"):
        filter_chronology(make_doc(), date_from="2025-04", date_to="2025-03")
    for huge in ("2200000000", "2025-99999999999", "1-1-1" + "0" * 30):
        with pytest.raises(InputError, match="date_to: cannot read the date"):
            filter_chronology(make_doc(), date_to=huge)


# --- CSV --------------------------------------------------------------------------------------


def _csv(what: str, doc=None) -> list[dict]:
    buf = io.StringIO(newline="")
    n = csv_export.write_csv(doc or make_doc(), buf, what)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue(), newline="")))
    assert len(rows) == n
    return rows


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+A1", "'+A1"),
        ("-2 wounded", "-2 wounded"),
        ("+1", "+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("＝1", "'＝1"),
        ("\u00a0=1", "'\u00a0=1"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (3, "3"),
        ("Kovač 🚀", "Kovač 🚀"),
    ],
)
def test_neutralise(value, expected):
    assert csv_export.neutralise(value) == expected


def test_csv_events_columns_order_and_content():
    rows = _csv("events")
    assert list(rows[0]) == csv_export.EVENT_COLUMNS
    assert [r["id"] for r in rows] == [ident(k) for k in EXPECTED_ORDER]
    talks = rows[2]
    assert talks["actors"] == "Maria Kovač (mediator); Republic of Ardenia (party)"
    assert talks["sources"] == "Reuters — Ceasefire talks open in Geneva — 4 Mar 2025"
    assert talks["precision"] == "day" and talks["date_phrase"] == "on Tuesday"
    assert talks["tags"] == "talks; geneva"
    shelling = rows[4]
    assert shelling["quotes"].count(" | ") == 2 and SCRIPT in shelling["quotes"]
    assert shelling["article_ids"] == f"{ident('a2')}; {ident('a3')}"
    assert rows[5]["date_edtf"] == "" and rows[5]["headline"].endswith("🚀")
    assert (talks["date_edtf"], talks["date_display"]) == ("2025-03-04", "4 Mar 2025")


def test_csv_formula_cells_are_neutralised_everywhere():
    events, claims = _csv("events"), _csv("claims")
    assert events[0]["headline"] == "'" + FORMULA
    assert events[5]["quotes"] == "'" + FORMULA
    assert claims[2]["text"].startswith("'=cmd|")
    assert claims[2]["event_headline"] == "'" + FORMULA
    for what in ("events", "claims", "actors"):
        for row in _csv(what):
            for cell in row.values():
                assert not needs_neutralising(cell), (what, cell)


def test_csv_claims_and_actors():
    claims = _csv("claims")
    assert list(claims[0]) == csv_export.CLAIM_COLUMNS
    assert (claims[0]["claimant"], claims[0]["stance"], claims[0]["assessment"]) == (
        "Ministry of Defence",
        "denies",
        "disputed",
    )
    assert claims[1]["event_id"] == "" and claims[1]["claimed_display"] == "4 Mar 2025"
    assert claims[1]["claimed_edtf"] == "2025-03-04"
    actors = _csv("actors")
    assert list(actors[0]) == csv_export.ACTOR_COLUMNS
    kovac = actors[0]
    assert (kovac["aliases"], kovac["events"], kovac["claims"]) == ("M. Kovač; Kovac", "2", "1")


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1))
def test_csv_cells_survive_any_text(text):
    doc = make_doc()
    doc["events"][0]["headline"] = text
    doc["events"][0]["description"] = text
    row = _csv("events", doc)[0]
    for cell in (row["headline"], row["description"]):
        assert not needs_neutralising(cell)
        assert cell == ("'" + text if needs_neutralising(text) else text)


def test_csv_unknown_table_is_an_input_error():
    with pytest.raises(InputError, match="--what: unknown table 'places'"):
        csv_export.write_csv(make_doc(), io.StringIO(), "places")


# --- TimelineJS -------------------------------------------------------------------------------


def _date(value, earliest, latest, precision):
    return {
        "value": value,
        "earliest": earliest,
        "latest": latest,
        "precision": precision,
        "phrase": None,
        "anchor": None,
        "status": None,
    }


@pytest.mark.parametrize(
    ("date", "start", "end"),
    [
        (
            _date("2025-03", "2025-03-01T00:00:00", "2025-03-31T23:59:59.999999", "month"),
            {"year": 2025, "month": 3},
            None,
        ),
        (
            _date("2025-03-04T14:30", "2025-03-04T14:30:00", "2025-03-04T14:30:59", "time"),
            {"year": 2025, "month": 3, "day": 4, "hour": 14, "minute": 30},
            None,
        ),
        (
            _date("2025-21", "2025-03-01T00:00:00", "2025-05-31T23:59:59", "season"),
            {"year": 2025, "month": 3},
            {"year": 2025, "month": 5},
        ),
        (
            _date("2025-W10", "2025-03-03T00:00:00", "2025-03-09T23:59:59", "week"),
            {"year": 2025, "month": 3, "day": 3},
            {"year": 2025, "month": 3, "day": 9},
        ),
        (
            _date("2020-03/2020-05", "2020-03-01T00:00:00", "2020-05-31T23:59:59", "range"),
            {"year": 2020, "month": 3},
            {"year": 2020, "month": 5},
        ),
        (
            _date("202X", "2020-01-01T00:00:00", "2029-12-31T23:59:59", "decade"),
            {"year": 2020},
            {"year": 2029},
        ),
        (
            _date("../2025-03", "0001-01-01T00:00:00", "2025-03-31T23:59:59", "range"),
            {"year": 2025, "month": 3},
            None,
        ),
        (
            _date("2025-03-04/..", "2025-03-04T00:00:00", "9999-12-31T23:59:59", "range"),
            {"year": 2025, "month": 3, "day": 4},
            None,
        ),
    ],
)
def test_timelinejs_dates_only_to_their_precision(date, start, end):
    got = timelinejs.timelinejs_dates(date)
    display = got["start_date"].pop("display_date", None)
    assert got["start_date"] == start
    assert got.get("end_date") == end
    plain = date["precision"] in ("month", "time")
    assert (display is None) == plain and got.get("display_date") == display


def test_open_range_says_so_in_display_date():
    got = timelinejs.timelinejs_dates(
        _date("../2025-03", "0001-01-01T00:00:00", "2025-03-31T23:59:59", "range")
    )
    assert got["display_date"] == "until Mar 2025"


def test_timelinejs_export_of_the_fixture():
    doc = make_doc()
    out = timelinejs.to_timelinejs(doc, title="Fixture <b>", keep_context=True)
    events = out["events"]
    assert timelinejs.undated_event_ids(doc) == [ident("e6")]
    assert [e["unique_id"] for e in events] == [f"event-{ident(k)}" for k in EXPECTED_ORDER[:5]]
    assert events[0]["start_date"] == {"year": 2024, "display_date": "~2024"}
    assert events[1]["start_date"] == {"year": 2025, "month": 3}
    assert events[4]["end_date"] == {"year": 2025, "month": 3, "day": 14}
    assert [e["group"] for e in events] == [
        "violence",
        "politics",
        "diplomacy",
        "other",
        "violence",
    ]
    assert out["title"]["text"]["headline"] == "Fixture &lt;b&gt;"
    text = json.dumps(out)
    assert "<script" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert events[0]["text"]["headline"] == (
        "=HYPERLINK(&quot;http://evil.example/x&quot;,&quot;click me&quot;)"
    )
    shelling = events[4]["text"]["text"]
    assert "<blockquote>The Ministry of Defence denied" in shelling
    assert "Ministry of Defence: “No shelling took place along the river.”" in shelling
    assert (
        timelinejs.to_timelinejs(make_doc(), keep_context=True, title="Fixture <b>") == out
    )  # stable


@pytest.mark.parametrize(
    ("group_by", "expected"),
    [
        (
            "actor",
            ["River Brigade", "Ministry of Defence", "Maria Kovač", "Other", "River Brigade"],
        ),
        (
            "article",
            [
                "Tirs sur le pont",
                "Other",
                "Ceasefire talks open in Geneva",
                "Ceasefire talks open in Geneva",
                # escaped twice: TimelineJS entity-decodes a lane label before using it as HTML
                "Ministry denies shelling &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
            ],
        ),
        ("none", [None] * 5),
    ],
)
def test_timelinejs_group_by(group_by, expected):
    out = timelinejs.to_timelinejs(make_doc(), keep_context=True, group_by=group_by)
    assert [e.get("group") for e in out["events"]] == expected
    with pytest.raises(ValueError, match="group_by"):
        timelinejs.to_timelinejs(make_doc(), keep_context=True, group_by="colour")


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    [
        (lambda o: o["events"][0].pop("start_date"), "events[0]: no start_date"),
        (
            lambda o: o["events"][1].update(unique_id=o["events"][0]["unique_id"]),
            "events[1].unique_id: 'event-",
        ),
        (
            lambda o: o["events"][2]["start_date"].update(month="3"),
            "events[2].start_date.month: '3' is not a number",
        ),
        (
            lambda o: o["events"][4]["end_date"].update(day=1),
            "events[4].end_date: before start_date",
        ),
        (lambda o: o["events"][1]["start_date"].pop("year"), "events[1].start_date: no year"),
        (lambda o: o["events"][2]["start_date"].pop("month"), "day without month"),
        (lambda o: o["events"][0].update(unique_id="Event 1"), "would be rewritten by TimelineJS"),
        (lambda o: o["events"][2]["start_date"].update(month=13), "out of range 1-12"),
        (lambda o: o["events"][2]["start_date"].update(day=True), "True is not a number"),
    ],
)
def test_validate_timelinejs_lists_problems(mutate, fragment):
    out = timelinejs.to_timelinejs(make_doc(), keep_context=True)
    mutate(out)
    with pytest.raises(ValueError) as info:
        timelinejs.validate_timelinejs(out)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("keep", "fragment"),
    [
        (lambda doc: [e for e in doc["events"] if e["date"] is None], "its one event is undated"),
        (lambda doc: [{**e, "date": None} for e in doc["events"]], "all 6 events are undated"),
        (lambda doc: [], "it has no events"),
    ],
)
def test_timelinejs_with_nothing_dated_is_one_clear_error(keep, fragment):
    from annotator.core.export.render import render_export

    doc = make_doc()
    doc["events"] = keep(doc)
    for export in (
        lambda: timelinejs.to_timelinejs(doc, title="T", keep_context=True),
        lambda: render_export(doc, "timelinejs"),
    ):
        with pytest.raises(InputError) as info:
            export()
        line = str(info.value)
        assert line.startswith(
            "the chronology: has nothing dated to put on a TimelineJS timeline: "
        )
        assert fragment in line and "give some events a date" in line and "\n" not in line


COLLIDING = [
    ["ab_c", "ab-c"],
    ["ABC", "abc"],
    ["a", "A", "a-2"],
    ["!!", "??", "x"],
    ["Ab.C", "ab c", "AB_C", "ab-c-2"],
    ["é1", "ê1", "1"],
]


@pytest.mark.parametrize("ids", COLLIDING)
def test_timelinejs_ids_that_slugify_alike_stay_distinct(ids):
    doc = make_doc()
    doc["events"] = [e for e in doc["events"] if e["date"]][: len(ids)]
    for ev, new_id in zip(doc["events"], ids, strict=True):
        ev["id"] = new_id
    out = timelinejs.to_timelinejs(
        doc, title="Collisions", keep_context=True
    )  # validated: no repeat
    uids = [ev["unique_id"] for ev in out["events"]]
    assert len(set(uids)) == len(ids)
    assert all(timelinejs.timelinejs_slugify(u) == u for u in uids)
    assert len({timelinejs.timelinejs_slugify(u) for u in uids}) == len(ids)
    # deterministic, and independent of the order the events come in
    doc["events"].reverse()
    again = timelinejs.to_timelinejs(doc, title="Collisions", keep_context=True)
    assert sorted(ev["unique_id"] for ev in again["events"]) == sorted(uids)


def test_slide_ids_keep_plain_ids_and_number_the_rest():
    got = timelinejs.slide_ids(["ab_c", "ab-c", "ABC", "abc", "a", "A", "a-2"])
    assert got == {
        "ab-c": "event-ab-c",
        "ab_c": "event-ab-c-2",
        "ABC": "event-abc",
        "abc": "event-abc-2",
        "A": "event-a",
        "a": "event-a-3",
        "a-2": "event-a-2",
    }
    assert timelinejs.slide_ids([ident("e1")]) == {ident("e1"): "event-" + ident("e1")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Event 1", "event-1"),
        ("1abc", "_1abc"),
        ("Café_x", "cafe-x"),
        ("  a  b ", "a-b"),
        ("a--b", "a-b"),
        ("a/b:c;d,e·f", "a-b-c-d-e-f"),
        ("ñoño!", "nono"),
        ("event-x", "event-x"),
    ],
)
def test_timelinejs_slugify_is_timelinejs_own(text, expected):
    assert timelinejs.timelinejs_slugify(text) == expected


# --- W3C Web Annotation -----------------------------------------------------------------------

# Terms of the published context http://www.w3.org/ns/anno.jsonld that this export may use.
ANNO_TERMS = {
    "@context",
    "id",
    "type",
    "body",
    "target",
    "source",
    "selector",
    "motivation",
    "purpose",
    "created",
    "creator",
    "generator",
    "value",
    "format",
    "language",
    "exact",
    "prefix",
    "suffix",
    "start",
    "end",
    "name",
    "nickname",
    "label",
    "total",
    "first",
    "items",
    "startIndex",
}
ANNO_CLASSES = {
    "Annotation",
    "AnnotationCollection",
    "AnnotationPage",
    "TextualBody",
    "TextQuoteSelector",
    "TextPositionSelector",
    "Person",
    "Software",
}
ANNO_MOTIVATIONS = {
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
}


def _walk_keys(node, keys, types):
    if isinstance(node, dict):
        keys.update(node)
        if "type" in node:
            types.add(node["type"])
        for v in node.values():
            _walk_keys(v, keys, types)
    elif isinstance(node, list):
        for v in node:
            _walk_keys(v, keys, types)


def test_webannotation_collection_is_valid_and_uses_context_terms():
    doc = make_doc()
    coll = webannotation.to_webannotations(doc)
    assert json_export.schema_problems(coll, "webannotation") == []
    items = coll["first"]["items"]
    assert coll["total"] == len(items) == len(all_citations(doc)) == 12
    for item in items:
        assert json_export.schema_problems(item, "webannotation") == []
    keys, types = set(), set()
    _walk_keys(coll, keys, types)
    assert keys <= ANNO_TERMS
    assert types <= ANNO_CLASSES
    assert {i["motivation"] for i in items} <= ANNO_MOTIVATIONS
    assert {b["purpose"] for i in items for b in i["body"] if isinstance(b, dict)} <= (
        ANNO_MOTIVATIONS
    )
    assert webannotation.to_webannotations(make_doc()) == coll  # stable ids


def test_webannotation_targets_and_bodies():
    doc = make_doc()
    items = webannotation.to_webannotations(doc)["first"]["items"]
    by_id = {i["id"]: i for i in items}
    texts = {ident(k): v for k, v in TEXTS.items()}
    passages = {p["id"]: p for p in doc["passages"]}
    for cite in all_citations(doc):
        anno = by_id[webannotation.iri("citation", cite["id"])]
        pos, quote = anno["target"]["selector"]
        text = texts[passages[cite["passage_id"]]["article_id"]]
        assert text[pos["start"] : pos["end"]] == quote["exact"]  # code points (emoji in a3)
    first = items[0]  # the earliest event, cited from the French article (no URL)
    assert first["body"][0] == uuid.UUID(hex=ident("e5")).urn
    assert first["body"][1]["value"] == f"event: {FORMULA}"
    assert first["target"]["source"].startswith("urn:uuid:")
    sources = {i["target"]["source"] for i in items}
    assert "https://example.org/news/ceasefire-talks" in sources
    assert not any(s.startswith("javascript:") for s in sources)
    notes = [
        b["value"]
        for i in items
        for b in i["body"]
        if isinstance(b, dict) and b["purpose"] == "commenting"
    ]
    assert sorted(notes) == ["Reuters wire", "said to reporters"]


def test_webannotation_schema_rejects_wrong_shapes():
    item = webannotation.to_webannotations(make_doc())["first"]["items"][0]
    for mutate in (
        lambda a: a.pop("target"),
        lambda a: a.update(motivation="liking"),
        lambda a: a.update(type="Note"),
        lambda a: a["target"]["selector"][0].update(start="0"),
        lambda a: a.update({"@context": "http://example.org/ctx"}),
    ):
        bad = json.loads(json.dumps(item))
        mutate(bad)
        assert json_export.schema_problems(bad, "webannotation")


# --- reports ----------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_date_display_falls_back_to_bounds_for_non_edtf_values():
    from annotator.core.export.common import format_date

    assert (
        format_date(_date("sometime", "2025-03-01T00:00:00", "2025-03-02T23:59:59", "range"))
        == "1 Mar 2025 – 2 Mar 2025"
    )
    assert format_date(None) == ""


def test_html_report_is_self_contained_and_escaped():
    doc = make_doc()
    page = report.to_html(doc, title="Report <i>")
    parser = _Tags()
    parser.feed(page)
    names = {t for t, _ in parser.tags}
    assert not names & {"script", "img", "link", "iframe", "object", "embed", "video", "audio"}
    assert all(
        "src" not in attrs and not any(k.startswith("on") for k in attrs)
        for _, attrs in parser.tags
    )
    hrefs = [a["href"] for t, a in parser.tags if t == "a"]
    assert set(hrefs) - {f"#note-{n}" for n in range(1, 13)} == {
        "https://example.org/news/ceasefire-talks"
    }
    assert re.search(r"<script|url\(|@import|javascript:", page, re.I) is None
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>Report &lt;i&gt;</title>" in page
    assert "@media print" in page
    assert "Content-Security-Policy" in page


def test_reports_number_each_citation_once_in_reading_order():
    doc = make_doc()
    md = report.to_markdown(doc)
    sources = md.split("## Sources\n\n", 1)[1].strip().splitlines()
    assert [int(line.split(".", 1)[0]) for line in sources] == list(range(1, 13))
    assert sources[2].startswith(
        "3. Reuters, *Ceasefire talks open in Geneva*, 4 Mar 2025. “Envoys from both sides met"
    )
    assert sources[2].endswith("(Reuters wire) <https://example.org/news/ceasefire-talks>")
    body = md.split("## Sources", 1)[0]
    refs = [int(n) for n in re.findall(r" \[(\d+)\]", body)]
    assert refs == list(range(1, 13))  # first mention order, each once
    assert body.index("### \\~2024") < body.index("### Mar 2025") < body.index("### Undated")
    assert "### 10–14 Mar 2025" in body
    assert "#### Shelling along the river [5] [6] [7]" in body
    assert "Ministry of Defence *denies* (assessment: disputed, Mar 2025)" in body
    html_page = report.to_html(doc)
    assert html_page.count('<li id="note-') == 12


def test_markdown_escapes_hostile_text():
    md = report.to_markdown(make_doc())
    assert "<script>" not in md
    assert r"\<script\>alert(1)\</script\>" in md
    assert "javascript:" not in md
    assert report.md("a *b* [c](d) <e> & #f") == r"a \*b\* \[c\](d) \<e\> \& \#f"


def test_every_writer_accepts_a_filtered_document():
    doc = filter_chronology(make_doc(), actors=["ministry of defence"])
    json_export.validate(doc)
    buf = io.StringIO()
    assert csv_export.write_csv(doc, buf) == 2
    assert len(timelinejs.to_timelinejs(doc, keep_context=True)["events"]) == 2
    assert webannotation.to_webannotations(doc)["total"] == len(all_citations(doc))
    assert "Minister resigns" in report.to_markdown(doc)
    assert "Ceasefire" not in report.to_html(doc)


def test_all_exports_keep_astral_text():
    doc = make_doc()
    for text in (json_export.dumps(doc), report.to_markdown(doc), report.to_html(doc)):
        assert "🚀" in text
    assert any("🚀" in s for s in strings(webannotation.to_webannotations(doc)))


def test_every_export_says_how_a_date_was_found():
    doc = make_doc()
    tuesday = next(e for e in doc["events"] if (e["date"] or {}).get("phrase") == "on Tuesday")
    tuesday["date"]["status"] = "suggested"
    tuesday["date"]["anchor"] = "published"
    row = next(r for r in _csv("events", doc) if r["id"] == tuesday["id"])
    assert (row["date_status"], row["date_phrase"]) == ("suggested", "on Tuesday")
    assert row["date_anchor"] == "the article's publication date"
    for fmt in ("markdown", "html"):
        text = report.to_markdown(doc) if fmt == "markdown" else report.to_html(doc)
        assert report.LEGEND.replace("'", "&#x27;" if fmt == "html" else "'") in text
        assert "suggested, not confirmed; resolved against the article" in text
    slides = timelinejs.to_timelinejs(doc, keep_context=True)["events"]
    text = next(s["text"]["text"] for s in slides if "on Tuesday" in s["text"]["text"])
    assert "suggested, resolved against the article" in text


def test_reports_have_no_legend_when_every_date_is_confirmed():
    doc = make_doc()
    for ev in doc["events"]:
        if ev["date"]:
            ev["date"]["status"] = "confirmed"
    for fmt in ("markdown", "html"):
        text = report.to_markdown(doc) if fmt == "markdown" else report.to_html(doc)
        assert report.SUGGESTED_MARK not in text


def test_an_event_anchor_is_named_by_its_headline():
    doc = make_doc()
    first = doc["events"][0]
    second = next(e for e in doc["events"][1:] if e["date"])
    second["date"]["anchor"] = f"event:{first['id']}"
    row = next(r for r in _csv("events", doc) if r["id"] == second["id"])
    assert row["date_anchor"] == csv_export.neutralise(f"event {first['id']} ({first['headline']})")
