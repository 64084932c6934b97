"""quick_entry makes the very TimelineEntry its constructor makes, with every field."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from annotator.ui.timeline.entries import TimelineEntry, quick_entry

texts = st.text(max_size=8)


def test_it_takes_every_field_in_order() -> None:
    fields = [f.name for f in dataclasses.fields(TimelineEntry)]
    assert list(inspect.signature(quick_entry).parameters) == fields


@given(
    st.builds(
        dict,
        id=texts,
        kind=st.sampled_from(("event", "claim")),
        label=texts,
        earliest=st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9000, 1, 1)),
        length=st.integers(0, 400),
        precision=st.sampled_from(("day", "time", "month", "range")),
        approximate=st.booleans(),
        uncertain=st.booleans(),
        lanes=st.dictionaries(st.sampled_from(("actor", "tag")), st.tuples(texts)),
        day_seq=st.integers(0, 5),
        about_event_id=st.none() | texts,
        color_key=texts,
        fact_status=st.sampled_from(("", "key", "disputed")),
        suggested=st.booleans(),
        single_source=st.booleans(),
    )
)
def test_the_same_entry_as_the_constructor_makes(values: dict) -> None:
    values["latest"] = values["earliest"] + timedelta(days=values.pop("length"))
    made, quick = TimelineEntry(**values), quick_entry(**values)
    assert quick == made
    assert repr(quick) == repr(made)
    assert (quick.span, quick.label_chars) == (made.span, made.label_chars)
    assert quick.lanes_for("actor") == made.lanes_for("actor")
