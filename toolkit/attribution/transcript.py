"""Rule family ``transcript``: the turns of an interview transcript, each opened by its
speaker's label in capitals ("AMY GOODMAN: ...", "FALLIN: ...", "STEVE INSKEEP, HOST: ...").

A turn is the rest of its paragraph, one claim in the speaker's own words (kind
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
    [('Amy Goodman', 'Welcome'), ('Mary Robinson', 'Thank you, Amy. It is good to be here'), ('Amy Goodman', 'Why now?')]
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from toolkit.attribution.claim import Claim, sentence_of, shape_content, text_of
from toolkit.attribution.quotes import Quote
from toolkit.attribution.speakers import SpeakerMention

RULE = "transcript"
LABEL_RE = re.compile(
    r"^[ \t]*(?P<label>[A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]*){0,5})"
    r"(?:, (?P<role>[A-Z][A-Z'’.\- ]*))?:[ \t]+(?=\S)",
    re.MULTILINE,
)
# Words of page labels and section heads, never of a speaker's label.
PAGE_LABEL_WORDS = {
    "opinion", "see", "also", "special", "coverage", "file", "photo", "photos", "update",
    "updated", "read", "related", "breaking", "watch", "exclusive", "story", "correction",
    "now", "editorial", "report", "prediction", "new", "more", "just", "in", "email", "stat",
    "week", "busted", "fix", "is", "video", "clip", "note", "analysis", "commentary", "live",
    "source", "sources", "credit", "transcript", "editor", "editor's", "editors", "warning",
    "advertisement", "disclaimer", "q", "a", "the", "what", "why", "how", "who", "when",
    "where", "question", "answer", "summary", "background", "context", "bottom", "line",
    "follow", "subscribe", "share", "click", "here", "today", "tonight", "yesterday",
}  # fmt: skip
SMALL_WORDS = {"OF", "THE", "AND", "FOR"}  # lower case inside a role: "Secretary of State"
MIN_TURNS = 2  # a label that opens this many paragraphs makes the article a dialogue
MAX_NAME_WORDS = 3  # "SECRETARY OF STATE JOHN KERRY": the name is at most the last words


def find_transcript_turns(doc: Doc, quotes: list[Quote], titles: frozenset[str]) -> list[Claim]:
    """Return one claim per transcript turn; ``titles`` are words of titles and roles that
    lead a label ("president", "secretary") and go to the speaker's role."""
    text = text_of(doc)
    labels = [match for match in LABEL_RE.finditer(text) if _is_label(match.group("label"))]
    turns = Counter(match.group("label") for match in labels)
    dialogue = any(count >= MIN_TURNS for count in turns.values())
    speakers = {label for label in turns if dialogue and _full_name(label)}
    people = {tuple(ent.text.upper().split()) for ent in doc.ents if ent.label_ == "PERSON"}
    surnames = {name[-1] for name in people} | {label.split()[-1] for label in speakers}
    claims = []
    for match in labels:
        label = match.group("label")
        if label not in speakers and label.split()[-1] not in surnames:
            continue  # not "ZB:" or "U.S.:", initials and places that recur
        line_end = text.find("\n", match.end())
        shaped = shape_content(text, match.end(), len(text) if line_end == -1 else line_end, quotes)
        if shaped is None:
            continue
        start, end, kind = shaped
        name, role = _name_and_role(label, match.group("role"), titles, people)
        mention = SpeakerMention(name, match.start("label"), "PERSON", role, False, ())
        claims.append(
            Claim.attributed(
                (start, end, "direct" if kind == "indirect" else kind),
                mention,
                sentence_of(doc, start),
                rule=RULE,
                cue=":",
                cue_class="say",
                cue_start=match.start() + match.group(0).rindex(":"),
                evidence=[f"transcript turn: '{label}:' opens its paragraph"],
            )
        )
    return claims


def _full_name(label: str) -> bool:
    """A full name in capitals: two words or more, each of letters ("AMY GOODMAN",
    "MICHAEL O'HANLON", "GEN. INDHA ADDE"), not initials ("ZB") or "U.S."."""
    words = [word.strip(".").replace("'", "").replace("-", "") for word in label.split()]
    return len(words) > 1 and all(len(word) > 1 and word.isalpha() for word in words)


def _is_label(label: str) -> bool:
    """A speaker's label: capitals only, with letters, and no page label's word."""
    words = label.lower().split()
    return any(ch.isalpha() for ch in label) and not any(w in PAGE_LABEL_WORDS for w in words)


def _name_and_role(
    label: str, role: str | None, titles: frozenset[str], people: set[tuple[str, ...]]
) -> tuple[str, str | None]:
    """The speaker's name in title case and their role: the label's leading title words
    and what follows its comma ("STEVE INSKEEP, HOST" -> "Steve Inskeep", "Host"). A
    person the article names that ends the label is the name ("SECRETARY OF STATE JOHN
    KERRY" -> "John Kerry"); else leading titles and "of" are the role."""
    words = label.split()
    named = [len(name) for name in people if tuple(words[-len(name) :]) == name]
    lead = len(words) - max(named) if named else 0
    title_words = {title.lower().strip(".") for title in titles}
    while not named and lead < len(words) - 1:
        word = words[lead].lower().strip(".")
        if word == "of" and lead + 2 < len(words):
            lead += 2  # "SECRETARY OF STATE": the office's object is the title's too
        elif word in title_words:
            lead += 1
        else:
            break
    roles = [part for part in (" ".join(words[:lead]), role or "") if part]
    name = " ".join(_title_case(word) for word in words[lead:])
    return name, (_title_case(", ".join(roles)) if roles else None)


def _title_case(words: str) -> str:
    """ "O'HANLON" -> "O'Hanlon", "JAE-IN" -> "Jae-In", "SECRETARY OF STATE" -> "Secretary
    of State": each part after a mark capitalised, small words in lower case."""
    return re.sub(
        r"[A-Z]+",
        lambda m: m.group(0).lower() if m.group(0) in SMALL_WORDS else m.group(0).capitalize(),
        words,
    )
