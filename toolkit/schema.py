"""Column names of the toolkit's tables, in one place.

Example:
    >>> from toolkit.schema import CLAIM_COLUMNS
    >>> CLAIM_COLUMNS[:3]
    ['claim_id', 'doc_id', 'date']
"""

from __future__ import annotations

CLAIM_COLUMNS = [
    "claim_id",
    "doc_id",
    "date",
    "tag",
    "start",
    "end",
    "quote",
    "kind",
    "cue",
    "speaker",
    "speaker_mention",
    "speaker_role",
    "speaker_type",
    "via",
    "sentence",
    "stance",
    "target",
    "topics",
    "entities",
]
MENTION_COLUMNS = ["doc_id", "sent", "start", "end", "text", "label", "entity", "entity_type"]
COMENTION_COLUMNS = ["a", "b", "count", "expected", "pmi", "npmi", "lift", "g2", "p_value"]

KINDS = ("direct", "indirect", "mixed")
STANCES = ("support", "oppose", "neutral")
SPEAKER_TYPES = ("person", "organisation", "government", "media", "group", "unknown")
TOPIC_IDS = (
    "arms_trade",
    "military_threat",
    "nuclear_missile",
    "alliances",
    "sanctions",
    "cyber",
    "israel_gaza",
    "russia_ukraine",
)
