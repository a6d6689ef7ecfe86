"""Mentions of actors in Docs and the canonical entities they name.

A :class:`Gazetteer` (``data/gazetteer.yml``) maps surface forms to canonical entities
("Pyongyang", "DPRK", "North Korean" -> North Korea). :func:`mentions_from_doc` finds
the mentions of a parsed article: the NER's entities plus the gazetteer's names the
NER missed, with no overlaps, each resolved to its entity. Within an article a
surname stands for the full name ("Blinken" -> "Antony Blinken") and an acronym for
the name it abbreviates ("Radio Free Asia (RFA)").

Example:
    >>> from toolkit.entities import load_gazetteer, mentions_from_docs
    >>> from toolkit.nlp import load_model
    >>> gazetteer = load_gazetteer()
    >>> gazetteer.canonical("the Kremlin's")
    'Russia'
    >>> doc = load_model()("Pyongyang fired a missile, Yonhap said.")
    >>> mentions_from_docs([doc], ["a"])[["text", "entity", "entity_type"]].values.tolist()
    [['Pyongyang', 'North Korea', 'country'], ['Yonhap', 'Yonhap', 'media']]
"""

from __future__ import annotations

import csv
import io
import os
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
import spacy
import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from toolkit.errors import Errors
from toolkit.resources import data_path, load_yaml
from toolkit.schema import MENTION_COLUMNS

GAZETTEER_FILE = "gazetteer.yml"
ENTITY_TYPES = ("country", "organisation", "government", "media", "group", "person", "location")
MENTION_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "country",
    "NORP": "group",
    "LOC": "location",
    "FAC": "location",
}
TYPE_LABELS = {
    "country": "GPE",
    "organisation": "ORG",
    "government": "ORG",
    "media": "ORG",
    "group": "ORG",
    "person": "PERSON",
    "location": "LOC",
}
NAME_LIKE_LABELS = frozenset({"PERSON", "ORG", "GPE"})
SPLIT_TYPES = frozenset({"government", "organisation", "media", "group"})
ALIAS_FIELDS = ("aliases", "demonyms", "nocase", "weak")
SURROUNDING = ' \t\r\n"“”„«»‹›()[]{}<>,;:!?*|'
POSSESSIVE_RE = re.compile(r"(?:'s|(?<=[sSzZ])')$")
THE_RE = re.compile(r"^[Tt]he\s+")
ACRONYM_RE = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z.&-]{1,9}$")
NAME_SPLIT_RE = re.compile(r"[\s\-‐–]+")
PLURAL_EXEMPT = ("ese", "sh", "ch", "s", "x", "z")


class Mention(NamedTuple):
    """One mention of an entity in a Doc; ``doc.text[start:end] == text``."""

    sent: int
    start: int
    end: int
    text: str
    label: str
    entity: str
    entity_type: str


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
    ) -> None:
        self.entries: dict[str, Entry] = {entry.name: entry for entry in entries}
        self.ignore = frozenset(ignore)
        self.titles = frozenset(titles)
        self._matchers: dict[int, tuple[Vocab, PhraseMatcher, PhraseMatcher]] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.canonical(text) is not None

    def __repr__(self) -> str:
        return f"Gazetteer({len(self)} entities)"

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
        index = self._index
        for variant in _lookup_variants(text):
            name = index.exact.get(variant) or index.nocase.get(variant.casefold())
            if name:
                return name
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
        return Gazetteer(entries.values(), ignore=self.ignore, titles=self.titles)


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
    ignore = _string_list(data.get("ignore"), "ignore", source)
    titles = _string_list(data.get("titles"), "titles", source)
    return Gazetteer(entries, ignore=ignore, titles=titles)


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
    lists = {name: tuple(_string_list(item.get(name), name, source)) for name in ALIAS_FIELDS}
    return Entry(name=item["name"], type=item["type"], affiliation=item.get("affiliation"), **lists)


