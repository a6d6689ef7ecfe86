"""Page furniture in scraped articles: text that belongs to the web page, not the story.

The Hill, for one, follows a politician's name with a box of related links that the
scrape flattens into the sentence: "Sen. Lindsey Graham Lindsey Olin GrahamTrump says
... MORE (R-S.C.) said ...". Parsed as prose, its headlines become claims and its names
speakers. CNN's video boxes ("JUST WATCHED Obama: This will not be America's fight
Replay More Videos ... MUST WATCH Obama: ... 01:55") do the same with their titles, as do
CNN's photo galleries ("Photos: Crisis in Ukraine <caption> Hide Caption 1 of 132 ...") and
The Guardian's related links ("Obama orders US special forces to 'assist' ... Read more")
and other sites' ("SEE ALSO: North Korea threatens attack ...");
a dateline ("CLEVELAND - Donald Trump accepted ...") would be read as part of a name.
:func:`mask_page_furniture` blanks such spans with spaces before the parse, so every
character offset into the article stays exact.

Example:
    >>> text = "Sen. Lindsey Graham Lindsey Olin GrahamTrump says more MORE (R-S.C.) said so."
    >>> mask_page_furniture(text).split()
    ['Sen.', 'Lindsey', 'Graham', '(R-S.C.)', 'said', 'so.']
    >>> len(mask_page_furniture(text)) == len(text)
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from toolkit.entities.gazetteer import load_gazetteer

MORE_RE = re.compile(r"(?<=\S) MORE\b")
# A name glued to a headline: "GrahamTrump", "TrumpGOP", "Clinton2020".
GLUE_RE = re.compile(r"(?<=[a-z])(?=[A-Z0-9])")
WORD_RE = re.compile(r"\S+")
# A CNN video box: its title, the player's words, the title again and the video's length.
VIDEO_BOX_RE = re.compile(
    r"JUST WATCHED [^\n]{0,300}? Replay More Videos \.\.\. MUST WATCH [^\n]{0,300}? \d{1,2}:\d{2}"
)
# A CNN photo gallery: lines that start "Photos: <title>" or hold a "Hide Caption k of N",
# closed by "Hide Caption N of N" (a caption's "the charity said" belongs to the photo,
# not the story). A gallery never closed is left alone, and so is the story after it.
GALLERY_LINES_RE = re.compile(
    r"^Photos: [^\n]*(?:\n\s*(?:Photos: [^\n]*|[^\n]*\bHide Caption \d+ of \d+[^\n]*))*",
    re.MULTILINE,
)
GALLERY_END_RE = re.compile(r"\bHide Caption (\d+) of \1\b")
# A related-link line ("<headline> | <author> Read more", The Guardian: no sentence ends in
# it, so a paragraph of the story that happens to end so stays) and a link after
# the story ("Read more: http://...", "Read more at: http://...").
READ_MORE_RE = re.compile(
    r"^[^\n.!?]{1,300}? Read more[ \t]*\r?$|Read more(?: at)?: ?https?://\S+", re.MULTILINE
)
# A dateline opening a paragraph: "CLEVELAND - ", "LEXINGTON, Va. — ", "SEOUL, South Korea — "
# (the tagger reads "CLEVELAND - Donald Trump" as one name): one to three words in capitals,
# then a paragraph of prose, not a headline ("US - China talks resume").
DATELINE_RE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z.'’]{2,}(?: [A-Z][A-Z.'’]+){0,2})"
    r"(?:, [A-Z][a-z.]+(?: [A-Z][a-z.]+)?)? ?(?:-{1,2}|[—–]) (?=[A-Z\"“][^\n]{80})",
    re.MULTILINE,
)
PLACE_TYPES = {"country", "location"}  # a dateline's place, if the gazetteer knows it
# A line linking another story: "SEE ALSO: North Korea threatens attack ...", "RELATED: ...",
# "READ: ..." (its headline is no claim or mention of this story).
RELATED_LINK_RE = re.compile(
    r"^[ \t]*(?:SEE ALSO|RELATED|READ MORE|READ ALSO|ALSO READ|READ|FLASHBACK):[^\n]*",
    re.MULTILINE,
)
# CNN's label over its summary bullets: "Story highlights Two U.S. warships moving ..."
HIGHLIGHTS_RE = re.compile(r"^[ \t]*Story highlights\b", re.MULTILINE)
MAX_LINKS_CHARS = 700  # how far before "MORE" the box of links may start
MAX_NAME_WORDS = 8  # words between the shown name and the glued full name


def page_furniture(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` character spans of link boxes, video boxes and galleries in ``text``,
    in order (overlapping spans are possible; masking both is the same).

    A box runs from a person's full name, glued to the first headline, to "MORE"; it is
    recognised only when the name's surname stands alone a few words before it ("Graham
    Lindsey Olin GrahamTrump"), so "McCain" or "DeSantis" never start one.
    """
    spans: list[tuple[int, int]] = []
    searched_from = 0
    for more in MORE_RE.finditer(text):
        window_start = max(searched_from, more.start() - MAX_LINKS_CHARS)
        line_start = text.rfind("\n", 0, more.start()) + 1
        window_start = max(window_start, line_start)
        start = _box_start(text, window_start, more.start())
        if start is None:
            start = _repeated_name_start(text, window_start, more.start())
        if start is not None:
            spans.append((start, more.end()))
            searched_from = more.end()
    for pattern in (VIDEO_BOX_RE, READ_MORE_RE, HIGHLIGHTS_RE, RELATED_LINK_RE):
        spans += [match.span() for match in pattern.finditer(text)]
    spans += [m.span() for m in DATELINE_RE.finditer(text) if _may_be_place(m.group("place"))]
    spans += _galleries(text)
    return sorted(spans)


