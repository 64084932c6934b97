"""An article opens at its first line: the first start showed the seed project's first
article from its second line (the reader, still a few pixels high before the window was
shown, had scrolled to keep the cursor in view)."""

from __future__ import annotations

from pathlib import Path

from annotator.ui import app


def test_the_first_article_of_a_new_window_shows_its_first_line(qtbot, seeded_path: Path) -> None:
    app.make_app()
    window = app.open_window(seeded_path)  # the first article is opened here, before show()
    qtbot.addWidget(window)
    window.resize(1400, 860)
    with qtbot.waitSignal(window.firstPainted, timeout=10_000):
        window.show()
    reader = window.reader
    assert reader.article_id
    assert reader.verticalScrollBar().value() == 0
    assert reader.visible_span()[0] == 0
    # Another article opened later starts at its top too, wherever the last one was.
    reader.verticalScrollBar().setValue(reader.verticalScrollBar().maximum())
    other = window.articles.model.article_id(1)
    window.articles.select_article(other)
    assert reader.article_id == other
    assert reader.verticalScrollBar().value() == 0
    window.close()
    window.session.project.close()
