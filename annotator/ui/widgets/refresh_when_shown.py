"""Panels behind a dock tab re-read the store when they are seen, not after every edit.

At 20,000 claims or 5,000 actors a panel's refresh costs about half a second (profiled);
paying it on every edit while the panel sits behind another tab made tagging slow.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent


class RefreshWhenShown:
    """Mixin for a Panel with ``self.model.refresh()``; its holder (a DeferredPanel) sets
    ``defer_when_hidden`` and keeps ``shown_in_dock`` from the dock's visibility."""

    defer_when_hidden = False
    shown_in_dock = True
    _stale = False

    def refresh_or_defer(self) -> None:
        if self.defer_when_hidden and not self.shown_in_dock:
            self._stale = True
            return
        self.model.refresh()  # type: ignore[attr-defined]

    def ensure_fresh(self) -> None:
        if self._stale:
            self._stale = False
            self.model.refresh()  # type: ignore[attr-defined]

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_fresh()
        super().showEvent(event)  # type: ignore[misc]
