"""Desktop integration on Linux: the menu entry, the icon and the project file type.

Files go where the freedesktop specifications say a user's own belong (under
``$XDG_DATA_HOME``, by default ``~/.local/share``): ``applications/`` (Desktop Entry),
``mime/packages/`` (shared-mime-info), ``icons/hicolor/scalable/`` (Icon Theme). The caches
are refreshed with ``update-desktop-database`` and ``update-mime-database`` when installed;
without them the files still work once the desktop rescans.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.resources import resources_dir

APP_ID = "timeline-annotator"  # the window's desktop file name (ui.app) and the icon name
MIME_TYPE = "application/x-timeline-annotator-project"
APPLICATION_ID = 0x544C4150  # "TLAP": PRAGMA application_id in every project's header


@dataclass(frozen=True)
class Installed:
    files: list[Path]
    refreshed: list[str]  # the cache tools that ran


def data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME", "")
    # The spec: a relative or empty value is ignored.
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local/share"


def _exec_quoted(path: str) -> str:
    """An Exec argument as the Desktop Entry spec quotes it."""
    if not any(ch in path for ch in " \t\"'\\$`<>~|&;*?#()"):
        return path
    escaped = path.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`")
    return f'"{escaped}"'


def launcher() -> str:
    """The installed ``annotator-gui`` next to this Python, else the one on PATH."""
    beside = Path(sys.executable).parent / "annotator-gui"
    if beside.exists():
        return str(beside)
    return shutil.which("annotator-gui") or "annotator-gui"


def desktop_entry(command: str) -> str:
    template = (resources_dir() / "desktop" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    return template.replace("@EXEC@", _exec_quoted(command)).replace("@TRYEXEC@", command)


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


def install_desktop(home: Path | None = None, *, command: str | None = None) -> Installed:
    """Write the entry, the MIME type and the icons under ``home`` (the XDG data home)."""
    home = home or data_home()
    icon = (resources_dir() / "icons" / "app.svg").read_bytes()
    scalable = home / "icons" / "hicolor" / "scalable"
    try:
        files = [
            _write(
                home / "applications" / f"{APP_ID}.desktop",
                desktop_entry(command or launcher()).encode("utf-8"),
            ),
            _write(
                home / "mime" / "packages" / f"{APP_ID}.xml",
                (resources_dir() / "desktop" / f"{APP_ID}-mime.xml").read_bytes(),
            ),
            _write(scalable / "apps" / f"{APP_ID}.svg", icon),
            _write(scalable / "mimetypes" / f"{MIME_TYPE.replace('/', '-')}.svg", icon),
        ]
    except OSError as exc:
        raise InputError(
            f"cannot write the desktop files ({exc.strerror})",
            where=str(exc.filename or home),
            hint="check the folder's permissions or set XDG_DATA_HOME",
        ) from None
    refreshed = []
    for tool, folder in (
        ("update-desktop-database", home / "applications"),
        ("update-mime-database", home / "mime"),
    ):
        found = shutil.which(tool)
        if found:
            # a failing cache refresh is not a failed install: the files are in place
            subprocess.run([found, str(folder)], check=False, capture_output=True, timeout=60)
            refreshed.append(tool)
    return Installed(files, refreshed)
