"""Rule family ``noun_cue``: a reporting noun with its source and a that-clause.

Covers "Trump's claim that Mexico will pay", "the warning by the ministry that ...",
"a statement from Seoul that ...", and for a promise or threat an infinitive ("Kim's
pledge to denuclearize"). A statement with a cue verb of its own ("a
statement from the ministry said ...") is the reported-speech family's.

Example:
    >>> from toolkit.nlp import load_model
    >>> from toolkit.attribution.lexicon import load_lexicon
    >>> doc = load_model()("Trump's claim that Mexico will pay for the wall was false.")
    >>> [(doc.text[c.start:c.end], c.speaker_mention) for c in find_noun_cues(doc, [], load_lexicon())]
    [('Mexico will pay for the wall', 'Trump')]
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from toolkit.attribution.claim import Claim, sent_of, shape_content, subtree_chars, text_of
from toolkit.attribution.lexicon import CueLexicon
from toolkit.attribution.quotes import Quote
from toolkit.attribution.speakers import describe_speaker

RULE = "noun_cue"
SOURCE_PREPS = {"from", "by", "of"}
CLAUSE_DEPS = {"acl", "ccomp", "relcl"}
INFINITIVE_CLASSES = {"threaten", "support"}  # "a threat to strike", "a pledge to denuclearize"


def find_noun_cues(doc: Doc, quotes: list[Quote], lexicon: CueLexicon) -> list[Claim]:
    """Return a claim for every reporting noun that names its source and holds a that-clause
    (or, for a promise or threat, an infinitive)."""
    claims = []
    for token in doc:
        if token.pos_ != "NOUN" or token.lower_ not in lexicon.nouns:
            continue
        source = noun_source(token)
        clause, content = _that_clause(token), "that-clause"
        if clause is None and lexicon.nouns[token.lower_] in INFINITIVE_CLASSES:
            clause, content = _infinitive(token), "infinitive"
        if source is None or clause is None:
            continue
        shaped = shape_content(text_of(doc), *subtree_chars(clause), quotes)
        if shaped is None:
            continue
        claims.append(
            Claim.attributed(
                shaped,
                describe_speaker(source),
                sent_of(token),
                rule=RULE,
                cue=token.text,
                cue_class=lexicon.nouns[token.lower_],
                cue_start=token.idx,
                evidence=[
                    f"noun cue '{token.text}'",
                    f"source: '{source.text}'",
                    f"content: {content}",
                ],
            )
        )
    return claims


def noun_source(noun: Token) -> Token | None:
    """The source of a reporting noun: "X's claim", "a claim by X", "a statement from X"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in SOURCE_PREPS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _infinitive(noun: Token) -> Token | None:
    """The infinitive a promise or threat holds: "Kim's pledge to denuclearize", "Trump's
    promise not to cut Social Security"."""
    for child in noun.children:
        if child.dep_ == "acl" and child.i > noun.i and child.pos_ == "VERB":
            opening = [c for c in child.children if c.dep_ in {"aux", "neg"} and c.i < child.i]
            if any(c.lower_ == "to" for c in opening) and opening[0].i == child.left_edge.i:
                return child
    return None


def _that_clause(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ in CLAUSE_DEPS and child.i > noun.i and child.pos_ in {"VERB", "AUX"}:
            marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ == "that"]
            if marks and marks[0].i == child.left_edge.i:
                return child
    return None
