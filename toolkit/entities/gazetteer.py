"""The gazetteer: canonical entities and the surface forms that name them.

``data/gazetteer.yml`` lists each entity with its type and aliases ("Pyongyang",
"DPRK", "North Korean" -> North Korea). :func:`load_gazetteer` reads it once per file
version and merges an analyst's alias file (:func:`read_aliases`) on top; a
:class:`Gazetteer` looks surface forms up and builds the PhraseMatchers that find
them in Docs.

Example:
    >>> gazetteer = load_gazetteer(extra_aliases={"Hermit Kingdom": "North Korea"})
    >>> gazetteer.canonical("the Kremlin's"), gazetteer.canonical("Hermit Kingdom")
    ('Russia', 'North Korea')
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

import spacy
import yaml
from spacy.matcher import PhraseMatcher
from spacy.vocab import Vocab

from toolkit.errors import Errors
from toolkit.resources import data_path, load_yaml, string_list

GAZETTEER_FILE = "gazetteer.yml"
ENTITY_TYPES = ("country", "organisation", "government", "media", "group", "person", "location")
ALIAS_FIELDS = ("aliases", "demonyms", "nocase", "weak")
SURROUNDING = ' \t\r\n"“”„«»‹›()[]{}<>,;:!?*|'
POSSESSIVE_RE = re.compile(r"(?:'s|(?<=[sSzZ])')$")
THE_RE = re.compile(r"^[Tt]he\s+")
PLURAL_EXEMPT = ("ese", "sh", "ch", "s", "x", "z")


CANONICAL_CACHE_SIZE = 100_000  # surface forms whose lookup a Gazetteer remembers


@dataclass(frozen=True)
class Entry:
    """One gazetteer entity: its canonical name, type and surface forms (see gazetteer.yml)."""

    name: str
    type: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    nocase: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()

    def exact_forms(self) -> list[str]:
        """Return the forms matched with their exact case: name, aliases, demonyms (+ plurals), weak."""
        demonyms = [form for demonym in self.demonyms for form in (demonym, pluralize(demonym))]
        return list(dict.fromkeys([self.name, *self.aliases, *demonyms, *self.weak]))

    def surface_forms(self) -> set[str]:
        """Return every surface form of the entry, the canonical name included."""
        return {*self.exact_forms(), *self.nocase}


class _Index(NamedTuple):
    exact: dict[str, str]
    nocase: dict[str, str]
    weak: frozenset[str]
    demonyms: frozenset[str]


class Gazetteer:
    """Canonical entities and their aliases, looked up by surface form.

    Build one with :func:`load_gazetteer`; the constructor only stores the entries.

    Example:
        >>> gazetteer = load_gazetteer()
        >>> gazetteer.canonical("Pyongyang"), gazetteer.canonical("reuters")
        ('North Korea', 'Reuters')
        >>> gazetteer.entity_type("Kim Jong Un"), gazetteer.affiliation("Kim Jong Un")
        ('person', 'North Korea')
    """

    def __init__(
        self,
        entries: Iterable[Entry],
        *,
        ignore: Iterable[str] = (),
        titles: Iterable[str] = (),
        seats: Iterable[str] = (),
    ) -> None:
        self.entries: dict[str, Entry] = {entry.name: entry for entry in entries}
        self.ignore = frozenset(ignore)
        self.titles = frozenset(titles)
        self.seats = {_key(seat).casefold(): seat for seat in seats}
        self._matchers: dict[int, tuple[Vocab, PhraseMatcher, PhraseMatcher]] = {}
        self._canonical: dict[str, str | None] = {}  # surface form -> name, as looked up

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.canonical(text) is not None

    def __repr__(self) -> str:
        return f"Gazetteer({len(self)} entities)"

    @cached_property
    def office_titles(self) -> frozenset[str]:
        """The titles in lower case, without their full stops ("president", "gen")."""
        return frozenset(title.lower().strip(".") for title in self.titles)

    @cached_property
    def _index(self) -> _Index:
        exact: dict[str, str] = {}
        nocase: dict[str, str] = {}
        weak: set[str] = set()
        demonyms: set[str] = set()
        for entry in self.entries.values():
            for form in entry.exact_forms():
                for variant in _the_variants(form):
                    exact[_key(variant)] = entry.name
            for form in entry.nocase:
                nocase[_key(form).casefold()] = entry.name
            weak.update(_key(variant) for form in entry.weak for variant in _the_variants(form))
            demonyms.update(_key(form) for d in entry.demonyms for form in (d, pluralize(d)))
        return _Index(exact, nocase, frozenset(weak), frozenset(demonyms))

    def canonical(self, text: str) -> str | None:
        """Return the canonical name for a surface form, or None when it is unknown.

        Exact-case aliases are tried before case-free ones; a leading "the", a
        possessive "'s", curly apostrophes and surrounding punctuation are tolerated.

        Example:
            >>> gazetteer = load_gazetteer()
            >>> gazetteer.canonical("“the Kremlin’s"), gazetteer.canonical("North Korean")
            ('Russia', 'North Korea')
            >>> gazetteer.canonical("us") is None
            True
        """
        if text not in self._canonical:
            if len(self._canonical) > CANONICAL_CACHE_SIZE:
                self._canonical.clear()
            index, self._canonical[text] = self._index, None
            for variant in _lookup_variants(text):
                name = index.exact.get(variant) or index.nocase.get(variant.casefold())
                if name:
                    self._canonical[text] = name
                    break
        return self._canonical[text]

    def seat(self, text: str) -> str | None:
        """The seat of government a surface form names ("the White House’s" -> "White House"),
        or None. A speaker keeps its seat's name; a mention stands for the country.

        Example:
            >>> load_gazetteer().seat("the Kremlin"), load_gazetteer().seat("Moscow")
            ('Kremlin', None)
        """
        for variant in _lookup_variants(text):
            found = self.seats.get(variant.casefold())
            if found:
                return found
        return None

    def entry(self, entity: str) -> Entry | None:
        """Return the entry for a canonical name or any of its surface forms."""
        found = self.entries.get(entity)
        if found is None:
            name = self.canonical(entity)
            found = self.entries.get(name) if name else None
        return found

    def entity_type(self, entity: str) -> str | None:
        """Return the type of an entity (country, organisation, government, media, group,
        person, location), or None when the gazetteer does not know it.

        Example:
            >>> load_gazetteer().entity_type("NIS")
            'government'
        """
        found = self.entry(entity)
        return found.type if found else None

    def affiliation(self, entity: str) -> str | None:
        """Return the country (or organisation) a person or agency belongs to, or None.

        Example:
            >>> load_gazetteer().affiliation("National Intelligence Service")
            'South Korea'
        """
        found = self.entry(entity)
        return found.affiliation if found else None

    def aliases_of(self, entity: str) -> set[str]:
        """Return every surface form of an entity, its canonical name included (empty if unknown).

        Example:
            >>> sorted(load_gazetteer().aliases_of("RFA"))
            ['RFA', 'Radio Free Asia']
        """
        found = self.entry(entity)
        return found.surface_forms() if found else set()

    def is_weak(self, text: str) -> bool:
        """Return True if ``text`` is a weak alias (counted only beside a strong mention)."""
        return _key(text.strip(SURROUNDING)) in self._index.weak

    def is_demonym(self, text: str) -> bool:
        """Return True if ``text`` is a demonym of a gazetteer entity ("Israelis")."""
        return _key(_strip_possessive(text.strip(SURROUNDING))) in self._index.demonyms

    def phrase_patterns(self) -> dict[str, list[str]]:
        """Return the alias strings to match, by the token attribute to match them on.

        ``"ORTH"`` holds the exact-case forms, ``"LOWER"`` the case-free ones; curly
        apostrophe variants are included, since the tokenizer keeps them apart.

        Example:
            >>> patterns = load_gazetteer().phrase_patterns()
            >>> "the North" in patterns["ORTH"], "reuters" in patterns["LOWER"]
            (True, True)
        """
        index = self._index
        return {
            "ORTH": sorted({form for key in index.exact for form in _apostrophe_variants(key)}),
            "LOWER": sorted({form for key in index.nocase for form in _apostrophe_variants(key)}),
        }

    def phrase_matchers(self, vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
        """Return (exact-case, case-free) PhraseMatchers over the aliases, built once per vocab."""
        cached = self._matchers.get(id(vocab))
        if cached is None or cached[0] is not vocab:
            cached = (vocab, *_build_matchers(self.phrase_patterns(), vocab))
            self._matchers[id(vocab)] = cached
        return cached[1], cached[2]

    def with_aliases(self, aliases: Iterable[tuple[str, str, str | None]]) -> Gazetteer:
        """Return a new gazetteer with ``(alias, canonical, type)`` rows merged on top.

        An alias moves to the entity it names here (a new entity is made for an unknown
        canonical name); an all-lower-case alias matches in any case, others exactly.

        Example:
            >>> gazetteer = load_gazetteer().with_aliases([("the hermit kingdom", "DPRK", None)])
            >>> gazetteer.canonical("The Hermit Kingdom")
            'North Korea'
        """
        entries = dict(self.entries)
        for alias, target, entity_type in aliases:
            name = target if target in entries else (_lookup(entries, target) or target)
            for other, entry in entries.items():
                entries[other] = _without_form(entry, alias)
            entry = entries.pop(name, None) or Entry(name=name, type=entity_type)
            if entity_type and not entry.type:
                entry = replace(entry, type=entity_type)
            field_name = "nocase" if alias == alias.lower() else "aliases"
            entries[name] = replace(entry, **{field_name: (*getattr(entry, field_name), alias)})
        return Gazetteer(
            entries.values(), ignore=self.ignore, titles=self.titles, seats=self.seats.values()
        )


def pluralize(demonym: str) -> str:
    """Return the plural of a demonym ("Israeli" -> "Israelis"); -ese/-sh/-ch/-s stay as they are.

    Example:
        >>> pluralize("North Korean"), pluralize("Chinese"), pluralize("British")
        ('North Koreans', 'Chinese', 'British')
    """
    return demonym if demonym.endswith(PLURAL_EXEMPT) else demonym + "s"


def load_gazetteer(
    path: str | os.PathLike | None = None,
    *,
    extra_aliases: str | os.PathLike | Mapping[str, str] | None = None,
) -> Gazetteer:
    """Load the gazetteer (once per file version), with an analyst's aliases merged on top.

    Args:
        path: a gazetteer YAML file; by default ``gazetteer.yml`` in the data folder.
        extra_aliases: a TSV/CSV file of ``alias, canonical[, type]`` rows, a YAML file
            mapping ``alias: canonical``, or such a mapping itself.

    Raises:
        ValueError: a file is malformed; the message names the file and the problem.

    Example:
        >>> load_gazetteer().canonical("Washington")
        'United States'
    """
    resolved = data_path(path or GAZETTEER_FILE)
    gazetteer = _load_cached(str(resolved), resolved.stat().st_mtime)
    if extra_aliases is not None:
        gazetteer = gazetteer.with_aliases(read_aliases(extra_aliases))
    return gazetteer


@cache
def _load_cached(path: str, mtime: float) -> Gazetteer:
    return parse_gazetteer(load_yaml(path), source=path)


def parse_gazetteer(data: Any, *, source: str = "<data>") -> Gazetteer:
    """Validate parsed gazetteer YAML and build a :class:`Gazetteer` from it.

    Example:
        >>> data = {"entities": [{"name": "Hamas", "type": "group"}]}
        >>> parse_gazetteer(data).entity_type("Hamas")
        'group'
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("entities"), list):
        raise ValueError(Errors.E008.format(path=source, reason="no 'entities:' list at the top"))
    entries = [_parse_entry(item, source) for item in data["entities"]]
    names = Counter(entry.name for entry in entries)
    repeated = sorted(name for name, count in names.items() if count > 1)
    if repeated:
        raise ValueError(Errors.E008.format(path=source, reason=f"repeated names {repeated}"))
    ignore = string_list(data.get("ignore"), "ignore", source)
    titles = string_list(data.get("titles"), "titles", source)
    seats = string_list(data.get("seats"), "seats", source)
    return Gazetteer(entries, ignore=ignore, titles=titles, seats=seats)


