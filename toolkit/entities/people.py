"""One name per person across a corpus.

Within an article :func:`toolkit.entities.canonicalize_names` already makes "Blinken"
the article's "Antony Blinken". Across articles one person still goes by several
names: "Donald J. Trump" beside "Donald Trump", "Rex W. Tillerson" beside "Rex
Tillerson", "DONALD TRUMP" in a shouted headline, and a lone "Tillerson" where an
article never writes the full name. :func:`person_names` maps each such variant to
one name, and :func:`unify_people` renames a claims or mentions table with the map:

- the same words in other case or hyphenation ("Kim Jong-un", "BARACK Obama") take
  the form written most, preferring one in mixed case;
- a name the gazetteer lists as a person's alias takes the gazetteer's name
  ("Hillary Rodham Clinton" -> "Hillary Clinton");
- names with the same first and last word, one with a middle name or initial, take
  the form written most ("Rex W. Tillerson" -> "Rex Tillerson"), unless the corpus
  writes two different middles ("George W. Bush" and "George H. W. Bush" stay apart);
- a lone surname takes the full name that holds at least ``min_share`` of the
  corpus's full names ending with it ("Tillerson" -> "Rex Tillerson").

Example:
    >>> person_names({"Donald Trump": 9, "Donald J. Trump": 2, "Trump": 3, "Ivanka Trump": 1})
    {'Donald J. Trump': 'Donald Trump', 'Trump': 'Donald Trump'}
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from typing import Any

import pandas as pd

from toolkit.entities.gazetteer import Gazetteer, load_gazetteer
from toolkit.entities.names import is_description, name_words, written_in_capitals
from toolkit.schema import require_columns

MIN_SURNAME_SHARE = 0.8


def person_names(
    counts: Mapping[str, int],
    *,
    gazetteer: Gazetteer | None = None,
    min_share: float = MIN_SURNAME_SHARE,
) -> dict[str, str]:
    """Map each variant of a person's name in a corpus to the one name it is given.

    Args:
        counts: how often each person name occurs in the corpus (claims, mentions).
        gazetteer: whose people's names win; the shipped one by default.
        min_share: the share of a surname's full names one full name needs for a
            lone surname to take it.

    Returns:
        A dict from each name that changes to its corpus-wide name.

    Example:
        >>> person_names({"Rex Tillerson": 5, "Rex W. Tillerson": 2, "TILLERSON": 1})
        {'Rex W. Tillerson': 'Rex Tillerson', 'TILLERSON': 'Rex Tillerson'}
    """
    gazetteer = gazetteer or load_gazetteer()
    spelled: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for name, count in counts.items():
        if words := _spelling(name):
            spelled[words][name] += count
    total = {words: sum(forms.values()) for words, forms in spelled.items()}
    target = {words: _best_form(forms) for words, forms in spelled.items()}
    for words, name in target.items():
        listed = gazetteer.canonical(name)
        if listed and gazetteer.entity_type(listed) == "person":
            target[words] = listed
    _merge_middles(target, total)
    _merge_surnames(target, total, min_share)
    mapping = {}
    for words, forms in spelled.items():
        for name in forms:
            if target[words] != name:
                mapping[name] = target[words]
    return mapping


def _spelling(name: str) -> tuple[str, ...]:
    """A name's words as compared: folded, and middle initials run together ("George H.W.
    Bush" and "George H. W. Bush" are both ``('george', 'hw', 'bush')``)."""
    words = name_words(name)
    if len(words) < 3:
        return words
    return (words[0], "".join(words[1:-1]).replace(".", ""), words[-1])


def _best_form(forms: Counter) -> str:
    """The form written most, preferring mixed case over "DONALD TRUMP", "JOHN McCAIN" or
    "donald trump"."""
    return min(
        forms, key=lambda form: (written_in_capitals(form) or form.islower(), -forms[form], form)
    )


def _merge_middles(target: dict[tuple[str, ...], str], total: Mapping[tuple, int]) -> None:
    """Names sharing a first and last word, with no middle or one and the same middle
    ("Rex W. Tillerson", "Rex Tillerson"), take the form written most; two different
    middles ("W." and "H. W.") leave the group apart."""
    groups: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for words in target:
        if len(words) > 1:
            groups[words[0], words[-1]].append(words)
    for members in groups.values():
        middles = {words[1] if len(words) == 3 else "" for words in members}
        if len(members) < 2 or len(middles - {""}) > 1:
            continue
        weight: Counter = Counter()
        for words in members:
            weight[target[words]] += total[words]
        chosen = min(weight, key=lambda name: (-weight[name], name))
        for words in members:
            target[words] = chosen


