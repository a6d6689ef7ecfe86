"""Rule family ``continuation``: quotations with no cue of their own.

A quotation that no cue claimed, right after a claim in the same or the previous
paragraph and not in a section head in capitals, continues that claim's speaker
("“...,” he said. “More words.”"). When the quotation is a fragment inside a sentence
of paraphrase ("The crisis “may be relevant ...”"), the whole sentence is the claim
(kind ``mixed``); a word or two quoted there (the “rescue” of the children, its
“special operation”) is taken for the author's scare quote and continues no one.

Example:
    >>> from toolkit.nlp import load_model
    >>> from toolkit.attribution.quotes import find_quotes
    >>> from toolkit.attribution.claim import Claim
    >>> from toolkit.attribution.lexicon import load_lexicon
    >>> doc = load_model()("Kim said “no.” “We are ready for talks.”")
    >>> previous = Claim(start=10, end=13, rule="reported_speech", speaker="Kim")
    >>> [doc.text[c.start:c.end] for c in find_continuations(doc, find_quotes(doc.text), [previous], load_lexicon())]
    ['We are ready for talks.']
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc, Token

from toolkit.attribution.claim import (
    FINITE_VERB_TAGS,
    Claim,
    sent_of,
    sentence_of,
    shape_content,
    text_of,
)
from toolkit.attribution.lexicon import CueLexicon
from toolkit.attribution.quotes import Quote, paragraphs
from toolkit.attribution.speakers import can_speak, describe_speaker, named_appositive
from toolkit.entities.names import written_in_capitals

RULE = "continuation"
SUBJECT_RULE = "sentence_subject"
SUBJECT_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
MIN_FRAGMENT_WORDS = 3
MIN_QUOTED_WORDS = 3  # a quotation woven into a sentence, to continue a speaker
MAX_PARAGRAPH_GAP = 1


def find_continuations(
    doc: Doc, quotes: list[Quote], claims: list[Claim], lexicon: CueLexicon
) -> list[Claim]:
    """Return claims for quotations no other claim covers, continuing the previous speaker."""
    spans = paragraphs(text_of(doc))
    para_starts = [start for start, _ in spans]
    heads = [(a, b) for a, b in spans if _one_line_in_capitals(doc, a, b)]
    found: list[Claim] = []
    for quote in quotes:
        taken = sorted([*claims, *found], key=lambda c: c.start)
        if _covered(quote, taken):
            continue
        subject = _named_subject(doc, quote, quotes)
        if subject is not None and _woven_in(text_of(doc), quote):
            claim = _subject_claim(doc, quote, quotes, subject, taken)
            if claim is not None:
                found.append(claim)
                continue
        previous = _previous_claim(quote, taken)
        if previous is None or previous.speaker is None or _in_a_head(doc, quote, heads):
            continue
        if _woven_in(text_of(doc), quote) and (
            _scare_quote(text_of(doc), quote)
            or _other_actor_subject(doc, quote, quotes, previous, lexicon)
        ):
            continue
        gap = _paragraph(para_starts, quote.start) - _paragraph(para_starts, previous.end)
        if gap > MAX_PARAGRAPH_GAP:
            continue
        claim = _continue(doc, quote, quotes, previous, taken)
        if claim is not None:
            found.append(claim)
    return found


def _scare_quote(text: str, quote: Quote) -> bool:
    """A word or two in quotation marks inside the author's sentence (the “rescue” of the
    children, its “special operation”): a term held at a distance more often than the
    last speaker's words (on PolNeAR train, three in four such continuations had another
    speaker; "Troops were “fully prepared”" after a general's quotation is lost with them)."""
    return len(text[quote.start : quote.end].split()) < MIN_QUOTED_WORDS


def _one_line_in_capitals(doc: Doc, start: int, end: int) -> bool:
    paragraph = text_of(doc)[start:end]
    return "\n" not in paragraph.strip() and written_in_capitals(paragraph)


def _in_a_head(doc: Doc, quote: Quote, heads: list[tuple[int, int]]) -> bool:
    """A quotation in a section head in capitals ("HISTORY OF ‘BETRAYAL’") that has words
    of its own besides the quotation: a title, which continues no earlier speaker (a
    shouted quotation alone on its line, “MAKE AMERICA GREAT AGAIN!”, still may)."""
    text = text_of(doc)
    for start, end in heads:
        if start <= quote.start < end:
            outside = text[start : quote.start] + text[quote.end : end]
            return any(ch.isalpha() for ch in outside)
    return False


