"""Rule family ``according_to``: "according to X, ...", "..., according to X", and the
same source in other words: "in her opinion, ...", "in the view of the ministry, ...".

When the rest of the sentence is itself a reported claim with its own source
("according to The Times, the NIS believes ..."), X is a relay: the inner claim
keeps its source and gets X as ``via`` instead of a claim of X's own.

Example:
    >>> from toolkit.nlp import load_model
    >>> from toolkit.attribution.lexicon import load_lexicon
    >>> doc = load_model()("According to the ministry, 300 troops crossed the border.")
    >>> claims, relays = find_according_to(doc, [], load_lexicon())
    >>> doc.text[claims[0].start:claims[0].end], claims[0].speaker_mention
    ('300 troops crossed the border', 'ministry')
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Token

from toolkit.attribution.claim import Claim, sent_of, shape_content, subtree_chars, text_of
from toolkit.attribution.lexicon import CueLexicon
from toolkit.attribution.quotes import Quote
from toolkit.attribution.reported_speech import find_source
from toolkit.attribution.speakers import describe_speaker

RULE = "according_to"
RELAYED_CLASSES = {"say", "think", "claim", "deny", "confirm", "warn", "accuse"}  # speech, belief
OPINION_NOUNS = {"opinion", "view", "words", "estimation", "assessment", "judgment", "judgement"}
# "In the latest Washington Post-ABC News poll, Clinton led Trump 47 percent to 39 percent."
DOCUMENT_NOUNS = {"poll", "survey", "report", "study", "analysis", "memo", "letter", "filing"}


class Relay(NamedTuple):
    """An "according to X" that carries another source's claim: X becomes that claim's ``via``.

    ``own_claim`` is X's claim of the same words, which stands when no other rule reads a
    claim there ("HarperCollins declined the offer, according to an executive": declining
    is an act, not a statement of HarperCollins)."""

    via: str
    scope_start: int
    scope_end: int
    own_claim: Claim | None


def find_according_to(
    doc: Doc, quotes: list[Quote], lexicon: CueLexicon
) -> tuple[list[Claim], list[Relay]]:
    """Return the claims sourced by "according to X", and the relays that name a ``via``."""
    _, phrases = lexicon.find_cues(doc)
    claims, relays = [], []
    for start, end in phrases:
        phrase = doc[start:end]
        if phrase.text.lower() != "according to":
            continue
        source = _object_of(phrase[-1])
        if source is None:
            continue
        head = phrase[0].head if phrase[0].head.i != phrase[0].i else None
        if head is None:
            continue
        mention = describe_speaker(source)
        content_start, content_end = subtree_chars(head, exclude=phrase[0])
        shaped = shape_content(text_of(doc), content_start, content_end, quotes)
        claim = None
        if shaped is not None:
            claim = Claim.attributed(
                shaped,
                mention,
                sent_of(phrase[0]),
                rule=RULE,
                cue="according to",
                cue_class="say",
                cue_start=phrase.start_char,
                evidence=["cue 'according to'", f"source: object of 'to' ('{source.text}')"],
            )
        if _carries_own_source(head, lexicon, exclude=phrase[0]):
            via = _outlet(source) or mention.text
            relays.append(Relay(via, content_start, content_end, claim))
        elif claim is not None:
            claims.append(claim)
    return claims, relays


def find_opinion_claims(doc: Doc, quotes: list[Quote], lexicon: CueLexicon) -> list[Claim]:
    """Return the claims of "in her opinion, this is the only way", "in the view of the
    ministry, ..." (the clause is the claim of whose opinion it is) and "in a new poll,
    Clinton leads ..." (the document's, when the clause has no cue of its own).

    Example:
        >>> from toolkit.nlp import load_model
        >>> from toolkit.attribution.lexicon import load_lexicon
        >>> doc = load_model()("In the view of the ministry, the talks have failed.")
        >>> claims = find_opinion_claims(doc, [], load_lexicon())
        >>> [(doc.text[c.start:c.end], c.speaker_mention) for c in claims]
        [('the talks have failed', 'ministry')]
    """
    claims = []
    for noun in doc:
        if noun.dep_ != "pobj" or noun.head.lower_ != "in" or noun.head.dep_ != "prep":
            continue
        prep = noun.head
        if prep.head.pos_ not in {"VERB", "AUX"} or prep.head.i == prep.i:
            continue
        if noun.lower_ in OPINION_NOUNS:
            holder = _opinion_holder(noun)
        elif _fronted_document(noun, prep, lexicon):
            holder = noun
        else:
            continue
        if holder is None:
            continue
        if holder is noun:
            cue, how = prep.text, f"the {noun.lower_} the clause is in"
        else:
            cue, how = doc[prep.i : noun.i + 1].text, f"whose {noun.lower_} ('{holder.text}')"
        head = prep.head
        inside = head.left_edge.i < prep.left_edge.i and prep.right_edge.i < head.right_edge.i
        span = subtree_chars(head) if inside else subtree_chars(head, exclude=prep)
        shaped = shape_content(text_of(doc), *span, quotes)  # "X was, in the words of Y, ..."
        if shaped is None:
            continue
        claims.append(
            Claim.attributed(
                shaped,
                describe_speaker(holder),
                sent_of(prep),
                rule=RULE,
                cue=cue,
                cue_class="think",
                cue_start=prep.idx,
                evidence=[f"cue '{cue}'", f"source: {how}"],
            )
        )
    return claims


def _fronted_document(noun: Token, prep: Token, lexicon: CueLexicon) -> bool:
    """ "In a CBS News poll last month, Clinton led ...": one document, before the clause,
    whose verb is no cue of its own ("in a statement, X said" has its own rule; "ahead in
    the polls" is a standing, not a source)."""
    return (
        noun.lemma_.lower() in DOCUMENT_NOUNS
        and noun.tag_ == "NN"
        and prep.i < prep.head.i
        and not lexicon.verb_class(prep.head.lemma_)
        and not any(
            child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ in lexicon.groups
            for child in prep.head.children
        )
    )


def _opinion_holder(noun: Token) -> Token | None:
    """ "her" in "in her opinion", "ministry" in "in the view of the ministry"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            return _object_of(child)
    return None


def _modal(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.tag_ == "MD" for child in verb.children)


def _outlet(source: Token) -> str | None:
    """The organisation a relaying person works for: "Richard Parry, Asia editor of The Times"."""
    if source.ent_type_ != "PERSON":
        return None
    organisations = [t for t in source.subtree if t.ent_type_ == "ORG" and t.ent_iob_ == "B"]
    return describe_speaker(organisations[-1]).text if organisations else None


def _object_of(to: Token) -> Token | None:
    for child in to.children:
        if child.dep_ == "pobj":
            return child
    return None


def _carries_own_source(head: Token, lexicon: CueLexicon, *, exclude: Token) -> bool:
    """True when the clause around "according to" is a cue verb with its own source."""
    if lexicon.verb_class(head.lemma_) not in RELAYED_CLASSES or _modal(head):
        return False  # "according to an aide, she will propose ...": the aide's claim
    source, _ = find_source(head, lexicon)
    return source is not None and not (exclude.left_edge.i <= source.i <= exclude.right_edge.i)