def _may_be_place(words: str) -> bool:
    """A dateline's words in capitals name a place the gazetteer knows, or nothing it
    knows ("CLEVELAND", "ST. LOUIS"): not an organisation that opens a paragraph ("NATO -
    Russia ...") nor an abbreviation ("U.S. - China ...")."""
    if "." in words and " " not in words:
        return False
    gazetteer = load_gazetteer()
    entity = gazetteer.canonical(words)
    return entity is None or gazetteer.entity_type(entity) in PLACE_TYPES


def _galleries(text: str) -> list[tuple[int, int]]:
    """The spans of CNN photo galleries: each run of gallery lines up to its last
    "Hide Caption N of N"."""
    spans = []
    for lines in GALLERY_LINES_RE.finditer(text):
        ends = list(GALLERY_END_RE.finditer(text, lines.start(), lines.end()))
        if ends:
            spans.append((lines.start(), ends[-1].end()))
    return spans


def mask_page_furniture(text: str) -> str:
    """``text`` with its page furniture replaced by spaces (same length, same offsets)."""
    for start, end in page_furniture(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _repeated_name_start(text: str, window_start: int, window_end: int) -> int | None:
    """Where a box starts that repeats the shown name's first name: "Steny Hoyer Steny
    Hamilton Hoyer Hoyer calls ... MORE", "Sarah Huckabee Sarah Elizabeth SandersBill ...
    MORE Sanders", "George PapadopoulosGeorge Demetrios PapadopoulosThe ... MORE". The
    repeated full name goes on to the shown surname or to a word glued to a headline
    within a few words, so "United States, United Kingdom ... READ MORE" is no box."""
    words = list(_word_parts(text, window_start, window_end))
    for k in range(2, len(words)):
        (_, first, _), (_, shown_last, _), (again_at, again, _) = words[k - 2 : k + 1]
        if again != first or not (_name_word(first) and _name_word(shown_last)):
            continue
        full_name = words[k + 1 : k + 1 + MAX_NAME_WORDS // 2]
        if any(word == shown_last or glued for _, word, glued in full_name):
            return again_at
    return None


def _name_word(word: str) -> bool:
    """A word of a name as shown before a box: "Steny", "Hoyer" (not "States,", "said")."""
    return word.istitle() and word.isalpha()


def _word_parts(text: str, start: int, end: int) -> Iterator[tuple[int, str, bool]]:
    """``(offset, word, glued)`` of the words between ``start`` and ``end``, a glued word
    split in two ("SandersBill": "Sanders", then "Bill", glued)."""
    for word in WORD_RE.finditer(text, start, end):
        cuts = [
            word.start(),
            *(g.start() for g in GLUE_RE.finditer(text, word.start(), word.end())),
        ]
        for cut, next_cut in zip(cuts, [*cuts[1:], word.end()], strict=True):
            yield cut, text[cut:next_cut], cut != word.start()


def _box_start(text: str, window_start: int, window_end: int) -> int | None:
    """Where a box of links before ``window_end`` starts: the word after the shown surname."""
    for glue in GLUE_RE.finditer(text, window_start, window_end):
        word_start = text.rfind(" ", window_start, glue.start()) + 1
        surname = text[word_start : glue.start()]
        if len(surname) < 2 or not surname[0].isupper():
            continue
        words = list(WORD_RE.finditer(text, window_start, word_start))[-MAX_NAME_WORDS:]
        if not words or not words[-1].group().lstrip("(")[:1].isupper():
            continue  # the glued name is a full name ("Donald John TrumpGOP"), not "said Trump2020"
        for k in range(len(words) - 1, -1, -1):
            if words[k].group().strip(",.") == surname:
                return words[k + 1].start() if k + 1 < len(words) else word_start
    return None
