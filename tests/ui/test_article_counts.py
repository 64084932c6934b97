"""The article list's Items column, counted in a worker for a large project: the same
numbers as counting on the window's connection, and an edit made while the worker counts
is not undone by its older snapshot."""

from __future__ import annotations

from annotator.store.panel_queries import item_counts
from annotator.ui.editing import edits
from annotator.ui.editing.session import Session
from annotator.ui.panels.articles import ArticleListModel


def _shown(model: ArticleListModel) -> dict[str, int | None]:
    return {r["id"]: r["items"] for r in model._rows}


def _uncited_pair(session: Session) -> tuple[str, str]:
    """An event and an article none of its citations are on."""
    row = session.project.rows(
        "SELECT e.id AS event_id, a.id AS article_id FROM events e, articles a "
        "WHERE NOT EXISTS (SELECT 1 FROM citations c JOIN passages p ON p.id = c.passage_id "
        "WHERE c.event_id = e.id AND p.article_id = a.id) LIMIT 1"
    )[0]
    return row["event_id"], row["article_id"]


def test_the_worker_counts_what_the_window_would(seeded: Session, qtbot) -> None:
    model = ArticleListModel(seeded)
    model.in_background_from = 0
    model.count_items()
    assert model._counting
    qtbot.waitUntil(lambda: not model._counting, timeout=10_000)
    expected = item_counts(seeded.project)
    assert any(expected.values())
    assert _shown(model) == {aid: expected.get(aid, 0) for aid in _shown(model)}


def test_an_edit_while_the_worker_counts_keeps_its_own_count(seeded: Session, qtbot) -> None:
    model = ArticleListModel(seeded)
    qtbot.waitUntil(lambda: all(v is not None for v in _shown(model).values()))
    before = item_counts(seeded.project)
    model.in_background_from = 0
    asked: list[int] = []
    model._counter.start = lambda _path, request: asked.append(request)  # type: ignore[method-assign]
    model.count_items()
    assert model._counting and asked == [model._request]
    event_id, article_id = _uncited_pair(seeded)
    assert edits.cite(seeded, "event", event_id, (article_id, 0, 5))
    now = item_counts(seeded.project)
    assert now[article_id] == before.get(article_id, 0) + 1
    assert _shown(model)[article_id] == now[article_id]  # recounted at once, on the edit
    stale = dict(before)
    model._counted(asked[0] - 1, {aid: 99 for aid in stale})  # an older request: dropped
    assert _shown(model)[article_id] == now[article_id]
    model._counted(asked[0], stale)  # the worker's snapshot from before the edit
    assert not model._counting
    assert _shown(model) == {aid: now.get(aid, 0) for aid in _shown(model)}


def test_a_file_the_worker_cannot_open_is_counted_here(seeded: Session, qtbot) -> None:
    model = ArticleListModel(seeded)
    model.in_background_from = 0
    model._counter.start = lambda _path, request: model._counted(request, None)  # type: ignore[method-assign]
    model.count_items()
    expected = item_counts(seeded.project)
    assert _shown(model) == {aid: expected.get(aid, 0) for aid in _shown(model)}
    assert not model._counting


def test_the_counts_are_announced_a_slice_at_a_time(seeded: Session, qtbot, monkeypatch) -> None:
    from annotator.ui.panels import articles

    monkeypatch.setattr(articles, "ANNOUNCE_SLICE", 1)  # the seed's few rows as many slices
    model = ArticleListModel(seeded)
    proxy = articles.ArticleFilterModel()
    proxy.setSourceModel(model)
    said: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, _roles=(): said.append((first.row(), last.row())))
    model.in_background_from = 0
    model.count_items()
    qtbot.waitUntil(lambda: len(said) == model.rowCount(), timeout=10_000)
    assert said == [(row, row) for row in range(model.rowCount())]  # each row once, in turn
    expected = item_counts(seeded.project)
    column = 3  # Items
    for row in range(proxy.rowCount()):
        source = proxy.mapToSource(proxy.index(row, column))
        assert model._rows[source.row()]["items"] == expected.get(model.article_id(source.row()), 0)


def test_a_reload_stops_the_slices_of_an_older_count(seeded: Session, qtbot, monkeypatch) -> None:
    from annotator.ui.panels import articles

    monkeypatch.setattr(articles, "ANNOUNCE_SLICE", 1)
    model = ArticleListModel(seeded)
    model.in_background_from = 0
    said: list[int] = []
    model.dataChanged.connect(lambda first, _last, _roles=(): said.append(first.row()))
    model._counter.start = lambda _path, request: None  # type: ignore[method-assign]
    model.count_items()
    request = model._request
    model._counted(request, item_counts(seeded.project))
    assert said == [0]  # the first slice at once, the rest on later turns of the loop
    model._request += 1  # a newer count was asked for meanwhile
    qtbot.wait(50)
    assert said == [0]
