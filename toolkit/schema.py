"""Column names of the toolkit's tables, and how their cells are read, in one place.

Example:
    >>> from toolkit.schema import CLAIM_COLUMNS
    >>> CLAIM_COLUMNS[:3]
    ['claim_id', 'doc_id', 'date']
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

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


def is_missing(value: Any) -> bool:
    """True for ``None``, NaN and NaT.

    Example:
        >>> is_missing(float("nan")), is_missing(""), is_missing(pd.NaT)
        (True, False, True)
    """
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT


def as_list(value: Any) -> list:
    """Return a list-like cell (list, tuple, array) as a list; a missing cell as ``[]``.

    Example:
        >>> as_list(["cyber", "sanctions"]), as_list(None), as_list("cyber")
        (['cyber', 'sanctions'], [], ['cyber'])
    """
    if is_missing(value):
        return []
    if isinstance(value, str):
        return [value] if value else []
    try:
        return [item for item in value if not is_missing(item)]
    except TypeError:
        return [value]
