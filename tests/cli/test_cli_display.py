"""Starting the app with no display is one clear line and status 2, not a Qt abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.paths import child_env

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland")


def headless_env(tmp_path: Path) -> dict[str, str]:
    drop = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    env = child_env({k: v for k, v in os.environ.items() if k not in drop})
    env["ANNOTATOR_PROJECT"] = str(tmp_path / "default.db")
    return env


@pytest.mark.parametrize("args", [[], ["gui"]])
def test_no_display_is_one_clear_line(tmp_path: Path, args: list[str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=headless_env(tmp_path),
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1
    assert proc.stderr.startswith("annotator: gui: no display")
    assert "QT_QPA_PLATFORM=offscreen" in proc.stderr and "xvfb-run" in proc.stderr
    assert not (tmp_path / "default.db").exists()  # nothing created for an app that never ran


def test_check_passes_with_a_display_or_a_platform() -> None:
    from annotator.cli.gui import check_display

    check_display({"DISPLAY": ":0"})
    check_display({"WAYLAND_DISPLAY": "wayland-0"})
    check_display({"QT_QPA_PLATFORM": "offscreen"})
