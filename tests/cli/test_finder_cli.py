"""``annotator dates`` on input that is not a text file: one clear line, never a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator.cli import main


def run_dates(capsys: pytest.CaptureFixture[str], path: object) -> tuple[int, str]:
    rc = main(["dates", str(path), "--published", "2025-03-04"])
    return rc, capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_opening_it(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # opening it for reading would block: the check must come first
    rc, err = run_dates(capsys, fifo)
    assert rc != 0
    assert "not a regular file" in err and str(fifo) in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.skipif(not Path("/dev/urandom").exists(), reason="needs /dev/urandom")
def test_device_is_refused(capsys) -> None:
    rc, err = run_dates(capsys, "/dev/urandom")
    assert rc != 0 and "not a regular file" in err


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "not text"),
        (b"On March 3\x00 he left", "binary"),
        (b"caf\xe9 on March 3, 2025", "not UTF-8"),
        (bytes(range(128, 256)) * 8, "UTF-8"),
    ],
)
def test_binary_file_gets_one_clear_line(tmp_path: Path, capsys, data: bytes, said: str) -> None:
    f = tmp_path / "article.txt"
    f.write_bytes(data)
    rc, err = run_dates(capsys, f)
    assert rc != 0
    assert said in err and str(f) in err and len(err.strip().splitlines()) == 1


def test_regular_text_file_still_works(tmp_path: Path, capsys) -> None:
    f = tmp_path / "article.txt"
    f.write_text("He left on March 3, 2025 and came back tomorrow.", encoding="utf-8")
    assert main(["dates", str(f), "--published", "2025-03-04"]) == 0
    out = capsys.readouterr().out
    assert "2025-03-03" in out and "2025-03-05" in out


def test_far_future_publication_date_is_no_traceback(tmp_path: Path, capsys) -> None:
    f = tmp_path / "article.txt"
    f.write_text("It ends tomorrow, 3000000 days after March 3, 2025.", encoding="utf-8")
    assert main(["dates", str(f), "--published", "9999-12-31"]) == 0
    assert "tomorrow" in capsys.readouterr().out
