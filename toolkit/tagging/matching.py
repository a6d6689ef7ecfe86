"""Words and phrases in Docs: the term matcher that topics and stance share, and its cache.

A :class:`_TermMatcher` finds labelled words by lemma or lower-case text (a lookup of
the Doc's hash arrays), phrases by text or lemmas, and spaCy token patterns; :func:`_cached` builds one per pipeline
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
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

LEMMA_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")


class _TermMatcher:
    """Find labelled words (by lemma or lower-case text) and phrases (by text or lemmas).

    Words are looked up in one pass over the Doc's lemma and lower-case hashes (spaCy's
    Matcher would test every word list against every token); phrases go to spaCy's
    PhraseMatcher and token patterns to its Matcher.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.tokens = Matcher(nlp.vocab)
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self._word_labels: tuple[dict[int, set[str]], ...] = (defaultdict(set), defaultdict(set))
        self._word_hashes: tuple[np.ndarray, ...] = (_sorted_hashes(()), _sorted_hashes(()))

    def add_terms(self, label: str, terms: Iterable[str]) -> None:
        """Add words and phrases under ``label``; a term of several tokens is a phrase."""
        terms = list(dict.fromkeys(terms))
        words = [term for term in terms if len(self.nlp.make_doc(term)) == 1]
        phrases = [term for term in terms if term not in set(words)]
        if words:
            variants = {v for w in words for v in (w, w.lower(), w.capitalize(), w.upper())}
            lowered = {w.lower() for w in words}
            for labels, values in zip(self._word_labels, (variants, lowered), strict=True):
                for value in values:
                    labels[self.nlp.vocab.strings.add(value)].add(label)
            self._word_hashes = tuple(_sorted_hashes(labels) for labels in self._word_labels)
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
        matchers = (self.tokens, self.lower, self.lemma)
        found = [  # an empty matcher would warn (W036) at every call
            span for matcher in matchers if len(matcher) for span in matcher(doc, as_spans=True)
        ]
        matches = {(span.label_, span.start - offset, span.end - offset) for span in found}
        matches.update(self._words(doc))
        return sorted(matches, key=lambda m: (m[1], m[2], m[0]))

    def _words(self, doc: Doc | Span) -> Iterator[tuple[str, int, int]]:
        """The ``(label, i, i + 1)`` of each token whose lemma or lower-case text is a word."""
        hashes = doc.to_array([LEMMA, LOWER]).reshape(-1, 2)
        for column, (known, labels) in enumerate(
            zip(self._word_hashes, self._word_labels, strict=True)
        ):
            values = hashes[:, column]
            at = np.searchsorted(known, values).clip(0, len(known) - 1)
            for i in np.flatnonzero(known[at] == values).tolist():
                for label in labels.get(int(values[i]), ()):
                    yield label, i, i + 1


def _sorted_hashes(hashes: Iterable[int]) -> np.ndarray:
    """The hashes as a sorted array to search; never empty, as it holds 0 (the empty string)."""
    return np.array(sorted({0, *hashes}), dtype=np.uint64)


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
