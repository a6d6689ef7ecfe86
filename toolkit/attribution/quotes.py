"""Find quotations in raw text: straight, curly and guillemet marks, balanced or not;
also the doubled apostrophes (''...'') of wire copy.

Works on characters, before any parse, so that a quotation that runs over several
sentences stays one span. ‘Single’ curly marks make a quotation too, outside double ones. Marks are paired within a paragraph; an opening mark with
no closing one runs to the end of its paragraph (the news convention for a quote
that goes on in the next paragraph); a stray closing mark is ignored. Marks around a
title are not a quotation: "he told “Fox News Sunday.”", "on NBC’s “Meet the Press”".

Example:
    >>> [(q.start, q.end) for q in find_quotes('He said “yes, sir,” and left.')]
    [(9, 17)]
"""

from __future__ import annotations

import re
from typing import NamedTuple

OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
DOUBLED_STRAIGHT, DOUBLED_OPENING = "''", "``"
SINGLE_OPENING, SINGLE_CLOSING = "‘", "’"
PARAGRAPH_RE = re.compile(r"\n\s*\n")
TRAILING_TRIM = " \t\n,;:"
# Words after which a short capitalised quotation names a show, paper or book.
TITLE_LEADS = {"told", "tells", "telling", "on", "in", "to", "with", "from", "of", "by"}
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "in", "on", "for", "to", "with", "at", "&"}
MAX_TITLE_WORDS = 6
POSSESSIVE_RE = re.compile(r"(?:['’]s|s['’])$")


class Quote(NamedTuple):
    """A quotation's content (marks excluded) as character offsets, and how it ended."""

    start: int
    end: int
    closed: bool


def find_quotes(text: str) -> list[Quote]:
    """Return the quotations of ``text`` in order, content only, trailing commas trimmed."""
    quotes: list[Quote] = []
    for para_start, para_end in paragraphs(text):
        double = _quotes_in(text, para_start, para_end)
        quotes.extend(double)
        quotes.extend(_single_quotes_in(text, para_start, para_end, double))
    quotes.sort()
    return [quote for quote in quotes if not is_title(text, quote)]


def _single_quotes_in(
    text: str, para_start: int, para_end: int, double: list[Quote]
) -> list[Quote]:
    """Quotations in ‘single’ curly marks outside double-quoted ones (headlines, British
    style). An apostrophe between letters ("don’t") neither opens nor closes one, and a
    ‘ with no closing ’ before the paragraph ends is no quotation."""
    quotes = []
    open_at: int | None = None
    inside = set()
    for quote in double:
        inside.update(range(quote.start - 1, quote.end + 1))
    for i in range(para_start, para_end):
        if i in inside:
            open_at = None
            continue
        before = text[i - 1] if i > para_start else " "
        after = text[i + 1] if i + 1 < para_end else " "
        if text[i] == SINGLE_OPENING and not before.isalnum() and not after.isspace():
            open_at = i + 1
        elif text[i] == SINGLE_CLOSING and open_at is not None and not after.isalnum():
            quotes.append(_make(text, open_at, i, closed=True))
            open_at = None
    return [q for q in quotes if q.end > q.start]


def is_title(text: str, quote: Quote) -> bool:
    """True when a quotation names a title: a few capitalised words after "told", "on",
    "in"... or a possessive ("NBC News’ “Meet the Press”"), not words someone said.

    Example:
        >>> text = 'McCain told “Fox News Sunday.” “We need action.”'
        >>> [is_title(text, q) for q in _quotes_in(text, 0, len(text))]
        [True, False]
    """
    words = text[quote.start : quote.end].rstrip(".!?").split()
    if not quote.closed or not 0 < len(words) <= MAX_TITLE_WORDS:
        return False
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in TITLE_SMALL_WORDS for w in words):
        return False
    before = text[max(0, quote.start - 40) : quote.start].rstrip(OPENING + STRAIGHT + " ")
    lead = before.split()[-1] if before.split() else ""
    return lead.lower() in TITLE_LEADS or bool(POSSESSIVE_RE.search(lead))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the blank-line separated paragraphs of ``text``."""
    spans = []
    start = 0
    for match in PARAGRAPH_RE.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _quotes_in(text: str, para_start: int, para_end: int) -> list[Quote]:
    quotes = []
    open_at: int | None = None
    i = para_start
    while i < para_end:
        char, width = _mark_at(text, i, para_end)
        straight = char == STRAIGHT
        if char in OPENING or (straight and open_at is None and _opens(text, i + width, para_end)):
            if open_at is not None:  # an unclosed quote before a new opening mark
                quotes.append(_make(text, open_at, i, closed=False))
            open_at = i + width
        elif (char in CLOSING or straight) and open_at is not None:
            quotes.append(_make(text, open_at, i, closed=True))
            open_at = None
        i += width
    if open_at is not None:
        quotes.append(_make(text, open_at, para_end, closed=False))
    return [q for q in quotes if q.end > q.start]


def _mark_at(text: str, i: int, para_end: int) -> tuple[str, int]:
    """The character at ``i`` and its width; two apostrophes ('') are one straight double
    mark and two backticks (``) an opening one, as in wire and typeset copy."""
    pair = text[i : min(i + 2, para_end)]
    if pair == DOUBLED_STRAIGHT:
        return STRAIGHT, 2
    if pair == DOUBLED_OPENING:
        return OPENING[0], 2
    return text[i], 1


def _opens(text: str, after: int, para_end: int) -> bool:
    """A straight mark opens when a word follows it (``after`` is where the mark ends)."""
    return after < para_end and not text[after].isspace()


def _make(text: str, start: int, end: int, *, closed: bool) -> Quote:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in TRAILING_TRIM:
        end -= 1
    return Quote(start, end, closed)
