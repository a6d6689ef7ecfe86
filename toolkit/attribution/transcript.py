"""Rule family ``transcript``: the turns of an interview transcript, each opened by its
speaker's label in capitals ("AMY GOODMAN: ...", "FALLIN: ...", "STEVE INSKEEP, HOST: ...").

A turn is the rest of its line (or the next paragraph, after a label alone on its line:
NPR's "STEVE INSKEEP, HOST:"), verbatim, one claim in the speaker's own words (kind
``direct``: a transcript quotes verbatim without quotation marks). A label is a
speaker's when its last word is the surname of a person the article names
("FALLIN" after "Governor Mary Fallin"), or when it is a full name in an article where
some label opens two paragraphs or more (the interviewer and guests of a dialogue);
page labels ("OPINION:", "SEE ALSO:", "FILE PHOTO:"), initials ("ZB:") and places
("U.S.:") never are. Leading titles go to the role ("SECRETARY OF STATE JOHN KERRY").

Example:
    >>> from toolkit.nlp import load_model
    >>> text = "AMY GOODMAN: Welcome.\\n\\nMARY ROBINSON: Thank you, Amy. It is good to be here.\\n\\nAMY GOODMAN: Why now?"
    >>> doc = load_model()(text)
    >>> [(c.speaker_mention, doc.text[c.start:c.end]) for c in find_transcript_turns(doc, [], frozenset())]
    [('Amy Goodman', 'Welcome.'), ('Mary Robinson', 'Thank you, Amy. It is good to be here.'), ('Amy Goodman', 'Why now?')]
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from toolkit.attribution.claim import Claim, sentence_of, text_of
from toolkit.attribution.quotes import Quote
from toolkit.attribution.speakers import HONORIFICS, SpeakerMention

RULE = "transcript"
UPPER = "A-ZÀ-ÖØ-Þ"  # capitals, accented ones too ("JOSÉ GARCÍA")
LABEL_WORD = rf"(?:Mc)?[{UPPER}][{UPPER}'’.\-]*"  # "McCAIN" too
LABEL_RE = re.compile(  # the turn follows on its line, or alone in the next paragraph
    rf"^[ \t]*(?P<label>{LABEL_WORD}(?: {LABEL_WORD}){{0,5}})"
    rf"(?:, (?P<role>[{UPPER}][{UPPER}'’.\- ]*))?:(?:[ \t]+|[ \t]*(?:\r?\n[ \t]*)+)(?=\S)",
    re.MULTILINE,
)
# Words of page labels and section heads, never of a speaker's label; and words that
# never open one ("THE PRESIDENT:", "IN GAZA:").
PAGE_LABEL_WORDS = {
    "opinion", "see", "also", "special", "coverage", "file", "photo", "photos", "update",
    "updated", "read", "related", "breaking", "watch", "exclusive", "story", "correction",
    "now", "editorial", "report", "prediction", "new", "more", "just", "email", "stat",
    "week", "busted", "fix", "is", "video", "clip", "note", "analysis", "commentary", "live",
    "source", "sources", "credit", "transcript", "editor", "editor's", "editors", "warning",
    "advertisement", "disclaimer", "what", "why", "how", "who", "when", "where", "question",
    "answer", "summary", "background", "context", "bottom", "line", "follow", "subscribe",
    "share", "click", "here", "today", "tonight", "yesterday", "fact", "check", "key",
    "points", "slideshow", "gallery", "graphic", "chart", "map", "timeline", "poll",
    "trending", "investigation", "official", "unidentified", "byline",
}  # fmt: skip
NOT_FIRST_WORDS = {"the", "in", "a", "an", "q", "on", "at", "to", "of"}
ROMAN_NUMERALS = {"II", "III", "IV"}  # "JOHN PAUL II"
SMALL_WORDS = {"OF", "THE", "AND", "FOR"}  # lower case inside a role: "Secretary of State"
MIN_TURNS = 2  # a label that opens this many paragraphs makes the article a dialogue


def find_transcript_turns(doc: Doc, quotes: list[Quote], titles: frozenset[str]) -> list[Claim]:
    """Return one claim per transcript turn; ``titles`` are words of titles and roles that
    lead a label ("president", "secretary") and go to the speaker's role."""
    text = text_of(doc)
    title_words = {title.lower().strip(".") for title in titles}
    labels = [match for match in LABEL_RE.finditer(text) if _is_label(match.group("label"))]
    turns = Counter(match.group("label") for match in labels)
    dialogue = any(count >= MIN_TURNS for count in turns.values())
    speakers = {label for label in turns if dialogue and _full_name(label)}
    in_labels = [range(match.start(), match.end()) for match in labels]
    people = {  # named in the story, not only by a label ("SLIDESHOW:" tagged a person)
        tuple(ent.text.upper().split())
        for ent in doc.ents
        if ent.label_ == "PERSON" and not any(ent.start_char in span for span in in_labels)
    }
    surnames = {name[-1] for name in people} | {label.split()[-1] for label in speakers}
    claims = []
    for match in labels:
        label = match.group("label")
        if label not in speakers and label.split()[-1] not in surnames:
            continue  # not "ZB:" or "U.S.:", initials and places that recur
        name, role = _name_and_role(label, match.group("role"), title_words, people)
        start, end = match.end(), _line_end(text, match.end())
        if not name or end <= start:
            continue
        inside = any(start <= quote.start and quote.end <= end for quote in quotes)
        claims.append(
            Claim.attributed(
                (start, end, "mixed" if inside else "direct"),
                SpeakerMention(name, match.start("label"), "PERSON", role, False, ()),
                sentence_of(doc, start),
                rule=RULE,
                cue=":",
                cue_class="say",
                cue_start=match.start() + match.group(0).rindex(":"),
                evidence=[f"transcript turn: '{label}:' opens its paragraph"],
            )
        )
    return claims