def _parse_entry(item: Any, source: str) -> Entry:
    known = {f.name for f in fields(Entry)}
    if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
        raise ValueError(Errors.E008.format(path=source, reason=f"entry without a name: {item!r}"))
    unknown = sorted(set(item) - known)
    if unknown:
        reason = f"entry '{item['name']}' has unknown fields {unknown} (known: {sorted(known)})"
        raise ValueError(Errors.E008.format(path=source, reason=reason))
    if item.get("type") not in ENTITY_TYPES:
        raise ValueError(
            Errors.E005.format(
                what=f"entity type of '{item['name']}' in {source}",
                value=item.get("type"),
                choices=", ".join(ENTITY_TYPES),
            )
        )
    lists = {name: tuple(string_list(item.get(name), name, source)) for name in ALIAS_FIELDS}
    return Entry(name=item["name"], type=item["type"], affiliation=item.get("affiliation"), **lists)


def read_aliases(
    source: str | os.PathLike | Mapping[str, str],
) -> list[tuple[str, str, str | None]]:
    """Read an analyst's alias file into ``(alias, canonical, type)`` rows.

    TSV or CSV (``.tsv``/``.csv``; other suffixes are sniffed): ``alias, canonical``
    and an optional ``type`` column; a header row starting with ``alias`` and lines
    starting with ``#`` are skipped. YAML (``.yml``/``.yaml``): a mapping
    ``alias: canonical``. A mapping can also be passed as it is.

    Example:
        >>> read_aliases({"Hermit Kingdom": "North Korea"})
        [('Hermit Kingdom', 'North Korea', None)]
    """
    if isinstance(source, Mapping):
        return _mapping_rows(source, "<mapping>")
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(Errors.E001.format(path=path, reason=exc)) from exc
    if path.suffix.lower() in {".yml", ".yaml"}:
        return _mapping_rows(yaml.safe_load(text) or {}, str(path))
    return _table_rows(text, path)


