"""Stance and topics of claims: who is for or against the target, and on which topics.

Everything here is rule-based and explainable. Topics come from a taxonomy file
(``data/topics.yml``: lemmas, phrases, token patterns and co-occurrence rules per
topic id) matched on each claim's quote. Stance comes from a lexicon
(``data/stance.yml``: cue classes, evaluative words, acts, negators, hedges) read
against the target's *side*: the target, the country it belongs to, and their
aliases, as the gazetteer of :mod:`toolkit.entities` knows them. Every stance comes
with a short ``stance_evidence`` text that says what decided it.

The steps have names: :func:`load_taxonomy` and :func:`load_stance_lexicon` read the
files; :func:`tag_topics`, :func:`resolve_target` and :func:`stance` tag a claims
table; :func:`suggest_terms` proposes words for a topic, to grow a taxonomy.

Example:
    >>> import pandas as pd
    >>> claims = pd.DataFrame({
    ...     "doc_id": ["d1"], "tag": ["North Korea"], "speaker": ["Antony Blinken"],
    ...     "cue": ["condemned"], "quote": ["North Korea's missile launches and provocations"]})
    >>> tagged = stance(tag_topics(claims))
    >>> tagged.loc[0, ["topics", "stance", "target"]].tolist()
    [['military_threat', 'nuclear_missile'], 'oppose', 'North Korea']
"""

from __future__ import annotations

import json
import math
import numbers
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Protocol

import pandas as pd
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from toolkit.errors import Errors
from toolkit.resources import load_yaml

TOPICS_FILE = "topics.yml"
STANCE_FILE = "stance.yml"
TOPIC_KEYS = ("description", "lemmas", "phrases", "patterns", "together", "exclude")
LABEL_SEP = "\x1f"
TOPIC_CONTEXTS = ("quote", "sentence", "fallback")
ACTOR_TYPES = frozenset({"country", "organisation", "government", "group", "person", "media"})
ENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "appos"})
OWNER_PREPS = frozenset({"by", "between", "from"})
NOMINAL_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my"})
THIRD_PERSON = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"})
LEMMA_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
TOPIC_ANNOTATIONS = ("LEMMA", "POS")
STANCE_ANNOTATIONS = ("LEMMA", "POS", "DEP", "ENT_IOB")
MAX_EVIDENCE_WORDS = 3
MAX_ENT_PARTS = 6
EVALUATED_LABELS = frozenset({"negative", "labels", "positive", "acts"})
STANCE_LABELS = EVALUATED_LABELS | {"alignment"}
NON_CONTENT_POS = frozenset({"PROPN", "ADP", "SCONJ", "CCONJ", "DET", "PART"})
SIDE, OTHER, SELF = "side", "other", "self"


class GazetteerLike(Protocol):
    """What tagging needs from :class:`toolkit.entities.Gazetteer`."""

    def canonical(self, text: str) -> str | None: ...

    def entity_type(self, entity: str) -> str | None: ...

    def affiliation(self, entity: str) -> str | None: ...

    def aliases_of(self, entity: str) -> set[str]: ...


# --------------------------------------------------------------------------- lexicons


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
        "patterns": list(entry.get("patterns") or []),
        "exclude": _words(entry.get("exclude"), f"{topic}.exclude", where),
        "together": [
            [_words(group, f"{topic}.together", where) for group in rule] for rule in together
        ],
    }