def _line_end(text: str, start: int) -> int:
    """Where the line that starts at ``start`` ends, without its trailing spaces or "\\r"."""
    end = text.find("\n", start)
    return len(text[: end if end != -1 else len(text)].rstrip())


def _full_name(label: str) -> bool:
    """A full name in capitals: two words or more, each of letters ("AMY GOODMAN",
    "MICHAEL O'HANLON", "GEN. INDHA ADDE"), not initials ("ZB") or "U.S."."""
    words = [word.strip(".").replace("'", "").replace("-", "") for word in label.split()]
    return len(words) > 1 and all(len(word) > 1 and word.isalpha() for word in words)


def _is_label(label: str) -> bool:
    """A speaker's label: capitals with letters, no page label's word, and not opening with
    an article or a preposition."""
    words = label.lower().split()
    return (
        any(ch.isalpha() for ch in label)
        and words[0] not in NOT_FIRST_WORDS
        and not any(word in PAGE_LABEL_WORDS for word in words)
    )


def _name_and_role(
    label: str, role: str | None, title_words: set[str], people: set[tuple[str, ...]]
) -> tuple[str, str | None]:
    """The speaker's name in title case and their role: the label's leading title words
    and what follows its comma ("STEVE INSKEEP, HOST" -> "Steve Inskeep", "Host"). A
    person the article names that ends the label is the name ("SECRETARY OF STATE JOHN
    KERRY" -> "John Kerry"); else leading ``title_words`` (lower case) and "of" are the
    role, honorifics none. The name is empty when only a title is left ("SECRETARY OF
    STATE:")."""
    words = label.split()
    named = [len(name) for name in people if len(name) > 1 and tuple(words[-len(name) :]) == name]
    lead = len(words) - max(named) if named else 0
    while not named and lead < len(words) - 1:
        word = words[lead].lower().strip(".")
        if word == "of" and lead + 2 < len(words):
            lead += 2  # "SECRETARY OF STATE": the office's object is the title's too
        elif word in title_words:
            lead += 1
        else:
            break
    if words[lead] in SMALL_WORDS:
        return "", None
    office = [word for word in words[:lead] if word.lower().strip(".") not in HONORIFICS]
    roles = [part for part in (" ".join(office), role or "") if part]
    name = _title_case(" ".join(words[lead:]))
    return name, (_title_case(", ".join(roles)) if roles else None)


def _title_case(words: str) -> str:
    """ "O'HANLON" -> "O'Hanlon", "JOSÉ GARCÍA" -> "José García", "SECRETARY OF STATE" ->
    "Secretary of State", "JOHN PAUL II", "MCCAIN" -> "McCain": each run of letters
    capitalised, small words in lower case, Roman numerals kept."""

    def cased(run: re.Match) -> str:
        word = run.group(0)
        if word in ROMAN_NUMERALS:
            return word
        if word[:2].upper() == "MC" and len(word) > 3:  # "MCCAIN", "McCAIN" -> "McCain"
            return "Mc" + word[2:].capitalize()
        return word.lower() if word in SMALL_WORDS else word.capitalize()

    return re.sub(r"[^\W\d_]+", cased, words)
