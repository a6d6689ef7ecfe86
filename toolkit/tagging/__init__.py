"""Stance and topics of claims: who is for or against the target, and on which topics.

Everything here is rule-based and explainable. Topics come from a taxonomy file
(``data/topics.yml``: lemmas, phrases, token patterns and co-occurrence rules per
topic id) matched on each claim's quote, plus its article's main topic when the
article is mostly about one (:func:`main_topics`). Stance comes from a lexicon
(``data/stance.yml``: cue classes, evaluative words, acts, negators, hedges) read
against the target's *side*: the target, the country it belongs to, and their
aliases, as the gazetteer of :mod:`toolkit.entities` knows them. Every stance comes
with a short ``stance_evidence`` text that says what decided it.

The steps have names: :func:`load_taxonomy` and :func:`load_stance_lexicon` read the
files; :func:`tag_topics`, :func:`resolve_target` and :func:`stance` tag a claims
table; :func:`suggest_terms` proposes words for a topic, to grow a taxonomy.

Optionally, and only when asked (``stance(..., model=...)`` or
``TOOLKIT_STANCE_MODEL``), a spaCy ``textcat`` model trained on an analyst's
labelled claims (:func:`train_stance_model`) decides stance instead of the lexicon.

One module per job:

- ``taxonomy``: load and check the topic taxonomy (:func:`load_taxonomy`);
- ``topics``: match it on claims and articles (:func:`tag_topics`, :func:`main_topics`);
- ``targets``: the target of a claim and the target's side (:func:`resolve_target`);
- ``lexicon``: load, check and compile the stance lexicon (:func:`load_stance_lexicon`);
- ``owners``: whose is a word, the target's side's or another actor's;
- ``stances``: read each claim against its target (:func:`stance`);
- ``decisions``: the stance rules, applied to what was read;
- ``stance_model``: the optional model's input text, loading and predictions
  (:func:`load_stance_model`, :func:`model_text`);
- ``training``: train a stance model on labelled claims (:func:`train_stance_model`);
- ``terms``: log-odds term suggestions for a topic (:func:`suggest_terms`);
- ``matching`` and ``texts``: the term matcher, and the claims' texts and Docs,
  that topics and stance share.

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

from toolkit.tagging.decisions import MAX_EVIDENCE_WORDS, MIN_SPEAKER_SIDE
from toolkit.tagging.lexicon import (
    EVALUATED_LABELS,
    STANCE_FILE,
    STANCE_LABELS,
    load_stance_lexicon,
)
from toolkit.tagging.matching import LEMMA_PIPES
from toolkit.tagging.owners import (
    ACTOR_LABELS,
    AGAINST_PREPS,
    ATTITUDE_PREPS,
    ENT_LABELS,
    FIRST_PERSON,
    MAX_ENT_PARTS,
    NOMINAL_MODIFIER_DEPS,
    OTHER,
    OWNER_DEPS,
    OWNER_PREPS,
    PERSONAL_PRONOUNS,
    POSITIVE_OBJECT_DEPS,
    PREDICATE_DEPS,
    SALIENT_PRONOUNS,
    SELF,
    SIDE,
    SUBJECT_DEPS,
    THIRD_PERSON,
)
from toolkit.tagging.stance_model import (
    STANCE_MODEL_ENV_VAR,
    TARGET_MARK,
    load_stance_model,
    model_text,
)
from toolkit.tagging.stances import NON_CONTENT_POS, PRESCRIPTIVE, STANCE_ANNOTATIONS, stance
from toolkit.tagging.targets import ACTOR_TYPES, TARGET_TYPES, GazetteerLike, resolve_target
from toolkit.tagging.taxonomy import TOPIC_KEYS, TOPICS_FILE, load_taxonomy
from toolkit.tagging.terms import suggest_terms
from toolkit.tagging.topics import (
    LABEL_SEP,
    MAIN_TOPIC_MIN_LEAD,
    MAIN_TOPIC_MIN_SENTENCES,
    MAIN_TOPIC_MIN_SHARE,
    TOPIC_ANNOTATIONS,
    TOPIC_CONTEXTS,
    main_topics,
    tag_topics,
)
from toolkit.tagging.training import train_stance_model

__all__ = [
    "ACTOR_LABELS",
    "ACTOR_TYPES",
    "AGAINST_PREPS",
    "ATTITUDE_PREPS",
    "ENT_LABELS",
    "EVALUATED_LABELS",
    "FIRST_PERSON",
    "LABEL_SEP",
    "LEMMA_PIPES",
    "MAIN_TOPIC_MIN_LEAD",
    "MAIN_TOPIC_MIN_SENTENCES",
    "MAIN_TOPIC_MIN_SHARE",
    "MAX_ENT_PARTS",
    "MAX_EVIDENCE_WORDS",
    "MIN_SPEAKER_SIDE",
    "NOMINAL_MODIFIER_DEPS",
    "NON_CONTENT_POS",
    "OTHER",
    "OWNER_DEPS",
    "OWNER_PREPS",
    "PERSONAL_PRONOUNS",
    "POSITIVE_OBJECT_DEPS",
    "PREDICATE_DEPS",
    "PRESCRIPTIVE",
    "SALIENT_PRONOUNS",
    "SELF",
    "SIDE",
    "STANCE_ANNOTATIONS",
    "STANCE_FILE",
    "STANCE_LABELS",
    "STANCE_MODEL_ENV_VAR",
    "SUBJECT_DEPS",
    "TARGET_MARK",
    "TARGET_TYPES",
    "THIRD_PERSON",
    "TOPICS_FILE",
    "TOPIC_ANNOTATIONS",
    "TOPIC_CONTEXTS",
    "TOPIC_KEYS",
    "GazetteerLike",
    "load_stance_lexicon",
    "load_stance_model",
    "load_taxonomy",
    "main_topics",
    "model_text",
    "resolve_target",
    "stance",
    "suggest_terms",
    "tag_topics",
    "train_stance_model",
]