def _continue(
    doc: Doc, quote: Quote, quotes: list[Quote], previous: Claim, taken: list[Claim]
) -> Claim | None:
    sent = sentence_of(doc, quote.start)
    start, end = max(sent.start_char, quote.start), min(sent.end_char, quote.end)
    if (
        _woven_in(text_of(doc), quote)
        and quote.start >= sent.start_char
        and quote.end <= sent.end_char
    ):
        start, end = sent.start_char, sent.end_char
        for other in taken:  # keep clear of a neighbouring claim in the same sentence
            if other.end <= quote.start and other.end > start:
                start = other.end
            if other.start >= quote.end and other.start < end:
                end = other.start
    else:
        start, end = quote.start, quote.end
    shaped = shape_content(text_of(doc), start, end, quotes)
    if shaped is None or len(text_of(doc)[shaped[0] : shaped[1]].split()) < MIN_FRAGMENT_WORDS:
        return None
    return replace(
        previous,
        start=shaped[0],
        end=shaped[1],
        kind=shaped[2],
        rule=RULE,
        cue=None,
        cue_class=None,
        cue_start=None,
        via=None,
        sent_start=sent.start_char,
        sent_end=sent.end_char,
        evidence=[f"quotation with no cue after a claim of '{previous.speaker}'"],
    )


def _named_subject(doc: Doc, quote: Quote, quotes: list[Quote]) -> Token | None:
    """The named subject of the sentence that holds a quotation, outside any quotation:
    a name, or a description that names one ("Another senior official, Gilad Erdan, saw
    a “good chance” ...")."""
    sent = sentence_of(doc, quote.start)
    for token in sent.root.children:
        outside = not any(q.start <= token.idx < q.end for q in quotes)
        named = token.ent_type_ in SUBJECT_LABELS or named_appositive(token) is not None
        if token.dep_ == "nsubj" and named and outside:
            return token
    return None


def _other_actor_subject(
    doc: Doc, quote: Quote, quotes: list[Quote], previous: Claim, lexicon: CueLexicon
) -> bool:
    """A fragment in a sentence about another actor is not the previous speaker's: "Kim
    Hak-Song was accused of “hostile acts”", "The article closes with “...”". A subject
    with a possessive ("his government “appears risk-averse”") may still be the speaker's."""
    sent = sentence_of(doc, quote.start)
    for token in sent.root.children:
        outside = not any(q.start <= token.idx < q.end for q in quotes)
        if token.dep_ not in {"nsubj", "nsubjpass"} or not outside:
            continue
        named = token.ent_type_ in SUBJECT_LABELS
        described = (
            token.pos_ == "NOUN"
            and any(c.dep_ == "det" and c.lower_ in {"the", "a", "an"} for c in token.children)
            and can_speak(token, lexicon)
        )
        if not (named or described):
            return False
        name, speaker = describe_speaker(token).text, previous.speaker or ""
        return name not in speaker and speaker not in name
    return False


def _subject_claim(
    doc: Doc, quote: Quote, quotes: list[Quote], subject: Token, taken: list[Claim]
) -> Claim | None:
    """A quotation woven into a sentence about a named actor ("Trump called it “a disaster”")."""
    mention = describe_speaker(subject)
    template = Claim.attributed(
        (0, 0, "indirect"),
        mention,
        sent_of(subject),
        rule=SUBJECT_RULE,
        cue=None,
        cue_class=None,
        cue_start=None,
        evidence=[],
    )
    claim = _continue(doc, quote, quotes, template, taken)
    if claim is None:
        return None
    verb = subject.head  # the words after the subject's verb: "Trump called it “a disaster”"
    if (
        verb.dep_ == "ROOT"
        and verb.tag_ in FINITE_VERB_TAGS  # not a misparse's "meeting" in "X, meeting Y, called"
        and subject.i < verb.i
        and claim.start < verb.idx + len(verb) <= quote.start
    ):
        shaped = shape_content(text_of(doc), verb.idx + len(verb), claim.end, quotes)
        if shaped is not None:
            claim.start, claim.end, claim.kind = shaped
    claim.rule = SUBJECT_RULE
    claim.evidence = [f"quotation woven into a sentence whose subject is '{mention.text}'"]
    return claim


def _woven_in(text: str, quote: Quote) -> bool:
    """True when the quotation is woven into a sentence: a word touches its marks
    ("the North “should be condemned”"), not a comma or the sentence's edge."""
    before = text[: max(0, quote.start - 1)].rstrip(" ")
    after = text[min(len(text), quote.end + 1) :].lstrip(' ”»"')
    return (before[-1:].isalnum()) or (after[:1].isalnum())


def _covered(quote: Quote, claims: list[Claim]) -> bool:
    """True when a claim holds most of the quotation, or the quotation holds a claim's cue."""
    size = max(1, quote.end - quote.start)
    return any(
        max(0, min(c.end, quote.end) - max(c.start, quote.start)) / size > 0.5
        or (c.cue_start is not None and quote.start <= c.cue_start < quote.end)
        for c in claims
    )


def _previous_claim(quote: Quote, claims: list[Claim]) -> Claim | None:
    before = [c for c in claims if c.start < quote.start]
    return max(before, key=lambda c: c.end) if before else None


def _paragraph(para_starts: list[int], char: int) -> int:
    return bisect.bisect_right(para_starts, char) - 1
