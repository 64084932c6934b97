"""The shipped gazetteer (``resources/gazetteer``): countries, US states, cities, regions."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from annotator.core.suggestions.name_index import NameIndex

# File -> the app's actor kind a place of it is suggested as: a country is a state actor;
# a US state, a city or a region is a place ("other").
FILES = {"countries.txt": "state", "us_states.txt": "other", "cities.txt": "other"}


def read_places(folder: Path) -> list[tuple[str, str]]:
    """(name, actor kind) for every name and other name of every place listed."""
    out: list[tuple[str, str]] = []
    for file, kind in FILES.items():
        for line in (folder / file).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.extend((name.strip(), kind) for name in line.split("|") if name.strip())
    return out


@cache
def place_index() -> NameIndex[str]:
    from annotator.core.resources import resources_dir

    return NameIndex(read_places(resources_dir() / "gazetteer"))
