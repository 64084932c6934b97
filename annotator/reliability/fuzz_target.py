"""The base of every fuzz target, shared by the file fuzzer and the command-line fuzzer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from annotator.reliability.outcome import Outcome


class Target:
    """A fuzz target: ``setup`` once, then ``run_case`` per input, then ``close``."""

    name = ""

    def __init__(self, workdir: Path):
        self.dir = workdir
        self.dir.mkdir(parents=True, exist_ok=True)

    def strategy(self) -> st.SearchStrategy[Any]:
        raise NotImplementedError

    def run_case(self, value: Any) -> Outcome:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def figures(self) -> dict[str, Any]:
        """Target-specific figures for the report (e.g. the JSON loader's field coverage)."""
        return {}
