"""The ``Claim`` record that every rule family produces, and span helpers they share.

Example:
    >>> claim = Claim(start=0, end=3, rule="reported_speech")
    >>> claim.length
    3
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from toolkit.attribution.quotes import Quote
from toolkit.attribution.speakers import SpeakerMention

LEADING_TRIM = " \t\n,;:—–-”»"
TRAILING_TRIM = " \t\n,;:—–-“«„"
WH_WORDS = {"what", "which", "who", "whom", "whose", "whatever"}  # a lone one says nothing
SENT_STARTS_KEY = ("toolkit", "sentence_starts")
TEXT_KEY = ("toolkit", "text")
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP"})  # a clause's own verb, not a participle
QUESTION_OPENERS = frozenset({"whether", "if"})
CONTENT_OPENERS = QUESTION_OPENERS | {"that"}
DANGLING_WORDS = {"and", "but", "or", "before", "while", "after", "as"}
# A wire story's dateline: "SEOUL (Reuters) - ", "PYONGYANG, North Korea (AP) — ",
# "May 25 (Xinhua) -- ", "(CNN) -- ".
DATELINE_RE = re.compile(
    r"(?:[A-Z][A-Z.'’/-]+(?: [A-Z][A-Z.'’/-]+)*(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?)? "  # city
    r"|[A-Z][a-z]{2,8}\.? \d{1,2},? )?"  # or date
    r"\([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,2}\) ?[-–—]{1,2} "  # (agency) -
)


@dataclass
class Claim:
    """One attributed statement: its content span, cue, speaker and the rule that found it."""

    start: int
    end: int
    rule: str
    kind: str = "indirect"
    cue: str | None = None
    cue_class: str | None = None
    cue_start: int | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_label: str | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    speaker_type: str = "unknown"
    joint: bool = False  # the speaker is the first of several ("Blinken and Park said")
    via: str | None = None
    sent_start: int = 0
    sent_end: int = 0
    evidence: list[str] = field(default_factory=list)
    from_complement: bool = False  # content is an object or infinitive, not a clause or quotation

    @classmethod
    def attributed(
        cls,
        content: tuple[int, int, str],
        mention: SpeakerMention,
        sent: Span,
        *,
        rule: str,
        cue: str | None,
        cue_class: str | None,
        cue_start: int | None,
        evidence: list[str],
        **details,
    ) -> Claim:
        """A claim from its shaped content ``(start, end, kind)``, its source's mention and sentence."""
        start, end, kind = content
        return cls(
            start=start,
            end=end,
            rule=rule,
            kind=kind,
            cue=cue,
            cue_class=cue_class,
            cue_start=cue_start,
            speaker_mention=mention.text,
            speaker_start=mention.start,
            speaker_label="PRON" if mention.is_pronoun else mention.label,
            speaker_role=mention.role,
            joint=bool(mention.conjuncts),
            sent_start=sent.start_char,
            sent_end=sent.end_char,
            evidence=evidence,
            **details,
        )

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlap(self, other: Claim) -> int:
        """Characters shared with another claim's content."""
        return max(0, min(self.end, other.end) - max(self.start, other.start))


def subtree_chars(token: Token, *, exclude: Token | None = None) -> tuple[int, int]:
    """Character offsets of ``token``'s subtree, stopping short of ``exclude``'s subtree."""
    left, right = token.left_edge.i, token.right_edge.i
    if exclude is not None and left <= exclude.i <= right:
        if exclude.i > token.i:
            right = exclude.left_edge.i - 1
        else:
            left = exclude.right_edge.i + 1
    doc = token.doc
    return doc[left].idx, doc[right].idx + len(doc[right])