def _words(value: Any, what: str, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        raise ValueError(
            Errors.E008.format(path=where, reason=f"'{what}' must be a list of strings")
        )
    return [word.strip() for word in value if word.strip()]


def load_stance_lexicon(lexicon: str | os.PathLike | Mapping | None = None) -> dict:
    """Load and check the stance lexicon: the shipped ``stance.yml``, a file, or a mapping.

    Example:
        >>> lexicon = load_stance_lexicon()
        >>> lexicon["cues"]["condemn"]["stance"], "dangerous" in lexicon["negative"]["lemmas"]
        ('oppose', True)
    """
    where = "<mapping>" if isinstance(lexicon, Mapping) else str(lexicon or STANCE_FILE)
    data = lexicon if isinstance(lexicon, Mapping) else load_yaml(lexicon or STANCE_FILE)
    if not isinstance(data, Mapping) or not isinstance(data.get("cues"), Mapping):
        raise ValueError(Errors.E008.format(path=where, reason="expected a mapping with 'cues'"))
    for name, cue in data["cues"].items():
        if not isinstance(cue, Mapping) or cue.get("stance") not in (
            None,
            "support",
            "oppose",
            "neutral",
        ):
            reason = (
                f"cue class '{name}' needs 'lemmas' and a 'stance' of support/oppose/neutral/null"
            )
            raise ValueError(Errors.E008.format(path=where, reason=reason))
    return data


# --------------------------------------------------------------------------- matching


class _TermMatcher:
    """Find labelled words (by lemma or lower-case text) and phrases (by text or lemmas)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.tokens = Matcher(nlp.vocab)
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")

    def add_terms(self, label: str, terms: Iterable[str]) -> None:
        """Add words and phrases under ``label``; a term of several tokens is a phrase."""
        terms = list(dict.fromkeys(terms))
        words = [term for term in terms if len(self.nlp.make_doc(term)) == 1]
        phrases = [term for term in terms if term not in set(words)]
        if words:
            variants = sorted({v for w in words for v in (w, w.lower(), w.capitalize(), w.upper())})
            lowered = sorted({w.lower() for w in words})
            self.tokens.add(label, [[{"LEMMA": {"IN": variants}}], [{"LOWER": {"IN": lowered}}]])
        if phrases:
            self.lower.add(label, [self.nlp.make_doc(phrase.lower()) for phrase in phrases])
            with self.nlp.select_pipes(enable=[p for p in LEMMA_PIPES if p in self.nlp.pipe_names]):
                self.lemma.add(label, list(self.nlp.pipe(phrases)))

    def add_patterns(self, label: str, patterns: list) -> None:
        """Add spaCy Matcher token patterns under ``label``."""
        if patterns:
            self.tokens.add(label, patterns)

    def __call__(self, doc: Doc | Span) -> list[tuple[str, int, int]]:
        """Return ``(label, start, end)`` of every match, without duplicates, in order.

        Positions count from the start of ``doc``, which may be a Span of an article.
        """
        offset = doc.start if isinstance(doc, Span) else 0
        found = [
            *self.tokens(doc, as_spans=True),
            *self.lower(doc, as_spans=True),
            *self.lemma(doc, as_spans=True),
        ]
        return sorted(
            {(span.label_, span.start - offset, span.end - offset) for span in found},
            key=lambda m: m[1:],
        )


_CACHE: dict[tuple, Any] = {}


def _cached(kind: str, nlp: Language, data: Mapping, build) -> Any:
    """Build (once per model and lexicon content) a matcher-based helper."""
    key = (kind, id(nlp), json.dumps(data, sort_keys=True, default=str))
    if key not in _CACHE:
        if len(_CACHE) > 32:
            _CACHE.clear()
        _CACHE[key] = build()
    return _CACHE[key]


class _TopicMatcher:
    """Topic ids of a Doc or Span under one taxonomy."""

    def __init__(self, taxonomy: Mapping[str, dict], nlp: Language) -> None:
        self.taxonomy = taxonomy
        self.matcher = _TermMatcher(nlp)
        for topic, entry in taxonomy.items():
            self.matcher.add_terms(topic, [*entry["lemmas"], *entry["phrases"]])
            self.matcher.add_patterns(topic, entry["patterns"])
            for r, rule in enumerate(entry["together"]):
                for g, group in enumerate(rule):
                    self.matcher.add_terms(_group_label(topic, r, g), group)
            self.matcher.add_terms(_exclude_label(topic), entry["exclude"])

    def topics(self, doc: Doc | Span) -> list[str]:
        """Return the topic ids found in ``doc``, in taxonomy order."""
        matches = self.matcher(doc)
        excluded = defaultdict(list)
        for label, start, end in matches:
            if label.endswith(LABEL_SEP + "exclude"):
                excluded[label.split(LABEL_SEP)[0]].append((start, end))
        labels = {
            label
            for label, start, end in matches
            if not _inside(start, end, excluded.get(label.split(LABEL_SEP)[0], ()))
        }
        return [topic for topic, entry in self.taxonomy.items() if _fires(topic, entry, labels)]


def _group_label(topic: str, rule: int, group: int) -> str:
    return f"{topic}{LABEL_SEP}together{rule}{LABEL_SEP}{group}"


def _exclude_label(topic: str) -> str:
    return f"{topic}{LABEL_SEP}exclude"


def _inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _fires(topic: str, entry: dict, labels: set[str]) -> bool:
    if topic in labels:
        return True
    return any(
        all(_group_label(topic, r, g) in labels for g in range(len(rule)))
        for r, rule in enumerate(entry["together"])
    )


def _lemma_docs(texts: Iterable[str], nlp: Language, batch_size: int) -> Iterator[Doc]:
    """Parse texts with only the pipes lemmas need (no parser, no NER)."""
    disable = [name for name in nlp.pipe_names if name not in LEMMA_PIPES]
    yield from nlp.pipe(texts, batch_size=batch_size, disable=disable)


def _claim_docs(
    claims: pd.DataFrame,
    column: str,
    parse: Callable[[Iterable[str]], Iterator[Doc]],
    *,
    docs: Mapping[str, Doc] | None = None,
    needs: Sequence[str] = (),
    as_doc: bool = True,
) -> Iterator[Doc | Span]:
    """Yield the Doc of each claim's ``column`` text (``quote`` or ``sentence``), in order.

    With ``docs`` (doc_id -> the parsed article), a text is cut out of its article
    (:meth:`Span.as_doc`, whose heads stay inside the span; the Span itself when not
    ``as_doc``) when the claim's ``start``/``end`` still point at its quote and the
    article has the annotations ``needs``; every other text is parsed with ``parse``,
    as without ``docs``.
    """
    texts = _texts(claims, column)
    spans = _article_spans(claims, texts, docs, needs) if docs else [None] * len(texts)
    parsed = parse(text for text, span in zip(texts, spans, strict=True) if span is None)
    arrays: dict[int, tuple] = {}
    for span in spans:
        if span is None or not as_doc:
            yield next(parsed) if span is None else span
            continue
        if id(span.doc) not in arrays:  # one array per article, not one per claim
            head = span.doc._get_array_attrs()
            arrays = {id(span.doc): (head, span.doc.to_array(head))}
        head, array = arrays[id(span.doc)]
        yield span.as_doc(array_head=head, array=array)


@dataclass
class _Article:
    """A parsed article as claims are cut out of it: its Doc, text and sentences."""

    doc: Doc
    text: str
    sents: list[Span] | None = None

    def sentences(self) -> list[Span]:
        if self.sents is None:
            self.sents = list(self.doc.sents) if self.doc.has_annotation("SENT_START") else []
        return self.sents


def _article_spans(
    claims: pd.DataFrame, texts: list[str], docs: Mapping[str, Doc], needs: Sequence[str]
) -> list[Span | None]:
    """The span of each text in its parsed article, or None where it can't be trusted."""
    articles: dict[Hashable, _Article | None] = {}
    spans: list[Span | None] = []
    rows = zip(
        _column(claims, "doc_id"),
        _column(claims, "start"),
        _column(claims, "end"),
        _texts(claims, "quote"),
        texts,
        strict=True,
    )
    for doc_id, start, end, quote, text in rows:
        if not isinstance(doc_id, Hashable):
            spans.append(None)
            continue
        if doc_id not in articles:
            doc = docs.get(doc_id)
            usable = doc is not None and all(doc.has_annotation(attr) for attr in needs)
            articles[doc_id] = _Article(doc, doc.text) if usable else None
        article = articles[doc_id]
        if article is None or not _points_at(article.text, start, end, quote):
            spans.append(None)
            continue
        span = article.doc.char_span(start, end, alignment_mode="expand")
        if span is None or text == quote:
            spans.append(span)
            continue
        spans.append(_sentence_of(span, article.sentences(), text.strip()))
    return spans


def _points_at(text: str, start: Any, end: Any, quote: str) -> bool:
    """Do the offsets ``start``/``end`` delimit ``quote`` in the article's ``text``?"""
    offsets = all(isinstance(o, numbers.Integral) and not isinstance(o, bool) for o in (start, end))
    return bool(quote) and offsets and 0 <= start < end and text[start:end] == quote


def _sentence_of(span: Span, sents: list[Span], text: str) -> Span | None:
    """The sentence (or run of sentences) around ``span`` whose text is ``text``, if any."""
    around = [sent for sent in sents if sent.start < span.end and sent.end > span.start]
    candidates = [*around, span.doc[around[0].start : around[-1].end]] if around else []
    for candidate in candidates:
        trimmed = _trimmed(candidate)
        if trimmed is not None and trimmed.text == text:
            return trimmed
    return None


def _trimmed(span: Span) -> Span | None:
    """The span without its leading and trailing whitespace tokens (None if nothing is left)."""
    words = [token.i for token in span if not token.is_space]
    return span.doc[words[0] : words[-1] + 1] if words else None


# --------------------------------------------------------------------------- topics


def tag_topics(
    claims: pd.DataFrame,
    *,
    taxonomy: str | os.PathLike | Mapping | None = None,
    nlp: Language | None = None,
    context: str = "quote",
    column: str = "topics",
    batch_size: int = 64,
    docs: Mapping[str, Doc] | None = None,
) -> pd.DataFrame:
    """Return a copy of ``claims`` with a ``topics`` column: the topic ids of each quote.

    Args:
        claims: a claims table with a ``quote`` column (and ``sentence`` for some contexts).
        taxonomy: a topics file or mapping of one's own; ``data/topics.yml`` by default.
        nlp: the spaCy pipeline; :func:`toolkit.nlp.load_model` by default.
        context: what is matched: ``"quote"`` (the default, best on the seed gold),
            ``"sentence"`` (the claim's sentence), or ``"fallback"`` (the sentence only
            where the quote has no topic).
        column: the name of the new column.
        batch_size: texts per ``nlp.pipe`` batch.
        docs: the parsed articles by ``doc_id`` (see :func:`toolkit.pipeline.parse_articles`);
            a claim whose ``doc_id, start, end`` point at its quote is then read from its
            article's parse instead of parsing the text again. Other claims are parsed.

    Example:
        >>> import pandas as pd
        >>> claims = pd.DataFrame({"quote": ["Pyongyang sent artillery shells to Russia"]})
        >>> tag_topics(claims)["topics"].tolist()
        [['arms_trade', 'russia_ukraine']]
    """
    if context not in TOPIC_CONTEXTS:
        raise ValueError(
            Errors.E005.format(what="context", value=context, choices=", ".join(TOPIC_CONTEXTS))
        )
    from toolkit.nlp import load_model

    nlp = nlp or load_model()
    entries = load_taxonomy(taxonomy)
    matcher = _cached("topics", nlp, entries, lambda: _TopicMatcher(entries, nlp))
    out = claims.copy()
    parse = partial(_lemma_docs, nlp=nlp, batch_size=batch_size)
    primary = "sentence" if context == "sentence" else "quote"
    quote_docs = _claim_docs(out, primary, parse, docs=docs, needs=TOPIC_ANNOTATIONS, as_doc=False)
    topics = [matcher.topics(doc) for doc in quote_docs]
    if context == "fallback" and "sentence" in out.columns:
        empty = [i for i, found in enumerate(topics) if not found]
        sentence_docs = _claim_docs(
            out.iloc[empty], "sentence", parse, docs=docs, needs=TOPIC_ANNOTATIONS, as_doc=False
        )
        for i, doc in zip(empty, sentence_docs, strict=True):
            topics[i] = matcher.topics(doc)
    out[column] = topics
    return out


def _texts(claims: pd.DataFrame, column: str) -> list[str]:
    """The column's texts as strings, the quote standing in for a missing sentence."""
    quotes = claims["quote"] if "quote" in claims.columns else pd.Series([""] * len(claims))
    values = claims[column] if column in claims.columns else quotes
    return [_as_text(v) or _as_text(q) for v, q in zip(values, quotes, strict=True)]


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else ""


# --------------------------------------------------------------------------- targets


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
    """Return the canonical actor an article's tag names, else the article's most-mentioned actor.

    A tag that names an actor (a person, country, government, organisation or group)
    resolves to its canonical entity ("Pyongyang" -> "North Korea"). A tag that names
    none ("Middle East", "Terrorism", "National Security") falls back to the actor
    mentioned most often in ``mentions`` (columns ``doc_id, entity, entity_type``,
    filtered on ``doc_id`` when given); ties go to the actor mentioned first.

    Example:
        >>> import pandas as pd
        >>> resolve_target("Kim Jong Un")
        'Kim Jong Un'
        >>> mentions = pd.DataFrame({"doc_id": ["a"] * 3, "entity": ["Israel", "Gaza", "Israel"],
        ...                          "entity_type": ["country", "location", "country"]})
        >>> resolve_target("Middle East", mentions=mentions)
        'Israel'
    """
    gazetteer = _gazetteer(gazetteer)
    tag = tag.strip().rstrip(".").strip() if isinstance(tag, str) else ""
    entity = gazetteer.canonical(tag) if tag else None
    if entity and gazetteer.entity_type(entity) in ACTOR_TYPES:
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
    """The target's side: the target, its affiliation, their aliases; a person's name parts."""
    entity = gazetteer.canonical(target) or target
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


# --------------------------------------------------------------------------- stance


@dataclass
class _Lexicon:
    """The stance lexicon compiled for one pipeline."""

    matcher: _TermMatcher
    cue_classes: dict[str, str]
    cue_stances: dict[str, str | None]
    referents: frozenset[str]
    observers: frozenset[str]
    owner_nouns: frozenset[str]
    countering: frozenset[str]


def _compile_lexicon(data: Mapping, nlp: Language) -> _Lexicon:
    matcher = _TermMatcher(nlp)
    for label in ("negative", "positive", "acts"):
        section = data.get(label) or {}
        matcher.add_terms(label, [*section.get("lemmas", []), *section.get("phrases", [])])
    matcher.add_terms("labels", (data.get("negative") or {}).get("labels", []))
    for label in ("negators", "hedges", "neutral_phrases"):
        matcher.add_terms(label, data.get(label) or [])
    alignment = data.get("alignment") or {}
    if alignment.get("possessives") and alignment.get("nouns"):
        pattern = [
            {"LOWER": {"IN": [w.lower() for w in alignment["possessives"]]}},
            {"IS_PUNCT": True, "OP": "?"},
            {"LEMMA": {"IN": alignment["nouns"]}},
        ]
        matcher.add_patterns("alignment", [pattern])
    cue_classes = {
        lemma.lower(): name
        for name, cue in data["cues"].items()
        for lemma in cue.get("lemmas") or []
    }
    cue_stances = {name: cue.get("stance") for name, cue in data["cues"].items()}
    referents = frozenset(r.lower() for r in data.get("side_referents") or [])
    observers = frozenset(r.lower() for r in data.get("observer_roles") or [])
    owner_nouns = frozenset(r.lower() for r in data.get("owner_nouns") or [])
    countering = frozenset(r.lower() for r in data.get("countering") or [])
    return _Lexicon(
        matcher, cue_classes, cue_stances, referents, observers, owner_nouns, countering
    )


@dataclass
class _Hit:
    """One lexicon match in a quote and whose it is."""

    label: str
    text: str
    owner: str | None = None
    negator: str | None = None


@dataclass
class _Reading:
    """What the rules read in one claim."""

    speaker: str | None = None
    speaker_side: str | None = None
    cue: str | None = None
    cue_class: str | None = None
    cue_stance: str | None = None
    names_side: bool = False
    names_other: bool = False
    hits: list[_Hit] = field(default_factory=list)

    def words(self, label: str, owners: Sequence[str | None]) -> list[str]:
        """The words of one lexicon label, owned by one of ``owners``, not negated."""
        return [
            h.text for h in self.hits if h.label == label and h.owner in owners and not h.negator
        ]


@dataclass
class _Decision:
    stance: str
    evidence: str
    strength: str  # "strong" (cue, evaluative word, speaker), "weak" (reported act), "none"


def stance(
    claims: pd.DataFrame,
    target: str | None = None,
    *,
    gazetteer: GazetteerLike | None = None,
    nlp: Language | None = None,
    mentions: pd.DataFrame | None = None,
    lexicon: str | os.PathLike | Mapping | None = None,
    batch_size: int = 64,
    docs: Mapping[str, Doc] | None = None,
) -> pd.DataFrame:
    """Return a copy of ``claims`` with ``stance``, ``target`` and ``stance_evidence``.

    The target is ``target`` when given, else each claim's ``target`` column, else
    :func:`resolve_target` of its ``tag``. The rules, in order:

    1. a speaker on the target's side (the target, its country, their people,
       agencies and outlets; not its observers, "North Korea expert") supports it,
       denials included, unless the claim has no cue, actor or evaluative word;
    2. a cue of a class with a stance (condemn, accuse, warn -> oppose; praise,
       support -> support) decides, unless the quote names only other actors;
       a denial by another speaker of a quote naming the target opposes it;
    3. evaluative words decide by their balance when not negated: negative ones
       about the target's side or about no named actor ("dangerous", "blackmail"),
       positive ones and first-person alliances about the target's side
       ("brotherly", "our alliance");
    4. an act of the target's side that is wrongdoing when reported ("sent artillery
       shells", "North Korean weapons") opposes it; a speaker whose other claims in
       the article take a side keeps that side for such reports (threatening on the
       target's behalf);
    5. anything else is neutral (the evidence names negations, hedges, even-handed words).

    Args:
        claims: a claims table with ``quote`` and optionally ``doc_id, tag, cue, speaker,
            speaker_role, target, entities``.
        target: the actor to measure stance toward, for every claim.
        gazetteer: a :class:`toolkit.entities.Gazetteer`; the shipped one by default.
        nlp: the spaCy pipeline; :func:`toolkit.nlp.load_model` by default.
        mentions: the mentions table, to resolve tags that name no actor.
        lexicon: a stance file or mapping of one's own; ``data/stance.yml`` by default.
        batch_size: texts per ``nlp.pipe`` batch.
        docs: the parsed articles by ``doc_id`` (see :func:`toolkit.pipeline.parse_articles`);
            a claim whose ``doc_id, start, end`` point at its quote is then read from its
            article's parse (tagger, parser and NER needed) instead of parsing the quote
            again. Other claims are parsed.

    Example:
        >>> import pandas as pd
        >>> claims = pd.DataFrame({"speaker": ["North Korea"], "cue": ["denied"],
        ...                        "quote": ["the allegations"], "tag": ["Kim Jong Un"]})
        >>> stance(claims).loc[0, ["stance", "target", "stance_evidence"]].tolist()
        ['support', 'Kim Jong Un', "speaker 'North Korea' is on the target's side; cue deny"]
    """
    from toolkit.nlp import load_model

    nlp = nlp or load_model()
    gazetteer = _gazetteer(gazetteer)
    data = load_stance_lexicon(lexicon)
    compiled = _cached("stance", nlp, data, lambda: _compile_lexicon(data, nlp))
    out = claims.copy()
    out["target"] = _targets(out, target, mentions, gazetteer)
    parse = partial(nlp.pipe, batch_size=batch_size)
    quote_docs = _claim_docs(out, "quote", parse, docs=docs, needs=STANCE_ANNOTATIONS)
    readings = _read_claims(out, quote_docs, compiled, gazetteer, nlp, batch_size)
    decisions = [
        _decide(reading) if reading else _Decision("neutral", "no target", "none")
        for reading in readings
    ]
    decisions = _keep_speaker_side(out, decisions)
    out["stance"] = [d.stance for d in decisions]
    out["stance_evidence"] = [d.evidence for d in decisions]
    return out


def _targets(
    claims: pd.DataFrame,
    target: str | None,
    mentions: pd.DataFrame | None,
    gazetteer: GazetteerLike,
) -> list[str | None]:
    if target:
        return [target] * len(claims)
    given = claims["target"] if "target" in claims.columns else pd.Series([None] * len(claims))
    tags = claims["tag"] if "tag" in claims.columns else pd.Series([None] * len(claims))
    doc_ids = claims["doc_id"] if "doc_id" in claims.columns else pd.Series([None] * len(claims))
    resolved: dict[tuple, str | None] = {}
    targets = []
    for chosen, tag, doc_id in zip(given, tags, doc_ids, strict=True):
        if isinstance(chosen, str) and chosen:
            targets.append(chosen)
            continue
        key = (tag if isinstance(tag, str) else None, doc_id)
        if key not in resolved:
            resolved[key] = resolve_target(
                key[0], mentions=mentions, gazetteer=gazetteer, doc_id=doc_id
            )
        targets.append(resolved[key])
    return targets


def _read_claims(
    claims: pd.DataFrame,
    quote_docs: Iterable[Doc],
    lexicon: _Lexicon,
    gazetteer: GazetteerLike,
    nlp: Language,
    batch_size: int,
) -> list[_Reading | None]:
    """Read every claim's quote (one Doc each, in order), cue and speaker against its side."""
    sides: dict[str, _Side] = {}
    cue_classes = _cue_classes(_column(claims, "cue"), lexicon, nlp)
    names = [_as_text(name).strip() for name in _column(claims, "speaker")]
    roles = [_as_text(role).strip() for role in _column(claims, "speaker_role")]
    distinct = sorted({*names, *roles} - {""})
    speaker_docs = dict(zip(distinct, nlp.pipe(distinct, batch_size=batch_size), strict=True))
    entities = _column(claims, "entities")
    readings: list[_Reading | None] = []
    rows = zip(
        quote_docs, claims["target"], _column(claims, "cue"), names, roles, entities, strict=True
    )
    for doc, target, cue, name, role, named in rows:
        if not isinstance(target, str) or not target:
            readings.append(None)
            continue
        side = _with_named(sides.setdefault(target, _side_of(target, gazetteer)), _as_list(named))
        owners = _token_owners(doc, side, lexicon)
        cue_class = cue_classes.get(cue)
        reading = _Reading(
            speaker=name or None,
            speaker_side=_speaker_owner(
                name, [speaker_docs.get(name), speaker_docs.get(role)], side, lexicon
            ),
            cue=cue if isinstance(cue, str) else None,
            cue_class=cue_class,
            cue_stance=lexicon.cue_stances.get(cue_class),
            names_side=SIDE in owners.values() or any(side.has(e) for e in _as_list(named)),
            names_other=OTHER in owners.values(),
        )
        reading.hits = _hits(doc, lexicon, owners)
        readings.append(reading)
    return readings


def _column(claims: pd.DataFrame, name: str) -> list[Any]:
    return claims[name].tolist() if name in claims.columns else [None] * len(claims)


def _as_list(value: Any) -> list:
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    return list(value) if hasattr(value, "tolist") else []


def _cue_classes(cues: list[Any], lexicon: _Lexicon, nlp: Language) -> dict[str, str]:
    """Map each distinct cue text to its class by its lower-case text or a lemma."""
    distinct = sorted({cue for cue in cues if isinstance(cue, str) and cue.strip()})
    classes = {}
    for cue, doc in zip(distinct, _lemma_docs(distinct, nlp, 64), strict=True):
        keys = [cue.lower().strip(), *(token.lemma_.lower() for token in doc)]
        found = next((lexicon.cue_classes[k] for k in keys if k in lexicon.cue_classes), None)
        if found:
            classes[cue] = found
    return classes


# ------------------------------------------------------------------ owners of words


class _Owners(dict):
    """Token index -> ``"side"`` or ``"other"``, with the lexicon's word lists for owners."""

    def __init__(
        self, owner_nouns: frozenset[str] = frozenset(), countering: frozenset[str] = frozenset()
    ) -> None:
        super().__init__()
        self.owner_nouns = owner_nouns
        self.countering = countering


def _token_owners(doc: Doc, side: _Side, lexicon: _Lexicon, *, known_only: bool = False) -> _Owners:
    """Map the token indices of actor mentions to ``"side"`` or ``"other"``.

    A name the gazetteer knows beats one only the NER found; then the longest span
    decides ("North Dakota" is not "the North"); then the target's side wins. With
    ``known_only``, names the gazetteer does not know are left out.
    """
    owners = _Owners(lexicon.owner_nouns, lexicon.countering)
    ranks: dict[int, tuple[bool, int, bool]] = {}
    for span in _candidate_spans(doc):
        owner, known = _span_owner(span, side, lexicon.referents)
        if owner is None or (known_only and not known):
            continue
        rank = (known, len(span), owner == SIDE)
        for token in span:
            if rank > ranks.get(token.i, (False, 0, False)):
                owners[token.i], ranks[token.i] = owner, rank
    return owners


def _candidate_spans(doc: Doc) -> Iterator[Span]:
    """Spans that may name an actor, each also with a "the" before it ("the North").

    Entities, the parts of entities other than people's names ("North Korea" in a
    mislabelled "North Korea Replay"), noun chunks, and proper nouns or capitalised
    words outside people's names ("Kim" in "Kim Kwan-jin" is not Kim Jong Un).
    """
    ents = [ent for ent in doc.ents if ent.label_ in ENT_LABELS]
    in_person = {
        i
        for ent in ents
        if ent.label_ == "PERSON" and len(ent) > 1
        for i in range(ent.start, ent.end)
    }
    parts = [
        ent[i:j]
        for ent in ents
        if ent.label_ != "PERSON" and 1 < len(ent) <= MAX_ENT_PARTS
        for i in range(len(ent))
        for j in range(i + 1, len(ent) + 1)
        if j - i < len(ent)
    ]
    words = [
        doc[t.i : t.i + 1]
        for t in doc
        if (t.pos_ == "PROPN" or t.text[:1].isupper()) and t.i not in in_person
    ]
    chunks = list(doc.noun_chunks) if doc.has_annotation("DEP") else []
    for span in [*ents, *parts, *chunks, *words]:
        yield span
        if span.start > 0 and doc[span.start - 1].lower_ == "the":
            yield doc[span.start - 1 : span.end]


def _span_owner(span: Span, side: _Side, referents: frozenset[str]) -> tuple[str | None, bool]:
    """``"side"``, ``"other"`` or None (no actor) for one candidate span, and whether the
    gazetteer (or the side's names) knows it rather than only the NER."""
    text = span.text.strip()
    if _strip_possessive(text.lower()) in referents or side.named(text):
        return SIDE, True
    entity = side.gazetteer.canonical(text)
    if entity:
        return (SIDE if side.has(entity) else OTHER), True
    return (OTHER if span.label_ in ACTOR_LABELS else None), False


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _owner_in(tokens: Iterable[Token], owners: Mapping) -> str | None:
    """``"side"`` if a token names the target's side, else ``"other"`` if one names another actor.

    A third-person pronoun stands for the nearest actor named before it in the quote.
    """
    kinds = {owners.get(token.i) or _pronoun_owner(token, owners) for token in tokens} - {None}
    if SIDE in kinds:
        return SIDE
    return OTHER if OTHER in kinds else None


def _pronoun_owner(token: Token, owners: Mapping) -> str | None:
    """The actor a third-person pronoun stands for: the nearest subject before it, else the
    nearest actor named before it ("Hamas used North Korean weapons in its attacks": Hamas).
    """
    if token.lower_ not in THIRD_PERSON:
        return None
    before = [token.doc[i] for i in range(token.i - 1, -1, -1) if i in owners]
    subjects = [t for t in before if any(a.dep_ in SUBJECT_DEPS for a in (t, *t.ancestors))]
    chosen = subjects or before
    return owners[chosen[0].i] if chosen else None


def _noun_owner(noun: Token, owners: Mapping) -> str | None:
    """The actor that a noun phrase belongs to: its possessor, modifiers or by-phrase.

    An of-phrase names the owner only after a noun of ``OWNER_NOUNS`` ("the leader of
    North Korea"); after an event it names a patient ("the invasion of Ukraine").
    """
    tokens = [noun]
    for child in noun.children:
        if child.dep_ in OWNER_DEPS or (child.dep_ == "prep" and _owner_prep(child, noun, owners)):
            tokens.extend(child.subtree)
    return _owner_in(tokens, owners)


def _owner_prep(prep: Token, noun: Token, owners: Mapping) -> bool:
    """Does this preposition introduce the noun's owner (by, between, from; of after a role)?"""
    if prep.lower_ in OWNER_PREPS:
        return True
    return prep.lower_ == "of" and noun.lemma_.lower() in getattr(owners, "owner_nouns", ())


def _clause_owner(token: Token, owners: Mapping, *, countered: bool = False) -> str | None:
    """The actor of the nearest clause above ``token`` whose subject names one.

    With ``countered``, climbing stops (None) at a word of countering ("deal with any
    provocations", "vigilant about provocations"): its subject opposes the thing.
    """
    current = token
    countering = getattr(owners, "countering", frozenset()) if countered else frozenset()
    while True:
        if current.i != token.i and current.lemma_.lower() in countering:
            return None
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS or child.dep_ == "agent":
                owner = _subject_owner(child, owners)
                if owner:
                    return owner
        if current.head.i == current.i:
            return None
        current = current.head


def _subject_owner(subject: Token, owners: Mapping) -> str | None:
    """The actor a subject names: a clause's whole text, a noun phrase's owner and conjuncts.

    "Hamas's attacks on Israel" belong to Hamas: a patient in an of/on phrase does not count.
    A subject in the first person ("we", "the US and our allies") is the speaker's own
    camp, ``"self"``, unless it names the target's side.
    """
    if subject.dep_ in ("csubj", "csubjpass"):
        return _owner_in(subject.subtree, owners)
    if any(token.lower_ in FIRST_PERSON for token in subject.subtree):
        return SIDE if _owner_in(subject.subtree, owners) == SIDE else SELF
    heads = (
        [child for child in subject.children if child.dep_ == "pobj"]
        if subject.dep_ == "agent"
        else [subject]
    )
    heads = [conjunct for head in heads for conjunct in (head, *head.conjuncts)]
    found = {_noun_owner(head, owners) for head in heads} - {None}
    return SIDE if SIDE in found else (OTHER if found else None)


def _nominal(token: Token) -> Token | None:
    """The noun a token heads or modifies, or None for predicates and verbs."""
    if token.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return token
    if token.dep_ in NOMINAL_MODIFIER_DEPS and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    return None


def _evaluation_owner(token: Token, owners: Mapping) -> str | None:
    """Whose is an evaluative word: its noun phrase's owner, else its clause's subject.

    "NATO's aggression", "NATO is aggressive" and "NATO leads aggressive operations"
    judge NATO; "we must watch for provocations" judges no one named (None).
    """
    noun = _nominal(token)
    if noun is None:
        owner = _clause_owner(token, owners)
    else:
        owner = _noun_owner(noun, owners) or _clause_owner(noun, owners, countered=True)
    return None if owner == SELF else owner


def _hit_owner(label: str, token: Token, owners: Mapping) -> str | None:
    """Whose is a lexicon word: the doer of an act, the one judged by an evaluation.

    A positive verb judges its object, not its subject: in "Moscow praised the pact"
    Moscow does the praising and is not praised.
    """
    if label == "acts":
        return _act_owner(token, owners)
    if label == "positive" and token.pos_ == "VERB":
        objects = [child for child in token.children if child.dep_ in ("dobj", "attr", "oprd")]
        found = {_noun_owner(noun, owners) for obj in objects for noun in (obj, *obj.conjuncts)}
        return SIDE if SIDE in found else (OTHER if OTHER in found else None)
    return _evaluation_owner(token, owners)


def _act_owner(token: Token, owners: Mapping) -> str | None:
    """Who does an act: the noun phrase's owner, else the subject of its clause.

    Not the subject of a countering word: in "Seoul will respond to any attack" the
    attack is not Seoul's.
    """
    noun = _nominal(token)
    if noun is None:
        owner = _clause_owner(token, owners)
    else:
        owner = _noun_owner(noun, owners) or _clause_owner(noun, owners, countered=True)
    return None if owner == SELF else owner


def _negator(token: Token, negators: set[int]) -> Token | None:
    """A negator on the token or on the first two clauses above it."""
    clauses = 0
    for current in [token, *token.ancestors]:
        for child in current.children:
            if child.i in negators or child.dep_ == "neg":
                return child
        if current.i != token.i and current.i in negators:
            return current
        if current.pos_ in ("VERB", "AUX"):
            clauses += 1
            if clauses == 2:
                return None
    return None


def _longest(matches: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Drop a match that lies inside a longer one with the same label ("rogue" in "rogue state")."""
    return [
        (label, start, end)
        for label, start, end in matches
        if not any(
            other == label and s <= start and end <= e and (s, e) != (start, end)
            for other, s, e in matches
        )
    ]


def _hits(doc: Doc, lexicon: _Lexicon, owners: Mapping) -> list[_Hit]:
    """The lexicon's matches in a quote, each with its owner and negator."""
    matches = _longest(lexicon.matcher(doc))
    negators = {
        i for label, start, end in matches if label == "negators" for i in range(start, end)
    }
    hits = []
    for label, start, end in matches:
        span = doc[start:end]
        if label in EVALUATED_LABELS:
            head = span.root
            if head.pos_ in NON_CONTENT_POS or head.dep_ == "prep":
                continue
            owner = _hit_owner(label, head, owners)
            negator = _negator(head, negators - set(range(start, end)))
            hits.append(_Hit(label, span.text, owner, negator.text if negator else None))
        elif label == "alignment":
            hits.append(_Hit(label, span.text, _clause_owner(span.root, owners)))
        else:
            hits.append(_Hit(label, span.text))
    return hits


def _speaker_owner(
    name: str, docs: Sequence[Doc | None], side: _Side, lexicon: _Lexicon
) -> str | None:
    """Is the speaker on the target's side (``"side"``), on another's, or unknown (None)?

    A name the gazetteer knows decides ("Kim Jong Un", "KCNA", "Israeli military");
    otherwise the first known actor that the name, then the role, names does
    ("North Korea's foreign ministry", "Chinese Foreign Ministry spokesman"), unless
    the name or role makes the speaker an observer ("North Korea expert").
    """
    if not name:
        return None
    if side.named(name) or side.named(f"the {name}"):
        return SIDE
    entity = side.gazetteer.canonical(name)
    if entity:
        return SIDE if side.has(entity) else OTHER
    present = [doc for doc in docs if doc is not None]
    if any(_is_observer(doc, lexicon.observers) for doc in present):
        return None
    for doc in present:
        owners = _token_owners(doc, side, lexicon, known_only=True)
        first = next((owners[token.i] for token in doc if token.i in owners), None)
        if first:
            return first
    return None


def _is_observer(doc: Doc, observers: frozenset[str]) -> bool:
    """Does a speaker's name or role make it an observer ("North Korea expert")?"""
    words = {token.lower_ for token in doc} | {token.lemma_.lower() for token in doc}
    text = doc.text.lower()
    return bool(words & observers) or any(" " in o and o in text for o in observers)


# ------------------------------------------------------------------ decisions


def _decide(reading: _Reading) -> _Decision:
    """Apply the stance rules, in order, to one claim's reading."""
    for rule in (_by_speaker, _by_cue, _by_evaluation, _by_acts):
        decision = rule(reading)
        if decision:
            return decision
    return _neutral(reading)


def _by_speaker(reading: _Reading) -> _Decision | None:
    """Rule 1: the target's own side supports it, when the claim says anything at all."""
    if reading.speaker_side != SIDE:
        return None
    evidence = f"speaker '{reading.speaker or 'speaker'}' is on the target's side"
    stance_bearing = any(hit.label in STANCE_LABELS for hit in reading.hits)
    if not (reading.cue_class or stance_bearing or reading.names_side or reading.names_other):
        return _Decision("neutral", f"{evidence}, but the claim takes no side", "none")
    cue = f"; cue {reading.cue_class}" if reading.cue_class else ""
    return _Decision("support", f"{evidence}{cue}", "strong")


def _by_cue(reading: _Reading) -> _Decision | None:
    """Rule 2: a cue with a stance, aimed at the target or at no one named."""
    if not reading.cue_class:
        return None
    aimed = reading.names_side or not reading.names_other
    if reading.cue_class == "deny":
        if reading.names_side:
            return _Decision(
                "oppose", f"cue '{reading.cue}' (deny) of a claim naming the target", "strong"
            )
        return None
    if reading.cue_stance in ("support", "oppose") and aimed:
        return _Decision(reading.cue_stance, f"cue '{reading.cue}' ({reading.cue_class})", "strong")
    return None


def _by_evaluation(reading: _Reading) -> _Decision | None:
    """Rule 3: the balance of evaluative words about the target."""
    even_handed = any(hit.label == "neutral_phrases" for hit in reading.hits)
    negative = reading.words("negative", (SIDE,) if even_handed else (SIDE, None))
    negative += reading.words("labels", (SIDE,))
    positive = reading.words("positive", (SIDE,)) + reading.words("alignment", (SIDE,))
    if len(negative) == len(positive):
        return None
    if len(negative) > len(positive):
        return _Decision("oppose", f"negative {_quoted(negative)} about the target", "strong")
    return _Decision("support", f"positive {_quoted(positive)} about the target", "strong")


def _by_acts(reading: _Reading) -> _Decision | None:
    """Rule 4: wrongdoing reported of the target's side (a weak decision)."""
    acts = reading.words("acts", (SIDE,))
    if not acts:
        return None
    return _Decision("oppose", f"reported act {_quoted(acts)} by the target's side", "weak")


def _neutral(reading: _Reading) -> _Decision:
    """Rule 5: neutral, saying what was seen (negations, even-handed words, hedges)."""
    notes = []
    negated = [f"'{h.text}' negated by '{h.negator}'" for h in reading.hits if h.negator]
    if negated:
        notes.append("; ".join(negated[:MAX_EVIDENCE_WORDS]))
    neutral = [h.text for h in reading.hits if h.label == "neutral_phrases"]
    if neutral:
        notes.append(f"non-committal {_quoted(neutral)}")
    hedges = [h.text for h in reading.hits if h.label == "hedges"]
    if hedges:
        notes.append(f"hedge {_quoted(hedges)}")
    return _Decision("neutral", "; ".join(notes) or "no evaluative cue about the target", "none")


def _quoted(words: list[str]) -> str:
    unique = list(dict.fromkeys(w.lower() for w in words))[:MAX_EVIDENCE_WORDS]
    return ", ".join(f"'{w}'" for w in unique)


def _keep_speaker_side(claims: pd.DataFrame, decisions: list[_Decision]) -> list[_Decision]:
    """Give a speaker's weak (reported-act) claims the side their strong claims take.

    A speaker who praises or sides with the target elsewhere in the article is
    threatening on its behalf, not reporting its wrongdoing.
    """
    keys = list(
        zip(_column(claims, "doc_id"), (_key(s) for s in _column(claims, "speaker")), strict=True)
    )
    strong: dict[tuple, set[str]] = defaultdict(set)
    for key, decision in zip(keys, decisions, strict=True):
        if key[1] and decision.strength == "strong" and decision.stance != "neutral":
            strong[key].add(decision.stance)
    kept = []
    for key, decision in zip(keys, decisions, strict=True):
        sides = strong.get(key, set())
        if decision.strength == "weak" and len(sides) == 1 and decision.stance not in sides:
            (side,) = sides
            evidence = f"{decision.evidence}, but the speaker's other claims {side} the target"
            decision = _Decision(side, evidence, "weak")
        kept.append(decision)
    return kept


def _key(value: Any) -> str:
    return value.strip().lower() if isinstance(value, str) else ""


# --------------------------------------------------------------------------- terms


def suggest_terms(
    claims: pd.DataFrame,
    topic: str,
    *,
    top: int = 20,
    nlp: Language | None = None,
    column: str = "topics",
    alpha0: float | None = None,
    min_count: int = 2,
) -> pd.DataFrame:
    """Return the lemmas that best tell claims of ``topic`` from the rest.

    Weighted log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi
    and Quinn 2008, "Fightin' Words"): the prior is the lemma's share of all claims
    scaled to ``alpha0`` pseudo-counts (by default the corpus size), and ``z`` is the
    log-odds difference over its standard deviation. Stopwords, punctuation and
    numbers are left out. Topics come from ``column``, tagged first when missing.

    Args:
        claims: a claims table with ``quote`` (and ``topics`` lists).
        topic: the topic id to describe.
        top: how many terms to return.
        nlp: the spaCy pipeline; :func:`toolkit.nlp.load_model` by default.
        column: the column of topic lists.
        alpha0: the prior's total pseudo-count.
        min_count: leave out lemmas seen fewer times than this in the topic's claims.

    Returns:
        Columns ``term, z, count_topic, count_rest``, highest ``z`` first.

    Raises:
        ValueError: no claim has ``topic``.

    Example:
        >>> import pandas as pd
        >>> claims = pd.DataFrame({"quote": ["Pyongyang shipped shells", "Kim shipped shells",
        ...                                  "Talks went well", "The summit went well"],
        ...                        "topics": [["arms_trade"], ["arms_trade"], [], ["alliances"]]})
        >>> suggest_terms(claims, "arms_trade", top=2)["term"].tolist()
        ['shell', 'ship']
    """
    from toolkit.nlp import load_model

    nlp = nlp or load_model()
    tagged = claims if column in claims.columns else tag_topics(claims, nlp=nlp, column=column)
    inside = [topic in _as_list(topics) for topics in tagged[column]]
    if not any(inside):
        found = sorted({t for ts in tagged[column] for t in _as_list(ts)})
        raise ValueError(
            Errors.E005.format(what="topic", value=topic, choices=", ".join(found) or "(none)")
        )
    counts_in, counts_out = Counter(), Counter()
    for doc, is_in in zip(_lemma_docs(_texts(tagged, "quote"), nlp, 64), inside, strict=True):
        (counts_in if is_in else counts_out).update(_terms(doc))
    table = _log_odds(counts_in, counts_out, alpha0)
    table = table[table["count_topic"] >= min_count]
    return table.head(top).reset_index(drop=True)


def _terms(doc: Doc) -> list[str]:
    return [
        token.lemma_.lower()
        for token in doc
        if token.is_alpha and not token.is_stop and not token.is_punct and len(token) > 1
    ]


def _log_odds(counts_in: Counter, counts_out: Counter, alpha0: float | None) -> pd.DataFrame:
    """Weighted log-odds with an informative Dirichlet prior, one row per term."""
    total = counts_in + counts_out
    n_total = sum(total.values())
    a0 = float(alpha0) if alpha0 else float(n_total)
    n_in, n_out = sum(counts_in.values()), sum(counts_out.values())
    rows = []
    for term, count in total.items():
        alpha = a0 * count / n_total
        y_in, y_out = counts_in[term], counts_out[term]
        delta = math.log((y_in + alpha) / (n_in + a0 - y_in - alpha)) - math.log(
            (y_out + alpha) / (n_out + a0 - y_out - alpha)
        )
        variance = 1.0 / (y_in + alpha) + 1.0 / (y_out + alpha)
        rows.append((term, delta / math.sqrt(variance), y_in, y_out))
    table = pd.DataFrame(rows, columns=["term", "z", "count_topic", "count_rest"])
    return table.sort_values(["z", "term"], ascending=[False, True], kind="mergesort")
