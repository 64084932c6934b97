"""The article list reads its first rows at once and the rest in a worker: an article not
read yet can be selected, is filtered and counted as any other, and the whole list is the
one article_rows reads."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from annotator.store.panel_queries import article_rows, first_article_rows, item_counts
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.panels import articles
from annotator.ui.panels.articles import ArticleList


@pytest.fixture
def one_first_row(monkeypatch) -> None:
    monkeypatch.setattr(articles, "FIRST_ROWS", 1)  # the seed's three articles: two to come


@pytest.fixture
def held(monkeypatch) -> list[int]:
    """The rest's reads asked of the worker, held until the test hands the rows over."""
    asked: list[int] = []
    monkeypatch.setattr(
        articles.RowReader, "start", lambda _self, _path, request: asked.append(request)
    )
    return asked


def _ids(widget: ArticleList) -> list[str]:
    return [widget.model.article_id(r) for r in range(widget.model.rowCount())]


def _shown(widget: ArticleList) -> list[str]:
    proxy = widget.proxy
    return [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(proxy.rowCount())]


def _hand_over(widget: ArticleList, asked: list[int]) -> None:
    widget.model._rest_read(asked[-1], article_rows(widget.session.project))


def test_the_first_rows_are_the_start_of_the_whole_list(seeded: Session) -> None:
    whole = [r["id"] for r in article_rows(seeded.project)]
    for limit in range(1, len(whole) + 2):
        rows, complete = first_article_rows(seeded.project, limit)
        assert [r["id"] for r in rows] == whole[:limit]
        assert complete == (limit > len(whole))


def test_the_rest_is_read_after_the_first_rows(one_first_row, seeded: Session, qtbot) -> None:
    widget = ArticleList(seeded)
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == 1 and not widget.model.complete
    qtbot.waitUntil(lambda: widget.model.complete, timeout=10_000)
    assert _ids(widget) == [r["id"] for r in article_rows(seeded.project)]
    expected = item_counts(seeded.project)
    assert any(expected.values())
    last = widget.model.rowCount() - 1
    qtbot.waitUntil(lambda: widget.model.index(last, 3).data() is not None, timeout=10_000)
    for row in range(widget.model.rowCount()):
        aid = widget.model.article_id(row)
        assert widget.model.index(row, 3).data() == expected.get(aid, 0)


def test_an_article_not_read_yet_is_selected_once_it_comes(
    one_first_row, held, seeded: Session, qtbot
) -> None:
    widget = ArticleList(seeded)
    qtbot.addWidget(widget)
    opened: list[str] = []
    widget.articleSelected.connect(opened.append)
    qtbot.waitUntil(lambda: bool(held))
    last = article_rows(seeded.project)[-1]
    qtbot.keyClicks(widget.filter_edit, "no such words")
    widget.select_article(last["id"])
    assert opened == [last["id"]]  # the reader opens it at once
    assert widget.model.row_of(last["id"]) < 0
    _hand_over(widget, held)
    qtbot.waitUntil(lambda: widget.model.complete)
    current = widget.view.currentIndex()
    assert current.data(Qt.ItemDataRole.UserRole) == last["id"]
    assert widget.filter_edit.text() == ""  # the filter that hid it is cleared
    assert opened == [last["id"]]  # selecting its row does not open it again


def test_counts_that_came_first_are_shown_on_the_rows_after(
    one_first_row, held, seeded: Session, qtbot
) -> None:
    widget = ArticleList(seeded)
    qtbot.addWidget(widget)
    model = widget.model
    model.in_background_from = 0
    counted: list[int] = []
    model._counter.start = lambda _path, request: counted.append(request)  # type: ignore[method-assign]
    model.count_items()
    expected = item_counts(seeded.project)
    model._counted(counted[-1], expected)
    qtbot.waitUntil(lambda: bool(held))
    _hand_over(widget, held)
    qtbot.waitUntil(lambda: model.complete)
    assert {model.article_id(r): model.index(r, 3).data() for r in range(model.rowCount())} == {
        r["id"]: expected.get(r["id"], 0) for r in article_rows(seeded.project)
    }


