"""The chronology JSON Schema as documentation, and its versioning rule: every property is
described, the date examples are real dates, and a later 1.x file with fields this version
does not know still loads (they are dropped), while a higher schema_version is refused."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from annotator.core.dates.value import DateValue
from annotator.core.errors import InputError
from annotator.core.export import json_export
from tests.helpers.chronology_fixture import make_doc

STABLE_ID = "https://timeline-annotator.invalid/schema/chronology-1.schema.json"


def _properties(node, path="$"):
    if isinstance(node, dict):
        for key, sub in (node.get("properties") or {}).items():
            yield f"{path}.{key}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{path}.{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{path}[{i}]")


def test_every_property_has_a_description_and_the_id_is_stable():
    schema = json_export.load_schema()
    assert schema["$id"] == STABLE_ID
    undocumented = [
        p
        for p, node in _properties(schema)
        if not node.get("description") and ".if." not in p and ".contains." not in p
    ]
    assert undocumented == []
    assert "Versioning" in schema["description"]


def test_the_date_examples_are_dates_the_app_reads():
    schema = json_export.load_schema()
    date = schema["$defs"]["date"]
    examples = date["properties"]["value"]["examples"]
    assert {"2025-W10", "2025-21", "198X", "2025-02-21/2025-03-07"} <= set(examples)
    for value in examples:
        DateValue.from_edtf(value)  # raises on a value the app could not load
    validator = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/date"})
    for example in date["examples"]:
        assert list(validator.iter_errors(example)) == []


def _with_unknown_fields(doc: dict) -> dict:
    later = copy.deepcopy(doc)
    later["colour_scheme"] = "dark"
    later["events"][0]["importance"] = 3
    later["events"][0]["actors"][0]["since"] = "2025"
    later["passages"][0]["target"]["selector"][0]["note"] = "x"
    dated = next(e for e in later["events"] if e["date"])
    dated["date"]["calendar"] = "gregorian"
    return later


def test_a_later_1x_file_with_unknown_fields_reads_as_the_known_document(tmp_path: Path):
    doc = make_doc()
    path = tmp_path / "later.json"
    path.write_text(json.dumps(_with_unknown_fields(doc)), encoding="utf-8")
    assert json_export.read_document(path) == doc


def test_unknown_fields_are_named_when_dropped():
    later = _with_unknown_fields(make_doc())
    dropped = json_export.drop_unknown_fields(later)
    assert "colour_scheme" in dropped and "events[0].importance" in dropped
    assert "events[0].actors[0].since" in dropped
    assert "passages[0].target.selector[0].note" in dropped
    assert len(dropped) == 5


def test_a_higher_schema_version_is_still_refused(tmp_path: Path):
    doc = make_doc()
    doc["schema_version"] = 2
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError, match="schema_version"):
        json_export.read_document(path)


def test_the_id_resolves_to_the_shipped_file_as_the_readme_shows():
    """The ``$id`` is a name, not an address (``.invalid`` never resolves): a validator is
    given the shipped file under that name, as the README shows, and a ``$ref`` to it works."""
    import referencing

    schema = json.loads(
        (Path(__file__).parents[2] / "resources/schema/chronology.schema.json").read_text()
    )
    registry = referencing.Registry().with_resource(
        schema["$id"], referencing.Resource.from_contents(schema)
    )
    validator = jsonschema.Draft202012Validator({"$ref": schema["$id"]}, registry=registry)
    validator.validate(json.loads(json_export.dumps(make_doc())))
    assert not validator.is_valid({"schema_version": 1})