def shape_content(
    text: str, start: int, end: int, quotes: list[Quote], *, clause: bool = True
) -> tuple[int, int, str] | None:
    """Trim a content span and say its kind: ``direct``, ``mixed`` or ``indirect``.

    A span whose words all lie inside one quotation becomes that quotation (marks
    excluded, kind ``direct``). A span that touches quotations is widened to cover
    them whole, closing marks included (``mixed``). A leading "whether" or "if", a
    ``clause``'s leading "that" (an object's "that behavior" keeps it), punctuation and a
    wire dateline ("SEOUL (Reuters) - ") are dropped. Returns None when no word is left,
    or a lone wh-word ("What he was referring to was ...").
    """
    start, end = _trim(text, start, end, openers=CONTENT_OPENERS if clause else QUESTION_OPENERS)
    if end <= start or text[start:end].lower() in WH_WORDS:  # "What he referred to was ..."
        return None
    touching = [q for q in quotes if q.start < end and q.end > start]
    for quote in touching:
        if _words_inside(text, start, end, quote) or _leads_then_breaks(text, start, end, quote):
            return quote.start, quote.end, "direct"
    if not touching:
        return start, end, "indirect"
    start = min(start, touching[0].start)
    end = max(end, touching[-1].end)
    if end < len(text) and text[end] in '”»"':
        end += 1
    if start > 0 and text[start - 1] in '“«„"' and start == touching[0].start:
        start -= 1
    return start, end, "mixed"


def _trim(text: str, start: int, end: int, *, openers: frozenset[str]) -> tuple[int, int]:
    while True:
        before = (start, end)
        while start < end and text[start] in LEADING_TRIM:
            start += 1
        while end > start and text[end - 1] in TRAILING_TRIM + ".":
            end -= 1
        dateline = DATELINE_RE.match(text, start, end)
        if dateline:
            start = dateline.end()
        word_end = start
        while word_end < end and text[word_end].isalpha():
            word_end += 1
        if text[start:word_end].lower() in openers and word_end < end and text[word_end] == " ":
            start = word_end
        last_space = text.rfind(" ", start, end)
        if last_space > start and text[last_space + 1 : end].lower() in DANGLING_WORDS:
            end = last_space  # "the deal was dead and" before the next cue
        if (start, end) == before:
            return start, end


def _leads_then_breaks(text: str, start: int, end: int, quote: Quote) -> bool:
    """ "said, “...”, highlighting ...": a quotation that opens the span and ends at a comma."""
    if (
        not quote.closed
        or any(ch.isalnum() for ch in text[start : quote.start])
        or quote.end >= end
    ):
        return False
    rest = text[quote.end : end].lstrip('”»" ')
    return rest[:1] in {",", ";"} or text[quote.end - 1 : quote.end] == ","


def _words_inside(text: str, start: int, end: int, quote: Quote) -> bool:
    outside = text[start : quote.start] + text[quote.end : end]
    return not any(ch.isalnum() for ch in outside)


def sentence_of(doc: Doc, char: int) -> Span:
    """The sentence that holds the character offset ``char``."""
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    return sent_of(token[0] if token is not None and len(token) else doc[-1])


def text_of(doc: Doc) -> str:
    """The article's text, joined once per article (spaCy's ``Doc.text`` joins every token
    at each call).

    Example:
        >>> from toolkit.nlp import load_model
        >>> text_of(load_model()("Kim said so."))
        'Kim said so.'
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def sent_of(token: Token) -> Span:
    """``token.sent``, found in the article's sentence starts, which are read once per
    article (spaCy's ``Token.sent`` walks every sentence before it at each call).

    Example:
        >>> from toolkit.nlp import load_model
        >>> doc = load_model()("One. Two words.")
        >>> sent_of(doc[3]).text
        'Two words.'
    """
    doc = token.doc
    starts = doc.user_data.get(SENT_STARTS_KEY)
    if starts is None:
        starts = [sent.start for sent in doc.sents]
        doc.user_data[SENT_STARTS_KEY] = starts
    index = bisect.bisect_right(starts, token.i) - 1
    end = starts[index + 1] if index + 1 < len(starts) else len(doc)
    return doc[starts[index] : end]
