"""Mentions of entities in parsed Docs, each resolved to its canonical entity.

:func:`mentions_from_doc` takes the NER's entities (:func:`ner_spans`) and the
gazetteer's names the NER missed (:func:`gazetteer_spans`), keeps them without
overlaps (:func:`select_spans`), adds the acronyms the text defines
(:func:`acronym_pairs`) and resolves each mention to its entity within the article
(:func:`resolve_entities`).

Example:
    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Pyongyang fired a missile, Yonhap said.")
    >>> mentions_from_docs([doc], ["a"])[["text", "entity", "entity_type"]].values.tolist()
    [['Pyongyang', 'North Korea', 'country'], ['Yonhap', 'Yonhap', 'media']]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import pandas as pd
from spacy.tokens import Doc, Span

from toolkit.entities.gazetteer import THE_RE, Gazetteer, _key, load_gazetteer
from toolkit.entities.names import NAME_SPLIT_RE, canonicalize_names, clean_name, name_words
from toolkit.reading import body_start
from toolkit.schema import MENTION_COLUMNS

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
ACRONYM_RE = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z.&-]{1,9}$")


class Mention(NamedTuple):
    """One mention of an entity in a Doc; ``doc.text[start:end] == text``."""

    sent: int
    start: int
    end: int
    text: str
    label: str
    entity: str
    entity_type: str


class _Candidate(NamedTuple):
    span: Span
    from_ner: bool


def mentions_from_doc(doc: Doc, *, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Find the mentions of entities in a Doc, in document order, each resolved to its entity.

    Mentions are the NER's PERSON/ORG/GPE/NORP/LOC/FAC entities and the gazetteer's
    names the NER missed; where they overlap the longer one is kept. The header line
    (" date 2023-11-12 Kim Jong Un.") is the article's metadata, not its story: its tag
    helps resolve the story's names ("Kim" -> "Kim Jong Un") but is no mention. Entities come
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
    story = body_start(doc.text)  # the header's tag names no one in the story
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
        if span.start_char >= story
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
    words = {w for w in name_words(text) if len(w) > 3}
    return not words.isdisjoint(name_words(other))


def _sentence_starts(doc: Doc) -> list[int]:
    if not doc.has_annotation("SENT_START"):
        return [0]
    return [sent.start_char for sent in doc.sents]
