"""Rule family ``colon``: a named source, a colon, then what it said.

Covers headline and caption style ("John McCain: Republican Anger Appeals to ‘Bad
Angels’", "Pew Research: “All the samples evaluated ...”"). The name must end
right before the colon, near the start of its sentence. In "Israel hawks to Pope
Francis: Stay out of politics" the name after "to" is the addressee and the words
before it are the source. A line may also open with the quotation, its source after the
colon ("“Corrupt, toxic”: Glenn Greenwald unloads on the CIA").

Example:
    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Marco Rubio: You Don’t Win The Nomination By States.")
    >>> [(doc.text[c.start:c.end], c.speaker_mention) for c in find_colon_claims(doc, [])]
    [('You Don’t Win The Nomination By States', 'Marco Rubio')]
"""

from __future__ import annotations

from spacy.tokens import Doc

from toolkit.attribution.claim import Claim, sent_of, sentence_of, shape_content, text_of
from toolkit.attribution.lexicon import CueLexicon, load_lexicon
from toolkit.attribution.quotes import CLOSING, OPENING, STRAIGHT, Quote
from toolkit.attribution.speakers import SpeakerMention, can_speak, describe_speaker

RULE = "colon"
SOURCE_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
MAX_NAME_START = 4  # tokens allowed before the name ("EXCLUSIVE – Roger Stone:")
MIN_CONTENT_WORDS = 3
QUOTE_MARKS = f" {OPENING}{CLOSING}{STRAIGHT}‘’'"
# Words of a caption ("FILE PHOTO:", "Map:"), a reporting verb or a headline's function
# words before a colon, never of a name or role ("Wrote Trump:", "Letter From The Editor:").
CAPTION_WORDS = {
    "file", "photo", "photos", "video", "watch", "update", "exclusive", "breaking", "live",
    "map", "graphic", "chart", "timeline", "gallery", "slideshow", "infographic",
}  # fmt: skip
NOT_NAME_WORDS = CAPTION_WORDS | {
    "said", "says", "wrote", "writes", "tweeted", "added", "source", "sources",
    "the", "a", "an", "from", "to", "for", "with", "by",
}  # fmt: skip


def find_colon_claims(
    doc: Doc, quotes: list[Quote], gazetteer=None, lexicon: CueLexicon | None = None
) -> list[Claim]:
    """Return a claim for every "Name: statement" sentence whose name is a person or an
    actor the gazetteer knows (the tagger's other guesses before a colon are too often a
    headline's words), or a person's role from the lexicon's ``person_roles``."""
    lexicon = lexicon or load_lexicon()
    claims = []
    for ent in doc.ents:
        if ent.end >= len(doc) or doc[ent.end].text != ":":
            continue
        known = gazetteer is not None and gazetteer.canonical(ent.text) is not None
        if ent.label_ != "PERSON" and not (ent.label_ in SOURCE_LABELS and known):
            continue
        if any(token.lower_ in CAPTION_WORDS for token in ent):
            continue  # "Map: Charlie Hebdo HQ, Paris", a caption the tagger took for a name
        sent = sent_of(ent.root)
        if ent.start - sent.start > MAX_NAME_START or ent.end + 1 >= sent.end:
            continue
        start = doc[ent.end + 1].idx
        line_end = text_of(doc).find("\n", start)
        end = sent.end_char if line_end == -1 else min(sent.end_char, line_end)
        shaped = shape_content(text_of(doc), start, end, quotes)
        if shaped is None or len(text_of(doc)[shaped[0] : shaped[1]].split()) < MIN_CONTENT_WORDS:
            continue
        mention, evidence = describe_speaker(ent.root), f"'{ent.text}:' opens its sentence"
        if ent.root.dep_ == "pobj" and ent.root.head.lower_ == "to":
            to = ent.root.head
            if to.head.i >= to.i or to.head.i < sent.start:
                continue
            mention = describe_speaker(to.head)  # "Israel hawks to Pope Francis:"
            mention = mention._replace(text=text_of(doc)[mention.start : to.idx].strip())
            evidence = f"'{doc[sent.start : ent.end].text}:' opens its sentence"
        claims.append(
            Claim.attributed(
                shaped,
                mention,
                sent,
                rule=RULE,
                cue=":",
                cue_class="say",
                cue_start=doc[ent.end].idx,
                evidence=[evidence],
            )
        )
    taken = {c.cue_start for c in claims}
    claims += _headline_names(doc, quotes, taken, lexicon.person_roles)
    return claims + _quotes_before_sources(doc, quotes, lexicon)


