"""The target of a claim and the target's side.

:func:`resolve_target` turns an article's tag into the actor stance is measured
toward; the target's :class:`_Side` is that actor, the country it belongs to, and
their names, as the gazetteer knows them.

Example:
    >>> resolve_target("Pyongyang")
    'North Korea'
    >>> side = _side_of("Kim Jong Un", _gazetteer(None))
    >>> side.has("North Korea"), side.named("Kim"), side.named("Seoul")
    (True, True, False)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Protocol

import pandas as pd

ACTOR_TYPES = frozenset({"country", "organisation", "government", "group", "person", "media"})
TARGET_TYPES = ACTOR_TYPES | {"location"}


class GazetteerLike(Protocol):
    """What tagging needs from :class:`toolkit.entities.Gazetteer`."""

    def canonical(self, text: str) -> str | None: ...

    def entity_type(self, entity: str) -> str | None: ...

    def affiliation(self, entity: str) -> str | None: ...

    def aliases_of(self, entity: str) -> set[str]: ...


def _gazetteer(gazetteer: GazetteerLike | None) -> GazetteerLike:
    """The gazetteer given, else the shipped one."""
    from toolkit.entities import load_gazetteer

    return gazetteer if gazetteer is not None else load_gazetteer()


def resolve_target(
    tag: str | None,
    *,
    mentions: pd.DataFrame | None = None,
    gazetteer: GazetteerLike | None = None,
    doc_id: str | None = None,
) -> str | None:
    """Return the canonical entity an article's tag names, else the article's most-mentioned actor.

    A tag that names an actor (a person, country, government, organisation or group)
    or a place ("Middle East", "Gaza") resolves to its canonical entity ("Pyongyang" ->
    "North Korea"): the tag is the article's subject, and stance is measured toward
    it. A tag the gazetteer does not know ("Terrorism", "National Security") falls
    back to the actor mentioned most often in ``mentions`` (columns ``doc_id, entity,
    entity_type``, filtered on ``doc_id`` when given); ties go to the actor mentioned first.

    Example:
        >>> import pandas as pd
        >>> resolve_target("Kim Jong Un"), resolve_target("the Mideast")
        ('Kim Jong Un', 'Middle East')
        >>> mentions = pd.DataFrame({"doc_id": ["a"] * 3, "entity": ["Israel", "Gaza", "Israel"],
        ...                          "entity_type": ["country", "location", "country"]})
        >>> resolve_target("Terrorism", mentions=mentions)
        'Israel'
    """
    gazetteer = _gazetteer(gazetteer)
    tag = tag.strip().rstrip(".").strip() if isinstance(tag, str) else ""
    entity = gazetteer.canonical(tag) if tag else None
    if entity and gazetteer.entity_type(entity) in TARGET_TYPES:
        return entity
    return _most_mentioned_actor(mentions, doc_id)


def _most_mentioned_actor(mentions: pd.DataFrame | None, doc_id: str | None) -> str | None:
    if mentions is None or len(mentions) == 0 or "entity" not in mentions.columns:
        return None
    rows = (
        mentions
        if doc_id is None or "doc_id" not in mentions.columns
        else mentions[mentions["doc_id"] == doc_id]
    )
    if "entity_type" in rows.columns:
        rows = rows[rows["entity_type"].isin(ACTOR_TYPES)]
    entities = rows["entity"].dropna()
    if entities.empty:
        return None
    counts = Counter(entities)
    first = {entity: i for i, entity in reversed(list(enumerate(entities)))}
    return min(counts, key=lambda entity: (-counts[entity], first[entity]))


@dataclass
class _Side:
    """The target's camp: the target, the country it belongs to, their names."""

    target: str
    entities: frozenset[str]
    names: frozenset[str]
    gazetteer: GazetteerLike

    @property
    def is_place(self) -> bool:
        """Is the target a place ("Middle East"), which does nothing and is judged only by name?

        Example:
            >>> _side_of("Middle East", _gazetteer(None)).is_place
            True
        """
        return self.gazetteer.entity_type(self.target) == "location"

    def has(self, entity: str | None) -> bool:
        """Is this canonical entity the target, its country, or one of their people or agencies?"""
        if not entity:
            return False
        return entity in self.entities or self.gazetteer.affiliation(entity) in self.entities

    def named(self, text: str) -> bool:
        """Is ``text`` one of the side's names? Case counts for one word ("US" is not "us")."""
        text = _strip_possessive(text.strip())
        bare = text[4:] if text[:4] in ("the ", "The ") else text
        if text in self.names or bare in self.names:
            return True
        return " " in text and text.lower() in {n.lower() for n in self.names if " " in n}


def _side_of(target: str, gazetteer: GazetteerLike) -> _Side:
    """The target's side: the target, its affiliation, their aliases; a person's name parts.
    A target typed in lower case ("russia", "north korea") is the entity so named."""
    typed = target.title() if target.islower() else target
    entity = gazetteer.canonical(target) or gazetteer.canonical(typed) or target
    entities = {entity, gazetteer.affiliation(entity)} - {None}
    names = {target}
    for member in entities:
        names |= set(gazetteer.aliases_of(member)) | {member}
    names |= _name_parts(entity, gazetteer)
    return _Side(entity, frozenset(entities), frozenset(names), gazetteer)


def _name_parts(entity: str, gazetteer: GazetteerLike) -> set[str]:
    """A person's first and last names, which stand for them in an article ("Kim", "Putin")."""
    if gazetteer.entity_type(entity) != "person":
        return set()
    parts = entity.split()
    return {p for p in {parts[0], parts[-1]} if len(p) >= 3 and p[0].isupper()}


def _with_named(side: _Side, named: Iterable[str]) -> _Side:
    """The side, knowing the name parts of its people that a claim's ``entities`` list."""
    extra = {
        part for entity in named if side.has(entity) for part in _name_parts(entity, side.gazetteer)
    }
    return replace(side, names=side.names | extra) if extra - side.names else side


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _actor_counts(mentions: pd.DataFrame | None) -> dict[str, Counter]:
    """How often each article (by ``doc_id``) names each actor, from the mentions table."""
    if mentions is None or not {"doc_id", "entity"} <= set(mentions.columns):
        return {}
    rows = mentions
    if "entity_type" in rows.columns:
        rows = rows[rows["entity_type"].isin(ACTOR_TYPES)]
    return {
        doc_id: Counter(entities.dropna())
        for doc_id, entities in rows.groupby("doc_id", sort=False)["entity"]
    }


def _is_salient(side: _Side, counts: Counter | None) -> bool:
    """Is the target's side the actor its article names most often (its people included)?

    Example:
        >>> side = _side_of("North Korea", _gazetteer(None))
        >>> _is_salient(side, Counter({"Kim Jong Un": 3, "North Korea": 2, "Japan": 4}))
        True
    """
    if not counts:
        return False
    on_side = sum(n for entity, n in counts.items() if side.has(entity))
    others = [n for entity, n in counts.items() if not side.has(entity)]
    return on_side > 0 and on_side >= max(others, default=0)
