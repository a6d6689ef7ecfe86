"""Rule family ``headline``: "X says Y" in a headline, which the parser reads badly.

A headline is the article's first line after its header, or a one-line paragraph in
title case. Its clauses are split at commas and semicolons; in each, a reporting
verb of the cue lexicon splits source from content: "Bae says health deteriorating",
"Trump hails ‘ongoing negotiations’ after summit, says meeting ‘being set’" (the
second claim keeps the first one's source), "Trump Invited Putin to Summit, Kremlin
Says" (a cue that ends its clause reports the clause before).

Example:
    >>> from toolkit.nlp import load_model
    >>> from toolkit.attribution.lexicon import load_lexicon
    >>> doc = load_model()("Kremlin Says Putin Was Invited to Summit\\n\\nBody text.")
    >>> [(doc.text[c.start:c.end], c.speaker_mention) for c in find_headline_claims(doc, [], load_lexicon())]
    [('Putin Was Invited to Summit', 'Kremlin')]
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from toolkit.attribution.claim import FINITE_VERB_TAGS, Claim, shape_content, text_of
from toolkit.attribution.lexicon import CueLexicon
from toolkit.attribution.quotes import Quote, paragraphs
from toolkit.attribution.speakers import SpeakerMention, can_speak, describe_speaker
from toolkit.reading import body_start

RULE = "headline"
SENTENCE_BREAK_RE = re.compile(r"[.!?][”’\"']? +[A-Z“‘\"]")
MAX_HEADLINE_WORDS = 30
MIN_CONTENT_WORDS = 2
MAX_SOURCE_WORDS = 6
CLAUSE_BREAKS = {",", ";", "|"}
TITLE_CASE_SHARE = 0.6
HEADLINE_VERBS = {
    "say", "tell", "warn", "urge", "call", "hail", "vow", "claim", "deny", "slam", "blast",
    "accuse", "insist", "admit", "defend", "praise", "threaten", "suggest", "confirm", "reject",
    "condemn", "criticize", "criticise", "argue", "ask", "reveal", "announce", "predict",
    "pledge", "promise", "demand", "blame", "dismiss", "concede", "declare", "stress", "doubt",
}  # fmt: skip
PAST_SPEECH = {"said", "told"}
SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "for", "to", "at", "by", "with"}


def find_headline_claims(doc: Doc, quotes: list[Quote], lexicon: CueLexicon) -> list[Claim]:
    """Return the claims of the article's headline lines."""
    claims: list[Claim] = []
    for line in headline_lines(doc):
        claims.extend(_line_claims(line, quotes, lexicon))
    return claims


def headline_lines(doc: Doc) -> list[Span]:
    """The first line after the header, and any other one-line paragraph in title case."""
    text = text_of(doc)
    story = body_start(text)
    lines, first = [], True
    for start, end in paragraphs(text):
        if end <= story:
            continue
        is_first, first = first, False
        span = doc.char_span(start, end, alignment_mode="contract")
        if "\n" in text[start:end].strip() or span is None:
            continue
        if not 0 < len(span) <= MAX_HEADLINE_WORDS or _ends_sentence(span):
            continue
        if is_first or _title_case(span):
            lines.append(span)
    return lines


def _ends_sentence(span: Span) -> bool:
    """Prose, not a headline: a line that ends with a full stop (before any closing
    quotation mark) or holds one between sentences."""
    text = span.text.rstrip().rstrip("”’\"'»")
    return (text.endswith(".") and not text.endswith("..")) or bool(SENTENCE_BREAK_RE.search(text))


def _title_case(span: Span) -> bool:
    words = [t for t in span if t.is_alpha and t.lower_ not in SMALL_WORDS]
    capitalised = sum(1 for t in words if t.text[0].isupper())
    return len(words) >= 3 and capitalised / len(words) >= TITLE_CASE_SHARE


