"""Find quotations in raw text: straight, curly and guillemet marks, balanced or not.

Works on characters, before any parse, so that a quotation that runs over several
sentences stays one span. Marks are paired within a paragraph; an opening mark with
no closing one runs to the end of its paragraph (the news convention for a quote
that goes on in the next paragraph); a stray closing mark is ignored.

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
PARAGRAPH_RE = re.compile(r"\n\s*\n")
TRAILING_TRIM = " \t\n,;:"


class Quote(NamedTuple):
    """A quotation's content (marks excluded) as character offsets, and how it ended."""

    start: int
    end: int
    closed: bool


def find_quotes(text: str) -> list[Quote]:
    """Return the quotations of ``text`` in order, content only, trailing commas trimmed."""
    quotes: list[Quote] = []
    for para_start, para_end in paragraphs(text):
        quotes.extend(_quotes_in(text, para_start, para_end))
    return quotes


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
    for i in range(para_start, para_end):
        char = text[i]
        if char in OPENING or (char == STRAIGHT and open_at is None and _opens(text, i, para_end)):
            if open_at is not None:  # an unclosed quote before a new opening mark
                quotes.append(_make(text, open_at, i, closed=False))
            open_at = i + 1
        elif (char in CLOSING or char == STRAIGHT) and open_at is not None:
            quotes.append(_make(text, open_at, i, closed=True))
            open_at = None
    if open_at is not None:
        quotes.append(_make(text, open_at, para_end, closed=False))
    return [q for q in quotes if q.end > q.start]


def _opens(text: str, i: int, para_end: int) -> bool:
    """A straight mark opens when a word follows it."""
    return i + 1 < para_end and not text[i + 1].isspace()


def _make(text: str, start: int, end: int, *, closed: bool) -> Quote:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in TRAILING_TRIM:
        end -= 1
    return Quote(start, end, closed)