def _quotes_before_sources(doc: Doc, quotes: list[Quote], lexicon: CueLexicon) -> list[Claim]:
    """ "“Russia does not feel threatened”: Estonian Prime Minister calls for missiles": a
    line that opens with a quotation and a colon is the words of the subject of the clause
    after the colon, when that subject can speak."""
    text = text_of(doc)
    claims = []
    for quote in quotes:
        line_start = text.rfind("\n", 0, quote.start) + 1
        after = text[quote.end : quote.end + 3].lstrip(CLOSING + STRAIGHT + "’' ")
        if not after.startswith(":") or text[line_start : quote.start].strip(QUOTE_MARKS):
            continue
        colon = text.index(":", quote.end)
        line_end = text.find("\n", colon)
        end = len(text) if line_end == -1 else line_end
        span = doc.char_span(colon + 1, end, alignment_mode="contract")
        subject = next((t for t in span or () if t.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None or subject.head.i < subject.i or not can_speak(subject, lexicon):
            continue
        shaped = shape_content(text, quote.start, quote.end, quotes)
        if shaped is None or len(text[shaped[0] : shaped[1]].split()) < MIN_CONTENT_WORDS:
            continue  # "“Oppenheimer”: Nolan returns", a title
        claims.append(
            Claim.attributed(
                shaped,
                describe_speaker(subject),
                sentence_of(doc, quote.start),
                rule=RULE,
                cue=":",
                cue_class="say",
                cue_start=colon,
                evidence=[
                    f"a quotation, a colon, then its source '{subject.text}' {subject.head.text}"
                ],
            )
        )
    return claims


def _headline_names(
    doc: Doc, quotes: list[Quote], taken: set[int | None], roles: frozenset[str]
) -> list[Claim]:
    """ "Trump: I haven't softened my stance", "Democratic Senator: Obama choked": a line
    that opens with a few capitalised words, a colon and a statement, where the words end
    with the surname of a person the article names or with a person's role (headlines
    parse badly: the tagger often misses the name)."""
    surnames = {ent[-1].lower_ for ent in doc.ents if ent.label_ == "PERSON"}
    text = text_of(doc)
    claims = []
    for colon in doc:
        if colon.text != ":" or colon.idx in taken or colon.i + 1 >= len(doc):
            continue
        line_start = text.rfind("\n", 0, colon.idx) + 1
        words = [t for t in doc[max(0, colon.i - MAX_NAME_START) : colon.i] if t.idx >= line_start]
        if not words or words[0].idx != line_start or not all(_name_word(t) for t in words):
            continue
        last = words[-1].lower_
        if last not in surnames and last not in roles:
            continue
        sent = sent_of(doc[colon.i + 1])  # the parser may end a sentence at the colon
        line_end = text.find("\n", colon.idx)
        end = sent.end_char if line_end == -1 else min(sent.end_char, line_end)
        shaped = shape_content(text, colon.idx + 1, end, quotes)
        if shaped is None or len(text[shaped[0] : shaped[1]].split()) < MIN_CONTENT_WORDS:
            continue
        name = text[words[0].idx : colon.idx].strip()
        label = "PERSON" if last in surnames else None
        claims.append(
            Claim.attributed(
                shaped,
                SpeakerMention(name, words[0].idx, label, None, False, ()),
                sent,
                rule=RULE,
                cue=":",
                cue_class="say",
                cue_start=colon.idx,
                evidence=[f"'{name}:' opens its line, a person's surname or role"],
            )
        )
    return claims


def _name_word(token) -> bool:
    """A word of a name or role in a headline: capitalised, no verb, no caption word."""
    return (
        (token.is_title or token.pos_ == "PROPN")
        and token.pos_ != "VERB"
        and token.lower_ not in NOT_NAME_WORDS
    )