def _clauses(line: Span) -> list[Span]:
    """The headline's clauses, split at commas and semicolons."""
    clauses, start = [], line.start
    for token in line:
        if token.text in CLAUSE_BREAKS:
            if token.i > start:
                clauses.append(line.doc[start : token.i])
            start = token.i + 1
    if start < line.end:
        clauses.append(line.doc[start : line.end])
    return clauses


def _line_claims(line: Span, quotes: list[Quote], lexicon: CueLexicon) -> list[Claim]:
    claims: list[Claim] = []
    clauses = _clauses(line)
    for index, clause in enumerate(clauses):
        cue = next((t for t in clause[1:] if _is_cue(t.text, lexicon)), None)
        if cue is None and _is_cue(clause[0].text, lexicon) and claims:
            cue = clause[0]  # "..., says meeting with Kim ‘being set’": the last source again
        if cue is None:
            continue
        source = clause.doc[clause.start : cue.i]
        content = clause.doc[cue.i + 1 : clause.end]
        if not len(content) and index > 0:  # "Trump Invited Putin to Summit, Kremlin Says"
            content = clause.doc[line.start : clauses[index - 1].end]
        claim = _claim(line, source, cue, content, claims, quotes, lexicon)
        if claim is not None:
            claims.append(claim)
    return claims


def _claim(
    line: Span,
    source: Span,
    cue: Token,
    content: Span,
    earlier: list[Claim],
    quotes: list[Quote],
    lexicon: CueLexicon,
) -> Claim | None:
    """One clause's claim: its source before the cue, or the previous clause's source."""
    if len([t for t in content if t.is_alpha]) < MIN_CONTENT_WORDS:
        return None
    shaped = shape_content(text_of(line.doc), content.start_char, content.end_char, quotes)
    if shaped is None:
        return None
    if len(source):
        if len(source) > MAX_SOURCE_WORDS or not _can_be_source(source, lexicon):
            return None
        mention, how = _mention(source), f"source: '{source.text}' before the cue"
    elif earlier:
        previous = earlier[-1]
        mention = SpeakerMention(
            previous.speaker_mention or "",
            previous.speaker_start or previous.start,
            previous.speaker_label,
            previous.speaker_role,
            False,
            (),
        )
        how = "source: the headline's previous clause"
    else:
        return None
    return Claim.attributed(
        shaped,
        mention,
        line,
        rule=RULE,
        cue=cue.text,
        cue_class=lexicon.verb_class(cue.text),
        cue_start=cue.idx,
        evidence=[f"headline '{line.text}'", f"cue '{cue.text}'", how],
    )


def _can_be_source(source: Span, lexicon: CueLexicon) -> bool:
    """A name (the tagger's, or a capitalised word: headlines defeat the parser) or a
    noun that can speak, with no verb of its own ("NATO Ignored Its Security Demands"
    has none: "Demands" is a noun there)."""
    if any(t.tag_ in FINITE_VERB_TAGS for t in source):
        return False
    return any(t.ent_type_ or t.text[:1].isupper() for t in source) or can_speak(
        source.root, lexicon
    )


def _mention(source: Span) -> SpeakerMention:
    """The source as written in the headline, with the entity label its words carry; the
    tagger's entity may run on into the cue ("Kremlin Says")."""
    described = describe_speaker(source.root)
    if (
        source.start_char <= described.start
        and described.start + len(described.text) <= source.end_char
    ):
        return described
    labels = [t.ent_type_ for t in source if t.ent_type_]
    return SpeakerMention(
        source.text, source.start_char, labels[-1] if labels else None, None, False, ()
    )


def _is_cue(word: str, lexicon: CueLexicon) -> bool:
    """A headline's reporting verb in the present ("says", "Warns") or "said"/"told": the
    verbs headlines use for speech, not words they use as nouns as often ("Comments",
    "Plans") nor participles ("unit blamed for the massacre")."""
    lower = word.lower()
    lemma = lexicon.forms.get(lower)
    return lemma in HEADLINE_VERBS and (
        (lower.endswith("s") and lemma != lower) or lower in PAST_SPEECH
    )
