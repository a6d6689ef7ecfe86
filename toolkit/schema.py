"""Column names of the toolkit's tables, in one place.

Example:
    >>> from toolkit.schema import CLAIM_COLUMNS
    >>> CLAIM_COLUMNS[:3]
    ['claim_id', 'doc_id', 'date']
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from toolkit.errors import Errors

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


def require_columns(frame: pd.DataFrame, columns: Sequence[str], *, func: str, table: str) -> None:
    """Raise a clear error when ``frame`` lacks any of ``columns``.

    Example:
        >>> require_columns(pd.DataFrame({"a": [1]}), ["a"], func="f", table="claims")
    """
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(
            Errors.E011.format(
                func=func,
                missing=", ".join(map(repr, missing)),
                columns=", ".join(map(str, frame.columns)) or "(none)",
                table=table,
            )
        )
