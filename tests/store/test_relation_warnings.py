"""The warnings about events that contradict each other: the rules (``core.relation_rules``)
warn only where every reading of two date ranges contradicts a relation; the worklists' SQL
and the inspector's words say exactly what the rules say, on projects drawn at random."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.dates.parse import parse_user_date
from annotator.core.errors import InputError
from annotator.core.relation_rules import dates_contradict, place_key, two_places
from annotator.store import operations as ops
from annotator.store.actor_links import event_actors_changeset
from annotator.store.project import Project
from annotator.store.relation_checks import event_warnings
from annotator.store.relations import relate
from annotator.store.worklists import worklist

DAY0 = date(2025, 3, 1)


def bounds(first: int, last: int) -> tuple[str, str]:
    lo, hi = DAY0 + timedelta(first), DAY0 + timedelta(last)
    return f"{lo.isoformat()}T00:00:00", f"{hi.isoformat()}T23:59:59"


spans = st.tuples(st.integers(0, 20), st.integers(0, 6)).map(lambda p: (p[0], p[0] + p[1]))


@given(spans, spans, st.sampled_from(["precedes", "caused_by", "part_of"]))
def test_a_warning_means_every_reading_of_both_ranges_contradicts(s, t, kind) -> None:
    warned = dates_contradict(kind, bounds(*s), bounds(*t))
    days_s, days_t = range(s[0], s[1] + 1), range(t[0], t[1] + 1)

    def holds(a: int, b: int) -> bool:  # the relation true of one day each
        if kind == "precedes":
            return a <= b  # same day: could still come first
        if kind == "caused_by":
            return b <= a
        return a == b  # a one-day part lies on a day of its whole

    if kind == "part_of":  # a part may span several days: it must meet the whole somewhere
        possible = any(a == b for a in days_s for b in days_t)
    else:
        possible = any(holds(a, b) for a in days_s for b in days_t)
    assert warned == (not possible)


def test_undated_events_never_warn() -> None:
    for kind in ("precedes", "caused_by", "part_of"):
        assert not dates_contradict(kind, None, bounds(0, 0))
        assert not dates_contradict(kind, bounds(0, 0), None)


def test_two_places_needs_one_day_two_locations_and_a_real_difference() -> None:
    day, other_day, week = bounds(3, 3), bounds(4, 4), bounds(0, 6)
    assert two_places((day, "Paris"), (day, "London"))
    assert not two_places((day, "Paris"), (day, " paris "))  # case and spaces do not count
    assert not two_places((day, "Paris"), (day, ""))
    assert not two_places((day, "Paris"), (other_day, "London"))
    assert not two_places((week, "Paris"), (day, "London"))  # a week: not one day
    assert not two_places((None, "Paris"), (day, "London"))
    assert place_key("  ÉCOLE  ") == "École"  # only ASCII case folded, as by SQLite lower()


DATES = ["2025-03-01", "2025-03-02", "2025-03-03", "2025-03", "2025-03-01/2025-03-02", None]
PLACES = ["Paris", "paris ", "London", "", "Kyiv", "ÉCOLE", "école"]
KINDS = ["precedes", "caused_by", "part_of"]


@st.composite
def projects(draw):
    n = draw(st.integers(2, 6))
    events = [(draw(st.sampled_from(DATES)), draw(st.sampled_from(PLACES))) for _ in range(n)]
    actors = [draw(st.sets(st.sampled_from(["Macron", "Starmer"]), max_size=2)) for _ in range(n)]
    rels = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.sampled_from(KINDS), st.integers(0, n - 1)),
            max_size=8,
        )
    )
    return events, actors, rels


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_the_worklists_and_the_inspector_say_what_the_rules_say(drawn) -> None:
    events, actors, rels = drawn
    project = Project.memory()
    ids: list[str] = []
    for i, (when, place) in enumerate(events):
        cs, eid = ops.create_event(
            project,
            headline=f"Event {i}",
            date=parse_user_date(when) if when else None,
            location=place,
        )
        project.apply(cs)
        ids.append(eid)
        if actors[i]:
            project.apply(event_actors_changeset(project, eid, "; ".join(sorted(actors[i]))))
    made: list[tuple[int, str, int]] = []
    for a, kind, b in rels:
        try:
            project.apply(relate(project, ids[a], kind, ids[b]))
            made.append((a, kind, b))
        except InputError:
            pass  # itself, a repeat or a loop: refused, as in the window
    rows = {eid: project.row("events", eid) for eid in ids}

    def b(eid: str):
        r = rows[eid]
        return (r["date_earliest"], r["date_latest"]) if r["date_earliest"] else None

    expected = Counter(
        ids[a] for a, kind, t in made if dates_contradict(kind, b(ids[a]), b(ids[t]))
    )
    listed = Counter(w["id"] for w in worklist(project, "relation_dates"))
    assert listed == expected
    shared_pairs = Counter(
        ids[i]
        for i in range(len(ids))
        for j in range(len(ids))
        if i != j
        and actors[i] & actors[j]
        and two_places((b(ids[i]), events[i][1]), (b(ids[j]), events[j][1]))
    )
    assert Counter(w["id"] for w in worklist(project, "two_places")) == shared_pairs
    for i, eid in enumerate(ids):
        involved = sum(
            1
            for a, kind, t in made
            if eid in (ids[a], ids[t]) and dates_contradict(kind, b(ids[a]), b(ids[t]))
        )
        places = sum(
            len(actors[i] & actors[j])
            for j in range(len(ids))
            if j != i and two_places((b(eid), events[i][1]), (b(ids[j]), events[j][1]))
        )
        assert len(event_warnings(project, eid)) == involved + places
    project.close()
