"""The closed lists an analyst picks from. Defined here once: the schema's CHECKs, the
forms and panels, the exports' JSON Schema and the Datasette notes all follow these (a test
holds the two resource files to them)."""

from __future__ import annotations

ACTOR_KINDS = ("person", "organisation", "state", "group", "other")
STANCES = ("asserts", "denies", "disputes", "predicts", "questions")
ASSESSMENTS = ("unverified", "corroborated", "disputed", "false")
CONFIDENCES = ("low", "medium", "high")
DATE_STATUSES = ("suggested", "confirmed")
PASSAGE_STATUSES = ("anchored", "reanchored", "orphan")
