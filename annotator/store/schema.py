"""The project file's schema, as a chain of sqlite-utils migrations.

Migrations are append-only: a released one is never edited, a change is a new one.
A file holding a migration this code does not know was written by a newer version.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

from annotator.core.vocabulary import (
    ACTOR_KINDS as ACTOR_KINDS,
)
from annotator.core.vocabulary import (
    ASSESSMENTS as ASSESSMENTS,
)
from annotator.core.vocabulary import (
    CONFIDENCES as CONFIDENCES,
)
from annotator.core.vocabulary import (
    DATE_STATUSES as DATE_STATUSES,
)
from annotator.core.vocabulary import (
    FACT_STATUSES as FACT_STATUSES,
)
from annotator.core.vocabulary import (
    PASSAGE_STATUSES as PASSAGE_STATUSES,
)
from annotator.core.vocabulary import (
    RELATION_KINDS as RELATION_KINDS,
)
from annotator.core.vocabulary import (
    STANCES as STANCES,
)
from annotator.store.event_sort_keys import create_sort_keys

MIGRATION_SET = "annotator"
migrations = Migrations(MIGRATION_SET)

# Columns every row carries: who made it and when, for merging analysts' files.
_PROVENANCE = """
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    analyst TEXT NOT NULL DEFAULT ''
"""

ITEM_TABLES = {"event": "events", "actor": "actors", "claim": "claims"}
NOTE_TARGETS = ("article", "passage", "event", "actor", "claim")


def _in(column: str, values: tuple[str, ...], nullable: bool = True) -> str:
    listed = ", ".join(f"'{v}'" for v in values)
    check = f"{column} IN ({listed})"
    return f"CHECK ({column} IS NULL OR {check})" if nullable else f"CHECK ({check})"


def _one_item_check() -> str:
    return "CHECK ((event_id IS NOT NULL) + (actor_id IS NOT NULL) + (claim_id IS NOT NULL) = 1)"


@migrations(name="m001_tables")
def m001_tables(db: sqlite_utils.Database) -> None:
    # Raw DDL: sqlite-utils' create() cannot express CHECK constraints or composite UNIQUEs.
    db.executescript(f"""
    CREATE TABLE project (
        key TEXT PRIMARY KEY,
        value TEXT
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        outlet TEXT,
        author TEXT,
        url TEXT,
        published TEXT,
        published_earliest TEXT,
        published_latest TEXT,
        language TEXT,
        text TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        source TEXT,
        previous_version TEXT REFERENCES articles(id),
        {_PROVENANCE}
    );
    CREATE TABLE passages (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL CHECK (start >= 0),
        "end" INTEGER NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        text_hash TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'anchored' {_in("status", PASSAGE_STATUSES, False)},
        {_PROVENANCE},
        CHECK ("end" > start)
    );
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        headline TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        date TEXT,
        date_earliest TEXT,
        date_latest TEXT,
        date_precision TEXT,
        date_phrase TEXT,
        date_anchor TEXT,
        date_status TEXT {_in("date_status", DATE_STATUSES)},
        day_seq INTEGER NOT NULL DEFAULT 0,
        type TEXT NOT NULL DEFAULT '',
        location TEXT NOT NULL DEFAULT '',
        confidence TEXT {_in("confidence", CONFIDENCES)},
        {_PROVENANCE},
        CHECK (date_earliest IS NULL OR date_latest >= date_earliest)
    );
    CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        kind TEXT NOT NULL DEFAULT 'other' {_in("kind", ACTOR_KINDS, False)},
        aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
        description TEXT NOT NULL DEFAULT '',
        {_PROVENANCE}
    );
    CREATE TABLE claims (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        claimant_id TEXT REFERENCES actors(id),
        claimed TEXT,
        claimed_earliest TEXT,
        claimed_latest TEXT,
        stance TEXT NOT NULL DEFAULT 'asserts' {_in("stance", STANCES, False)},
        event_id TEXT REFERENCES events(id),
        assessment TEXT NOT NULL DEFAULT 'unverified' {_in("assessment", ASSESSMENTS, False)},
        {_PROVENANCE}
    );
    CREATE TABLE event_actors (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES events(id),
        actor_id TEXT NOT NULL REFERENCES actors(id),
        role TEXT NOT NULL DEFAULT '',
        {_PROVENANCE},
        UNIQUE (event_id, actor_id, role)
    );
    CREATE TABLE citations (
        id TEXT PRIMARY KEY,
        passage_id TEXT NOT NULL REFERENCES passages(id),
        event_id TEXT REFERENCES events(id),
        actor_id TEXT REFERENCES actors(id),
        claim_id TEXT REFERENCES claims(id),
        note TEXT NOT NULL DEFAULT '',
        {_PROVENANCE},
        {_one_item_check()}
    );
    CREATE TABLE tags (
        id TEXT PRIMARY KEY,
        tag TEXT NOT NULL CHECK (length(trim(tag)) > 0),
        event_id TEXT REFERENCES events(id),
        actor_id TEXT REFERENCES actors(id),
        claim_id TEXT REFERENCES claims(id),
        {_PROVENANCE},
        {_one_item_check()}
    );
    """)


@migrations(name="m002_indexes")
def m002_indexes(db: sqlite_utils.Database) -> None:
    db.executescript("""
    CREATE INDEX idx_passages_article ON passages(article_id, start);
    CREATE INDEX idx_events_chrono ON events(date_earliest, date_latest, day_seq, headline);
    CREATE INDEX idx_events_type ON events(type);
    CREATE INDEX idx_claims_claimant ON claims(claimant_id);
    CREATE INDEX idx_claims_event ON claims(event_id);
    CREATE INDEX idx_event_actors_event ON event_actors(event_id);
    CREATE INDEX idx_event_actors_actor ON event_actors(actor_id);
    CREATE INDEX idx_citations_passage ON citations(passage_id);
    CREATE INDEX idx_citations_event ON citations(event_id);
    CREATE INDEX idx_citations_actor ON citations(actor_id);
    CREATE INDEX idx_citations_claim ON citations(claim_id);
    CREATE INDEX idx_tags_event ON tags(event_id);
    CREATE INDEX idx_tags_claim ON tags(claim_id);
    CREATE INDEX idx_tags_actor ON tags(actor_id);
    CREATE INDEX idx_tags_tag ON tags(tag);
    CREATE INDEX idx_articles_published ON articles(published_earliest);
    """)


FTS_COLUMNS = {
    "articles": ["title", "outlet", "author", "text"],
    "events": ["headline", "description", "location", "type", "date_phrase"],
    "actors": ["name", "aliases", "description"],
    "claims": ["text"],
    "notes": ["text"],  # from m008 on
}


def ensure_fts(db: sqlite_utils.Database) -> None:
    """Create the full-text indexes and their triggers (again, after any transform()).

    sqlite-utils' transform() drops FTS triggers (sqlite-utils issue 849), so this is idempotent and
    every migration that transforms a table calls it.
    """
    for table, columns in FTS_COLUMNS.items():
        if not db.table(table).exists():  # a later migration's table, not made yet
            continue
        db.table(table).enable_fts(
            columns, create_triggers=True, replace=True, tokenize="unicode61"
        )


@migrations(name="m003_fts")
def m003_fts(db: sqlite_utils.Database) -> None:
    ensure_fts(db)


@migrations(name="m004_views")
def m004_views(db: sqlite_utils.Database) -> None:
    # Views for browsing the file in Datasette or any SQLite tool.
    db.executescript("""
    CREATE VIEW chronology AS
    SELECT e.id, e.date, e.date_earliest, e.date_latest, e.date_precision, e.headline,
           e.type, e.location, e.confidence,
           (SELECT group_concat(a.name || CASE WHEN ea.role != '' THEN ' (' || ea.role || ')'
                                               ELSE '' END, '; ')
              FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
             WHERE ea.event_id = e.id) AS actors,
           (SELECT count(*) FROM citations c WHERE c.event_id = e.id) AS sources,
           e.description
      FROM events e
     ORDER BY e.date_earliest IS NULL, e.date_earliest, e.date_latest, e.day_seq, e.headline;
    CREATE VIEW claims_by_actor AS
    SELECT a.name AS claimant, c.stance, c.text, c.claimed, c.assessment,
           e.headline AS about_event, c.id
      FROM claims c
      LEFT JOIN actors a ON a.id = c.claimant_id
      LEFT JOIN events e ON e.id = c.event_id
     ORDER BY a.name, c.claimed_earliest;
    CREATE VIEW events_per_source AS
    SELECT ar.id AS article_id, ar.outlet, ar.title, ar.published,
           count(DISTINCT ci.event_id) AS events,
           count(DISTINCT ci.claim_id) AS claims,
           count(DISTINCT p.id) AS passages
      FROM articles ar
      LEFT JOIN passages p ON p.article_id = ar.id
      LEFT JOIN citations ci ON ci.passage_id = p.id
     GROUP BY ar.id;
    """)


@migrations(name="m005_history_and_conflicts")
def m005_history_and_conflicts(db: sqlite_utils.Database) -> None:
    # row_history: the versions each row has had (by modified time), so a merge can tell
    # "only they changed it" from "both changed it" without a common base file.
    # merge_conflicts: what a merge could not decide; resolved in the review view.
    db.executescript(f"""
    CREATE TABLE row_history (
        row_id TEXT NOT NULL,
        modified TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        table_name TEXT NOT NULL,
        PRIMARY KEY (row_id, modified, deleted)
    ) WITHOUT ROWID;
    CREATE TABLE merge_conflicts (
        id TEXT PRIMARY KEY,
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        ours TEXT,
        theirs TEXT NOT NULL CHECK (json_valid(theirs)),
        source TEXT NOT NULL,
        resolution TEXT {_in("resolution", ("ours", "theirs", "both"))},
        {_PROVENANCE}
    );
    CREATE INDEX idx_conflicts_open ON merge_conflicts(resolution, table_name);
    """)


@migrations(name="m006_sort_indexes")
def m006_sort_indexes(db: sqlite_utils.Database) -> None:
    # The timeline sorts by headline and type at 100,000 events without a full sort.
    db.executescript("""
    CREATE INDEX idx_events_headline ON events(headline COLLATE NOCASE, id);
    CREATE INDEX idx_events_type_date ON events(type, date_earliest, date_latest, day_seq);
    """)


@migrations(name="m007_article_pages")
def m007_article_pages(db: sqlite_utils.Database) -> None:
    # Where each page of a paged source (a PDF) starts, as a JSON list of code-point offsets
    # into the article's text, so a citation can name its page. NULL for unpaged sources.
    db.execute(
        "ALTER TABLE articles ADD COLUMN page_starts TEXT "
        "CHECK (page_starts IS NULL OR json_valid(page_starts))"
    )


@migrations(name="m008_notes_and_fact_status")
def m008_notes_and_fact_status(db: sqlite_utils.Database) -> None:
    # Memos: one row each, several per target, exactly one target column set. A table, not
    # a column per target, so a memo carries its own author and times and merges on its own.
    # Fact status: CaseMap's key fact / undisputed / disputed on events and claims; NULL unset.
    targets = " + ".join(f"({t}_id IS NOT NULL)" for t in NOTE_TARGETS)
    db.executescript(f"""
    CREATE TABLE notes (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        article_id TEXT REFERENCES articles(id),
        passage_id TEXT REFERENCES passages(id),
        event_id TEXT REFERENCES events(id),
        actor_id TEXT REFERENCES actors(id),
        claim_id TEXT REFERENCES claims(id),
        {_PROVENANCE},
        CHECK ({targets} = 1)
    );
    CREATE INDEX idx_notes_article ON notes(article_id);
    CREATE INDEX idx_notes_passage ON notes(passage_id);
    CREATE INDEX idx_notes_event ON notes(event_id);
    CREATE INDEX idx_notes_actor ON notes(actor_id);
    CREATE INDEX idx_notes_claim ON notes(claim_id);
    ALTER TABLE events ADD COLUMN fact_status TEXT {_in("fact_status", FACT_STATUSES)};
    ALTER TABLE claims ADD COLUMN fact_status TEXT {_in("fact_status", FACT_STATUSES)};
    """)
    ensure_fts(db)


@migrations(name="m009_event_relations")
def m009_event_relations(db: sqlite_utils.Database) -> None:
    # One row per relation, in its stored direction (source caused_by / part_of / precedes
    # target); the id is derived from the three, so the same relation has one id in every file.
    db.executescript(f"""
    CREATE TABLE event_relations (
        id TEXT PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES events(id),
        kind TEXT NOT NULL {_in("kind", RELATION_KINDS, False)},
        target_id TEXT NOT NULL REFERENCES events(id),
        note TEXT NOT NULL DEFAULT '',
        {_PROVENANCE},
        CHECK (source_id != target_id),
        UNIQUE (source_id, kind, target_id)
    );
    CREATE INDEX idx_event_relations_target ON event_relations(target_id);
    """)


@migrations(name="m010_tag_codebook")
def m010_tag_codebook(db: sqlite_utils.Database) -> None:
    # The codebook: one row per tag name with its colour, description and place in the
    # hierarchy. Applied tags stay rows of `tags` joined by name, so a tag applied anywhere
    # is in the codebook even before it has a row here (store.codebook lists both).
    db.executescript(f"""
    CREATE TABLE codes (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        color TEXT NOT NULL DEFAULT ''
            CHECK (color = '' OR (length(color) = 7 AND color GLOB '#[0-9a-f]*'
                                  AND NOT substr(color, 2) GLOB '*[^0-9a-f]*')),
        description TEXT NOT NULL DEFAULT '',
        parent_id TEXT REFERENCES codes(id) CHECK (parent_id IS NULL OR parent_id != id),
        {_PROVENANCE}
    );
    CREATE INDEX idx_codes_parent ON codes(parent_id);
    """)


@migrations(name="m011_article_retrieval")
def m011_article_retrieval(db: sqlite_utils.Database) -> None:
    # An article fetched from the web: when the answer arrived (ISO 8601 UTC) and every
    # address asked, the given one first and the final one after redirects last (a JSON
    # list). NULL for an article imported from a file.
    db.executescript("""
    ALTER TABLE articles ADD COLUMN retrieved TEXT;
    ALTER TABLE articles ADD COLUMN fetched_from TEXT
        CHECK (fetched_from IS NULL OR json_valid(fetched_from));
    """)


@migrations(name="m013_not_duplicates")
def m013_not_duplicates(db: sqlite_utils.Database) -> None:
    # Pairs of events the analyst said are not the same event, so the list of possible
    # duplicates stops offering them. No foreign keys: a pair whose event is deleted is
    # simply never matched again, and comes back with the event on undo.
    db.executescript(f"""
    CREATE TABLE not_duplicates (
        id TEXT PRIMARY KEY,
        event_a TEXT NOT NULL,
        event_b TEXT NOT NULL,
        {_PROVENANCE},
        CHECK (event_a < event_b)
    );
    """)


@migrations(name="m014_article_hash_index")
def m014_article_hash_index(db: sqlite_utils.Database) -> None:
    # Import looks each new text up by its hash to refuse duplicates: without an index that
    # was a scan of every article per file (95% of importing into 10,000 articles, profiled).
    db.execute("CREATE INDEX idx_articles_text_hash ON articles(text_hash)")


def known_migrations() -> list[str]:
    return [m.name for m in migrations._migrations]


# The tables whose rows an edit can touch, in the order inserts must go (parents first).
TABLE_ORDER = [
    "articles",
    "passages",
    "actors",
    "events",
    "claims",
    "event_actors",
    "citations",
    "tags",
    "event_relations",
    "codes",
    "not_duplicates",
    "notes",
    "merge_conflicts",
    "suggestion_dismissals",
]


@migrations(name="m015_source_grades")
def m015_source_grades(db: sqlite_utils.Database) -> None:
    # Graded sources (Admiralty / NATO): an outlet's reliability grade is the default for its
    # articles (a row per graded outlet, keyed by the outlet text articles carry; the id is
    # derived from that text so one outlet has one id in every file), an article's own grade
    # overrides it, and each citation's information gets a credibility 1-6. An event's
    # assessment is the analyst's verdict on its evidence. NULL everywhere: not graded.
    from annotator.core.vocabulary import CREDIBILITIES, EVENT_ASSESSMENTS, RELIABILITIES

    db.executescript(f"""
    CREATE TABLE outlet_grades (
        id TEXT PRIMARY KEY,
        outlet TEXT NOT NULL UNIQUE CHECK (length(trim(outlet)) > 0),
        grade TEXT NOT NULL {_in("grade", RELIABILITIES, False)},
        {_PROVENANCE}
    );
    ALTER TABLE articles ADD COLUMN reliability TEXT {_in("reliability", RELIABILITIES)};
    ALTER TABLE citations ADD COLUMN credibility TEXT {_in("credibility", CREDIBILITIES)};
    ALTER TABLE events ADD COLUMN assessment TEXT {_in("assessment", EVENT_ASSESSMENTS)};
    """)


TABLE_ORDER.append("outlet_grades")


@migrations(name="m016_suggestion_dismissals")
def m016_suggestion_dismissals(db: sqlite_utils.Database) -> None:
    # Suggestions the analyst dismissed in the reader, so their marks stay away: the article,
    # the kind of suggestion, its span and its words (a text that changed forgets them). The
    # id is derived from these, so the same dismissal in two analysts' files is one row. No
    # foreign key: a deleted article's dismissals are never matched again and come back with
    # it on undo.
    db.executescript(f"""
    CREATE TABLE suggestion_dismissals (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        {_PROVENANCE},
        CHECK (kind IN ('known_actor', 'new_actor', 'claim', 'date')),
        CHECK (0 <= start AND start < end)
    );
    CREATE INDEX idx_suggestion_dismissals_article ON suggestion_dismissals(article_id);
    """)


@migrations(name="m018_event_sort_columns")
def m018_event_sort_columns(db: sqlite_utils.Database) -> None:
    # The table sorts by type case-insensitively; the m006 index keeps the case, so the first
    # sort by type read and sorted every event (113 ms at 100,000). In the sort's own order,
    # a page is read from the index.
    db.execute(
        "CREATE INDEX idx_events_type_nocase "
        "ON events(type COLLATE NOCASE, date_earliest, date_latest, day_seq, headline)"
    )


@migrations(name="m019_event_sort_keys")
def m019_event_sort_keys(db: sqlite_utils.Database) -> None:
    # The first sort by a computed column aggregated every event on the window's thread
    # (0.1-0.7 s at 100,000 events, issue 17): the keys are stored and kept by triggers
    # instead (store.event_sort_keys). One transaction, like every migration: a crash
    # leaves the file as it was, and the next open runs it again.
    create_sort_keys(db)


@migrations(name="m020_article_list_index")
def m020_article_list_index(db: sqlite_utils.Database) -> None:
    # The article list (read before the window's first paint) and the version chains read
    # columns that lie after each article's text in its row, so a scan walked every text's
    # overflow pages (25 ms warm, 60-140 ms cold at 10,000 articles). Both read this
    # covering index instead, in the list's own order (8 ms and 0.3 ms).
    db.execute(
        "CREATE INDEX idx_articles_list ON articles(published_earliest IS NULL, "
        "published_earliest, created, id, title, outlet, published, previous_version)"
    )


@migrations(name="m021_suggested_dates_index")
def m021_suggested_dates_index(db: sqlite_utils.Database) -> None:
    # The "suggested dates" worklist is read again after every edit while it is shown; with
    # nothing on date_status it scanned and sorted every event (9-20 ms at 100,000). A partial
    # index holds only the suggested ones, in the list's order: the read is the list's rows.
    db.execute(
        "CREATE INDEX idx_events_suggested ON events(date_earliest, day_seq, headline) "
        "WHERE date_status = 'suggested'"
    )


_ITEM_INDEXES = [
    (table, kind)
    for table in ("citations", "tags", "notes")
    for kind in ("event", "actor", "claim")
]


@migrations(name="m022_item_reference_indexes")
def m022_item_reference_indexes(db: sqlite_utils.Database) -> None:
    # A citation, tag or note names one item and leaves the other two columns NULL. SQLite's
    # statistics count those NULLs as one huge key, so "actor_id = ?" was judged no better
    # than a scan: showing an actor or claim, or a search's hits, scanned all 200,000
    # citations (13 ms each, profiled). Indexed without the NULLs, the statistics hold only
    # the items' own rows, and every lookup by item (which implies NOT NULL) still uses them.
    for table, kind in _ITEM_INDEXES:
        name = f"idx_{table}_{kind}"
        db.execute(f"DROP INDEX IF EXISTS {name}")
        db.execute(f"CREATE INDEX {name} ON {table}({kind}_id) WHERE {kind}_id IS NOT NULL")


@migrations(name="m023_drawn_timeline_indexes")
def m023_drawn_timeline_indexes(db: sqlite_utils.Database) -> None:
    # The drawn timeline reads every item a filter lets through (up to 12,000): profiled at
    # 100,000 events, most of that read went to row lookups in big rows. The latest dated
    # events (the unfiltered drawing) were found by sorting every event (50 ms); the
    # citations' passages' articles by a lookup in each citation's row and then in each
    # passage's, a row holding its quote (90 ms), and their titles in rows holding the
    # articles' texts (40 ms). Each is read from an index that holds what is asked.
    # (`date` is in the first one's keys too: SQLite reads a partial index's own condition
    # from the rows unless the index holds its column.)
    db.execute(
        "CREATE INDEX idx_events_dated_latest ON events(date_latest, id, date) "
        "WHERE date IS NOT NULL"
    )
    db.execute("CREATE INDEX idx_passages_article_of ON passages(id, article_id)")
    db.execute("CREATE INDEX idx_articles_source_of ON articles(id, title, outlet)")
    for kind in ("event", "claim"):  # m022's indexes, with the passage in each key
        name = f"idx_citations_{kind}"
        db.execute(f"DROP INDEX IF EXISTS {name}")
        db.execute(
            f"CREATE INDEX {name} ON citations({kind}_id, passage_id) WHERE {kind}_id IS NOT NULL"
        )