@pytest.mark.parametrize("words", ["", "times", "wall street", "mar 2025", "2025", "zzz"])
def test_the_filter_matches_what_it_matched_on_the_whole_list(
    one_first_row, held, seeded: Session, qtbot, words: str
) -> None:
    whole = ArticleList(seeded)  # read as the list was before: every row at once
    qtbot.addWidget(whole)
    qtbot.waitUntil(lambda: bool(held))
    _hand_over(whole, held)
    qtbot.waitUntil(lambda: whole.model.complete)
    qtbot.keyClicks(whole.filter_edit, words)
    widget = ArticleList(seeded)
    qtbot.addWidget(widget)
    qtbot.keyClicks(widget.filter_edit, words)  # typed before the rest is read
    qtbot.waitUntil(lambda: len(held) >= 2)
    _hand_over(widget, held)
    qtbot.waitUntil(lambda: widget.model.complete)
    assert _shown(widget) == _shown(whole) == _matching(whole, words)


def _matching(widget: ArticleList, words: str) -> list[str]:
    """The articles the filter matched when it read the three columns shown at each key."""
    model = widget.model
    wanted = words.casefold().split()
    out = []
    for row in range(model.rowCount()):
        hay = " ".join(str(model.index(row, c).data() or "") for c in (0, 1, 2)).casefold()
        if all(w in hay for w in wanted):
            out.append(model.article_id(row))
    return out


def test_an_article_another_connection_added_shows_after_a_change(
    one_first_row, seeded: Session, qtbot
) -> None:
    widget = ArticleList(seeded)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.model.complete, timeout=10_000)
    widget.select_first()
    first = widget._current
    path = seeded.project.path
    con = sqlite3.connect(path)
    with con:
        con.execute(
            "INSERT INTO articles (id, title, outlet, published, published_earliest, text, "
            "text_hash, created, modified) SELECT 'art_elsewhere', 'Added elsewhere', "
            "'Other outlet', '1999-01-02', '1999-01-02', 'Some text.', 'h', created, modified "
            "FROM articles LIMIT 1"
        )
    con.close()
    seeded.changed.emit(Changes(tables={"articles": frozenset({"art_elsewhere"})}))
    qtbot.waitUntil(lambda: widget.model.complete, timeout=10_000)
    assert _ids(widget) == [r["id"] for r in article_rows(seeded.project)]
    assert widget.model.row_of("art_elsewhere") == 0  # published first
    assert widget.view.currentIndex().data(Qt.ItemDataRole.UserRole) == first  # kept
    qtbot.keyClicks(widget.filter_edit, "elsewhere")
    assert _shown(widget) == ["art_elsewhere"]


def test_a_reload_keeps_an_article_beyond_the_first_rows_selected(
    one_first_row, held, seeded: Session, qtbot
) -> None:
    widget = ArticleList(seeded)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: bool(held))
    _hand_over(widget, held)
    qtbot.waitUntil(lambda: widget.model.complete)
    last = widget.model.article_id(widget.model.rowCount() - 1)
    widget.select_article(last)
    opened: list[str] = []
    widget.articleSelected.connect(opened.append)
    seeded.changed.emit(Changes(tables={"articles": frozenset({last})}))
    assert widget.model.row_of(last) < 0  # only the first row read again
    qtbot.waitUntil(lambda: len(held) >= 2)
    _hand_over(widget, held)
    qtbot.waitUntil(lambda: widget.model.complete)
    assert widget.view.currentIndex().data(Qt.ItemDataRole.UserRole) == last
    assert opened == []  # the reader kept it open all along


def test_the_worker_gives_each_row_its_filter_words(one_first_row, seeded: Session, qtbot) -> None:
    """The rest's rows come with the words the filter looks in, made as the window makes
    them (title, outlet and the date as shown), so the first key typed builds none."""
    from annotator.ui.panels.article_text import filter_words

    widget = ArticleList(seeded)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.model.complete, timeout=10_000)
    rest = widget.model._rows[1:]
    assert rest and all("haystack" in r for r in rest)
    for r in rest:
        plain = {k: v for k, v in r.items() if k != "haystack"}
        assert r["haystack"] == filter_words(plain, seeded.day_first)
        assert r["title"].casefold() in r["haystack"][1]
    widget.filter_edit.setText(rest[0]["title"].split()[0])
    assert widget.model._rows[1:] == rest  # nothing made again on the window's thread


def test_filter_words_follow_the_date_order_setting(seeded: Session, qtbot) -> None:
    widget = ArticleList(seeded)
    qtbot.addWidget(widget)
    model = widget.model
    first = model.haystack(0)
    model._rows[0]["haystack"] = (not seeded.day_first, "stale words")
    assert model.haystack(0) == first  # made under the other setting: made again
