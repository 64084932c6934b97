"""Datasette settings for a project file: descriptions, facets, hidden tables, stored queries.

Datasette 0.65 reads everything from one metadata file. Datasette 1.0 moved table settings
(``hidden``, ``facets``, ``sort``, ``label_column``, ...) and stored queries into a separate
configuration file (``datasette -c datasette.json``), leaving descriptions, titles and licenses
in metadata; :func:`datasette_files` splits the same settings that way. Datasette keys both by
database name (the file's stem), so the shipped template's ``"*"`` entry is renamed.

The stored queries show each date twice: the EDTF value and a display column (``4 Mar 2025``,
``Mar 2025``, ``2025``, ``4 Mar 2025 – 9 Mar 2025``) built in SQL from the bounds and the
precision, since Datasette runs no code of ours. Undated rows sort last in every one.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from annotator.core.resources import resources_dir

# What Datasette 1.0 reads from the configuration file rather than the metadata.
CONFIG_TABLE_KEYS = (
    "hidden",
    "facets",
    "sort",
    "sort_desc",
    "size",
    "label_column",
    "sortable_columns",
    "fts_table",
    "fts_pk",
    "searchmode",
)
_MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec"


def _day(instant: str) -> str:
    """``4 Mar 2025`` from an ISO timestamp column, in SQLite."""
    return (
        f"(cast(strftime('%d', {instant}) AS integer) || ' ' || "
        f"substr('{_MONTHS}', cast(strftime('%m', {instant}) AS integer) * 3 - 2, 3) || ' ' || "
        f"strftime('%Y', {instant}))"
    )


def display_date(earliest: str, latest: str, precision: str | None = None) -> str:
    """A SQL expression for a date in words, from its bounds (and precision when stored)."""
    month = (
        f"(substr('{_MONTHS}', cast(strftime('%m', {earliest}) AS integer) * 3 - 2, 3) "
        f"|| ' ' || strftime('%Y', {earliest}))"
    )
    by_precision = (
        f"WHEN {precision} = 'month' THEN {month} "
        f"WHEN {precision} = 'year' THEN strftime('%Y', {earliest}) "
        if precision
        else ""
    )
    return (
        f"CASE WHEN {earliest} IS NULL THEN '' "
        f"{by_precision}"
        f"WHEN date({earliest}) = date({latest}) THEN {_day(earliest)} "
        f"ELSE {_day(earliest)} || ' – ' || {_day(latest)} END"
    )


def stored_queries() -> dict[str, dict[str, str]]:
    event_date = display_date("e.date_earliest", "e.date_latest", "e.date_precision")
    claimed = display_date("c.claimed_earliest", "c.claimed_latest")
    published = display_date("a.published_earliest", "a.published_latest")
    return {
        "chronology_query": {
            "title": "The chronology",
            "description": "Events in date order with their actors and number of sources; "
            "undated last.",
            "sql": f"SELECT {event_date} AS date_display, e.date AS date_edtf, e.date_status, "
            "e.headline, e.type, e.date_precision AS precision, "
            "(SELECT group_concat(a.name, '; ') FROM event_actors ea "
            " JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = e.id) AS actors, "
            "(SELECT count(*) FROM citations c WHERE c.event_id = e.id) AS sources, "
            "e.description, e.id FROM events e "
            "ORDER BY e.date_earliest IS NULL, e.date_earliest, e.date_latest, e.day_seq, "
            "e.headline",
        },
        "claims_by_actor_query": {
            "title": "Claims by actor",
            "description": "Every claim with its claimant, stance and assessment. Filter with "
            ":actor (part of a name; empty for all). Undated claims last.",
            "sql": f"SELECT a.name AS claimant, c.stance, c.text, {claimed} AS claimed_display, "
            "c.claimed AS claimed_edtf, c.assessment, e.headline AS about_event, c.id "
            "FROM claims c LEFT JOIN actors a ON a.id = c.claimant_id "
            "LEFT JOIN events e ON e.id = c.event_id "
            "WHERE :actor = '' OR a.name LIKE '%' || :actor || '%' "
            "ORDER BY a.name, c.claimed_earliest IS NULL, c.claimed_earliest",
        },
        "relations_query": {
            "title": "Relations between events",
            "description": "Each relation read from its source event: caused by, part of, "
            "precedes, with both events' dates.",
            "sql": f"SELECT {event_date} AS date_display, e.headline AS event, "
            "replace(r.kind, '_', ' ') AS relation, "
            f"{display_date('t.date_earliest', 't.date_latest', 't.date_precision')} "
            "AS other_date_display, t.headline AS other_event, r.note, r.id "
            "FROM event_relations r JOIN events e ON e.id = r.source_id "
            "JOIN events t ON t.id = r.target_id "
            "ORDER BY e.date_earliest IS NULL, e.date_earliest, e.headline, r.kind",
        },
        "events_per_source_query": {
            "title": "Events per source",
            "description": "How many events, claims and passages each article supports.",
            "sql": "SELECT a.outlet, a.title, "
            f"{published} AS published_display, a.published AS published_edtf, "
            "count(DISTINCT ci.event_id) AS events, count(DISTINCT ci.claim_id) AS claims, "
            "count(DISTINCT p.id) AS passages FROM articles a "
            "LEFT JOIN passages p ON p.article_id = a.id "
            "LEFT JOIN citations ci ON ci.passage_id = p.id GROUP BY a.id "
            "ORDER BY events DESC, a.published_earliest IS NULL, a.published_earliest",
        },
        "passages_search_query": {
            "title": "Search the cited passages",
            "description": "Cited passages that hold the words :q (found through the "
            "articles' full-text index), with what each supports.",
            "sql": "SELECT p.quote, a.title AS article, "
            "coalesce(e.headline, ac.name, cl.text) AS supports, "
            "CASE WHEN e.id IS NOT NULL THEN 'event' WHEN ac.id IS NOT NULL THEN 'actor' "
            "ELSE 'claim' END AS kind, p.id "
            "FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
            "JOIN passages p ON p.article_id = a.id "
            "JOIN citations ci ON ci.passage_id = p.id "
            "LEFT JOIN events e ON e.id = ci.event_id "
            "LEFT JOIN actors ac ON ac.id = ci.actor_id "
            "LEFT JOIN claims cl ON cl.id = ci.claim_id "
            # a phrase query: punctuation in what was typed is never FTS syntax
            "WHERE articles_fts MATCH '\"' || replace(:q, '\"', '\"\"') || '\"' "
            "AND instr(lower(p.quote), lower(:q)) > 0 "
            "ORDER BY a.published_earliest IS NULL, a.published_earliest, p.start",
        },
    }


def _template() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (resources_dir() / "datasette" / "metadata.json").read_text(encoding="utf-8")
    )
    return loaded


def datasette_metadata(project_path: str | Path) -> dict[str, Any]:
    """Everything in one metadata file: what Datasette 0.65 reads."""
    template = _template()
    database = template["databases"]["*"]
    database["queries"] = stored_queries()
    template["databases"] = {Path(project_path).stem: database}
    return template


def datasette_files(project_path: str | Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(metadata, configuration) for Datasette 1.0: settings and queries in the second."""
    metadata = datasette_metadata(project_path)
    name = Path(project_path).stem
    tables: dict[str, Any] = {}
    for table, settings in metadata["databases"][name]["tables"].items():
        moved = {k: settings.pop(k) for k in CONFIG_TABLE_KEYS if k in settings}
        if moved:
            tables[table] = moved
    config = {
        "databases": {
            name: {"tables": tables, "queries": metadata["databases"][name].pop("queries")}
        }
    }
    return copy.deepcopy(metadata), config
