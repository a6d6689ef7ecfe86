"""Topics of claims: the taxonomy matched on each claim's quote (or sentence), and its article.

A topic fires when one of its words, phrases or patterns matches outside its
``exclude`` words, or when every word group of one of its ``together`` rules does.
A claim is read in its article's context too: an article that is mostly about one
topic (:func:`main_topics`) gives it to all its claims ("it proved Friday" in a
report on a nuclear test is about the test).

Example:
    >>> import pandas as pd
    >>> claims = pd.DataFrame({"quote": ["Seoul and Washington held joint exercises",
    ...                                  "Seoul and Washington issued a joint statement"]})
    >>> taxonomy = {"drills": {"together": [[["joint"], ["drill", "exercise"]]]}}
    >>> tag_topics(claims, taxonomy=taxonomy)["topics"].tolist()
    [['drills'], []]
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import partial

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc, Span

from toolkit.errors import Errors
from toolkit.reading import body_start
from toolkit.schema import require_columns
from toolkit.tagging.matching import _cached, _lemma_docs, _TermMatcher
from toolkit.tagging.taxonomy import load_taxonomy
from toolkit.tagging.texts import _claim_docs, _column

LABEL_SEP = "\x1f"
TOPIC_CONTEXTS = ("quote", "sentence", "fallback")
TOPIC_ANNOTATIONS = ("LEMMA", "POS")
MAIN_TOPIC_MIN_SHARE = 0.25
MAIN_TOPIC_MIN_LEAD = 2.0
MAIN_TOPIC_MIN_SENTENCES = 3


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
        return self.topics_of(self.matcher(doc))

    def topics_by_span(self, doc: Doc, spans: list[Span]) -> list[list[str]]:
        """The topic ids of each span of ``doc``, matching the whole Doc once."""
        matches = self.matcher(doc)
        return [
            self.topics_of([m for m in matches if span.start <= m[1] and m[2] <= span.end])
            for span in spans
        ]

    def topics_of(self, matches: list[tuple[str, int, int]]) -> list[str]:
        """The topic ids that matches of the term matcher add up to, in taxonomy order."""
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


def _article_sentences(doc: Doc) -> list[Span]:
    """The sentences of a parsed article, without its header line and blank runs."""
    story = body_start(doc.text)
    return [
        sent
        for sent in doc.sents
        if sent.text.strip() and sent.start_char + len(sent.text.rstrip()) > story
    ]


def _main_topic(matcher: _TopicMatcher, doc: Doc) -> list[str]:
    """The article's main topic (a list of none or one topic id); see :func:`main_topics`."""
    if not doc.has_annotation("SENT_START"):
        return []
    sentences = _article_sentences(doc)
    counts = Counter(topic for found in matcher.topics_by_span(doc, sentences) for topic in found)
    ranked = counts.most_common(2)
    if not ranked:
        return []
    (topic, count), runner_up = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0)
    main = (
        count >= MAIN_TOPIC_MIN_SENTENCES
        and count >= MAIN_TOPIC_MIN_SHARE * len(sentences)
        and count >= MAIN_TOPIC_MIN_LEAD * runner_up
    )
    return [topic] if main else []


def main_topics(
    docs: Mapping[str, Doc],
    *,
    taxonomy: str | os.PathLike | Mapping | None = None,
    nlp: Language | str | None = None,
) -> dict[str, list[str]]:
    """Return each parsed article's main topic: a list of none or one topic id.

    An article is mainly about a topic when the topic is found in at least a quarter
    of its sentences (``MAIN_TOPIC_MIN_SHARE``), in at least three of them
    (``MAIN_TOPIC_MIN_SENTENCES``), and in at least twice as many as any other topic
    (``MAIN_TOPIC_MIN_LEAD``). An article on several topics at once has none. The
    articles need sentence boundaries (the parser or a sentencizer).

    Example:
        >>> from toolkit.nlp import load_model
        >>> nlp = load_model()
        >>> doc = nlp("North Korea tested a missile. The missile flew far. Seoul called it a "
        ...           "missile provocation. It was the first missile test this year.")
        >>> main_topics({"a1": doc}, nlp=nlp)
        {'a1': ['nuclear_missile']}
    """
    from toolkit.nlp import as_pipeline

    nlp = as_pipeline(nlp)
    entries = load_taxonomy(taxonomy)
    matcher = _cached("topics", nlp, entries, lambda: _TopicMatcher(entries, nlp))
    return {doc_id: _main_topic(matcher, doc) for doc_id, doc in docs.items()}


