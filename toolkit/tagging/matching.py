"""Words and phrases in Docs: the term matcher that topics and stance share, and its cache.

A :class:`_TermMatcher` finds labelled words by lemma or lower-case text, phrases by
text or lemmas, and spaCy token patterns; :func:`_cached` builds one per pipeline
and lexicon content; :func:`_lemma_docs` parses with only the pipes lemmas need.

Example:
    >>> from toolkit.nlp import load_model
    >>> matcher = _TermMatcher(load_model())
    >>> matcher.add_terms("threat", ["provocation", "rogue state"])
    >>> matcher(matcher.nlp("The rogue state and its provocations"))
    [('threat', 1, 3), ('threat', 5, 6)]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

LEMMA_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")


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


def _lemma_docs(texts: Iterable[str], nlp: Language, batch_size: int) -> Iterator[Doc]:
    """Parse texts with only the pipes lemmas need (no parser, no NER)."""
    disable = [name for name in nlp.pipe_names if name not in LEMMA_PIPES]
    yield from nlp.pipe(texts, batch_size=batch_size, disable=disable)