def _merge_surnames(
    target: dict[tuple[str, ...], str], total: Mapping[tuple, int], min_share: float
) -> None:
    """A lone surname takes the full name that holds ``min_share`` of those ending with it."""
    full_names: dict[str, Counter] = defaultdict(Counter)
    for words, name in target.items():
        if len(words) > 1:
            full_names[words[-1]][name] += total[words]
    for words in [w for w in target if len(w) == 1]:
        candidates = full_names.get(words[0])
        if not candidates or target[words] in candidates:
            continue
        name, count = candidates.most_common(1)[0]
        if count >= min_share * sum(candidates.values()):
            target[words] = name


def unify_people(
    table: pd.DataFrame,
    names: Mapping[str, str] | None = None,
    *,
    min_share: float = MIN_SURNAME_SHARE,
    people: Collection[str] = (),
) -> pd.DataFrame:
    """Give each person one name across a claims or mentions table.

    In a claims table the ``speaker`` of person speakers is renamed, and the person
    names in ``entities``; in a mentions table the ``entity`` of person mentions.
    ``speaker_mention`` and ``text`` keep what each article wrote.

    Args:
        table: claims (``speaker``, ``speaker_type``, ``entities``) or mentions
            (``entity``, ``entity_type``).
        names: the map to apply, from :func:`person_names`; by default the table's own.
        min_share: passed to :func:`person_names` when ``names`` is not given (a map
            given is applied as it is).
        people: one-word names known to be people wherever they occur (from a mentions
            table), renamed in ``entities`` too; other one-word names there may be places.

    Returns:
        A copy of ``table`` with the names replaced.

    Example:
        >>> claims = pd.DataFrame({
        ...     "speaker": ["Rex Tillerson", "Rex W. Tillerson", "Tillerson"],
        ...     "speaker_type": ["person"] * 3, "entities": [[], ["Rex W. Tillerson"], []],
        ... })
        >>> unify_people(claims)["speaker"].tolist()
        ['Rex Tillerson', 'Rex Tillerson', 'Rex Tillerson']
    """
    name_column, type_column = _columns_of(table)
    if names is None:
        names = person_names(_counts(table, "unify_people"), min_share=min_share)
    table = table.copy()
    persons = table[type_column] == "person"
    table.loc[persons, name_column] = table.loc[persons, name_column].replace(dict(names))
    if "entities" in table.columns:
        known = frozenset(people)
        table["entities"] = [_renamed(entities, names, known) for entities in table["entities"]]
    return table


def people_counts(*tables: pd.DataFrame) -> Counter:
    """How often each person name occurs as a speaker or a mention in ``tables``.

    Example:
        >>> people_counts(pd.DataFrame({"entity": ["Kim Jong Un", "Seoul"],
        ...                             "entity_type": ["person", "city"]}))
        Counter({'Kim Jong Un': 1})
    """
    return sum((_counts(table, "people_counts") for table in tables), Counter())


def _counts(table: pd.DataFrame, func: str) -> Counter:
    """How often each person's name occurs; descriptions ("senior official") are no names."""
    name_column, type_column = _columns_of(table, func)
    names = table.loc[table[type_column] == "person", name_column].dropna().astype(str)
    return Counter(name for name in names if not is_description(name))


def _columns_of(table: pd.DataFrame, func: str = "unify_people") -> tuple[str, str]:
    if "speaker" in table.columns:
        require_columns(table, ["speaker", "speaker_type"], func=func, table="claims")
        return "speaker", "speaker_type"
    require_columns(table, ["entity", "entity_type"], func=func, table="mentions")
    return "entity", "entity_type"


def _renamed(entities: Any, names: Mapping[str, str], people: frozenset[str]) -> Any:
    """Person names in a claim's entity list renamed: full names, and lone words known to
    be people (a lone word may be a place, "Jordan", rather than a surname)."""
    if isinstance(entities, str) or not pd.api.types.is_list_like(entities):
        return entities  # None, NaN, pd.NA
    renamed = [names.get(e, e) if len(str(e).split()) > 1 or e in people else e for e in entities]
    return list(dict.fromkeys(renamed))


def people_only(mentions: pd.DataFrame) -> frozenset[str]:
    """The entities a mentions table gives only as people, never as another kind.

    Example:
        >>> people_only(pd.DataFrame({"entity": ["Tillerson", "Jordan", "Jordan"],
        ...                           "entity_type": ["person", "person", "country"]}))
        frozenset({'Tillerson'})
    """
    require_columns(mentions, ["entity", "entity_type"], func="people_only", table="mentions")
    is_person = mentions["entity_type"] == "person"
    people = mentions.loc[is_person, "entity"].unique()
    return frozenset(people) - frozenset(mentions.loc[~is_person, "entity"].unique())