def _string_list(value: Any, what: str, source: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(
            Errors.E008.format(path=source, reason=f"'{what}' must be a list of strings")
        )
    return value


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


def clean_name(text: str, *, titles: Iterable[str] = ()) -> str:
    """Return a display name: no surrounding punctuation, possessive, leading "the" or titles.

    Example:
        >>> clean_name("the Asia Pacific Strategy Center’s")
        'Asia Pacific Strategy Center'
        >>> clean_name("President Putin", titles={"President"})
        'Putin'
    """
    name = " ".join(text.split()).strip(SURROUNDING)
    name = THE_RE.sub("", POSSESSIVE_RE.sub("", name.replace("’s", "'s")).rstrip())
    name = _restore_apostrophes(name, text)
    words = name.split()
    while len(words) > 1 and words[0] in titles:
        words.pop(0)
    return " ".join(words).strip(SURROUNDING) or text.strip()


def _restore_apostrophes(name: str, original: str) -> str:
    return name.replace("'", "’") if "’" in original and "'" not in original else name


# ---------------------------------------------------------------- person names


def canonicalize_names(
    names: Iterable[str],
    *,
    titles: Iterable[str] | None = None,
    prefer: Iterable[str] = (),
) -> dict[str, str]:
    """Map each name of one article to the full name it stands for there.

    A name stands for a longer one when its words appear in it in order and share its
    first or last word: "Kim" -> "Kim Jong Un", "Blinken" -> "Antony Blinken",
    "Patrick Cronin" -> "Patrick M. Cronin". Where several full names fit, the most
    mentioned wins, then one in ``prefer``, then the first mentioned. Names that differ
    only in case or hyphens ("Kim Jong-un") are one name. Titles ("President") are dropped.

    Args:
        names: the names as mentioned, repeats included (they count as mentions).
        titles: words dropped from the front of names; by default the gazetteer's.
        prefer: full names to choose on a tie of mentions (say, the gazetteer's people).

    Returns:
        A dict from every input name to its full name.

    Example:
        >>> canonicalize_names(["Antony Blinken", "Kim Jong Un", "Blinken", "Kim’s", "Putin"])
        {'Antony Blinken': 'Antony Blinken', 'Kim Jong Un': 'Kim Jong Un', 'Blinken': 'Antony Blinken', 'Kim’s': 'Kim Jong Un', 'Putin': 'Putin'}
    """
    names = list(names)
    titles = load_gazetteer().titles if titles is None else frozenset(titles)
    cleaned = {name: clean_name(name, titles=titles) for name in names}
    words_of = {name: _name_words(clean) for name, clean in cleaned.items()}
    counts = Counter(words_of[name] for name in names)
    display = _display_forms(names, cleaned, words_of)
    order = {words: i for i, words in enumerate(dict.fromkeys(words_of[name] for name in names))}
    preferred = {_name_words(name) for name in prefer}
    # Any name of two words or more can be the full name; the most mentioned wins, so a
    # headline's "Ben Carson Defends" or "Crooked Hillary Clinton" does not swallow "Ben Carson".
    candidates = [w for w in order if len(w) > 1 or not any(_is_part(w, other) for other in order)]
    target: dict[tuple[str, ...], tuple[str, ...]] = {}
    for words in order:
        fits = [full for full in candidates if full == words or _is_part(words, full)]
        rank = lambda full: (-counts[full], full not in preferred, -len(full), order[full])  # noqa: E731
        target[words] = min(fits, key=rank) if fits else words
    return {name: display[target[words_of[name]]] for name in names}


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(word for word in NAME_SPLIT_RE.split(_key(name).casefold()) if word)


def _is_part(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """True if ``short`` is a strictly shorter, ordered part of ``full`` sharing its first or last
    word; a name of several words must share the last (the surname)."""
    if not short or len(short) >= len(full) or (short[0] != full[0] and short[-1] != full[-1]):
        return False
    if len(short) > 1 and short[-1] != full[-1]:  # "Ben Carson" is not "Ben Carson Defends"
        return False
    remaining = iter(full)
    return all(word in remaining for word in short)


def _display_forms(
    names: list[str], cleaned: Mapping[str, str], words_of: Mapping[str, tuple[str, ...]]
) -> dict[tuple[str, ...], str]:
    forms: dict[tuple[str, ...], Counter] = {}
    for name in names:
        forms.setdefault(words_of[name], Counter())[cleaned[name]] += 1
    return {words: counter.most_common(1)[0][0] for words, counter in forms.items()}


# ---------------------------------------------------------------- mentions


class _Candidate(NamedTuple):
    span: Span
    from_ner: bool


def mentions_from_doc(doc: Doc, *, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Find the mentions of entities in a Doc, in document order, each resolved to its entity.

    Mentions are the NER's PERSON/ORG/GPE/NORP/LOC/FAC entities and the gazetteer's
    names the NER missed; where they overlap the longer one is kept. Entities come
    from the gazetteer, then from within-article surname and acronym merging, else
    from the mention's own text without "the" or "'s".

    Example:
        >>> from toolkit.nlp import load_model
        >>> doc = load_model()("Kim Jong Un met Putin. Kim said the DPRK was ready.")
        >>> [(m.text, m.entity) for m in mentions_from_doc(doc)]
        [('Kim Jong Un', 'Kim Jong Un'), ('Putin', 'Vladimir Putin'), ('Kim', 'Kim Jong Un'), ('the DPRK', 'North Korea')]
    """
    gazetteer = gazetteer or load_gazetteer()
    found = [*ner_spans(doc, gazetteer), *gazetteer_spans(doc, gazetteer)]
    candidates = select_spans(found, gazetteer)
    pairs = acronym_pairs(doc, [c.span for c in candidates])
    taken = {i for c in candidates for i in range(c.span.start, c.span.end)}
    candidates += [_Candidate(acronym, True) for _, acronym in pairs if acronym.start not in taken]
    candidates.sort(key=lambda c: c.span.start)
    resolved = resolve_entities([c.span for c in candidates], pairs, gazetteer)
    resolved = _drop_lone_weak(candidates, resolved, gazetteer)
    sent_starts = _sentence_starts(doc)
    return [
        Mention(
            sent=bisect_right(sent_starts, span.start_char) - 1,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            label=span.label_,
            entity=entity,
            entity_type=entity_type,
        )
        for span, (entity, entity_type) in resolved
    ]


def mentions_from_docs(
    docs: Iterable[Doc],
    doc_ids: Iterable[str],
    *,
    gazetteer: Gazetteer | None = None,
) -> pd.DataFrame:
    """Return the mentions of many Docs as a table with columns ``MENTION_COLUMNS``.

    Example:
        >>> from toolkit.nlp import load_model
        >>> table = mentions_from_docs([load_model()("Moscow denied it.")], ["a"])
        >>> table[["doc_id", "text", "entity"]].values.tolist()
        [['a', 'Moscow', 'Russia']]
    """
    gazetteer = gazetteer or load_gazetteer()
    rows = [
        (doc_id, *mention)
        for doc, doc_id in zip(docs, doc_ids, strict=True)
        for mention in mentions_from_doc(doc, gazetteer=gazetteer)
    ]
    table = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return table.astype({"sent": "int64", "start": "int64", "end": "int64"})


def ner_spans(doc: Doc, gazetteer: Gazetteer) -> list[_Candidate]:
    """Return the NER's entities worth keeping, trimmed of punctuation and possessives."""
    kept = []
    for ent in doc.ents:
        if ent.label_ not in MENTION_LABELS:
            continue
        span = _trim(ent)
        if span is not None and not _is_noise(span, gazetteer):
            kept.append(_Candidate(span, True))
    return kept


def gazetteer_spans(doc: Doc, gazetteer: Gazetteer) -> list[_Candidate]:
    """Return the gazetteer's aliases found in ``doc``, labelled after their entity's type."""
    exact, nocase = gazetteer.phrase_matchers(doc.vocab)
    found = []
    for start, end in {(s, e) for m in (exact, nocase) for _, s, e in m(doc)}:
        text = doc[start:end].text
        if gazetteer.is_weak(text) and _continues_name(doc, end):
            continue
        label = (
            "NORP"
            if gazetteer.is_demonym(text)
            else TYPE_LABELS.get(gazetteer.entity_type(text) or "", "ORG")
        )
        found.append(_Candidate(Span(doc, start, end, label=label), False))
    return found


def select_spans(candidates: list[_Candidate], gazetteer: Gazetteer) -> list[_Candidate]:
    """Keep non-overlapping candidates, preferring more content words, then longer, then NER.

    A PERSON span that starts or ends with a gazetteer body ("Hagel Pentagon") is cut
    to the name first, so both mentions are kept.
    """
    ranked = sorted(_split_persons(candidates, gazetteer), key=_rank, reverse=True)
    taken: set[int] = set()
    kept = []
    for candidate in ranked:
        tokens = range(candidate.span.start, candidate.span.end)
        if taken.isdisjoint(tokens):
            taken.update(tokens)
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.span.start)


def _split_persons(candidates: list[_Candidate], gazetteer: Gazetteer) -> list[_Candidate]:
    bodies = {
        (c.span.start, c.span.end)
        for c in candidates
        if not c.from_ner and gazetteer.entity_type(c.span.text) in SPLIT_TYPES
    }
    if not bodies:
        return candidates
    split = []
    for candidate in candidates:
        span = candidate.span
        if candidate.from_ner and span.label_ == "PERSON" and len(span) > 1:
            start, end = span.start, span.end
            start = max((e for s, e in bodies if s == start and e < end), default=start)
            end = min((s for s, e in bodies if e == end and s > start), default=end)
            if (start, end) != (span.start, span.end):
                candidate = _Candidate(Span(span.doc, start, end, label="PERSON"), True)
        split.append(candidate)
    return split


def acronym_pairs(doc: Doc, spans: list[Span]) -> list[tuple[Span, Span]]:
    """Return (expansion, acronym) pairs written as ``Expansion (ACRONYM)``.

    Example:
        >>> from toolkit.nlp import load_model
        >>> doc = load_model()("Officials at the National Intelligence Service (NIS) said so.")
        >>> [(a.text, b.text) for a, b in acronym_pairs(doc, list(doc.ents))]
        [('the National Intelligence Service', 'NIS')]
    """
    pairs = []
    for span in spans:
        end = span.end
        if end + 3 > len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
            continue
        acronym = doc[end + 1]
        if ACRONYM_RE.match(acronym.text) and _abbreviates(acronym.text, span.text):
            pairs.append((span, Span(doc, end + 1, end + 2, label=span.label_)))
    return pairs


def resolve_entities(
    spans: list[Span],
    pairs: list[tuple[Span, Span]],
    gazetteer: Gazetteer,
) -> list[tuple[Span, tuple[str, str]]]:
    """Return each span with its ``(entity, entity_type)`` within one article.

    Order of evidence: an acronym defined in the article, the gazetteer, the
    article's full person names (for surnames), the span's own cleaned text.
    """
    defined = _acronym_entities(pairs, gazetteer)
    known = {span.start: gazetteer.canonical(span.text) for span in spans}
    names = _person_names(spans, known, gazetteer)
    people = [name for name in known.values() if name and gazetteer.entity_type(name) == "person"]
    name_map = canonicalize_names(names.values(), titles=gazetteer.titles, prefer=people)
    resolved = []
    for span in spans:
        entity, entity_type = _resolve_one(span, defined, known, names, name_map, gazetteer)
        resolved.append((span, (entity, gazetteer.entity_type(entity) or entity_type)))
    return resolved


def _resolve_one(
    span: Span,
    defined: Mapping[str, str],
    known: Mapping[int, str | None],
    names: Mapping[int, str],
    name_map: Mapping[str, str],
    gazetteer: Gazetteer,
) -> tuple[str, str]:
    """Return the entity of one span and its fallback type (used when the gazetteer has none)."""
    label_type = LABEL_TYPES.get(span.label_, "organisation")
    key = _key(clean_name(span.text))
    if key in defined:
        return defined[key], label_type
    if known[span.start]:
        return known[span.start], label_type
    name = names.get(span.start)
    if name is not None:
        merged = name_map[name]
        if span.label_ == "PERSON" or merged != clean_name(name, titles=gazetteer.titles):
            return gazetteer.canonical(merged) or merged, "person"
    titles = gazetteer.titles if span.label_ == "PERSON" else ()
    return clean_name(span.text, titles=titles), label_type


def _person_names(
    spans: list[Span], known: Mapping[int, str | None], gazetteer: Gazetteer
) -> dict[int, str]:
    """Names to merge, by span start: the gazetteer's people (by canonical name), other
    PERSON mentions, and single capitalised words that the NER may have mislabelled."""
    names = {}
    for span in spans:
        entity = known[span.start]
        if entity and gazetteer.entity_type(entity) == "person":
            names[span.start] = entity
        elif not entity and (span.label_ == "PERSON" or _lone_name_like(span)):
            names[span.start] = span.text
    return names


def _lone_name_like(span: Span) -> bool:
    """A single capitalised ORG/GPE word, which may be a surname the NER mislabelled."""
    return span.label_ in NAME_LIKE_LABELS and len(span) == 1 and span[0].is_title


def _acronym_entities(pairs: list[tuple[Span, Span]], gazetteer: Gazetteer) -> dict[str, str]:
    """Map each acronym defined in the article, and its expansion, to their entity.

    The expansion's gazetteer entity comes first; then the acronym's, if that entity
    has a name sharing a word with the expansion ("Israel Defense Force (IDF)"); else
    the expansion as written ("Andhra Pradesh (AP)" is not the Associated Press).
    """
    defined = {}
    for expansion, acronym in pairs:
        entity = gazetteer.canonical(expansion.text)
        if entity is None:
            entity = gazetteer.canonical(acronym.text)
            forms = gazetteer.aliases_of(entity) if entity else set()
            if not any(_shares_word(expansion.text, form) for form in forms):
                entity = clean_name(expansion.text)
        defined[_key(acronym.text)] = entity
        defined[_key(clean_name(expansion.text))] = entity
    return defined


def _drop_lone_weak(
    candidates: list[_Candidate],
    resolved: list[tuple[Span, tuple[str, str]]],
    gazetteer: Gazetteer,
) -> list[tuple[Span, tuple[str, str]]]:
    """Drop weak-alias hits ("the North") whose entity is not named otherwise in the Doc."""
    weak = [gazetteer.is_weak(c.span.text) for c in candidates]
    strong = {
        entity for (_, (entity, _)), is_weak in zip(resolved, weak, strict=True) if not is_weak
    }
    return [
        item
        for item, is_weak in zip(resolved, weak, strict=True)
        if not is_weak or item[1][0] in strong
    ]


def _rank(candidate: _Candidate) -> tuple[int, int, bool, int]:
    span = candidate.span
    content = len(span) - (1 if span[0].lower_ == "the" else 0)
    return content, len(span), candidate.from_ner, -span.start


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (
        doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].tag_ == "POS"
        or doc[end - 1].lower_ in {"'s", "’s"}
    ):
        end -= 1
    if start == end:
        return None
    return (
        span if (start, end) == (span.start, span.end) else Span(doc, start, end, label=span.label_)
    )


def _is_noise(span: Span, gazetteer: Gazetteer) -> bool:
    text = span.text
    if len(text) < 2 or text in gazetteer.ignore or clean_name(text) in gazetteer.ignore:
        return True
    last = span[-1].text
    if (
        span.label_ == "PERSON"
        and last in gazetteer.titles
        and f"{last.rstrip('.')}." in gazetteer.titles
    ):
        return True  # ends in an abbreviated rank: "Army Sgt"
    return not any(char.isupper() for char in text) and gazetteer.canonical(text) is None


def _continues_name(doc: Doc, end: int) -> bool:
    """True if the token after ``end`` is a capitalised word inside the sentence ("the North Atlantic")."""
    return end < len(doc) and doc[end].is_title and not doc[end].is_sent_start


def _abbreviates(acronym: str, expansion: str) -> bool:
    letters = [char for char in acronym.casefold() if char.isalpha()]
    words = [w for w in NAME_SPLIT_RE.split(THE_RE.sub("", _key(expansion)).casefold()) if w]
    if not letters or not words or letters[0] != words[0][0]:
        return False
    remaining = iter("".join(words))
    return all(char in remaining for char in letters)


def _shares_word(text: str, other: str) -> bool:
    """True if the two names share a word of four letters or more."""
    words = {w for w in _name_words(text) if len(w) > 3}
    return not words.isdisjoint(_name_words(other))


def _sentence_starts(doc: Doc) -> list[int]:
    if not doc.has_annotation("SENT_START"):
        return [0]
    return [sent.start_char for sent in doc.sents]
