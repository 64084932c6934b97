"""``annotator install-desktop``: the entry, the MIME type and the icons land under the XDG
data home, parse as their specifications say, and the magic recognises a real project."""

from __future__ import annotations

import configparser
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.desktop import APPLICATION_ID, MIME_TYPE, desktop_entry, install_desktop
from annotator.store.project_setup import create_project

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def test_installs_into_the_xdg_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["install-desktop"]) == 0
    entry = tmp_path / "applications" / "timeline-annotator.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(entry, encoding="utf-8")
    section = parser["Desktop Entry"]
    assert section["Type"] == "Application" and section["Icon"] == "timeline-annotator"
    assert section["Exec"].endswith(" gui %f") and MIME_TYPE in section["MimeType"]
    assert Path(section["TryExec"]).name == "annotator-gui"
    icons = tmp_path / "icons" / "hicolor" / "scalable"
    for icon in (
        icons / "apps" / "timeline-annotator.svg",
        icons / "mimetypes" / "application-x-timeline-annotator-project.svg",
    ):
        assert ET.parse(icon).getroot().tag.endswith("svg")
    mime = ET.parse(tmp_path / "mime" / "packages" / "timeline-annotator.xml").getroot()
    (mime_type,) = mime.findall(f"{MIME_NS}mime-type")
    assert mime_type.get("type") == MIME_TYPE
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True)
        assert result.returncode == 0, result.stdout


def test_the_magic_matches_a_new_project_and_not_another_sqlite_file(tmp_path: Path) -> None:
    project, other = tmp_path / "p.db", tmp_path / "other.db"
    create_project(project, seed=False)
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    mime = ET.parse(
        Path(__file__).parents[2] / "resources" / "desktop" / "timeline-annotator-mime.xml"
    ).getroot()
    outer = mime.find(f".//{MIME_NS}magic/{MIME_NS}match")
    inner = outer.find(f"{MIME_NS}match")

    def matches(path: Path) -> bool:
        head = path.read_bytes()[:100]
        prefix = outer.get("value").replace("\\0", "\0").encode()
        offset = int(inner.get("offset"))
        return head.startswith(prefix) and int.from_bytes(head[offset : offset + 4], "big") == int(
            inner.get("value"), 16
        )

    assert int(inner.get("value"), 16) == APPLICATION_ID
    assert matches(project) and not matches(other)


def test_an_exec_path_with_spaces_is_quoted() -> None:
    assert 'Exec="/opt/my apps/annotator-gui" gui %f' in desktop_entry("/opt/my apps/annotator-gui")


def test_an_unwritable_home_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    from annotator.core.errors import InputError

    with pytest.raises(InputError, match="cannot write the desktop files"):
        install_desktop(blocker)