def tag_topics(
    claims: pd.DataFrame,
    *,
    taxonomy: str | os.PathLike | Mapping | None = None,
    nlp: Language | str | None = None,
    context: str = "quote",
    main_topic: bool = True,
    column: str = "topics",
    batch_size: int = 64,
    docs: Mapping[str, Doc] | None = None,
) -> pd.DataFrame:
    """Return a copy of ``claims`` with a ``topics`` column: the topic ids of each quote.

    Args:
        claims: a claims table with a ``quote`` column (and ``sentence`` for some contexts).
        taxonomy: a topics file or mapping of one's own; ``data/topics.yml`` by default.
        nlp: the spaCy pipeline or a model's name; :func:`toolkit.nlp.load_model` by default.
        context: what is matched: ``"quote"`` (the default, best on the seed gold),
            ``"sentence"`` (the claim's sentence), or ``"fallback"`` (the sentence only
            where the quote has no topic).
        main_topic: add its article's main topic (:func:`main_topics`) to each claim,
            whose words may not name it ("it proved Friday" in a report on a nuclear
            test). It needs the parsed articles, ``docs``; without them nothing is added.
        column: the name of the new column.
        batch_size: texts per ``nlp.pipe`` batch.
        docs: the parsed articles by ``doc_id`` (see :func:`toolkit.pipeline.parse_articles`);
            a claim whose ``doc_id, start, end`` point at its quote is then read from its
            article's parse instead of parsing the text again. Other claims are parsed.
            Each article's main topic is read from its parse.

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
    primary = "sentence" if context == "sentence" else "quote"
    require_columns(claims, [primary], func="tag_topics", table="claims")
    from toolkit.nlp import as_pipeline

    nlp = as_pipeline(nlp)
    entries = load_taxonomy(taxonomy)
    matcher = _cached("topics", nlp, entries, lambda: _TopicMatcher(entries, nlp))
    out = claims.copy()
    parse = partial(_lemma_docs, nlp=nlp, batch_size=batch_size)
    quote_docs = _claim_docs(out, primary, parse, docs=docs, needs=TOPIC_ANNOTATIONS, as_doc=False)
    topics = [matcher.topics(doc) for doc in quote_docs]
    if context == "fallback" and "sentence" in out.columns:
        empty = [i for i, found in enumerate(topics) if not found]
        sentence_docs = _claim_docs(
            out.iloc[empty], "sentence", parse, docs=docs, needs=TOPIC_ANNOTATIONS, as_doc=False
        )
        for i, doc in zip(empty, sentence_docs, strict=True):
            topics[i] = matcher.topics(doc)
    if main_topic and docs:
        topics = _with_main_topics(topics, _column(out, "doc_id"), matcher, docs, list(entries))
    out[column] = topics
    return out


def _with_main_topics(
    topics: list[list[str]],
    doc_ids: list,
    matcher: _TopicMatcher,
    docs: Mapping[str, Doc],
    order: list[str],
) -> list[list[str]]:
    """Each claim's topics with its article's main topic added, in taxonomy order."""
    found: dict = {}
    merged = []
    for doc_id, own in zip(doc_ids, topics, strict=True):
        if doc_id not in found:
            doc = docs.get(doc_id) if isinstance(doc_id, str) else None
            found[doc_id] = _main_topic(matcher, doc) if doc is not None else []
        both = {*own, *found[doc_id]}
        merged.append([topic for topic in order if topic in both])
    return merged
