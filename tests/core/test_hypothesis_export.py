"""The Hypothesis export: one API body per citation of an article with a web address, the
rest counted and reported, never sent with a target no page has."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import InputError
from annotator.core.export.hypothesis_export import to_hypothesis
from annotator.core.export.render import render_export
from annotator.store import operations as ops
from annotator.store.chronology import build_document
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from tests.helpers.projects import add_article

TEXT = "Talks began in Paris on 4 March. They failed 😀 twice."


def _project(project: Project) -> None:
    web = add_article(project, TEXT, title="Wire story", url="https://example.org/talks")
    offline = add_article(project, "A printed letter, never online.", url=None, title="Letter")
    cs, event = ops.create_event(project, headline="Talks began", span=(web, 0, 11), tags=["t1"])
    project.apply(cs)
    project.apply(ops.cite(project, "event", event, (web, 33, 46)))
    project.apply(ops.cite(project, "event", event, (offline, 0, 16)))
    cs, _ = ops.create_claim(project, text="They failed", span=(offline, 2, 9))
    project.apply(cs)


def test_one_body_per_citation_with_a_url_and_the_rest_counted() -> None:
    with Project.memory() as project:
        _project(project)
        doc = build_document(project)
    result = to_hypothesis(doc, group="abc123")
    assert result.without_url == 2
    assert result.left_out().startswith("2 citations left out: its article has no web address")
    assert "“Letter”" in result.left_out()
    assert [title for title, _n in result.missing.values()] == ["Letter"]
    assert len(result.annotations) == 2
    for body in result.annotations:
        assert set(body) == {"uri", "document", "text", "tags", "group", "target"}
        assert body["uri"] == body["target"][0]["source"] == "https://example.org/talks"
        assert body["document"] == {"title": ["Wire story"]}
        assert body["group"] == "abc123" and body["tags"] == ["t1"]
        assert body["text"] == "event: Talks began"
        quote, position = body["target"][0]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert TEXT[position["start"] : position["end"]] == quote["exact"]
        assert "urn:" not in json.dumps(body)
    exact = [b["target"][0]["selector"][0]["exact"] for b in result.annotations]
    # citations made in the same instant have no order between them: compared as a set
    assert sorted(exact) == sorted(["Talks began", TEXT[33:46]]) and "😀" in TEXT[33:46]


@pytest.mark.parametrize("group", ["", "two words"])
def test_a_group_that_is_no_id_is_refused(group: str) -> None:
    with Project.memory() as project:
        _project(project)
        doc = build_document(project)
    with pytest.raises(InputError, match="--group"):
        render_export(doc, "hypothesis", group=group)


def test_the_command_line_says_what_was_left_out_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.db"
    create_project(path, seed=False)
    with Project.open(path) as project:
        _project(project)
    out = tmp_path / "h.json"
    assert main(["export", str(path), "--format", "hypothesis", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "2 citations left out" in err
    bodies = json.loads(out.read_text(encoding="utf-8"))
    assert len(bodies) == 2 and {b["group"] for b in bodies} == {"__world__"}


def test_the_date_and_whether_it_was_confirmed_travel_with_each_annotation() -> None:
    """Web Annotation and Hypothesis carry text only: the date goes as a sentence that says
    whether the app suggested it (and from which words) or the analyst confirmed it."""
    from annotator.core.export.common import date_sentence
    from annotator.core.export.webannotation import to_webannotations
    from annotator.store.rows import parse_edtf_field

    with Project.memory() as project:
        web = add_article(project, TEXT, title="Wire story", url="https://example.org/talks")
        cs, _event = ops.create_event(
            project,
            headline="Talks began",
            span=(web, 0, 11),
            date=parse_edtf_field("2025-03-04", "date"),
            date_phrase="on 4 March",
            date_anchor="published",
            date_status="suggested",
        )
        project.apply(cs)
        doc = build_document(project)
    sentence = (
        "Date: 4 Mar 2025 (2025-03-04), suggested by the app from “on 4 March”, resolved"
        " against the article's publication date; not confirmed"
    )
    assert date_sentence(doc["events"][0]["date"], {}) == sentence
    (body,) = to_hypothesis(doc).annotations
    assert body["text"] == f"event: Talks began\n{sentence}"
    (annotation,) = to_webannotations(doc)["first"]["items"]
    describing = [b for b in annotation["body"] if isinstance(b, dict)]
    describing = [b for b in describing if b.get("purpose") == "describing"]
    assert [b["value"] for b in describing] == [sentence]
    confirmed = {**doc["events"][0]["date"], "status": "confirmed", "phrase": None}
    confirmed["anchor"] = "typed"
    assert date_sentence(confirmed, {}) == "Date: 4 Mar 2025 (2025-03-04), typed by the analyst"
