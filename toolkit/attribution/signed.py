"""Rule family ``signed``: words signed with a dash and a name after them.

Covers a quotation signed by its speaker ("“He scares me.” ― Krystal Correa") and an
embedded post whose text ends with its author, handle and date ("None of these is
true. — Dan Shapiro (@DanielBShapiro) May 14, 2018"). The signature must end its
line, so a dash inside a sentence is never read as one.

Example:
    >>> from toolkit.nlp import load_model
    >>> from toolkit.attribution.quotes import find_quotes
    >>> doc = load_model()("Readers wrote in.\\n\\n“He can’t even answer a question.” ― Esther Tapia")
    >>> claims = find_signed_claims(doc, find_quotes(doc.text))
    >>> [(doc.text[c.start:c.end], c.speaker_mention) for c in claims]
    [('He can’t even answer a question.', 'Esther Tapia')]
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from toolkit.attribution.claim import Claim, sentence_of, shape_content, text_of
from toolkit.attribution.quotes import Quote
from toolkit.attribution.speakers import SpeakerMention

RULE = "signed"
NAME_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
# A dash, a name of one to five capitalised words, then an optional "(@handle) Month D, YYYY".
# It starts at the dash, never at blanks before it: a run of blanks (page furniture masked
# with spaces) would be scanned again from each of its positions.
SIGNATURE_RE = re.compile(
    r"[―—–][ \t\u00a0]*"
    r"(?P<name>(?:The )?[A-Z][\w.’'-]*(?:[ \t\u00a0]+[A-Z][\w.’'-]*){0,4})"
    r"(?P<handle>[ \t\u00a0]*\(@\w+\))?"
    r"(?:[ \t\u00a0]+[A-Z][a-z]+\.?[ \t\u00a0]+\d{1,2},?[ \t\u00a0]+\d{4})?"
    r"[ \t\u00a0.]*$",
    re.MULTILINE,
)
LINK_RE = re.compile(r"(?:pic\.twitter\.com/\S+|https?://\S+)")
MIN_CONTENT_WORDS = 3


def find_signed_claims(doc: Doc, quotes: list[Quote]) -> list[Claim]:
    """Return a claim for every quotation or post signed at the end of its line."""
    text = text_of(doc)
    claims = []
    for match in SIGNATURE_RE.finditer(text):
        name_start, name_end = match.span("name")
        label = _label(doc, name_start, name_end)
        if label is None:
            continue
        content = _signed_content(text, match.start(), quotes, bool(match.group("handle")))
        if content is None:
            continue
        shaped = shape_content(text, *content, quotes)
        if shaped is None or len(text[shaped[0] : shaped[1]].split()) < MIN_CONTENT_WORDS:
            continue
        name = _without_full_stop(match.group("name"))
        mention = SpeakerMention(name, name_start, label, None, False, ())
        via = "Twitter" if match.group("handle") else None
        claims.append(
            Claim.attributed(
                (*shaped[:2], "direct"),
                mention,
                sentence_of(doc, shaped[0]),
                rule=RULE,
                cue=None,
                cue_class=None,
                cue_start=None,
                evidence=[f"signed '{text[match.start() : match.end()].strip()}'"],
                via=via,
            )
        )
    return claims


def _signed_content(
    text: str, dash: int, quotes: list[Quote], is_post: bool
) -> tuple[int, int] | None:
    """The quotation that ends right before the dash, or a post's text on its own line."""
    before = [
        q for q in quotes if q.end <= dash and not text[q.end : dash].strip(" \t”»\"'.,\u00a0")
    ]
    if before:
        return before[-1].start, before[-1].end
    if not is_post:
        return None
    line_start = text.rfind("\n", 0, dash) + 1
    body = LINK_RE.sub(lambda m: " " * len(m.group()), text[line_start:dash])
    stripped = body.rstrip()
    start = line_start + len(body) - len(body.lstrip())
    end = line_start + len(stripped)
    return (start, end) if end > start else None


def _without_full_stop(name: str) -> str:
    """ "Carla Sanchez." -> "Carla Sanchez"; an initial keeps its dot ("Mark Z.")."""
    return name[:-1] if name.endswith(".") and len(name.split()[-1]) > 2 else name


def _label(doc: Doc, start: int, end: int) -> str | None:
    """The entity label the tagger gave a signature's name, if any of it is a name."""
    for ent in doc.ents:
        if ent.start_char < end and start < ent.end_char and ent.label_ in NAME_LABELS:
            return ent.label_
    return None
