"""The web addresses a project already holds, so an address is not imported twice.

Every article's own URL and every address it was fetched from (redirects included) maps
to its title. Read once before a fetch starts: the fetch runs in a worker thread, which
must not use the project's connection.
"""

from __future__ import annotations

from annotator.store.project import Project

_OWN_URLS = "SELECT url AS address, title FROM articles WHERE url IS NOT NULL"
_FETCHED = """
SELECT j.value AS address, a.title FROM articles a, json_each(a.fetched_from) j
WHERE a.fetched_from IS NOT NULL AND json_valid(a.fetched_from) AND j.type = 'text'
"""


def known_addresses(project: Project) -> dict[str, str]:
    """Address -> title of the article it gave (the first such article)."""
    found: dict[str, str] = {}
    columns = {r["name"] for r in project.rows("SELECT name FROM pragma_table_info('articles')")}
    # A file opened read-only before its migrations ran has no fetched_from yet.
    sql = f"{_OWN_URLS} UNION ALL {_FETCHED}" if "fetched_from" in columns else _OWN_URLS
    for row in project.rows(sql):
        found.setdefault(row["address"], row["title"])
    return found
