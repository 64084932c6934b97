"""How key and disputed facts look wherever they are shown: the table, the drawn timeline."""

from __future__ import annotations

from annotator.core.vocabulary import FACT_MARKS as FACT_MARKS

# Dark gold and brick red: readable as text and as outlines on light and dark themes.
FACT_COLORS = {"key": "#b8860b", "disputed": "#c0392b"}
FACT_LEGEND = {"key": "key fact", "disputed": "disputed"}