def _mapping_rows(mapping: Any, source: str) -> list[tuple[str, str, str | None]]:
    if not isinstance(mapping, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise ValueError(
            Errors.E008.format(path=source, reason="expected a mapping alias: canonical")
        )
    return [(alias.strip(), target.strip(), None) for alias, target in mapping.items()]


def _table_rows(text: str, path: Path) -> list[tuple[str, str, str | None]]:
    lines = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    suffix = path.suffix.lower()
    tabbed = suffix in {".tsv", ".tab"} or (suffix != ".csv" and bool(lines) and "\t" in lines[0])
    rows = []
    for number, cells in enumerate(
        csv.reader(io.StringIO("\n".join(lines)), delimiter="\t" if tabbed else ","), 1
    ):
        cells = [cell.strip() for cell in cells]
        if number == 1 and cells and cells[0].lower() == "alias":
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            reason = f"row {number} {cells!r} needs an alias and a canonical name"
            raise ValueError(Errors.E008.format(path=path, reason=reason))
        entity_type = cells[2] if len(cells) > 2 and cells[2] else None
        if entity_type is not None and entity_type not in ENTITY_TYPES:
            what = f"entity type in {path} row {number}"
            raise ValueError(
                Errors.E005.format(what=what, value=entity_type, choices=", ".join(ENTITY_TYPES))
            )
        rows.append((cells[0], cells[1], entity_type))
    return rows


def _lookup(entries: Mapping[str, Entry], text: str) -> str | None:
    return Gazetteer(entries.values()).canonical(text)


def _without_form(entry: Entry, form: str) -> Entry:
    changes = {
        name: tuple(v for v in getattr(entry, name) if v != form)
        for name in ALIAS_FIELDS
        if form in getattr(entry, name)
    }
    return replace(entry, **changes) if changes else entry


def _build_matchers(
    patterns: Mapping[str, list[str]], vocab: Vocab
) -> tuple[PhraseMatcher, PhraseMatcher]:
    tokenizer = spacy.blank("en", vocab=vocab).tokenizer
    matchers = []
    for attr in ("ORTH", "LOWER"):
        matcher = PhraseMatcher(vocab, attr=attr)
        matcher.add(f"GAZETTEER_{attr}", list(tokenizer.pipe(patterns[attr])))
        matchers.append(matcher)
    return matchers[0], matchers[1]


# ---------------------------------------------------------------- string helpers


def _key(text: str) -> str:
    """Normalise apostrophes and whitespace, the way aliases are indexed."""
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def _strip_possessive(text: str) -> str:
    return POSSESSIVE_RE.sub("", text).rstrip()


def _the_variants(form: str) -> tuple[str, ...]:
    return (form, "The" + form[3:]) if form.startswith("the ") else (form,)


def _apostrophe_variants(form: str) -> tuple[str, ...]:
    return (form, form.replace("'", "’")) if "'" in form else (form,)


def _lookup_variants(text: str) -> Iterator[str]:
    """Yield the forms of ``text`` to look up, the most literal first."""
    seen: set[str] = set()
    base = _key(text).strip(SURROUNDING + "'")
    for form in (base, _strip_possessive(base)):
        shouted = form.title() if form.isupper() and len(form) > 3 else form
        for variant in (form, THE_RE.sub("", form), form.rstrip("."), shouted):
            if variant and variant not in seen:
                seen.add(variant)
                yield variant
