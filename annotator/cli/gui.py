"""Opening the app from the command line: the display is checked before Qt is loaded."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import annotator.cli.lean_start  # noqa: F401  (first: sqlite-utils without pandas)
from annotator.core.errors import AnnotatorError
from annotator.store.project_setup import default_project_path, ensure_default_project


def check_display(env: dict[str, str] | os._Environ[str] = os.environ) -> None:
    """Without a display Qt aborts the process; say what is missing before importing it."""
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return
    raise AnnotatorError(
        "no display to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is set)",
        where="gui",
        hint="run it in a desktop session, or headless with "
        "QT_QPA_PLATFORM=offscreen or 'xvfb-run annotator'",
    )


def launch_gui(project: Path | None) -> int:
    check_display()
    path = ensure_default_project(project or default_project_path())
    from annotator.ui.app import run_app  # Qt loads only when the app opens

    return run_app(path)


def cmd_gui(args: argparse.Namespace) -> int:
    return launch_gui(getattr(args, "path", None) or args.project)
