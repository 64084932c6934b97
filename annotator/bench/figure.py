"""One measured figure beside its floor."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Figure:
    name: str
    value: float
    unit: str  # "ms", "MB" or "per_s"
    floor: float | None = None
    block: float | None = None  # the longest block of the event loop meanwhile (ms)
    wait: str | None = None  # a debounce chosen on purpose; value is the time after it
    cpu: float | None = None  # the process's CPU time for it (ms): steadier on a busy machine

    @property
    def ratio(self) -> float | None:
        if not self.floor or not self.value:
            return None
        # For rates the floor is the faster one: the ratio says how many times slower we are.
        if self.unit == "per_s":
            return round(self.floor / self.value, 2)
        return round(self.value / self.floor, 2)

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "value": round(self.value, 2),
            "unit": self.unit,
            "floor": None if self.floor is None else round(self.floor, 2),
            "ratio": self.ratio,
            "block": None if self.block is None else round(self.block, 2),
            "wait": self.wait,
            "cpu": None if self.cpu is None else round(self.cpu, 2),
        }
