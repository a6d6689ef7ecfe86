"""The topic taxonomy: the shipped ``data/topics.yml``, a file of one's own, or a mapping.

Each topic id has ``lemmas`` and ``phrases``, spaCy token ``patterns``, ``together``
rules (lists of word groups that must all occur) and ``exclude`` words (matches
inside them do not count). :func:`load_taxonomy` checks the entries and fills in
what they leave out.

Example:
    >>> entry = load_taxonomy({"drills": {"together": [[["joint"], ["drill", "exercise"]]]}})
    >>> entry["drills"]["together"], entry["drills"]["lemmas"]
    ([[['joint'], ['drill', 'exercise']]], [])
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from toolkit.errors import Errors
from toolkit.resources import load_yaml, string_list

TOPICS_FILE = "topics.yml"
TOPIC_KEYS = ("description", "lemmas", "phrases", "patterns", "together", "exclude")


def load_taxonomy(taxonomy: str | os.PathLike | Mapping | None = None) -> dict[str, dict]:
    """Load and check a topic taxonomy: the shipped ``topics.yml``, a file, or a mapping.

    Raises:
        ValueError: the taxonomy is not a mapping of topic ids to entries with word lists.

    Example:
        >>> list(load_taxonomy())[:3]
        ['arms_trade', 'military_threat', 'nuclear_missile']
        >>> load_taxonomy({"ports": {"lemmas": ["harbour"]}})["ports"]["phrases"]
        []
    """
    where = "<mapping>" if isinstance(taxonomy, Mapping) else str(taxonomy or TOPICS_FILE)
    if not (taxonomy is None or isinstance(taxonomy, Mapping | str | os.PathLike)):
        reason = f"expected a mapping of topic ids or a file, got a {type(taxonomy).__name__}"
        raise ValueError(Errors.E008.format(path=where, reason=reason))
    data = taxonomy if isinstance(taxonomy, Mapping) else load_yaml(taxonomy or TOPICS_FILE)
    if not isinstance(data, Mapping) or not data:
        raise ValueError(Errors.E008.format(path=where, reason="expected a mapping of topic ids"))
    return {str(topic): _topic_entry(entry, topic, where) for topic, entry in data.items()}


def _topic_entry(entry: Any, topic: str, where: str) -> dict:
    if not isinstance(entry, Mapping):
        raise ValueError(Errors.E008.format(path=where, reason=f"topic '{topic}' is not a mapping"))
    unknown = set(entry) - set(TOPIC_KEYS)
    if unknown:
        reason = f"topic '{topic}' has unknown keys {sorted(unknown)}; use {list(TOPIC_KEYS)}"
        raise ValueError(Errors.E008.format(path=where, reason=reason))
    together = entry.get("together") or []
    if not all(isinstance(rule, list) and rule for rule in together):
        reason = f"topic '{topic}': 'together' must be a list of lists of word groups"
        raise ValueError(Errors.E008.format(path=where, reason=reason))
    return {
        "description": str(entry.get("description") or ""),
        "lemmas": _words(entry.get("lemmas"), f"{topic}.lemmas", where),
        "phrases": _words(entry.get("phrases"), f"{topic}.phrases", where),
        "patterns": _patterns(entry.get("patterns"), topic, where),
        "exclude": _words(entry.get("exclude"), f"{topic}.exclude", where),
        "together": [
            [_words(group, f"{topic}.together", where) for group in rule] for rule in together
        ],
    }


def _words(value: Any, what: str, where: str) -> list[str]:
    return [word.strip() for word in string_list(value, what, where) if word.strip()]


def _patterns(value: Any, topic: str, where: str) -> list[list[dict]]:
    """A topic's spaCy Matcher patterns, each checked as spaCy checks them."""
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    patterns = [] if value is None else value
    shaped = isinstance(patterns, list) and all(
        isinstance(pattern, list) and pattern and all(isinstance(t, Mapping) for t in pattern)
        for pattern in patterns
    )
    if not shaped:
        reason = f"topic '{topic}': 'patterns' must be a list of token patterns (lists of dicts)"
        raise ValueError(Errors.E008.format(path=where, reason=reason))
    try:
        Matcher(Vocab(), validate=True).add(topic, patterns)
    except (ValueError, TypeError) as exc:
        detail = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
        reason = f"topic '{topic}': a pattern spaCy refuses ({detail})"
        raise ValueError(Errors.E008.format(path=where, reason=reason)) from exc
    return [list(pattern) for pattern in patterns]
