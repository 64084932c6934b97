"""The export figures' command and floor each run on a page cache warmed the same way, so
neither pays for reading the file cold while the other finds it read (in a full run the
command came first, after the window's day)."""

from __future__ import annotations

from pathlib import Path

from annotator.bench import measures


def test_the_file_is_warmed_before_the_command_and_before_the_floor(monkeypatch, tmp_path) -> None:
    calls: list[str] = []
    monkeypatch.setattr(measures, "warm", lambda path: calls.append(f"warm {path.name}"))
    monkeypatch.setattr(measures, "_close_cleanly", lambda path: calls.append("clean close"))

    def child(args: list[str]) -> tuple[float, float, float]:
        calls.append("floor" if args[0] == "-c" else "command")
        return 1.0, 1.0, 1.0

    monkeypatch.setattr(measures, "child", child)
    measures.export(tmp_path / "p.db", "csv")
    # Closed cleanly first, as an analyst's file is (the quit step leaves it marked open).
    assert calls == ["clean close", "warm p.db", "command", "warm p.db", "floor"]


def test_warming_reads_the_file_and_its_wal_if_there_is_one(tmp_path: Path) -> None:
    project = tmp_path / "p.db"
    project.write_bytes(b"x" * (3 << 20))
    measures.warm(project)  # no -wal: nothing to read beside it
    Path(f"{project}-wal").write_bytes(b"y" * 100)
    measures.warm(project)
    measures.warm(tmp_path / "gone.db")  # nothing there: nothing to warm
