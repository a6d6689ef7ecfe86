"""The texts of a claims table, and their Docs: cut out of the parsed articles when possible.

A claim whose ``doc_id, start, end`` still point at its quote is read from its
article's parse (:func:`_claim_docs`); any other text is parsed on its own. The
column helpers read a claims table that may lack a column.

Example:
    >>> import pandas as pd
    >>> from toolkit.nlp import load_model
    >>> nlp = load_model()
    >>> article = nlp("Kim said: we are ready.")
    >>> claims = pd.DataFrame({"doc_id": ["a"], "start": [10], "end": [22], "quote": ["we are ready"]})
    >>> [(doc.text, doc.doc is article) for doc in _claim_docs(claims, "quote", nlp.pipe, docs={"a": article}, as_doc=False)]
    [('we are ready', True)]
    >>> _texts(claims, "sentence"), _column(claims, "speaker")
    (['we are ready'], [None])
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from spacy.tokens import Doc, Span


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


def _texts(claims: pd.DataFrame, column: str) -> list[str]:
    """The column's texts as strings, the quote standing in for a missing sentence."""
    quotes = claims["quote"] if "quote" in claims.columns else pd.Series([""] * len(claims))
    values = claims[column] if column in claims.columns else quotes
    return [_as_text(v) or _as_text(q) for v, q in zip(values, quotes, strict=True)]


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _column(claims: pd.DataFrame, name: str) -> list[Any]:
    return claims[name].tolist() if name in claims.columns else [None] * len(claims)


def _as_list(value: Any) -> list:
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    return list(value) if hasattr(value, "tolist") else []
